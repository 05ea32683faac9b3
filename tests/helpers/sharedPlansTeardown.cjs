/* Jest `globalTeardown`: removes the run's folder of shared plans (tests/helpers/sharedPlansSetup.ts). */
"use strict";
const fs = require("fs");

module.exports = async () => {
  const dir = process.env.AZINT_SHARED_PLANS;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
