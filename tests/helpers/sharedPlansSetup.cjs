/*
 * Jest `globalSetup`: one folder per run for the shared plans of the shipped stacks (tests/helpers/sharedPlans.ts).
 * Workers start after this and inherit the variable; `globalTeardown` (sharedPlansTeardown.cjs) removes the folder.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = async () => {
  process.env.AZINT_SHARED_PLANS = fs.mkdtempSync(path.join(os.tmpdir(), "shared-plans-"));
};
