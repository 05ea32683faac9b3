import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectDir, runPlanCli } from "../helpers/runPlanCli";
import { SharedPlan, sharedPlan } from "../helpers/sharedPlans";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
};

describe("npm run plan (end to end, one process per plan)", () => {
  const json = path.join(tmp, "dev.json");
  const diagram = path.join(tmp, "dev.mmd");
  let first: ReturnType<typeof runPlanCli>;
  let second: SharedPlan;
  beforeAll(() => {
    first = runPlanCli(["--stack", "dev", "--json", json, "--diagram", diagram]);
    // Another process with other flags (--config, --quiet, the other outputs): the run's shared plan of dev.
    second = sharedPlan("stacks/Pulumi.dev.yaml");
  });

  test("the dev stack plans with exit 0, lists its resources, and writes JSON and a diagram", () => {
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("azure-native:resources:ResourceGroup  rg");
    expect(first.stdout).toMatch(/Resources by type \(\d+ cloud resources/);
    expect(first.stdout).toContain("Result: plan is valid (exit 0)");
    const plan = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(plan.stack).toBe("dev");
    const rgRes = plan.resources.find((x: { type: string }) => x.type === "azure-native:resources:ResourceGroup");
    expect(rgRes).toMatchObject({
      name: "rg",
      inputs: { resourceGroupName: "rg-integration-dev", location: "westeurope" },
      protect: false,
    });
    // Each resource names the config key it was built from (absent where none did, e.g. the resource group).
    const audit = plan.resources.find((x: { name: string }) => x.name === "sb-orders-queue/audit");
    expect(audit.configKey).toBe("servicebus.namespaces.orders.queues.audit");
    expect(rgRes.configKey).toBeUndefined();
    expect(Object.keys(audit).sort()).toEqual([
      "configKey",
      "dependencies",
      "inputs",
      "name",
      "parent",
      "protect",
      "type",
      "urn",
    ]);
    // Dev runs the policy pack advisory-only (policies/config/dev.json): findings, but none mandatory.
    expect(plan.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel !== "advisory")).toEqual([]);
    expect(fs.readFileSync(diagram, "utf8")).toMatch(/^flowchart LR/);
  });

  test("two plans of the same config give identical JSON", () => {
    expect(second.status).toBe(0);
    expect(fs.readFileSync(second.outputs.json, "utf8")).toBe(fs.readFileSync(json, "utf8"));
  });

  test("a violated mandatory policy gives exit 1 and is printed with its level", () => {
    // An empty policy config: the policy's own (mandatory) level applies. (Precedence is unit-tested in policyEngine.)
    const r = runPlanCli([
      "--policy-config",
      file("empty.json", "{}"),
      "--stack",
      "dev",
      "--quiet",
      "--policy-module",
      path.join(projectDir, "tests/fixtures/mandatoryPolicy.ts"),
    ]);
    expect(r.status).toBe(1);
    // As the analyzer prints it: the policy's description, then the finding; then the config key behind the resource.
    expect(r.stdout).toContain(
      "[mandatory] test-no-user-assigned-identities id-orders-app: Test only: user-assigned identities are forbidden.\n" +
        "      user-assigned identities are forbidden (test policy)\n      config key: identities.orders-app",
    );
    expect(r.stdout).toContain("Result: a mandatory policy is violated (exit 1)");
  });
});
