import * as fs from "fs";
import type { EventHubsTier } from "../components/eventhubs/limits";
import { simulatedTypes } from "./arm";
import { IDENTITY_RULE_SOURCE, rulesFor, RuleContext, RuleKind, statefulTypes } from "./replaceRules";

/**
 * The change set between a baseline plan (an earlier `--json` document, e.g. of the main branch) and this plan,
 * as `pulumi preview --diff` would show it against a stack whose state is the baseline: resources matched by URN,
 * inputs compared, replacements decided by planner/replaceRules.ts, data loss by its `statefulTypes`.
 */

export type ChangeAction = "create" | "update" | "replace" | "delete";

/** One resource as both sides have it (the `--json` document's resources, or the planned resources). */
export interface DiffResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly dependencies?: readonly string[];
  readonly protect?: boolean;
  /** The stack config key that produced it (`PlannedResource.configKey`), when known. */
  readonly configKey?: string;
}

export interface PropertyChange {
  /** Dotted input path, `[i]` for array items. */
  readonly path: string;
  /** Absent when the input was not set on that side. */
  readonly old?: unknown;
  readonly new?: unknown;
  /** Set when this change forces the replacement (or is refused): why, and the rule's source. */
  readonly replaces?: string;
}

export interface Change {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly action: ChangeAction;
  readonly properties: PropertyChange[];
  /** What is lost when a stateful resource is deleted or replaced. */
  readonly dataLoss?: string;
  /** Why a replace happens (URN change, or the properties that force it). */
  readonly reason?: string;
  /** Updates Azure or the Pulumi engine refuses: `pulumi up` would fail. */
  readonly refused?: string[];
  /** For a replace caused by a URN change: the baseline's URN, deleted after the new one is created. */
  readonly previousUrn?: string;
  /** The baseline has it protected: the engine refuses to delete or replace it until protection is lifted. */
  readonly protected?: boolean;
  /** The stack config key behind the resource (this plan's; the baseline's for a delete). */
  readonly configKey?: string;
}

/** Component resources (no Azure resource behind them) and the stack are not part of the change set. */
export const isCloudResource = (type: string) => !/^(azint:|pulumi:pulumi:|pulumi:providers:)/.test(type);

/** Reads a baseline `--json` document; throws an Error with a readable message when it is not one. */
export function readBaseline(file: string): DiffResource[] {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`--baseline ${file}: ${(e as Error).message}`);
  }
  const resources = (doc as { resources?: unknown })?.resources;
  const bad = !Array.isArray(resources)
    ? "has no resources array"
    : resources.findIndex(
        (r) => !r || typeof r.urn !== "string" || typeof r.type !== "string" || typeof r.inputs !== "object",
      );
  if (typeof bad === "string" || bad >= 0) {
    throw new Error(
      `--baseline ${file}: not a plan document (the --json output of npm run plan): ` +
        (typeof bad === "string" ? bad : `resources[${bad}] needs urn, type and inputs`),
    );
  }
  return (resources as DiffResource[]).map((r) => ({ ...r, name: r.name ?? r.urn.split("::").pop()! }));
}

/** The ARM id the inputs address (placeholders filled from the inputs), or undefined when auto-named. */
export function armIdentity(r: DiffResource): string | undefined {
  const sim = simulatedTypes[r.type];
  if (!sim) return undefined;
  let missing = false;
  const id = sim.id.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = key === "sub" ? "{sub}" : r.inputs[key === "name" ? (sim.nameInput ?? "") : key];
    if (typeof v !== "string" || v === "") missing = true;
    return String(v);
  });
  return missing ? undefined : id.toLowerCase();
}

/** Inputs that are URL path parameters of the type's ARM id: changing one addresses another resource. */
export function identityInputs(type: string): Set<string> {
  const sim = simulatedTypes[type];
  const keys = [...(sim?.id ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((k) => k !== "sub");
  return new Set(keys.map((k) => (k === "name" ? (sim?.nameInput ?? "") : k)).filter(Boolean));
}

const json = (v: unknown) => JSON.stringify(v);

/** Leaf-level differences; arrays are compared whole (an item's position is not its identity). */
function compare(path: string, a: unknown, b: unknown, out: PropertyChange[]): void {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      compare(path ? `${path}.${k}` : k, a[k], b[k], out);
    }
    return;
  }
  if (json(a) === json(b)) return;
  out.push({ path, ...(a !== undefined ? { old: a } : {}), ...(b !== undefined ? { new: b } : {}) });
}

function eventHubsTier(r: DiffResource, byUrn: Map<string, DiffResource>): EventHubsTier | undefined {
  for (const dep of r.dependencies ?? []) {
    const ns = byUrn.get(dep);
    if (ns?.type !== "azure-native:eventhub:Namespace") continue;
    if (ns.inputs.clusterArmId) return "Dedicated";
    const sku = (ns.inputs.sku as { name?: string } | undefined)?.name;
    if (sku === "Basic" || sku === "Standard" || sku === "Premium") return sku;
  }
  return undefined;
}

