import { builtInRoles } from "../components/rbac/builtInRoles";
import { simulatedTypes } from "./arm";
import type { DiagramRule, DiagramView } from "./arm/types";
import { externalLabel } from "./diagramExternal";
import type { PlannedResource } from "./simulatedArm";

/**
 * Two Mermaid views of the planned estate, each readable on its own:
 * - the event flow (`--diagram`): publishers -> topics and domains -> subscriptions with their filters ->
 *   destinations, forwarding and dead-letter paths dashed, entities boxed per namespace, topic and storage account,
 *   the geo-DR alias pointing at both namespaces, user-assigned identities with the roles they hold;
 * - the network (`--network-diagram`): the virtual network, its subnets, the private endpoints in them, what each
 *   endpoint links to and the private DNS zones that resolve it.
 * What is drawn, and how, comes from the `diagram` rules of the type tables in planner/arm/.
 */

const ruleOf = (type: string): DiagramRule | undefined => simulatedTypes[type]?.diagram;
const EMPTY: Record<DiagramView, string> = {
  flow: "topics, entities, identities or storage to draw",
  network: "virtual network, subnets or private endpoints",
};
const viewsOf = (rule: DiagramRule): readonly DiagramView[] => rule.views ?? ["flow"];

function get(obj: unknown, path: string): unknown[] {
  let cur: unknown[] = [obj];
  for (const part of path.split(".")) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (c === null || typeof c !== "object") continue;
      if (part === "[]") {
        if (Array.isArray(c)) next.push(...c);
        continue;
      }
      const v = (c as Record<string, unknown>)[part];
      if (v !== undefined) next.push(v);
    }
    cur = next;
  }
  return cur;
}

/** Text for a quoted Mermaid label: its own entity codes for quotes; `<br/>` separates lines. */
const text = (s: string) => s.replace(/"/g, "#quot;").replace(/\n/g, " ");

interface Node {
  readonly key: string;
  readonly label: string;
  readonly lines: string[];
  readonly parent?: string;
  readonly external?: boolean;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly dashed: boolean;
  readonly labels: Set<string>;
}

class Graph {
  readonly nodes = new Map<string, Node>();
  readonly edges = new Map<string, Edge>();

  node(key: string, label: string, opts: { parent?: string; external?: boolean } = {}): Node {
    const existing = this.nodes.get(key);
    if (existing) return existing;
    const n: Node = { key, label, lines: [], ...opts };
    this.nodes.set(key, n);
    return n;
  }

  /** One edge per pair and style; several reasons become one label ("sends, receives"), never repeated. */
  edge(from: string, to: string, label: string | undefined, dashed = false): void {
    if (from === to || this.contains(from, to) || this.contains(to, from)) return;
    const k = `${from}|${to}|${dashed}`;
    const e = this.edges.get(k) ?? { from, to, dashed, labels: new Set<string>() };
    if (label) e.labels.add(label);
    this.edges.set(k, e);
  }

  /** True when `outer`'s box holds `inner` (an edge between them would draw a box to its own content). */
  contains(outer: string, inner: string): boolean {
    for (let p = this.nodes.get(inner)?.parent; p; p = this.nodes.get(p)?.parent) if (p === outer) return true;
    return false;
  }

  render(): string {
    const ids = new Map([...this.nodes.keys()].map((k, i) => [k, `n${i}`]));
    const children = new Map<string | undefined, Node[]>();
    for (const n of this.nodes.values()) {
      const parent = n.parent && this.nodes.has(n.parent) ? n.parent : undefined;
      children.set(parent, [...(children.get(parent) ?? []), n]);
    }
    const lines = ["flowchart LR"];
    const label = (n: Node) => text([`<b>${n.label}</b>`, ...n.lines].join("<br/>"));
    // A box's title is one line (Mermaid does not make room for more above the box's content).
    const title = (n: Node) => text(`<b>${n.label}</b> ${n.lines.join(" · ")}`);
    const walk = (parent: string | undefined, indent: string) => {
      for (const n of children.get(parent) ?? []) {
        const kids = children.get(n.key);
        if (kids?.length) {
          lines.push(`${indent}subgraph ${ids.get(n.key)}["${title(n)}"]`);
          walk(n.key, `${indent}  `);
          lines.push(`${indent}end`);
        } else {
          lines.push(`${indent}${ids.get(n.key)}["${label(n)}"]${n.external ? ":::external" : ""}`);
        }
      }
    };
    walk(undefined, "  ");
    for (const e of [...this.edges.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1))) {
      const l = [...e.labels].join(", ");
      const arrow = e.dashed ? "-.->" : "-->";
      lines.push(`  ${ids.get(e.from)} ${arrow}${l ? `|"${text(l)}"|` : ""} ${ids.get(e.to)}`);
    }
    lines.push("  classDef external stroke-dasharray: 4 3");
    return lines.join("\n") + "\n";
  }
}

