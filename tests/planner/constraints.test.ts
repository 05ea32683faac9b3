import { azureNameRules } from "../../components/core/azureNames";
import * as fs from "fs";
import * as path from "path";
import { simulatedTypes } from "../../planner/arm";
import { autoName, autoNameKind } from "../../planner/arm/autoName";
import { brokenRules, checkInputs } from "../../planner/arm/constraints/check";
import { armConstraints } from "../../planner/arm/constraints";
import type { PropertyRule, TypeConstraints } from "../../planner/arm/constraints/types";

/**
 * The ARM constraint tables, driven by the tables themselves: for every rule of every type, an input that breaks it
 * is reported at its path with the rule's source, and the kinds Azure does not enforce (extensible enums) or the
 * plan cannot know (preview unknowns, secrets) are not.
 */

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; // the engine's preview sentinel

/** Sets `value` at a rule path, creating objects and one-item arrays on the way; returns the concrete path. */
function build(rulePath: string, value: unknown): { inputs: Record<string, unknown>; at: string } {
  const inputs: Record<string, unknown> = {};
  let here: Record<string, unknown> = inputs;
  const at: string[] = [];
  const segments = rulePath.split(".");
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    const key = seg.replace(/\[\]$/, "");
    const array = seg.endsWith("[]");
    at.push(array ? `${key}[0]` : key);
    if (last) {
      if (value !== undefined) here[key] = array ? [value] : value;
      else if (array) here[key] = [];
      return;
    }
    const child: Record<string, unknown> = {};
    here[key] = array ? [child] : child;
    here = child;
  });
  return { inputs, at: at.join(".") };
}

/** A value that breaks `pattern` (as the checker reads it). */
function breaking(rule: PropertyRule): string {
  const candidates = ["#", "a b", "-", "_x_", "Upper-Case", "a..b", "a.", "ab--cd", "ä", "x-", "9", "a".repeat(300)];
  const bad = candidates.find((c) => brokenRules({ ...rule, minLength: undefined, maxLength: undefined }, c).length);
  if (!bad) throw new Error(`no candidate breaks ${rule.pattern}`);
  return bad;
}

/** One violating input per rule kind the rule has: [what, value or undefined for "absent", expected words]. */
function faults(rule: PropertyRule): [string, unknown, string][] {
  const out: [string, unknown, string][] = [];
  if (rule.required) out.push(["absent", undefined, "is required"]);
  if (rule.minLength !== undefined && rule.minLength > 0) {
    out.push(["too short", "a".repeat(rule.minLength - 1), `must be at least ${rule.minLength} characters`]);
  }
  if (rule.maxLength !== undefined) {
    out.push(["too long", "a".repeat(rule.maxLength + 1), `must be at most ${rule.maxLength} characters`]);
  }
  if (rule.pattern !== undefined) out.push(["off-pattern", breaking(rule), `must match ${rule.pattern}`]);
  if (rule.enum && !rule.extensible) out.push(["not in the enum", "NotAnAllowedValue", "must be one of"]);
  if (rule.minimum !== undefined) out.push(["below the minimum", rule.minimum - 1, `must be at least ${rule.minimum}`]);
  if (rule.maximum !== undefined) out.push(["above the maximum", rule.maximum + 1, `must be at most ${rule.maximum}`]);
  if (rule.format === "duration") out.push(["not a duration", "5 minutes", "ISO 8601 duration"]);
  if (rule.format === "uuid") out.push(["not a GUID", "not-a-guid", "must be a GUID"]);
  if (rule.properties) {
    out.push(["with a property the API version lacks", { notInTheSpec: true }, "notInTheSpec, which the API version"]);
  }
  return out;
}

const cases: [string, number, string, unknown, string, PropertyRule, TypeConstraints][] = [];
for (const [type, table] of Object.entries(armConstraints)) {
  table.rules.forEach((rule, i) => {
    for (const [what, value, words] of faults(rule)) cases.push([type, i, what, value, words, rule, table]);
  });
}

