#!/usr/bin/env bash
# Release of @azint/components: checks, builds, tests and packs. Publishing stays a deliberate, separate step:
#   npm publish <the printed tarball>   (publishConfig.access is "restricted": the @azint scope's registry only)
# Usage: scripts/release.sh [--skip-tests]
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(node -p 'require("./package.json").version')"
if ! grep -q "^## \[$version\]" CHANGELOG.md; then
  echo "CHANGELOG.md has no section for $version: move the Unreleased entries under '## [$version] - <date>'" >&2
  exit 1
fi
if [[ -n "$(git status --porcelain)" ]]; then
  echo "the working tree has uncommitted changes: release from a clean checkout" >&2
  exit 1
fi
rm -rf dist
npm run build
# The declarations as a strict consumer with skipLibCheck off sees them (slow, so not in npm test).
npx tsc -p tsconfig.dist-check.json
[[ "${1:-}" == "--skip-tests" ]] || npm test # includes the consumer example from the packed tarball
mkdir -p out
tarball="$(npm pack --silent --pack-destination out | tail -1)"
echo "packed out/$tarball ($version); publish with: npm publish out/$tarball"
