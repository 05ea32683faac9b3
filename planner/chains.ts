/**
 * Dependency chains of a plan: how many cloud resources must be created one after another (the critical path a
 * deployment cannot parallelise), once through every dependency the program declares and once through the data
 * dependencies alone (an input that reads another resource's output). The difference comes from ordering-only
 * `dependsOn`s; `orderingEdges` and `patterns` show which ones lengthen the chain, so that each can be justified or
 * removed. Pure: works on the recorded plan (`PlannedResource`) or the same fields from `--json`.
 */

export interface ChainResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  /** Cloud (custom) resource; components are not created, so they are not steps of a chain. */
  readonly custom: boolean;
  /** Every dependency: `dependsOn` plus the property dependencies. */
  readonly dependencies: readonly string[];
  /** Dependencies by input property: the data dependencies. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface Chain {
  /** Resources on the longest chain (0 for an empty plan). */
  readonly length: number;
  /** URNs along it, the first one created first. */
  readonly urns: readonly string[];
}

/** A dependency declared only for ordering (no input of `from` reads an output of `to`). */
export interface OrderingEdge {
  /** The dependent resource (created after `to`). */
  readonly from: string;
  readonly to: string;
  /** Longest chain through every dependency that passes through this edge. */
  readonly through: number;
}

/** Ordering-only edges grouped by the types they connect. */
export interface OrderingPattern {
  readonly fromType: string;
  readonly toType: string;
  readonly edges: number;
  /** Longest chain through every dependency once all edges of this pattern are removed. */
  readonly lengthWithout: number;
}

export interface ChainReport {
  /** Cloud resources in the plan (the nodes of the chains). */
  readonly resources: number;
  /** Longest chain through every dependency. */
  readonly all: Chain;
  /** Longest chain through data dependencies only. */
  readonly data: Chain;
  /** Ordering-only edges on a longest chain through every dependency, i.e. the ones that can lengthen it. */
  readonly orderingEdges: readonly OrderingEdge[];
  /** Every ordering-only pattern, with the chain length without it; those that shorten it come first. */
  readonly patterns: readonly OrderingPattern[];
}

type Graph = Map<string, Set<string>>;

/** Longest path (in nodes) ending at each node, with the predecessor on it. Cycles (a bug elsewhere) are cut. */
function depths(nodes: readonly string[], deps: Graph): { depth: Map<string, number>; prev: Map<string, string> } {
  const depth = new Map<string, number>();
  const prev = new Map<string, string>();
  const visiting = new Set<string>();
  // Iterative DFS: stacks of thousands of resources would overflow a recursive one.
  for (const root of nodes) {
    if (depth.has(root)) continue;
    const stack: { urn: string; expanded: boolean }[] = [{ urn: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (depth.has(top.urn)) {
        stack.pop();
        continue;
      }
      if (!top.expanded) {
        top.expanded = true;
        visiting.add(top.urn);
        for (const d of deps.get(top.urn) ?? []) {
          if (!depth.has(d) && !visiting.has(d)) stack.push({ urn: d, expanded: false });
        }
        continue;
      }
      stack.pop();
      visiting.delete(top.urn);
      let best = 0;
      let via: string | undefined;
      for (const d of [...(deps.get(top.urn) ?? [])].sort()) {
        const dd = depth.get(d) ?? 0;
        if (dd > best) {
          best = dd;
          via = d;
        }
      }
      depth.set(top.urn, best + 1);
      if (via !== undefined) prev.set(top.urn, via);
    }
  }
  return { depth, prev };
}

function longest(nodes: readonly string[], deps: Graph): Chain {
  const { depth, prev } = depths(nodes, deps);
  let end: string | undefined;
  for (const n of [...nodes].sort()) if (end === undefined || depth.get(n)! > depth.get(end)!) end = n;
  if (end === undefined) return { length: 0, urns: [] };
  const urns: string[] = [];
  for (let u: string | undefined = end; u !== undefined; u = prev.get(u)) urns.unshift(u);
  return { length: urns.length, urns };
}

function reverse(nodes: readonly string[], deps: Graph): Graph {
  const out: Graph = new Map(nodes.map((n) => [n, new Set<string>()]));
  for (const [from, tos] of deps) for (const to of tos) out.get(to)?.add(from);
  return out;
}

/** Analyses the dependency chains of a plan. */
export function analyzeChains(resources: readonly ChainResource[]): ChainReport {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const cloud = resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const nodes = cloud.map((r) => r.urn);
  const isNode = new Set(nodes);

  // A dependency on a component stands for its cloud descendants (how the Pulumi SDK expands it).
  const children = new Map<string, string[]>();
  for (const r of resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
  const expand = (urn: string, into: Set<string>, self: string) => {
    if (urn === self) return;
    if (isNode.has(urn)) {
      into.add(urn);
      return;
    }
    const r = byUrn.get(urn);
    if (!r || r.custom) return; // outside the plan (a provider, another stack): not a step here
    for (const c of children.get(urn) ?? []) expand(c, into, self);
  };
  const all: Graph = new Map();
  const data: Graph = new Map();
  for (const r of cloud) {
    const a = new Set<string>();
    const d = new Set<string>();
    for (const u of r.dependencies) expand(u, a, r.urn);
    for (const list of Object.values(r.propertyDependencies)) for (const u of list) expand(u, d, r.urn);
    for (const u of d) a.add(u);
    all.set(r.urn, a);
    data.set(r.urn, d);
  }

  const allChain = longest(nodes, all);
  const dataChain = longest(nodes, data);

  // Ordering-only edges, and the longest chain through each: depth of its target + height of its source.
  const { depth } = depths(nodes, all);
  const { depth: height } = depths(nodes, reverse(nodes, all));
  const ordering: OrderingEdge[] = [];
  for (const [from, tos] of all) {
    for (const to of tos) {
      if (data.get(from)!.has(to)) continue;
      ordering.push({ from, to, through: depth.get(to)! + height.get(from)! });
    }
  }
  const onLongest = ordering
    .filter((e) => e.through === allChain.length)
    .sort((x, y) => (x.from + x.to < y.from + y.to ? -1 : 1));

  const typeOf = (urn: string) => byUrn.get(urn)!.type;
  const groups = new Map<string, OrderingEdge[]>();
  for (const e of ordering) {
    const key = `${typeOf(e.from)} ${typeOf(e.to)}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const patterns: OrderingPattern[] = [...groups].map(([key, edges]) => {
    const [fromType, toType] = key.split(" ");
    const without: Graph = new Map([...all].map(([k, v]) => [k, new Set(v)]));
    for (const e of edges) without.get(e.from)!.delete(e.to);
    return { fromType, toType, edges: edges.length, lengthWithout: longest(nodes, without).length };
  });
  patterns.sort(
    (x, y) => x.lengthWithout - y.lengthWithout || (`${x.fromType} ${x.toType}` < `${y.fromType} ${y.toType}` ? -1 : 1),
  );

  return { resources: nodes.length, all: allChain, data: dataChain, orderingEdges: onLongest, patterns };
}

/** `type::name` of a URN (the last two parts), for printing a chain. */
export function shortUrn(urn: string): string {
  const parts = urn.split("::");
  const type = parts[parts.length - 2]?.split("$").pop() ?? "";
  return `${type.replace(/^azure-native:/, "")}::${parts[parts.length - 1]}`;
}
