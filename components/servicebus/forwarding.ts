import { violation } from "../core/validate";
import {
  EntityContext,
  Found,
  ServiceBusQueueArgs,
  ServiceBusSubscriptionArgs,
  ServiceBusTopicArgs,
  tierRule,
} from "./entityArgs";
import { forwarding } from "./limits";

// Auto-forwarding between the entities of one namespace (SB-FWD in docs/azure-facts.md): the validator, and the
// creation order it makes safe (every target before its source).

interface EntityNode {
  readonly path: string;
  readonly label: string;
  readonly edges: { readonly to: string; readonly hop: number; readonly path: string }[];
}

/** The entity graph for forwarding: queue/subscription -> target is one hop, topic -> its subscriptions is none. */
function forwardingGraph(
  queues: Record<string, ServiceBusQueueArgs>,
  topics: Record<string, ServiceBusTopicArgs>,
): Map<string, EntityNode> {
  const g = new Map<string, EntityNode>();
  const target = (key: string) => (key in queues ? `queue:${key}` : key in topics ? `topic:${key}` : undefined);
  const fwd = (src: { forwardTo?: string; forwardDeadLetteredMessagesTo?: string }, path: string) =>
    (["forwardTo", "forwardDeadLetteredMessagesTo"] as const).flatMap((f) => {
      const to = src[f] === undefined ? undefined : target(src[f]!);
      return to ? [{ to, hop: 1, path: `${path}.${f}` }] : [];
    });
  for (const [q, a] of Object.entries(queues))
    g.set(`queue:${q}`, { path: `queues.${q}`, label: q, edges: fwd(a, `queues.${q}`) });
  for (const [t, a] of Object.entries(topics)) {
    const subs = Object.entries(a.subscriptions ?? {});
    g.set(`topic:${t}`, {
      path: `topics.${t}`,
      label: t,
      edges: subs.map(([s]) => ({ to: `sub:${t}/${s}`, hop: 0, path: `topics.${t}.subscriptions.${s}` })),
    });
    for (const [s, sa] of subs) {
      const p = `topics.${t}.subscriptions.${s}`;
      g.set(`sub:${t}/${s}`, { path: p, label: `${t}/${s}`, edges: fwd(sa, p) });
    }
  }
  return g;
}

/** Longest forwarding chain from a node, in hops, or the loop it runs into. */
function longestChain(
  g: Map<string, EntityNode>,
  start: string,
): { hops: number; labels: string[] } | { loop: string[] } {
  const onPath: string[] = [];
  const walk = (id: string): { hops: number; labels: string[] } | { loop: string[] } => {
    const i = onPath.indexOf(id);
    if (i >= 0) return { loop: [...onPath.slice(i), id].map((n) => g.get(n)!.label) };
    onPath.push(id);
    let best = { hops: 0, labels: [g.get(id)!.label] };
    for (const e of g.get(id)!.edges) {
      const r = walk(e.to);
      if ("loop" in r) {
        onPath.pop();
        return r;
      }
      // A hop-0 edge (topic -> subscription) does not add a name to the printed chain.
      const labels = e.hop === 0 ? r.labels : [g.get(id)!.label, ...r.labels];
      if (r.hops + e.hop > best.hops) best = { hops: r.hops + e.hop, labels };
    }
    onPath.pop();
    return best;
  };
  return walk(start);
}

/** Forwarding: tier, targets in this namespace, no session-enabled source, no loops, at most four hops. */
export function validateForwarding(
  found: Found,
  ctx: EntityContext,
  queues: Record<string, ServiceBusQueueArgs>,
  topics: Record<string, ServiceBusTopicArgs>,
): void {
  const declared = [...Object.keys(queues), ...Object.keys(topics)];
  const check = (src: ServiceBusQueueArgs | ServiceBusSubscriptionArgs, path: string) => {
    for (const f of ["forwardTo", "forwardDeadLetteredMessagesTo"] as const) {
      const to = src[f];
      if (to === undefined) continue;
      tierRule(found, ctx, `${path}.${f}`, to, true, "forwarding", "auto-forwarding is");
      if (!(to in queues) && !(to in topics)) {
        found.push(
          violation(
            `${path}.${f}`,
            to,
            `names no queue or topic of this namespace (forwarding stays within one namespace); declared: ${declared.join(", ") || "(none)"}`,
          ),
        );
      }
    }
    if (src.forwardTo !== undefined && src.requiresSession === true) {
      found.push(
        violation(
          `${path}.forwardTo`,
          src.forwardTo,
          "is not supported on a session-enabled source (requiresSession: true): Service Bus does not auto-forward from sessions",
        ),
      );
    }
  };
  for (const [q, a] of Object.entries(queues)) check(a, `queues.${q}`);
  for (const [t, a] of Object.entries(topics)) {
    for (const [s, sa] of Object.entries(a.subscriptions ?? {})) check(sa, `topics.${t}.subscriptions.${s}`);
  }
  const g = forwardingGraph(queues, topics);
  for (const [id, node] of g) {
    if (id.startsWith("topic:") || node.edges.length === 0) continue;
    const r = longestChain(g, id);
    const field = node.edges[0].path;
    if ("loop" in r) {
      found.push(
        violation(
          field,
          node.edges[0].to.replace(/^\w+:/, ""),
          `forms a forwarding loop (${r.loop.join(" -> ")}); messages would circle until dead-lettered`,
        ),
      );
    } else if (r.hops > forwarding.maxHops) {
      found.push(
        violation(
          field,
          node.edges[0].to.replace(/^\w+:/, ""),
          `starts a forwarding chain of ${r.hops} hops (${r.labels.join(" -> ")}); Service Bus dead-letters messages after ${forwarding.maxHops} hops`,
        ),
      );
    }
  }
}

/** Queues in creation order: every forwarding target before its source (SB-FWD). Assumes validation passed (no loops). */
export function queueCreationOrder(queues: Record<string, ServiceBusQueueArgs>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (q: string, seen: Set<string>) => {
    if (done.has(q) || seen.has(q)) return;
    seen.add(q);
    const a = queues[q];
    for (const t of [a.forwardTo, a.forwardDeadLetteredMessagesTo]) if (t !== undefined && t in queues) visit(t, seen);
    done.add(q);
    order.push(q);
  };
  for (const q of Object.keys(queues)) visit(q, new Set());
  return order;
}
