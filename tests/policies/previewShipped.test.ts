/** @slow plans prod in-process as a preview of a new stack (tests/helpers/testSequencer.cjs) */
import { runPlan } from "../../planner/plan";
import { policies } from "../../policies/pack";
import { projectDir } from "../helpers/runPlanCli";

/**
 * The shipped prod stack planned as `pulumi preview` of a new stack sees it (ids and computed outputs unknown), under
 * policies/config/prod.json: the same mandatory verdict as the update-mode plan (none: tests/stacks and
 * tests/policies/prodVariants.test.ts plan it in update mode), and a rule that can't decide in a preview is one
 * whose README row says why (`previewGap`) and what covers it.
 */
test("prod in preview mode: no mandatory violation; only rules with a documented preview gap can't run", async () => {
  const report = await runPlan({ projectDir, stack: "prod", preview: true });
  expect(report.error).toBeUndefined();
  expect(report.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  const undecided = [...new Set(report.violations.filter((v) => v.previewUnknown).map((v) => v.policy))];
  const documented = new Set(policies.filter((p) => p.previewGap).map((p) => p.name));
  expect(undecided.filter((p) => !documented.has(p))).toEqual([]);
  // The stacks give Batch ids composed from names (stacks/build/batch.ts): its mandatory rules decide in the preview.
  expect(undecided.filter((p) => p.startsWith("batch-"))).toEqual([]);
}, 120_000);
