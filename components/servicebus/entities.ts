import * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/azure-native/types/input";
import { Violation } from "../core/errors";
import { RoleAssignmentArgs } from "../core/interfaces";
import { AuthorizationRuleArgs, validateAuthorizationRules } from "../core/messaging";
import { validateRoleAssignments } from "../core/roleAssignment";
import {
  durationInRange,
  formatSeconds,
  intInRange,
  isKnown,
  isoDurationSeconds,
  mapKeys,
  violation,
} from "../core/validate";
import {
  dataRoles,
  durations,
  forwarding,
  largeMessageKb,
  maxDeliveryCount,
  names,
  ruleLimits,
  ServiceBusTier,
  tierFacts,
  tiersWith,
} from "./limits";
import { sqlRuleViolations } from "./sql";

// Entity argument types (queues, topics, subscriptions, rules) and their validators. The Namespace component creates
// the entities; PairedNamespaces declares them once and creates them on the primary only.

export type EntityStatus = "Active" | "Disabled" | "SendDisabled" | "ReceiveDisabled";

/** A SAS policy: the shape Service Bus shares with Event Hubs (components/core/messaging.ts). */
export type { AuthorizationRuleArgs } from "../core/messaging";

/** Settings queues and topics share. */
export interface MessageEntityArgs {
  /** Duplicate detection (not on Basic). Defaults to false. */
  readonly requiresDuplicateDetection?: boolean;
  /** ISO 8601, 20 s to 7 days; only with `requiresDuplicateDetection`. Defaults to `PT10M` when detection is on. Outputs are not checked. */
  readonly duplicateDetectionHistoryTimeWindow?: pulumi.Input<string>;
  /** Default message TTL (ISO 8601, positive). Defaults to Azure's (unbounded). Outputs are not checked. */
  readonly defaultMessageTimeToLive?: pulumi.Input<string>;
  /** Delete the entity after this idle time (ISO 8601, at least 5 min). Defaults to never. Not allowed in geo-DR pairs. */
  readonly autoDeleteOnIdle?: pulumi.Input<string>;
  /** Maximum entity size in MB: 1024-5120 (Basic/Standard), up to 81920 (Premium). Defaults to 1024. Outputs are not checked. */
  readonly maxSizeInMegabytes?: pulumi.Input<number>;
  /** Largest message in KB, Premium only, 1024-102400 (100 MB). Defaults to Azure's 1024 on Premium. Outputs are not checked. */
  readonly maxMessageSizeInKilobytes?: pulumi.Input<number>;
  /** Partition this entity (Basic/Standard only; Premium partitions the namespace). Defaults to false. Immutable. */
  readonly enablePartitioning?: boolean;
  /** Express entity (not on Premium). Defaults to false. */
  readonly enableExpress?: boolean;
  /** Server-side batched operations. Defaults to true. */
  readonly enableBatchedOperations?: pulumi.Input<boolean>;
  /** Defaults to `Active`. */
  readonly status?: pulumi.Input<EntityStatus>;
  /** SAS policies on this entity, keyed by policy name. Defaults to none; needs local auth. */
  readonly authorizationRules?: Record<string, AuthorizationRuleArgs>;
  /** Data-plane role assignments scoped to THIS entity (least privilege), e.g. "Azure Service Bus Data Sender". Defaults to none. */
  readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
}

export interface ServiceBusQueueArgs extends MessageEntityArgs {
  /** FIFO with sessions (not on Basic; not with `forwardTo`). Defaults to false. Immutable. */
  readonly requiresSession?: boolean;
  /** Move expired messages to the dead-letter queue. Defaults to true. */
  readonly deadLetteringOnMessageExpiration?: pulumi.Input<boolean>;
  /** Peek-lock duration, ISO 8601, at most 5 min. Defaults to Azure's `PT1M`. Outputs are not checked. */
  readonly lockDuration?: pulumi.Input<string>;
  /** Deliveries before dead-lettering, at least 1. Defaults to 10. Outputs are not checked. */
  readonly maxDeliveryCount?: pulumi.Input<number>;
  /** Auto-forward to a queue or topic of this namespace, by key (not on Basic). Defaults to none. */
  readonly forwardTo?: string;
  /** Forward dead-lettered messages to a queue or topic of this namespace, by key (not on Basic). Defaults to none. */
  readonly forwardDeadLetteredMessagesTo?: string;
}

