import { runPlan } from "../../planner/plan";
import { parseConfigValue, validateStackConfig } from "../../stacks/config/load";
import { projectDir } from "../helpers/runPlanCli";

describe("validateStackConfig", () => {
  test("a minimal config is valid", () => {
    const { config, violations } = validateStackConfig({ environment: "dev" });
    expect(violations).toEqual([]);
    expect(config?.environment).toBe("dev");
  });

  test.each([
    ["missing environment", {}, "environment", undefined, "is required"],
    [
      "unknown environment",
      { environment: "staging" },
      "environment",
      "staging",
      'is not allowed; allowed: "dev", "test", "prod"',
    ],
    [
      "unknown top-level key",
      { environment: "dev", storag: {} },
      "storag",
      {},
      "is not a known key (did you mean 'storage'?); allowed keys here: environment,",
    ],
    [
      "unknown nested key",
      { environment: "dev", storage: { a: { colour: "x" } } },
      "storage.a.colour",
      "x",
      "is not a known key; allowed keys here: name,",
    ],
    ["wrong type", { environment: "dev", protect: "yes" }, "protect", "yes", "has the wrong type; expected boolean"],
    [
      "out of range",
      { environment: "dev", monitoring: { logAnalytics: { retentionInDays: 10 } } },
      "monitoring.logAnalytics.retentionInDays",
      10,
      "is too small; the minimum is 30",
    ],
    [
      "a principal without principalType says what is missing and the allowed types",
      {
        environment: "dev",
        rbac: {
          roleAssignments: {
            x: { role: "Reader", principal: { principalId: "7d3c1e2a-4b5f-4c6d-8e7f-9a0b1c2d3e4f" } },
          },
        },
      },
      "rbac.roleAssignments.x.principal.principalType",
      undefined,
      'is required; allowed: "User", "Group", "ServicePrincipal", "ForeignGroup", "Device"',
    ],
    [
      "a wrong kind lists the kinds",
      {
        environment: "dev",
        eventgrid: { topics: { t: { subscriptions: { s: { destination: { kind: "serviceBusQueeu" } } } } } },
      },
      "eventgrid.topics.t.subscriptions.s.destination.kind",
      "serviceBusQueeu",
      "is not allowed (did you mean 'serviceBusQueue'?); allowed: serviceBusQueue, serviceBusTopic, eventHub,",
    ],
    [
      "bad map key",
      { environment: "dev", identities: { "bad key": {} } },
      "identities.bad key",
      undefined,
      "keys are 1-63 letters",
    ],
  ])("%s", (_case, raw, path, value, message) => {
    const { config, violations } = validateStackConfig(raw as Record<string, unknown>);
    expect(config).toBeUndefined();
    const v = violations.find((x) => x.path === path);
    expect(v).toBeDefined();
    if (value !== undefined) expect(v!.value).toEqual(value);
    expect(v!.message).toContain(message);
    // Each finding once.
    expect(new Set(violations.map((x) => `${x.path} ${x.message}`)).size).toBe(violations.length);
  });
});

describe("parseConfigValue", () => {
  test("a missing --stack lists the stacks", async () => {
    const report = await runPlan({ projectDir, stack: "staging" });
    expect(report.exitCode).toBe(2);
    expect(report.error).toMatch(/Pulumi\.staging\.yaml does not exist; stacks: dev, platform, prod,/);
  });

  test("structured values arrive as JSON, plain strings stay strings", () => {
    expect(parseConfigValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseConfigValue("true")).toBe(true);
    expect(parseConfigValue("westeurope")).toBe("westeurope");
  });
});