const nameOf = (r: PlannedResource) => String((r.outputs?.name as string | undefined) ?? r.name.split("/").pop());
const keyOf = (id: string) => id.toLowerCase();

/** Role definition GUID -> the built-in role's name. */
const roleNames = new Map(Object.entries(builtInRoles).map(([name, guid]) => [guid.toLowerCase(), name]));
/** Role definition GUID -> the reading the type tables give it (`grantees`: Service Bus Data Sender -> "sends"). */
const roleReadings = new Map(
  Object.values(simulatedTypes).flatMap((t) => (t.diagram?.grantees ?? []).map((g) => [g.role.toLowerCase(), g.label])),
);

function renderView(resources: readonly PlannedResource[], view: DiagramView): string {
  const g = new Graph();
  const byId = new Map<string, PlannedResource>();
  for (const r of resources) if (r.custom && r.id) byId.set(keyOf(r.id), r);
  const inView = (r: PlannedResource) => {
    const rule = ruleOf(r.type);
    return !!rule && !rule.mergeInto && viewsOf(rule).includes(view);
  };
  const drawn = resources.filter((r) => r.custom && r.id && inView(r));

  // Nodes first (so containers resolve), then what is merged into them, then edges.
  for (const r of drawn) {
    const rule = ruleOf(r.type)!;
    const parent = rule.container?.[view]?.(r.inputs, r.id!);
    // A type boxed in this view that has no box here does not belong to it (a Batch pool outside any subnet).
    if (rule.container?.[view] && !parent) continue;
    const n = g.node(keyOf(r.id!), rule.label, { parent: parent ? keyOf(parent) : undefined });
    n.lines.push(nameOf(r));
    const detail = rule.detail?.(r.inputs);
    if (detail) n.lines.push(detail);
  }
  /** A node for an id this view does not draw: the resource's own label if planned, else an external node. */
  const target = (ref: string): string => {
    const k = keyOf(ref);
    if (g.nodes.has(k)) return k;
    const planned = byId.get(k);
    const rule = planned && ruleOf(planned.type);
    const ext = rule ? undefined : externalLabel(ref);
    g.node(k, rule?.label ?? ext!.label, { external: !rule }).lines.push(planned && rule ? nameOf(planned) : ext!.name);
    return k;
  };
  for (const r of resources) {
    const rule = r.custom && r.id ? ruleOf(r.type) : undefined;
    if (!rule || !viewsOf(rule).includes(view)) continue;
    const self = rule.mergeInto ? keyOf(rule.mergeInto(r.inputs, r.id!)) : keyOf(r.id!);
    if (!g.nodes.has(self)) continue;
    if (rule.mergeInto) {
      const detail = rule.detail?.(r.inputs);
      if (detail) g.nodes.get(self)!.lines.push(detail);
    }
    for (const e of rule.edges ?? []) {
      if (!(e.views ?? viewsOf(rule)).includes(view)) continue;
      for (const v of e.ids ? e.ids(r.inputs, r.id!) : get(r.inputs, e.path ?? "")) {
        if (typeof v !== "string" || v === "") continue;
        const known = g.nodes.has(keyOf(v)) || byId.has(keyOf(v));
        if (!known && !e.external) continue;
        const other = target(v);
        const [a, b] = e.direction === "to" ? [self, other] : [other, self];
        g.edge(a, b, e.label, e.dashed);
      }
    }
  }
  if (view === "flow") drawRoles(g, resources, byId, target);
  // An empty view still says something to its reader (and stays a valid flowchart).
  if (g.nodes.size === 0) g.node("empty", "nothing to draw").lines.push(`this stack has no ${EMPTY[view]}`);
  return g.render();
}