export interface ServiceBusTopicArgs extends MessageEntityArgs {
  /** Preserve order (non-partitioned topics). Defaults to Azure's (true unless partitioned). */
  readonly supportOrdering?: pulumi.Input<boolean>;
  /** Subscriptions keyed by subscription name (at most 50 characters, 2,000 per topic). Defaults to none. */
  readonly subscriptions?: Record<string, ServiceBusSubscriptionArgs>;
}

/** A correlation filter: system properties and custom `properties`, all ANDed; at least one must be set. */
export type CorrelationFilterArgs = Omit<inputs.servicebus.CorrelationFilterArgs, "requiresPreprocessing">;

/** A rule: exactly one filter (SQL or correlation) and an optional SQL action. */
export type ServiceBusRuleArgs =
  | {
      /** SQL filter expression, at most 1,024 characters, e.g. `priority = 'high' AND amount > 100`. */
      readonly sqlFilter: pulumi.Input<string>;
      readonly correlationFilter?: undefined;
      /** SQL action run on matching messages, at most 1,024 characters, e.g. `SET sys.Label = 'vip'`. Defaults to none. */
      readonly action?: pulumi.Input<string>;
    }
  | {
      readonly correlationFilter: CorrelationFilterArgs;
      readonly sqlFilter?: undefined;
      readonly action?: pulumi.Input<string>;
    };

/**
 * What happens to the `$Default` rule (a TrueFilter Azure creates on every subscription): `keep` it (the
 * subscription also receives everything), `disable` it (its filter becomes `1=0`, so only `rules` match), or replace
 * its filter with a rule of your own.
 */
export type DefaultRuleArgs = "keep" | "disable" | ServiceBusRuleArgs;

export interface ServiceBusSubscriptionArgs {
  /** Sessions (not with `forwardTo`). Defaults to false. Immutable. */
  readonly requiresSession?: boolean;
  /** Defaults to true. */
  readonly deadLetteringOnMessageExpiration?: pulumi.Input<boolean>;
  /** Dead-letter messages whose filter evaluation throws. Defaults to true. */
  readonly deadLetteringOnFilterEvaluationExceptions?: pulumi.Input<boolean>;
  /** ISO 8601, positive. Defaults to the topic's. Outputs are not checked. */
  readonly defaultMessageTimeToLive?: pulumi.Input<string>;
  /** ISO 8601, at most 5 min. Defaults to Azure's `PT1M`. Outputs are not checked. */
  readonly lockDuration?: pulumi.Input<string>;
  /** At least 1. Defaults to 10. Outputs are not checked. */
  readonly maxDeliveryCount?: pulumi.Input<number>;
  /** ISO 8601, at least 5 min. Defaults to never. Not allowed in geo-DR pairs. */
  readonly autoDeleteOnIdle?: pulumi.Input<string>;
  /** Defaults to true. */
  readonly enableBatchedOperations?: pulumi.Input<boolean>;
  /** Defaults to `Active`. */
  readonly status?: pulumi.Input<EntityStatus>;
  /** Auto-forward to a queue or topic of this namespace, by key. Defaults to none. */
  readonly forwardTo?: string;
  /** Forward dead-lettered messages to a queue or topic of this namespace, by key. Defaults to none. */
  readonly forwardDeadLetteredMessagesTo?: string;
  /** Filter rules keyed by rule name (at most 50 characters). Defaults to none. */
  readonly rules?: Record<string, ServiceBusRuleArgs>;
  /** The `$Default` rule. Defaults to `disable` when `rules` are given (the rules are the filter), `keep` otherwise. */
  readonly defaultRule?: DefaultRuleArgs;
  /** Role assignments scoped to this subscription (e.g. "Azure Service Bus Data Receiver"). Defaults to none. */
  readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
}

/** What entity validation needs to know about the namespace. */
export interface EntityContext {
  readonly tier: ServiceBusTier;
  /** SAS policies are allowed only with local auth. */
  readonly localAuth: boolean;
  /** Entities of a geo-DR pair (no auto-delete on idle). */
  readonly inGeoDrPair?: boolean;
  /** Geo-replicated namespace (no large messages, ⚠️). */
  readonly geoReplicated?: boolean;
}

type Found = (Violation | undefined)[];

function tierRule(
  found: Found,
  ctx: EntityContext,
  path: string,
  value: unknown,
  given: boolean,
  feature: Parameters<typeof tiersWith>[0],
  what: string,
): void {
  if (given && !tierFacts[ctx.tier][feature]) {
    found.push(
      violation(
        path,
        value,
        `${what} not available on the ${ctx.tier} tier; allowed on ${tiersWith(feature).join(", ")}`,
      ),
    );
  }
}

