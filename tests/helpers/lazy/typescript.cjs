"use strict";
// @pulumi/pulumi's `typescript`, loaded on first use (tests/helpers/jestResolver.cjs).
module.exports = require("./lazyModule.cjs")(() => require("typescript"));
