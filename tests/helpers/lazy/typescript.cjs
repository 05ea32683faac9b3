"use strict";
// @pulumi/pulumi's `typescript`, loaded on first use (scripts/lazySdkModules.cjs).
module.exports = require("../../../scripts/lazySdkModules.cjs").lazyModule(() => require("typescript"));
