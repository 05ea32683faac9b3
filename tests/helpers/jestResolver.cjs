/*
 * Jest's module resolution, except that inside @pulumi/pulumi the modules it loads eagerly but uses only to
 * serialize functions resolve to stand-ins that load them on first use (scripts/lazySdkModules.cjs): half of the
 * SDK's load time, which every test file (each one its own module registry) paid again. The stand-in of a request
 * is tests/helpers/lazy/<last part of its name>.cjs.
 */
"use strict";
const path = require("path");
const { isLazy } = require("../../scripts/lazySdkModules.cjs");

module.exports = (request, options) =>
  isLazy(request, options.basedir)
    ? path.join(__dirname, "lazy", `${path.basename(request)}.cjs`)
    : options.defaultResolver(request, options);
