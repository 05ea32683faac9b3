/** @slow plans every shipped stack as a process and parses every diagram (tests/helpers/testSequencer.cjs) */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { SharedPlan, sharedPlan, shippedStackFiles } from "../helpers/sharedPlans";

/**
 * Every shipped stack (stacks/Pulumi.*.yaml, tests/fixtures/stacks/Pulumi.*.yaml) planned as a user would, with
 * both diagram views and the Markdown report, and every Mermaid diagram among them parsed by the official parser
 * (the `mermaid` package under jsdom, tests/planner/diagramParse.mjs). The plans are the run's shared plans
 * (tests/helpers/sharedPlans.ts): team stacks get their platform's outputs from the platform's plan.
 */

describe("diagrams and the report for every shipped stack", () => {
  let results: SharedPlan[] = [];
  beforeAll(() => {
    results = shippedStackFiles.map(sharedPlan);
  }, 300_000);

  test("each stack plans (exit 0 or 1) and writes the event-flow view, the network view and the report", () => {
    expect(shippedStackFiles.length).toBeGreaterThanOrEqual(9);
    for (const r of results) {
      // Exit 1 (a mandatory policy) still writes the views and the report; exit 2 or 3 does not: show why.
      const why = r.status !== 0 && r.status !== 1 ? `${r.stdout}${r.stderr}`.slice(-2000) : "";
      expect({ file: r.file, code: r.status, why }).toEqual({ file: r.file, code: r.status === 1 ? 1 : 0, why: "" });
      expect(fs.readFileSync(r.outputs.flow, "utf8")).toMatch(/^flowchart LR\n/);
      expect(fs.readFileSync(r.outputs.network, "utf8")).toMatch(/^flowchart LR\n/);
      const md = fs.readFileSync(r.outputs.markdown, "utf8");
      expect(md).toMatch(/^## Offline plan of `.+`: (✅|❌) /);
      expect(md.match(/```mermaid\n/g)).toHaveLength(2);
    }
  });

  test("every diagram (the two views and the report's blocks) parses with the official Mermaid parser", () => {
    // What the plans wrote (a stack that could not be planned fails the test above).
    const files = results
      .flatMap((r) => [r.outputs.flow, r.outputs.network, r.outputs.markdown])
      .filter((f) => fs.existsSync(f));
    const parsed = spawnSync(process.execPath, [path.join(__dirname, "diagramParse.mjs"), ...files], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(parsed.stderr).toBe("");
    const outcome = JSON.parse(parsed.stdout) as { file: string; block: number; error?: string }[];
    expect(outcome.length).toBeGreaterThanOrEqual(files.length);
    expect(outcome.filter((x) => x.error)).toEqual([]);
  });
});
