"use strict";
// @pulumi/pulumi's Automation API (`pulumi.automation`), loaded on first use (scripts/lazySdkModules.cjs).
module.exports = require("../../../scripts/lazySdkModules.cjs").lazyModule(() => require("@pulumi/pulumi/automation"));
