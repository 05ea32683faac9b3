import * as pulumi from "@pulumi/pulumi";
import { validateEntityExtensions } from "../core/extensions";
import { Violation } from "../core/errors";
import { RoleAssignmentArgs } from "../core/interfaces";
import { validateAuthorizationRules } from "../core/messaging";
import { validateRoleAssignments } from "../core/roleAssignment";
import {
  durationInRange,
  formatSeconds,
  intInRange,
  isKnown,
  isoDurationSeconds,
  mapKeys,
  violation,
  warning,
} from "../core/validate";
import {
  dataRoles,
  durations,
  largeMessageKb,
  maxDeliveryCount,
  names,
  ruleLimits,
  sqlCompatibilityLevel,
  tierFacts,
  tiersWith,
} from "./limits";
import {
  EntityContext,
  Found,
  isActionObject,
  MessageEntityArgs,
  ServiceBusQueueArgs,
  ServiceBusRuleArgs,
  ServiceBusTopicArgs,
  tierRule,
} from "./entityArgs";
import { validateForwarding } from "./forwarding";
import { sqlRuleViolations } from "./sql";

// The entity validators (queues, topics, subscriptions, rules). The argument types are in entityArgs.ts and
// forwarding in forwarding.ts; the Namespace component creates the entities, PairedNamespaces on the primary only.
export * from "./entityArgs";
export { queueCreationOrder } from "./forwarding";

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
  const action = rule.action;
  const actionObject = isActionObject(action);
  for (const [field, value] of [
    ["sqlFilter", rule.sqlFilter],
    actionObject ? ["action.sqlExpression", action.sqlExpression] : ["action", action],
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
  if (actionObject && isKnown(action.compatibilityLevel) && action.compatibilityLevel !== sqlCompatibilityLevel) {
    found.push(
      warning(
        `${path}.action.compatibilityLevel`,
        action.compatibilityLevel,
        `has no effect: the compatibility level is reserved for future use and Service Bus uses ${sqlCompatibilityLevel}`,
      ),
    );
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
  // Azure accepts (and ignores) a window while detection is off; its quickstarts set the default PT10M so.
  if (a.duplicateDetectionHistoryTimeWindow !== undefined && a.requiresDuplicateDetection !== true) {
    found.push(
      warning(
        `${path}.duplicateDetectionHistoryTimeWindow`,
        a.duplicateDetectionHistoryTimeWindow,
        "has no effect while requiresDuplicateDetection is not true (Service Bus ignores the window without duplicate detection)",
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
        "is not allowed in a geo-DR pair: after a failover the entity may be auto-deleted on the new primary (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-geo-dr)",
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
    found.push(...validateEntityExtensions(path, { lock: a.lock }));
  }
  for (const [t, a] of Object.entries(topics)) {
    const path = `topics.${t}`;
    validateCommonEntity(found, ctx, path, a);
    validateEntityRoles(found, `${path}.roleAssignments`, a.roleAssignments, "topic");
    found.push(...validateEntityExtensions(path, { lock: a.lock }));
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
            "is not allowed in a geo-DR pair: after a failover the entity may be auto-deleted on the new primary (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-geo-dr)",
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

/** Entity paths a geo-DR secondary mirrors role assignments onto (entities exist there once pairing replicated them). */
export function entityScopes(
  queues: Record<string, ServiceBusQueueArgs> = {},
  topics: Record<string, ServiceBusTopicArgs> = {},
): { path: string; roles: Record<string, RoleAssignmentArgs> }[] {
  const out: { path: string; roles: Record<string, RoleAssignmentArgs> }[] = [];
  for (const [q, a] of Object.entries(queues))
    if (a.roleAssignments) out.push({ path: `queues/${q}`, roles: a.roleAssignments });
  for (const [t, a] of Object.entries(topics)) {
    if (a.roleAssignments) out.push({ path: `topics/${t}`, roles: a.roleAssignments });
    for (const [s, sa] of Object.entries(a.subscriptions ?? {})) {
      if (sa.roleAssignments) out.push({ path: `topics/${t}/subscriptions/${s}`, roles: sa.roleAssignments });
    }
  }
  return out;
}