function minDuration(path: string, value: pulumi.Input<string> | undefined, minSeconds: number): Violation | undefined {
  if (!isKnown(value)) return undefined;
  const s = isoDurationSeconds(value);
  if (s === undefined)
    return violation(
      path,
      value,
      `is not an ISO 8601 duration such as "PT5M" or "P1D"; must be at least ${formatSeconds(minSeconds)}`,
    );
  return s < minSeconds ? violation(path, value, `must be at least ${formatSeconds(minSeconds)}`) : undefined;
}

function validateRule(found: Found, path: string, rule: ServiceBusRuleArgs): void {
  // Syntax and `sys.` names with the error's position: Azure refuses such a rule at deploy.
  found.push(...sqlRuleViolations(path, rule));
  const hasSql = rule.sqlFilter !== undefined;
  const hasCorrelation = rule.correlationFilter !== undefined;
  if (hasSql === hasCorrelation) {
    found.push(
      violation(
        path,
        rule,
        `needs exactly one filter: sqlFilter or correlationFilter (${hasSql ? "both" : "neither"} given)`,
      ),
    );
  }
  for (const [field, value] of [
    ["sqlFilter", rule.sqlFilter],
    ["action", rule.action],
  ] as const) {
    if (isKnown(value) && (value.trim() === "" || value.length > ruleLimits.maxSqlLength)) {
      found.push(
        violation(
          `${path}.${field}`,
          value,
          value.trim() === ""
            ? "is empty; give a SQL expression"
            : `is ${value.length} characters; at most ${ruleLimits.maxSqlLength} are allowed`,
        ),
      );
    }
  }
  if (rule.correlationFilter !== undefined) {
    const f = rule.correlationFilter as Record<string, unknown>;
    const props = f.properties;
    const set = Object.entries(f).filter(([k, v]) => k !== "properties" && v !== undefined && v !== "");
    const hasProps =
      props !== undefined && (!isKnown(props as pulumi.Input<object>) || Object.keys(props as object).length > 0);
    if (set.length === 0 && !hasProps) {
      found.push(
        violation(
          `${path}.correlationFilter`,
          f,
          "matches on nothing: set at least one of correlationId, messageId, to, replyTo, label, sessionId, replyToSessionId, contentType or properties",
        ),
      );
    }
  }
}

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

