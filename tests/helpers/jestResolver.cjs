/*
 * Jest's module resolution with one change: inside @pulumi/pulumi, `typescript` (its closure serializer's parser,
 * via typescript-shim.js) and `@npmcli/arborist` (the code-path walker for function serialization) resolve to lazy
 * stand-ins (tests/helpers/lazy/) that load the real module on first use. The SDK requires both when it is loaded,
 * although only serializing a function (dynamic providers, callbacks) uses them: 9 MB of TypeScript and about 500
 * modules, which every test file (each one its own module registry) compiled again. Nothing else changes: a test
 * that serializes a function gets the real modules, and code outside the SDK resolves as before.
 */
"use strict";
const path = require("path");

const lazy = {
  typescript: path.join(__dirname, "lazy", "typescript.cjs"),
  "@npmcli/arborist": path.join(__dirname, "lazy", "arborist.cjs"),
};
const pulumiSdk = `${path.sep}node_modules${path.sep}@pulumi${path.sep}pulumi${path.sep}`;

module.exports = (request, options) => {
  if (Object.hasOwn(lazy, request) && `${options.basedir}${path.sep}`.includes(pulumiSdk)) return lazy[request];
  return options.defaultResolver(request, options);
};
