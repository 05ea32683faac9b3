import { Violation } from "../core/errors";
import { validateEntityExtensions } from "../core/extensions";
import { validatePrincipalType } from "../core/roleAssignment";
import { armId, intInRange, isKnown, mapKeys, oneOf, violation } from "../core/validate";
import { AuthorizationRuleArgs, validateAuthorizationRules } from "../core/messaging";
import { CaptureArgs, EventHubArgs, PrincipalRef, RetentionArgs } from "./args";
import { commonLimits, describeTierMaxima, EventHubsTier, notOnTier, tierLimits, tierMaxMessage } from "./limits";
import { effectivePartitionCount, partitionsNeeded } from "./sizing";

// The per-event-hub validators, one concern each, shared by EventHubNamespace (hubs it creates with its namespace)
// and EventHubNamespaceEntities (hubs on a namespace another stack owns). Namespace-wide budgets are the callers'.

type Found = (Violation | undefined)[];

const EVENT_HUB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** What validating event hubs needs to know about their namespace (created here, or an existing one). */
export interface EventHubsValidationContext {
  readonly tier: EventHubsTier;
  /** SAS rules are allowed only with local (SAS) authentication. */
  readonly localAuth: boolean;
  /** Why a capture cannot use the namespace's system-assigned identity; undefined when it can. */
  readonly systemIdentityMissing?: string;
  /** User-assigned identity ids attached to the namespace (lowercase); undefined when unknown (not checked). */
  readonly attachedUserIds?: string[];
}

/** SAS rules (namespace or event hub): the shared checks, plus Event Hubs' cap and name rule. */
export function validateSasRules(
  path: string,
  rules: Record<string, AuthorizationRuleArgs> | undefined,
  localAuth: boolean,
): Violation[] {
  return validateAuthorizationRules(path, rules, localAuth, {
    maxRules: commonLimits.maxAuthorizationRules,
    name: { pattern: commonLimits.authorizationRuleName, rule: "a rule name: 1-256 letters, digits, '.', '-' or '_'" },
  });
}

/** Principals that get a data-plane role: each needs a valid `principalType`. */
export function validatePrincipals(path: string, principals: Record<string, PrincipalRef> | undefined): Violation[] {
  const found: (Violation | undefined)[] = [...mapKeys(path, principals)];
  for (const [key, p] of Object.entries(principals ?? {})) {
    found.push(validatePrincipalType(`${path}.${key}.principalType`, p.principalType));
  }
  return found.filter((v): v is Violation => v !== undefined);
}

function validateHubName(p: string, name: string): Found {
  if (name.length <= commonLimits.eventHubNameMaxLength && EVENT_HUB_NAME.test(name)) return [];
  return [
    violation(
      `${p}.name`,
      name,
      `must be 1-${commonLimits.eventHubNameMaxLength} letters, digits, '.', '-' or '_', starting and ending with a letter or digit`,
    ),
  ];
}

/** Explicit partitions against the tier, and against what the declared load needs. */
function validatePartitionsAndLoad(p: string, hub: EventHubArgs, tier: EventHubsTier): Found {
  const found: Found = [];
  const limits = tierLimits[tier];
  if (hub.partitionCount !== undefined) {
    if (!Number.isInteger(hub.partitionCount) || hub.partitionCount < 1) {
      found.push(
        violation(
          `${p}.partitionCount`,
          hub.partitionCount,
          `must be a whole number from 1 to ${limits.maxPartitionsPerHub} on the ${tier} tier`,
        ),
      );
    } else if (hub.partitionCount > limits.maxPartitionsPerHub) {
      found.push(
        violation(
          `${p}.partitionCount`,
          hub.partitionCount,
          tierMaxMessage(
            tier,
            "partitions per event hub",
            limits.maxPartitionsPerHub,
            (t) => tierLimits[t].maxPartitionsPerHub,
          ),
        ),
      );
    }
  }
  if (hub.load) {
    for (const [f, v] of Object.entries(hub.load)) {
      if (typeof v !== "number" || !(v >= 0)) found.push(violation(`${p}.load.${f}`, v, "must be a number ≥ 0"));
    }
    const need = partitionsNeeded(hub.load);
    if (need.partitions > limits.maxPartitionsPerHub) {
      found.push(
        violation(
          `${p}.load`,
          hub.load,
          `needs ${need.partitions} partitions (${need.reason}), above the ${tier} tier maximum of ${limits.maxPartitionsPerHub} per event hub; ${describeTierMaxima((l) => l.maxPartitionsPerHub)}; or split the stream over several event hubs`,
        ),
      );
    } else if (
      hub.partitionCount !== undefined &&
      Number.isInteger(hub.partitionCount) &&
      hub.partitionCount < need.partitions
    ) {
      found.push(
        violation(
          `${p}.partitionCount`,
          hub.partitionCount,
          `cannot carry the declared load: ${need.reason} needs at least ${need.partitions} partitions (~1 MB/s each); set partitionCount to ${need.partitions} or more`,
        ),
      );
    }
  }
  return found;
}

