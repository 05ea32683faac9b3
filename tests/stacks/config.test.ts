import { parseConfigValue, validateStackConfig } from "../../stacks/config/load";

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
      "is not a known key; allowed keys here: environment,",
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
  });
});

describe("parseConfigValue", () => {
  test("structured values arrive as JSON, plain strings stay strings", () => {
    expect(parseConfigValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseConfigValue("true")).toBe(true);
    expect(parseConfigValue("westeurope")).toBe("westeurope");
  });
});
