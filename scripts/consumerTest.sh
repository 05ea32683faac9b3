#!/usr/bin/env bash
# Tests the package the way another team uses it (README "Use the components in your own program"):
#   1. build (tsc -p tsconfig.build.json) and `npm pack`;
#   2. check the tarball: compiled JS and .d.ts for every component module, nothing but dist/ and the docs;
#   3. install the tarball into a clean temporary directory holding examples/consumer;
#   4. require the root and every service entry point: nothing registered, nothing thrown;
#   5. type-check the example with its strict tsconfig (noUncheckedIndexedAccess, exactOptionalPropertyTypes);
#   6. run it under Pulumi's runtime mocks (a) with plain node on the compiled JavaScript and (b) through the
#      TypeScript loader Pulumi uses for `pulumi up` (cmd/run/run.js with its ts-node), checking the inputs that
#      reach azure-native.
# Default install: the tarball is unpacked into node_modules as npm does for a dependency without dependencies,
# and the peers (@pulumi/pulumi, @pulumi/azure-native) and typescript are linked from this repository's
# node_modules, which keeps it fast and offline. With --npm-install, `npm install` installs the tarball and the
# peers from the registry (SDK_VERSION picks @pulumi/pulumi, default the version this repository pins); the CI's
# Node 24 step uses that.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
install=link
[[ "${1:-}" == "--npm-install" ]] && install=npm
work="$(mktemp -d "${TMPDIR:-/tmp}/azint-consumer-XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$root"

npm run -s build
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -1)"

node - "$tarball" <<'NODE'
// Every components/**/*.ts has its .js and .d.ts in the tarball; nothing outside dist/ but the docs.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const files = execFileSync("tar", ["-tzf", process.argv[2]], { encoding: "utf8" })
  .split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
const problems = [];
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
  d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]);
for (const src of walk("components").filter((f) => f.endsWith(".ts"))) {
  const base = src.replace(/^components\//, "dist/").replace(/\.ts$/, "");
  for (const ext of [".js", ".d.ts"]) if (!files.includes(base + ext)) problems.push(`missing ${base + ext}`);
}
const allowed = /^(dist\/.*\.(js|js\.map|d\.ts)|package\.json|README\.md|CHANGELOG\.md|LICENSE|components\/[a-z]+\/README\.md)$/;
for (const f of files) if (!allowed.test(f)) problems.push(`unexpected file ${f}`);
if (problems.length) { console.error(`tarball ${path.basename(process.argv[2])}:\n${problems.join("\n")}`); process.exit(1); }
console.log(`tarball: ${files.length} files, compiled JS and .d.ts for every component module`);
NODE

app="$work/app"
mkdir -p "$app"
cp -r examples/consumer/. "$app/"
rm -rf "$app/node_modules" "$app/bin"
cd "$app"
if [[ "$install" == link ]]; then
  mkdir -p node_modules/@azint/components node_modules/@pulumi node_modules/@types
  tar -xzf "$tarball" -C node_modules/@azint/components --strip-components=1
  for dep in @pulumi/pulumi @pulumi/azure-native typescript @types/node; do
    ln -s "$root/node_modules/$dep" "node_modules/$dep"
  done
else
  sdk="${SDK_VERSION:-$(node -p "require('$root/node_modules/@pulumi/pulumi/package.json').version")}"
  native="$(node -p "require('$root/node_modules/@pulumi/azure-native/package.json').version")"
  npm install --no-audit --no-fund --prefer-offline --no-save "$tarball" "@pulumi/pulumi@$sdk" \
    "@pulumi/azure-native@$native" typescript@5 "@types/node@$(node -p 'process.versions.node.split(".")[0]')" >/dev/null
fi

node test/imports.js
node node_modules/typescript/bin/tsc -p tsconfig.json
echo "type-check: strict tsconfig passed"
node test/run.js compiled
node test/run.js pulumi