/** Delete (time-based, up to the tier maximum) or Compact (not on Basic; tombstones only). */
function validateRetention(p: string, r: RetentionArgs, tier: EventHubsTier): Found {
  const found: Found = [oneOf(`${p}.retention.cleanupPolicy`, r.cleanupPolicy, ["Delete", "Compact"])];
  const limits = tierLimits[tier];
  const maxH = limits.maxRetentionHours;
  if ((r.cleanupPolicy ?? "Delete") === "Delete") {
    if (r.retentionTimeInHours !== undefined && r.retentionTimeInDays !== undefined) {
      found.push(violation(`${p}.retention`, r, "sets both retentionTimeInHours and retentionTimeInDays; set one"));
    }
    if (r.tombstoneRetentionTimeInHours !== undefined) {
      found.push(
        violation(
          `${p}.retention.tombstoneRetentionTimeInHours`,
          r.tombstoneRetentionTimeInHours,
          "applies only to cleanupPolicy Compact",
        ),
      );
    }
    const where = `on the ${tier} tier (max ${maxH / 24} day${maxH === 24 ? "" : "s"}; ${describeTierMaxima((l) => l.maxRetentionHours / 24, " d")})`;
    found.push(
      intInRange(
        `${p}.retention.retentionTimeInHours`,
        r.retentionTimeInHours,
        commonLimits.minRetentionHours,
        maxH,
        where,
      ),
    );
    found.push(intInRange(`${p}.retention.retentionTimeInDays`, r.retentionTimeInDays, 1, maxH / 24, where));
  } else if (r.cleanupPolicy === "Compact") {
    if (!limits.compaction) {
      found.push(
        violation(
          `${p}.retention.cleanupPolicy`,
          "Compact",
          notOnTier(tier, "Log compaction", (l) => l.compaction),
        ),
      );
    }
    if (r.retentionTimeInHours !== undefined || r.retentionTimeInDays !== undefined) {
      found.push(
        violation(
          `${p}.retention`,
          r,
          "sets a retention time, which applies only to cleanupPolicy Delete; a compacted hub keeps the latest event per key",
        ),
      );
    }
    found.push(
      intInRange(
        `${p}.retention.tombstoneRetentionTimeInHours`,
        r.tombstoneRetentionTimeInHours,
        1,
        maxH,
        `on the ${tier} tier`,
      ),
    );
  }
  return found;
}

