"use strict";
// @pulumi/pulumi's `@npmcli/arborist`, loaded on first use (scripts/lazySdkModules.cjs).
module.exports = require("../../../scripts/lazySdkModules.cjs").lazyModule(() => require("@npmcli/arborist"));
