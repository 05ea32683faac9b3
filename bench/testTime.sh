#!/usr/bin/env bash
# `npm run bench:test`: wall and CPU time of `npm test` (goal: ≤ 90 s on a quiet 2-core machine, README
# "Performance") in three cache states, one after the other:
#   cold   every cache removed, as on a clean clone after `npm ci`: Jest's transform cache, the TypeScript require
#          hook's cache (node_modules/.cache/azint-ts), the ESLint, Prettier and tsc caches, dist/;
#   checks the Jest and require-hook caches kept, the ESLint, Prettier and tsc caches and dist/ removed (how the
#          earlier rounds measured: their checks had no cache);
#   warm   every cache kept: a second `npm test` after an edit-free first one.
# CPU is user + system time of npm test and all its processes; on two cores, half of it bounds the wall time from
# below. Usage: bench/testTime.sh [--reps N] (default 1 run per state).
set -uo pipefail
cd "$(dirname "$0")/.."
reps=1
[[ "${1:-}" == "--reps" ]] && reps="${2:?--reps N}"

clear_checks() { rm -rf node_modules/.cache/eslint node_modules/.cache/prettier node_modules/.cache/tsc dist; }
clear_all() {
  clear_checks
  rm -rf node_modules/.cache/azint-ts
  node_modules/.bin/jest --clearCache >/dev/null
}

run() { # state: one npm test, printing "state wall cpu"
  local out
  out="$(mktemp)"
  local TIMEFORMAT="%R %U %S"
  local t
  t="$({ time npm test >"$out" 2>&1; } 2>&1)"
  local code=$?
  read -r wall user sys <<<"$t"
  local tests
  tests="$(grep -Eo '^Tests: +[0-9]+ passed' "$out" | grep -Eo '[0-9]+' | tail -1)"
  if [[ $code -ne 0 ]]; then
    tail -30 "$out" >&2
    echo "npm test failed in state $1 (exit $code)" >&2
    rm -f "$out"
    exit 1
  fi
  rm -f "$out"
  printf '| %s | %.1f s | %.1f s | %s |\n' "$1" "$wall" "$(awk "BEGIN { print $user + $sys }")" "${tests:-?}"
}

echo "node $(node --version), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| caches | wall | CPU (user + sys) | tests |"
echo "|---|---:|---:|---:|"
for ((i = 0; i < reps; i++)); do
  clear_all
  run cold
  clear_checks
  run checks
  run warm
done
