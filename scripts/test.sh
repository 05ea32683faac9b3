#!/usr/bin/env bash
# `npm test`: the type-check, ESLint, Prettier's check and Jest, arranged so that both cores stay busy.
#   1. The library build (`tsc -b tsconfig.build.json`: the type-check of components/, and the dist/ that the
#      consumer test packs) beside ESLint and Prettier.
#   2. Jest beside the type-check of everything else (`tsc -b tsconfig.json`: stacks, planner, policies, tests, ...
#      against the components' declarations; the build is up to date by then, so nothing is written twice).
# ESLint and Prettier keep a cache of the files they passed in node_modules/.cache (content hashes: an edited file is
# checked again; `npm ci` empties it). A failed build stops before Jest. The checks' output is printed when they
# fail; each ends with one line.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=node_modules/.bin
logs="$(mktemp -d "${TMPDIR:-/tmp}/azint-test-XXXXXX")"
trap 'rm -rf "$logs"' EXIT

declare -A status
finish() { # name pid: wait for a background check and record its exit status
  wait "$2"
  status[$1]=$?
}
report() { # name...: print each check's result line, and its output when it failed
  for name in "$@"; do
    if [[ "${status[$name]}" == 0 ]]; then
      echo "$name: passed"
    else
      cat "$logs/$name"
      echo "$name: FAILED (exit ${status[$name]})"
    fi
  done
}

"$bin/tsc" -b tsconfig.build.json >"$logs/build" 2>&1 &
build=$!
"$bin/eslint" --cache --cache-location node_modules/.cache/eslint/ . >"$logs/eslint" 2>&1 &
eslint=$!
"$bin/prettier" --check --cache --cache-location node_modules/.cache/prettier/cache.json . >"$logs/prettier" 2>&1 &
prettier=$!
finish build $build

if [[ "${status[build]}" != 0 ]]; then
  finish eslint $eslint
  finish prettier $prettier
  report build eslint prettier
  exit 1
fi

"$bin/tsc" -b tsconfig.json >"$logs/typecheck" 2>&1 &
typecheck=$!
"$bin/jest"
status[jest]=$?
finish eslint $eslint
finish prettier $prettier
finish typecheck $typecheck
report build typecheck eslint prettier
for name in build typecheck eslint prettier jest; do
  [[ "${status[$name]}" == 0 ]] || exit 1
done