describe("ARM constraint tables", () => {
  test("every type the simulated ARM answers for has a constraint table, and every table a simulated type", () => {
    expect(Object.keys(armConstraints).sort()).toEqual(Object.keys(simulatedTypes).sort());
  });

  test("every table states the API version azure-native sends for its type, and its spec file", () => {
    for (const [type, table] of Object.entries(armConstraints)) {
      if (table.notArm) continue;
      const [, mod, name] = type.split(":");
      const file = path.join("node_modules/@pulumi/azure-native", mod, `${name[0].toLowerCase()}${name.slice(1)}.js`);
      const stated = /Uses Azure REST API version (\S+?)\.?\s/.exec(fs.readFileSync(file, "utf8"))?.[1];
      // azure-native's DefaultRule states none: it manages the "$Default" rule through the module's Rules API.
      if (stated) expect([type, table.apiVersion]).toEqual([type, stated]);
      expect(table.spec).toMatch(new RegExp(`^specification/.+/${table.apiVersion}/[^/]+\\.json$`));
    }
  });

  test("the messaging and storage names carry their length rules (the globally visible ones first)", () => {
    const rule = (type: string, p: string) =>
      armConstraints[type].rules.filter((r) => r.path === p && (r.minLength !== undefined || r.pattern));
    expect(rule("azure-native:storage:StorageAccount", "accountName")).toEqual([
      expect.objectContaining({ pattern: "^[a-z0-9]+$", minLength: 3, maxLength: 24 }),
    ]);
    expect(rule("azure-native:servicebus:Namespace", "namespaceName")).toEqual([
      expect.objectContaining({ minLength: 6, maxLength: 50 }),
      expect.objectContaining({ pattern: azureNameRules.serviceBusNamespace.pattern.source }),
    ]);
    expect(rule("azure-native:eventgrid:Topic", "topicName")).toEqual([
      expect.objectContaining({ minLength: 3, maxLength: 50 }),
    ]);
  });

  test.each(cases)("%s rule %i: an input %s is reported at its path with the rule's source", (...c) => {
    const [, , , value, words, rule, table] = c;
    const { inputs, at } = build(rule.path, value);
    const found = checkInputs(table, inputs).filter((v) => v.path === at && v.rule.includes(words));
    expect(found).toEqual([
      expect.objectContaining({
        source: rule.doc ?? expect.stringContaining(`${rule.definition} (API version ${table.apiVersion})`),
      }),
    ]);
  });

  test("extensible enums (x-ms-enum modelAsString) are listed but not enforced", () => {
    const extensible = Object.values(armConstraints).flatMap((t) =>
      t.rules.filter((r) => r.enum && r.extensible).map((r) => [t, r] as const),
    );
    expect(extensible.length).toBeGreaterThan(0);
    for (const [table, rule] of extensible) {
      const { inputs, at } = build(rule.path, "SomeFutureValue");
      expect(checkInputs(table, inputs).filter((v) => v.path === at && v.rule.startsWith("must be one of"))).toEqual(
        [],
      );
    }
  });

  test("values a plan cannot know (preview unknowns, secrets) are skipped; valid values pass", () => {
    const table = armConstraints["azure-native:servicebus:Queue"];
    for (const v of [UNKNOWN, "[secret]"]) {
      expect(checkInputs(table, { namespaceName: v, queueName: v, lockDuration: v, status: v })).toEqual([]);
    }
    expect(
      checkInputs(table, {
        namespaceName: "sb-orders-dev",
        queueName: "audit",
        lockDuration: "PT1M",
        defaultMessageTimeToLive: "P14D",
        autoDeleteOnIdle: "P10675199DT2H48M5.4775807S",
        status: "Active",
      }),
    ).toEqual([]);
  });
});

describe("azure-native auto-names", () => {
  const kind = (type: string) => autoNameKind(simulatedTypes[type]);

  test("top-level resources get a random suffix, child resources a copy, role assignments a GUID", () => {
    expect(kind("azure-native:storage:StorageAccount")).toBe("random");
    expect(kind("azure-native:resources:ResourceGroup")).toBe("random");
    expect(kind("azure-native:eventgrid:EventSubscription")).toBe("random");
    expect(kind("azure-native:servicebus:Queue")).toBe("copy");
    expect(kind("azure-native:storage:BlobContainer")).toBe("copy");
    expect(kind("azure-native:network:Subnet")).toBe("copy");
    expect(kind("azure-native:authorization:RoleAssignment")).toBe("uuid");
    expect(kind("azure-native:authorization:RoleDefinition")).toBe("uuid");
    expect(kind("azure-native:servicebus:NamespaceNetworkRuleSet")).toBeUndefined();
  });

  test("the random kind keeps the logical name as is (case, hyphens) and appends 8 hex characters", () => {
    expect(autoName("random", "St-Events", "seed")).toMatch(/^St-Events[0-9a-f]{8}$/);
    expect(autoName("random", "St-Events", "seed")).toBe(autoName("random", "St-Events", "seed"));
    expect(autoName("copy", "audit", "seed")).toBe("audit");
  });
});