/**
 * Identities with the roles they hold: an edge from each user-assigned identity to the scope of each of its role
 * assignments. (Grants to system-assigned identities are drawn by the delivery, capture and auto-storage edges
 * they enable.) Labels: the scope type's own reading of the role (`grantees`: "sends"), else the role's name.
 */
function drawRoles(
  g: Graph,
  resources: readonly PlannedResource[],
  byId: Map<string, PlannedResource>,
  target: (ref: string) => string,
): void {
  const identities = new Map<string, PlannedResource>();
  for (const r of resources) {
    const principal = (r.outputs as { principalId?: unknown } | undefined)?.principalId;
    if (r.type === "azure-native:managedidentity:UserAssignedIdentity" && typeof principal === "string") {
      identities.set(principal, r);
    }
  }
  const customRoles = new Map<string, string>();
  for (const r of resources) {
    if (r.type === "azure-native:authorization:RoleDefinition" && r.id) {
      customRoles.set(r.id.split("/").pop()!.toLowerCase(), String(r.inputs.roleName ?? "custom role"));
    }
  }
  for (const ra of resources) {
    if (ra.type !== "azure-native:authorization:RoleAssignment") continue;
    const identity = identities.get(String(ra.inputs.principalId ?? ""));
    const scope = String(ra.inputs.scope ?? "");
    if (!identity?.id || !g.nodes.has(keyOf(identity.id)) || !scope) continue;
    const guid = String(ra.inputs.roleDefinitionId ?? "")
      .split("/")
      .pop()!
      .toLowerCase();
    const scoped = byId.get(keyOf(scope));
    const grantee = scoped && ruleOf(scoped.type)?.grantees?.find((x) => x.role.toLowerCase() === guid);
    const label =
      grantee?.label ??
      roleReadings.get(guid) ??
      roleNames.get(guid) ??
      customRoles.get(guid) ??
      `role ${guid.slice(0, 8)}`;
    // A scope the plan has no resource for, inside one it has (an entity a geo-DR secondary replicates): drawn on
    // that resource, saying what inside it the role is on.
    const ancestor = scoped ? undefined : drawnAncestor(g, scope);
    if (ancestor) g.edge(keyOf(identity.id), ancestor.key, `${label} (${ancestor.kind} in it)`);
    else g.edge(keyOf(identity.id), target(scope), label);
  }
}

/** The closest drawn node whose id is a prefix of `id`, and the kind of child below it (`queues`). */
function drawnAncestor(g: Graph, id: string): { key: string; kind: string } | undefined {
  const parts = id.split("/");
  for (let n = parts.length - 2; n > 4; n -= 2) {
    const key = keyOf(parts.slice(0, n).join("/"));
    if (g.nodes.has(key)) return { key, kind: parts[n] };
  }
  return undefined;
}

/** The event-flow view (`--diagram`). */
export function renderEventFlow(resources: readonly PlannedResource[]): string {
  return renderView(resources, "flow");
}

/** The network view (`--network-diagram`). */
export function renderNetwork(resources: readonly PlannedResource[]): string {
  return renderView(resources, "network");
}