/** Capture: tier, windows, file name tokens, the storage account, and an identity the namespace carries. */
function validateCapture(p: string, c: CaptureArgs, ctx: EventHubsValidationContext): Found {
  const found: Found = [];
  const { tier } = ctx;
  if (!tierLimits[tier].capture) {
    found.push(
      violation(
        `${p}.capture`,
        c,
        notOnTier(tier, "Capture", (l) => l.capture),
      ),
    );
  }
  found.push(oneOf(`${p}.capture.encoding`, c.encoding, ["Avro", "AvroDeflate"]));
  const iv = commonLimits.captureIntervalSeconds;
  const sz = commonLimits.captureSizeLimitBytes;
  found.push(intInRange(`${p}.capture.intervalInSeconds`, c.intervalInSeconds, iv.min, iv.max, "seconds"));
  found.push(intInRange(`${p}.capture.sizeLimitInBytes`, c.sizeLimitInBytes, sz.min, sz.max, "bytes (10-500 MiB)"));
  if (c.archiveNameFormat !== undefined) {
    const missing = commonLimits.captureArchiveTokens.filter((t) => !c.archiveNameFormat!.includes(t));
    if (missing.length > 0) {
      found.push(
        violation(
          `${p}.capture.archiveNameFormat`,
          c.archiveNameFormat,
          `is missing ${missing.join(", ")}; every one of ${commonLimits.captureArchiveTokens.join(" ")} is required`,
        ),
      );
    }
  }
  found.push(armId(`${p}.capture.storageAccountId`, c.storageAccountId, "Microsoft.Storage/storageAccounts"));
  if (c.identity?.type === "SystemAssigned") {
    if (ctx.systemIdentityMissing !== undefined) {
      found.push(violation(`${p}.capture.identity`, "SystemAssigned", ctx.systemIdentityMissing));
    }
  } else if (c.identity?.type === "UserAssigned") {
    const attached = ctx.attachedUserIds;
    if (isKnown(c.identity.resourceId) && attached && !attached.includes(c.identity.resourceId.toLowerCase())) {
      found.push(
        violation(
          `${p}.capture.identity.resourceId`,
          c.identity.resourceId,
          "is not attached to the namespace: add it to managedIdentities.userAssignedResourceIds",
        ),
      );
    }
  } else {
    found.push(
      violation(
        `${p}.capture.identity`,
        c.identity,
        'is required: { type: "SystemAssigned" } or { type: "UserAssigned", resourceId, principalId } (capture is identity-based)',
      ),
    );
  }
  return found;
}

/** Consumer groups: the tier cap ($Default always exists and counts), names, checkpoint-store principals. */
function validateConsumerGroups(p: string, hub: EventHubArgs, tier: EventHubsTier): Found {
  const limits = tierLimits[tier];
  const groups = hub.consumerGroups ?? {};
  const groupKeys = Object.keys(groups);
  const found: Found = [...mapKeys(`${p}.consumerGroups`, groups)];
  if (groupKeys.length + 1 > limits.maxConsumerGroupsPerHub) {
    found.push(
      violation(
        `${p}.consumerGroups`,
        groupKeys,
        `${groupKeys.length} consumer groups plus $Default exceed the ${tier} tier maximum of ${limits.maxConsumerGroupsPerHub} per event hub (${describeTierMaxima((l) => l.maxConsumerGroupsPerHub)})`,
      ),
    );
  }
  for (const [gk, g] of Object.entries(groups)) {
    const gname = g.name ?? gk;
    if (gname.length > commonLimits.consumerGroupNameMaxLength || gname.toLowerCase() === "$default") {
      found.push(
        violation(
          `${p}.consumerGroups.${gk}.name`,
          gname,
          `must be at most ${commonLimits.consumerGroupNameMaxLength} characters (the AMQP limit) and not $Default, which always exists`,
        ),
      );
    }
    found.push(
      ...validatePrincipals(`${p}.consumerGroups.${gk}.checkpointStore.consumers`, g.checkpointStore?.consumers),
    );
    found.push(...validateEntityExtensions(`${p}.consumerGroups.${gk}`, g));
  }
  return found;
}

/**
 * Validates event hubs against their namespace's tier, one hub at a time (name, partitions, load, retention, capture,
 * consumer groups, principals, SAS rules). Namespace-wide budgets are the caller's. Pure; exported for tests.
 */
export function validateEventHubs(
  hubs: Record<string, EventHubArgs>,
  ctx: EventHubsValidationContext,
): { violations: Violation[]; totalPartitions: number } {
  const found: Found = [];
  let totalPartitions = 0;
  for (const [key, hub] of Object.entries(hubs)) {
    const p = `eventHubs.${key}`;
    totalPartitions += effectivePartitionCount(hub);
    found.push(...validateHubName(p, hub.name ?? key));
    found.push(...validatePartitionsAndLoad(p, hub, ctx.tier));
    if (hub.retention) found.push(...validateRetention(p, hub.retention, ctx.tier));
    if (hub.capture) found.push(...validateCapture(p, hub.capture, ctx));
    found.push(...validateConsumerGroups(p, hub, ctx.tier));
    found.push(
      ...validatePrincipals(`${p}.senders`, hub.senders),
      ...validatePrincipals(`${p}.receivers`, hub.receivers),
    );
    found.push(...validateSasRules(`${p}.authorizationRules`, hub.authorizationRules, ctx.localAuth));
    found.push(...validateEntityExtensions(p, hub));
  }
  return { violations: found.filter((v): v is Violation => v !== undefined), totalPartitions };
}
