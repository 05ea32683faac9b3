import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateStackConfig } from "../../stacks/config/load";
import { runPlanCli } from "../helpers/runPlanCli";

// A SQL filter or action Azure would refuse at deploy is a config error with the key path and the error's position,
// from the parser the router evaluates with (components/servicebus/sql).

const sub = "servicebus.namespaces.orders.topics.events.subscriptions.s";

function configWith(rule: Record<string, unknown>, where: "rules" | "defaultRule" = "rules") {
  const s = where === "rules" ? { rules: { r: rule } } : { defaultRule: rule };
  return {
    environment: "dev",
    servicebus: { namespaces: { orders: { topics: { events: { subscriptions: { s } } } } } },
  };
}

describe("SQL filters and actions are checked at config time", () => {
  test.each<[string, Record<string, unknown>, "rules" | "defaultRule", string, string[]]>([
    [
      "a filter that does not parse",
      { sqlFilter: "amount >" },
      "rules",
      `${sub}.rules.r.sqlFilter`,
      ["expected a value", "line 1, column 9 (offset 8)"],
    ],
    [
      "an unknown system property",
      { sqlFilter: "sys.Labl = 'vip'" },
      "rules",
      `${sub}.rules.r.sqlFilter`,
      ["sys.Labl is not a system property", "line 1, column 5 (offset 4)"],
    ],
    [
      "an error on the second line",
      { sqlFilter: "amount > 1000\nAND region IN ('eu',)" },
      "rules",
      `${sub}.rules.r.sqlFilter`,
      ["line 2, column 21 (offset 34)"],
    ],
    [
      "an action that does not parse",
      { sqlFilter: "amount > 1000", action: "SET priority 'high'" },
      "rules",
      `${sub}.rules.r.action`,
      ["is not a valid Service Bus SQL action", "expected '='", "offset 13"],
    ],
    [
      "an action on an unknown system property",
      { correlationFilter: { label: "x" }, action: "SET sys.Priority = 1" },
      "rules",
      `${sub}.rules.r.action`,
      ["sys.Priority is not a system property"],
    ],
    [
      "a $Default replacement that does not parse",
      { sqlFilter: "region LIKE" },
      "defaultRule",
      `${sub}.defaultRule.sqlFilter`,
      ["offset 11"],
    ],
  ])("%s", (_name, rule, where, key, fragments) => {
    const { config, violations } = validateStackConfig(configWith(rule, where));
    expect(config).toBeUndefined();
    const v = violations.find((x) => x.path === key);
    expect(v).toBeDefined();
    for (const f of fragments) expect(v!.message).toContain(f);
  });

  test.each([
    { sqlFilter: "sys.Label LIKE '%bus%' OR user.tag IN ('queue', 'topic')", action: "SET sys.To = 'x'; REMOVE tag" },
    { sqlFilter: "EXISTS(region) AND [HR-Id] <> 'x'" },
    { correlationFilter: { label: "order.created", properties: { region: "eu" } }, action: "SET priority = 'high'" },
  ])("a valid rule passes: %j", (rule) => {
    const { violations } = validateStackConfig(configWith(rule));
    expect(violations.filter((v) => v.path.startsWith(sub))).toEqual([]);
  });
});

test("npm run plan exits 2 with the key path and the position of an invalid SQL filter", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-sql-"));
  const file = path.join(dir, "Pulumi.badsql.yaml");
  fs.writeFileSync(
    file,
    [
      "config:",
      "  azure-integration:environment: dev",
      "  azure-integration:servicebus:",
      "    namespaces:",
      "      orders:",
      "        topics:",
      "          events:",
      "            subscriptions:",
      "              big:",
      "                rules:",
      '                  large: { sqlFilter: "amount >> 1000" }',
      "",
    ].join("\n"),
  );
  const r = runPlanCli(["--config", file, "--quiet"]);
  expect(r.status).toBe(2);
  const out = r.stdout + r.stderr;
  expect(out).toContain("servicebus.namespaces.orders.topics.events.subscriptions.big.rules.large.sqlFilter");
  expect(out).toContain("line 1, column 9 (offset 8)");
  expect(out).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
});