function validateForwarding(
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
          "is not supported on a session-enabled source (requiresSession: true); see SB-FWD",
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

function validateCommonEntity(found: Found, ctx: EntityContext, path: string, a: MessageEntityArgs): void {
  const facts = tierFacts[ctx.tier];
  tierRule(
    found,
    ctx,
    `${path}.requiresDuplicateDetection`,
    true,
    a.requiresDuplicateDetection === true,
    "duplicateDetection",
    "duplicate detection is",
  );
  if (a.duplicateDetectionHistoryTimeWindow !== undefined && a.requiresDuplicateDetection !== true) {
    found.push(
      violation(
        `${path}.duplicateDetectionHistoryTimeWindow`,
        a.duplicateDetectionHistoryTimeWindow,
        "has no effect without requiresDuplicateDetection: true",
      ),
    );
  }
  found.push(
    durationInRange(
      `${path}.duplicateDetectionHistoryTimeWindow`,
      a.duplicateDetectionHistoryTimeWindow,
      durations.duplicateDetectionWindow.min,
      durations.duplicateDetectionWindow.max,
    ),
  );
  found.push(
    minDuration(`${path}.defaultMessageTimeToLive`, a.defaultMessageTimeToLive, durations.defaultMessageTimeToLive.min),
  );
  found.push(minDuration(`${path}.autoDeleteOnIdle`, a.autoDeleteOnIdle, durations.autoDeleteOnIdle.min));
  if (ctx.inGeoDrPair && a.autoDeleteOnIdle !== undefined) {
    found.push(
      violation(
        `${path}.autoDeleteOnIdle`,
        a.autoDeleteOnIdle,
        "is not allowed in a geo-DR pair: after a failover the entity may be auto-deleted on the new primary (SB-GEO)",
      ),
    );
  }
  if (isKnown(a.maxSizeInMegabytes) && !facts.entitySizesMb.includes(a.maxSizeInMegabytes)) {
    found.push(
      violation(
        `${path}.maxSizeInMegabytes`,
        a.maxSizeInMegabytes,
        `is not allowed on the ${ctx.tier} tier; allowed: ${facts.entitySizesMb.join(", ")}`,
      ),
    );
  }
  if (a.maxMessageSizeInKilobytes !== undefined) {
    if (!facts.largeMessages) {
      found.push(
        violation(
          `${path}.maxMessageSizeInKilobytes`,
          a.maxMessageSizeInKilobytes,
          `is not available on the ${ctx.tier} tier (256 KB messages); large messages up to 100 MB need Premium`,
        ),
      );
    } else {
      found.push(
        intInRange(
          `${path}.maxMessageSizeInKilobytes`,
          a.maxMessageSizeInKilobytes,
          largeMessageKb.min,
          largeMessageKb.max,
          "on the Premium tier",
        ),
      );
      if (
        ctx.geoReplicated &&
        isKnown(a.maxMessageSizeInKilobytes) &&
        a.maxMessageSizeInKilobytes > largeMessageKb.default
      ) {
        found.push(
          violation(
            `${path}.maxMessageSizeInKilobytes`,
            a.maxMessageSizeInKilobytes,
            "is a large-message setting, which geo-replication does not support",
          ),
        );
      }
    }
  }
  if (a.enablePartitioning === true && !facts.entityPartitioning) {
    found.push(
      violation(
        `${path}.enablePartitioning`,
        true,
        `is not available on the ${ctx.tier} tier: Premium partitions the whole namespace (premiumMessagingPartitions)`,
      ),
    );
  }
  if (a.enableExpress === true && !facts.express) {
    found.push(
      violation(
        `${path}.enableExpress`,
        true,
        `is not available on the ${ctx.tier} tier; express entities exist on ${tiersWith("express").join(", ")}`,
      ),
    );
  }
  found.push(...validateAuthorizationRules(`${path}.authorizationRules`, a.authorizationRules, ctx.localAuth));
}

function validateReceiving(
  found: Found,
  path: string,
  a: { lockDuration?: pulumi.Input<string>; maxDeliveryCount?: pulumi.Input<number> },
): void {
  found.push(
    durationInRange(`${path}.lockDuration`, a.lockDuration, durations.lockDuration.min, durations.lockDuration.max),
  );
  found.push(intInRange(`${path}.maxDeliveryCount`, a.maxDeliveryCount, maxDeliveryCount.min, maxDeliveryCount.max));
}

function validateEntityRoles(
  found: Found,
  path: string,
  roles: Record<string, RoleAssignmentArgs> | undefined,
  kind: "queue" | "topic" | "subscription",
): void {
  found.push(...mapKeys(path, roles), ...validateRoleAssignments(path, roles));
  if (kind !== "subscription") return;
  for (const [key, r] of Object.entries(roles ?? {})) {
    if (r.role === dataRoles.sender) {
      found.push(
        violation(
          `${path}.${key}.role`,
          r.role,
          "cannot be used on a subscription (nothing is sent to a subscription); assign it on the topic",
        ),
      );
    }
  }
}

/** Validates the queues and topics of one namespace against its tier. Pure; exported for tests. */
export function validateEntities(
  ctx: EntityContext,
  queues: Record<string, ServiceBusQueueArgs> = {},
  topics: Record<string, ServiceBusTopicArgs> = {},
): Violation[] {
  const found: Found = [...mapKeys("queues", queues), ...mapKeys("topics", topics)];
  for (const t of Object.keys(topics)) {
    tierRule(found, ctx, `topics.${t}`, t, true, "topics", "topics are");
    if (t in queues)
      found.push(
        violation(`topics.${t}`, t, "is also a queue name; queues and topics share one name space per namespace"),
      );
  }
  for (const [q, a] of Object.entries(queues)) {
    const path = `queues.${q}`;
    tierRule(found, ctx, `${path}.requiresSession`, true, a.requiresSession === true, "sessions", "sessions are");
    validateCommonEntity(found, ctx, path, a);
    validateReceiving(found, path, a);
    validateEntityRoles(found, `${path}.roleAssignments`, a.roleAssignments, "queue");
  }
  for (const [t, a] of Object.entries(topics)) {
    const path = `topics.${t}`;
    validateCommonEntity(found, ctx, path, a);
    validateEntityRoles(found, `${path}.roleAssignments`, a.roleAssignments, "topic");
    const subs = Object.entries(a.subscriptions ?? {});
    if (subs.length > ruleLimits.maxSubscriptionsPerTopic) {
      found.push(
        violation(
          `${path}.subscriptions`,
          subs.length,
          `subscriptions exceed the limit of ${ruleLimits.maxSubscriptionsPerTopic} per topic`,
        ),
      );
    }
    found.push(...mapKeys(`${path}.subscriptions`, a.subscriptions));
    let sqlFilters = 0;
    let correlationFilters = 0;
    for (const [s, sa] of subs) {
      const sp = `${path}.subscriptions.${s}`;
      if (s.length > names.maxSubscriptionName) {
        found.push(
          violation(sp, s, `is ${s.length} characters; subscription names have at most ${names.maxSubscriptionName}`),
        );
      }
      tierRule(found, ctx, `${sp}.requiresSession`, true, sa.requiresSession === true, "sessions", "sessions are");
      validateReceiving(found, sp, sa);
      found.push(
        minDuration(
          `${sp}.defaultMessageTimeToLive`,
          sa.defaultMessageTimeToLive,
          durations.defaultMessageTimeToLive.min,
        ),
      );
      found.push(minDuration(`${sp}.autoDeleteOnIdle`, sa.autoDeleteOnIdle, durations.autoDeleteOnIdle.min));
      if (ctx.inGeoDrPair && sa.autoDeleteOnIdle !== undefined) {
        found.push(
          violation(
            `${sp}.autoDeleteOnIdle`,
            sa.autoDeleteOnIdle,
            "is not allowed in a geo-DR pair: after a failover the entity may be auto-deleted on the new primary (SB-GEO)",
          ),
        );
      }
      validateEntityRoles(found, `${sp}.roleAssignments`, sa.roleAssignments, "subscription");
      found.push(...mapKeys(`${sp}.rules`, sa.rules));
      const rules = Object.entries(sa.rules ?? {});
      if (typeof sa.defaultRule === "object") rules.push(["$Default", sa.defaultRule]);
      for (const [r, ra] of rules) {
        const rp = r === "$Default" ? `${sp}.defaultRule` : `${sp}.rules.${r}`;
        if (r.length > names.maxRuleName)
          found.push(violation(rp, r, `is ${r.length} characters; rule names have at most ${names.maxRuleName}`));
        validateRule(found, rp, ra);
        if (ra.sqlFilter !== undefined) sqlFilters++;
        if (ra.correlationFilter !== undefined) correlationFilters++;
      }
      if (
        sa.defaultRule !== undefined &&
        typeof sa.defaultRule !== "object" &&
        !["keep", "disable"].includes(sa.defaultRule)
      ) {
        found.push(
          violation(
            `${sp}.defaultRule`,
            sa.defaultRule,
            'is not allowed; allowed: "keep", "disable", or a rule { sqlFilter | correlationFilter, action }',
          ),
        );
      }
    }
    if (sqlFilters > ruleLimits.maxSqlFiltersPerTopic) {
      found.push(
        violation(
          `${path}.subscriptions`,
          sqlFilters,
          `SQL filters exceed the limit of ${ruleLimits.maxSqlFiltersPerTopic} per topic`,
        ),
      );
    }
    if (correlationFilters > ruleLimits.maxCorrelationFiltersPerTopic) {
      found.push(
        violation(
          `${path}.subscriptions`,
          correlationFilters,
          `correlation filters exceed the limit of ${ruleLimits.maxCorrelationFiltersPerTopic} per topic`,
        ),
      );
    }
  }
  validateForwarding(found, ctx, queues, topics);
  return found.filter((v): v is Violation => v !== undefined);
}

/** Entity keys a geo-DR secondary mirrors role assignments onto (entities exist there once pairing replicated them). */
export function entityScopes(
  queues: Record<string, ServiceBusQueueArgs> = {},
  topics: Record<string, ServiceBusTopicArgs> = {},
): { key: string; path: string; roles: Record<string, RoleAssignmentArgs> }[] {
  const out: { key: string; path: string; roles: Record<string, RoleAssignmentArgs> }[] = [];
  for (const [q, a] of Object.entries(queues))
    if (a.roleAssignments) out.push({ key: `queue-${q}`, path: `queues/${q}`, roles: a.roleAssignments });
  for (const [t, a] of Object.entries(topics)) {
    if (a.roleAssignments) out.push({ key: `topic-${t}`, path: `topics/${t}`, roles: a.roleAssignments });
    for (const [s, sa] of Object.entries(a.subscriptions ?? {})) {
      if (sa.roleAssignments)
        out.push({ key: `sub-${t}-${s}`, path: `topics/${t}/subscriptions/${s}`, roles: sa.roleAssignments });
    }
  }
  return out;
}