function dataLossOf(type: string): string | undefined {
  return statefulTypes[type];
}

/** The change set from `baseline` to `current` (cloud resources only), data-loss changes first. */
export function diffPlans(baseline: readonly DiffResource[], current: readonly DiffResource[]): Change[] {
  const before = baseline.filter((r) => isCloudResource(r.type));
  const after = current.filter((r) => isCloudResource(r.type));
  const oldByUrn = new Map(before.map((r) => [r.urn, r]));
  const newByUrn = new Map(after.map((r) => [r.urn, r]));
  const currentByUrn = new Map(current.map((r) => [r.urn, r]));
  const changes: Change[] = [];

  // Same Azure resource under a new URN (a renamed config key or component): the engine sees a create and a delete.
  const gone = before.filter((r) => !newByUrn.has(r.urn));
  const goneById = new Map<string, DiffResource>();
  for (const r of gone) {
    const id = armIdentity(r);
    if (id) goneById.set(`${r.type}|${id}`, r);
  }
  const renamed = new Set<string>();

  for (const r of after) {
    const old = oldByUrn.get(r.urn);
    if (!old) {
      const id = armIdentity(r);
      const previous = id ? goneById.get(`${r.type}|${id}`) : undefined;
      if (previous) {
        renamed.add(previous.urn);
        const props: PropertyChange[] = [];
        compare("", previous.inputs, r.inputs, props);
        const loss = dataLossOf(r.type);
        changes.push({
          urn: r.urn,
          type: r.type,
          name: r.name,
          action: "replace",
          properties: props,
          previousUrn: previous.urn,
          reason:
            `the URN changed (was ${previous.urn.split("::").pop()}) while the Azure resource stays the same: the ` +
            `engine creates the new URN, then deletes the old one, and that delete removes the Azure resource both ` +
            `name; give the resource \`aliases: [<old URN>]\` to keep it`,
          ...(loss ? { dataLoss: loss } : {}),
          ...(previous.protect ? { protected: true } : {}),
        });
      } else {
        changes.push({ urn: r.urn, type: r.type, name: r.name, action: "create", properties: [] });
      }
      continue;
    }
    const props: PropertyChange[] = [];
    compare("", old.inputs, r.inputs, props);
    if (props.length === 0) continue;
    const ids = identityInputs(r.type);
    const ctx: RuleContext = { eventHubsTier: eventHubsTier(r, currentByUrn) };
    const replacing: string[] = [];
    const refused: string[] = [];
    const annotated = props.map((p) => {
      const top = p.path.split(/[.[]/)[0];
      if (ids.has(top)) {
        const why = `${top} is part of the ARM id: a new value is another resource (${IDENTITY_RULE_SOURCE})`;
        replacing.push(why);
        return { ...p, replaces: why };
      }
      for (const rule of rulesFor(r.type, top)) {
        const outcome: { kind: RuleKind; why: string } | undefined = rule.decide
          ? rule.decide(old.inputs[top], r.inputs[top], ctx)
          : { kind: rule.kind ?? "replace", why: rule.why };
        if (!outcome) continue;
        const why = `${outcome.why} (${rule.source})`;
        (outcome.kind === "replace" ? replacing : refused).push(`${top}: ${why}`);
        return { ...p, replaces: why };
      }
      return p;
    });
    const replace = replacing.length > 0;
    const loss = replace ? dataLossOf(r.type) : undefined;
    changes.push({
      urn: r.urn,
      type: r.type,
      name: r.name,
      action: replace ? "replace" : "update",
      properties: annotated,
      ...(replace ? { reason: [...new Set(replacing)].join("; ") } : {}),
      ...(refused.length > 0 ? { refused: [...new Set(refused)] } : {}),
      ...(loss ? { dataLoss: loss } : {}),
      ...(replace && old.protect ? { protected: true } : {}),
    });
  }
  for (const r of gone) {
    if (renamed.has(r.urn)) continue;
    const loss = dataLossOf(r.type);
    changes.push({
      urn: r.urn,
      type: r.type,
      name: r.name,
      action: "delete",
      properties: [],
      ...(loss ? { dataLoss: loss } : {}),
      ...(r.protect ? { protected: true } : {}),
    });
  }
  const rank: Record<ChangeAction, number> = { replace: 0, delete: 1, update: 2, create: 3 };
  const keyOf = (c: Change) => (newByUrn.get(c.urn) ?? oldByUrn.get(c.urn))?.configKey;
  return changes
    .map((c) => (keyOf(c) ? { ...c, configKey: keyOf(c) } : c))
    .sort(
      (a, b) =>
        Number(!a.dataLoss) - Number(!b.dataLoss) ||
        rank[a.action] - rank[b.action] ||
        (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0),
    );
}
