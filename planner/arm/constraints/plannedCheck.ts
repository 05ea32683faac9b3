import { simulatedTypes } from "..";
import { armConstraints } from ".";
import { checkInputs } from "./check";

/** One thing Azure or the Pulumi engine would refuse, found in a recorded registration. */
export interface ArmViolation {
  readonly urn: string;
  readonly type: string;
  /** The config key path that produced the resource (PlannedResource.configKey), when one did. */
  readonly configKey?: string;
  /** Input path, e.g. `accountName`, `sku.name`, `ipRules[0].action`; empty for engine rules. */
  readonly path: string;
  readonly value?: unknown;
  /** What is wrong, in words: `must be at most 24 characters (is 33)`. */
  readonly rule: string;
  /** Where the rule is stated: spec file, definition and API version, or a public URL. */
  readonly source: string;
}

interface Recorded {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly configKey?: string;
  readonly inputs: Record<string, unknown>;
}

const ENGINE_SOURCE =
  "the Pulumi engine refuses two registrations of one URN (https://www.pulumi.com/docs/iac/concepts/resources/names/#urns)";

/** How a finding names a resource: its config key, else its URN. */
const origin = (r: Recorded) => (r.configKey ? `config key ${r.configKey}` : `resource ${r.urn}`);

/**
 * Resources grouped by a key (case-insensitive), keeping the groups `clash` says collide, each in URN order: the first
 * is reported as the one the others collide with.
 */
function collisions(
  resources: readonly Recorded[],
  keyOf: (r: Recorded) => string | undefined,
  clash: (group: readonly Recorded[]) => boolean,
): Recorded[][] {
  const groups = new Map<string, Recorded[]>();
  for (const r of resources) {
    const k = keyOf(r)?.toLowerCase();
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].filter(clash).map((g) => [...g].sort((a, b) => (a.urn < b.urn ? -1 : 1)));
}

export function duplicateUrn(first: Recorded, second: Recorded): ArmViolation {
  const key = (r: Recorded) => (r.configKey ? `config key ${r.configKey}` : "no config key");
  return {
    urn: second.urn,
    type: second.type,
    configKey: second.configKey,
    path: "",
    rule:
      `duplicate resource URN ${second.urn}: registered twice, by ${key(first)} and by ${key(second)}; ` +
      "give one of them a different name",
    source: ENGINE_SOURCE,
  };
}

const CASE_INSENSITIVE =
  "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules (resource names are case-insensitive); ARM PUT is create-or-update";

/**
 * Two URNs that address one Azure resource (ids compared case-insensitively, as ARM does): `pulumi up` PUTs both,
 * the second silently rewrites the first, and deleting either later deletes the resource the other still manages.
 */
export function sharedArmIds(
  resources: readonly Recorded[],
  armId: (r: Recorded) => string | undefined,
): ArmViolation[] {
  // Not ARM resources (the random provider's ids) have ids that do not start with "/".
  return collisions(
    resources,
    (r) => (armId(r)?.startsWith("/") ? armId(r) : undefined),
    (g) => new Set(g.map((r) => r.urn)).size > 1,
  ).map(([first, ...rest]) => ({
    urn: rest[0].urn,
    type: rest[0].type,
    configKey: rest[0].configKey,
    path: "",
    value: armId(first),
    rule:
      `one Azure resource ${armId(first)} is managed by ${[first, ...rest].map(origin).join(" and by ")}: ` +
      "the second write silently replaces the first, and deleting either deletes it for both",
    source: CASE_INSENSITIVE,
  }));
}

const ENTITY_PATHS =
  "https://msdn.microsoft.com/en-us/library/hh780781 (queues and topics are both addressed as https://{namespace}.servicebus.windows.net/{path}); names compared case-insensitively, as ARM compares resource names";

/**
 * A Service Bus queue and topic share their namespace's entity paths: a topic named like a queue (in any case) is
 * the same path, which Service Bus refuses. Conservative: names are compared case-insensitively.
 */
export function sharedEntityPaths(
  resources: readonly Recorded[],
  armId: (r: Recorded) => string | undefined,
): ArmViolation[] {
  const entityPath = (r: Recorded) => {
    if (r.type !== "azure-native:servicebus:Queue" && r.type !== "azure-native:servicebus:Topic") return undefined;
    return armId(r)?.replace(/\/(queues|topics)\//i, "/entities/");
  };
  return collisions(resources, entityPath, (g) => new Set(g.map((r) => r.type)).size > 1).map(([first, ...rest]) => ({
    urn: rest[0].urn,
    type: rest[0].type,
    configKey: rest[0].configKey,
    path: "",
    value: armId(rest[0]),
    rule:
      `a queue and a topic with one entity path in one namespace (${[first, ...rest].map(origin).join(" and ")}): ` +
      "Service Bus addresses both by that path, so the second cannot be created",
    source: ENTITY_PATHS,
  }));
}

/**
 * Checks custom resources against their type's constraint table, with the name input set to the name azure-native
 * will send (`azureName`: the given name or its auto-name). A type without a table is reported: the plan would
 * otherwise be silently more lenient than Azure for it.
 */
export function checkPlanned(
  resources: readonly Recorded[],
  azureName: (r: Recorded) => string | undefined,
): ArmViolation[] {
  const out: ArmViolation[] = [];
  // A parent's bad name recurs in every child's parent-name input: report it once, where it first appears.
  const seen = new Set<string>();
  for (const r of resources) {
    if (r.type.startsWith("pulumi:")) continue;
    const table = armConstraints[r.type];
    if (!table) {
      out.push({
        urn: r.urn,
        type: r.type,
        configKey: r.configKey,
        path: "",
        rule: `resource type ${r.type} has no constraint table in planner/arm/constraints/, so the plan cannot check it`,
        source: "planner/arm/constraints/index.ts",
      });
      continue;
    }
    const nameInput = simulatedTypes[r.type]?.nameInput;
    // A name unknown during a preview stays the engine's sentinel (skipped by the checker).
    const given = azureName(r);
    const name = typeof given === "string" ? given : undefined;
    const autoNamed = nameInput !== undefined && r.inputs[nameInput] === undefined && name !== undefined;
    const inputs = nameInput && name !== undefined ? { ...r.inputs, [nameInput]: name } : r.inputs;
    for (const v of checkInputs(table, inputs)) {
      const once = `${v.path}|${JSON.stringify(v.value)}|${v.rule}`;
      if (v.path !== nameInput && seen.has(once)) continue;
      seen.add(once);
      out.push({
        urn: r.urn,
        type: r.type,
        configKey: r.configKey,
        path: v.path,
        value: v.value,
        rule: autoNamed && v.path === nameInput ? `${v.rule} (azure-native's auto-name; set a name)` : v.rule,
        source: v.source,
      });
    }
  }
  return out;
}

/** One line per violation: where (config key, else resource), the input and value, the rule and its source. */
export function formatArmViolation(v: ArmViolation): string {
  const where = v.configKey ? `${v.configKey}` : `${v.urn}`;
  const what = v.path ? ` (${v.type} input ${v.path} = ${JSON.stringify(v.value)})` : "";
  return `${where}${what}: ${v.rule} [${v.source}]`;
}
