"use strict";
// @pulumi/pulumi's `@npmcli/arborist`, loaded on first use (tests/helpers/jestResolver.cjs).
module.exports = require("./lazyModule.cjs")(() => require("@npmcli/arborist"));
