/*
 * Jest `globalSetup`: one folder per run for the shared plans of the shipped stacks (tests/helpers/sharedPlans.ts).
 * Workers start after this and inherit the variable; `globalTeardown` (sharedPlansTeardown.cjs) removes the folder.
 * A run of every test file plans all shipped stacks here, two processes at a time, so that no worker waits idle for
 * a plan another worker is making; a run of selected files (a path pattern) plans only what its files ask for.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export default async function setup(globalConfig: { testPathPattern?: string; testPathPatterns?: unknown }) {
  process.env.AZINT_SHARED_PLANS = fs.mkdtempSync(path.join(os.tmpdir(), "shared-plans-"));
  const selected =
    globalConfig.testPathPattern || (globalConfig.testPathPatterns as { patterns?: string[] })?.patterns?.length;
  if (selected) return;
  // Loaded after the variable is set: the module reads it once.
  const { planShippedStacks } = await import("./sharedPlans");
  await planShippedStacks(2);
}
