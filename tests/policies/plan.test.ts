import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT_INVALID_CONFIG, EXIT_MANDATORY_VIOLATION, planJson, runPlan } from "../../planner/plan";
import { renderViolations } from "../../planner/report";
import { projectDir } from "../helpers/runPlanCli";

/**
 * The offline plan with the policy pack, in-process (a CLI spawn costs seconds; planCli tests cover the CLI itself):
 * the dev stack under the prod policy config violates mandatory rules (exit 1); an invalid policy config is refused.
 */
describe("runPlan with the policy pack", () => {
  test("mandatory violations exit 1 and are printed with level and severity; bad policy config exits 2", async () => {
    const report = await runPlan({
      projectDir,
      stack: "dev",
      policyConfigFile: path.join(projectDir, "policies", "config", "prod.json"),
    });
    expect(report.error).toBeUndefined();
    expect(report.exitCode).toBe(EXIT_MANDATORY_VIOLATION);
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(mandatory.length).toBeGreaterThan(0);
    expect(mandatory.every((v) => v.urn !== undefined && v.severity !== undefined)).toBe(true);
    // Every finding names the stack config key behind the resource, and the setting that fixes it where the rule has one.
    const pna = mandatory.find((v) => v.policy.endsWith("-public-network-access-disabled"))!;
    expect(pna.configKey).toMatch(/^[a-z]+\.[a-zA-Z]+\./);
    expect(pna.fix).toBe(`${pna.configKey}.publicNetworkAccess: Disabled`);
    expect(JSON.parse(planJson(report)).violations).toContainEqual(
      expect.objectContaining({ policy: pna.policy, configKey: pna.configKey, fix: pna.fix }),
    );
    expect(renderViolations([pna])).toContain(`\n      config key: ${pna.configKey}; set ${pna.fix}`);
    // Printed as the analyzer words it: the policy's description, then the finding on the next (indented) line.
    expect(renderViolations(report.violations)).toMatch(
      /\[mandatory, high\] \S+-public-network-access-disabled \S+: [^\n]+ disable public network access\.\n {6}publicNetworkAccess is "Enabled"/,
    );

    // The program is not re-run (one plan per process), but the policy config is read and validated first.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ "servicebus-queue-dead-letter": { maxMaxDeliveryCount: "ten" } }));
    const refused = await runPlan({ projectDir, stack: "dev", policyConfigFile: bad });
    expect(refused.exitCode).toBe(EXIT_INVALID_CONFIG);
    expect(refused.error).toContain(
      "servicebus-queue-dead-letter: maxMaxDeliveryCount: invalid type, expected integer, given string",
    );
  });
});
