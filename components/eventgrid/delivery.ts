import * as pulumi from "@pulumi/pulumi";
import { Violation } from "../core/errors";
import { armId, intInRange, violation, warning } from "../core/validate";
import { storageChildName, GrantTarget } from "./destinations";
import { attemptsWithinTtl, destinationFacts, retryLimits, retryRepeatSeconds, retryScheduleSeconds } from "./limits";
import { DeadLetterArgs, EventSubscriptionArgs, SubscriptionContext, SubscriptionIdentity } from "./subscriptionArgs";

// How a subscription delivers: the managed identity it delivers and dead-letters with, the retry policy (and the
// warning when Event Grid's schedule cannot honour it), and the dead-letter container (EG-R, EG-MD).

/** The delivery identity after defaults, or undefined for key-based delivery. */
export function resolveDeliveryIdentity(
  sub: EventSubscriptionArgs,
  ctx: SubscriptionContext,
): SubscriptionIdentity | undefined {
  if (sub.identity === false) return undefined;
  if (sub.identity !== undefined) return sub.identity;
  const canUseIdentity = destinationFacts[sub.destination.kind]?.deliveryRole !== undefined;
  return canUseIdentity && ctx.systemAssigned ? "SystemAssigned" : undefined;
}

/** The dead-letter destination and identity after defaults, or undefined when dead-lettering is off. */
export function resolveDeadLetter(
  sub: EventSubscriptionArgs,
  ctx: SubscriptionContext,
): { destination: DeadLetterArgs; identity?: SubscriptionIdentity } | undefined {
  if (sub.deadLetter === false) return undefined;
  const destination = sub.deadLetter ?? ctx.defaultDeadLetter;
  if (!destination) return undefined;
  if (destination.identity === false) return { destination };
  const identity =
    destination.identity ?? resolveDeliveryIdentity(sub, ctx) ?? (ctx.systemAssigned ? "SystemAssigned" : undefined);
  return { destination, identity };
}

export const identityLabel = (i: SubscriptionIdentity) =>
  i === "SystemAssigned" ? "SystemAssigned" : `user:${i.userAssigned}`;

function validateIdentity(
  path: string,
  identity: SubscriptionIdentity,
  ctx: SubscriptionContext,
  assignRoles: boolean,
): Violation[] {
  if (identity === "SystemAssigned") {
    return ctx.systemAssigned
      ? []
      : [
          violation(
            path,
            identity,
            "needs the topic's system-assigned identity, which is not enabled (managedIdentities.systemAssigned)",
          ),
        ];
  }
  const key = identity.userAssigned;
  if (!ctx.userAssignedKeys.includes(key)) {
    return [
      violation(
        `${path}.userAssigned`,
        key,
        `names no user-assigned identity of the topic; declared: ${ctx.userAssignedKeys.join(", ") || "(none)"}`,
      ),
    ];
  }
  if (assignRoles && !ctx.userAssignedPrincipalKeys.includes(key)) {
    return [
      violation(
        `${path}.userAssigned`,
        key,
        "has no principal id in userAssignedPrincipalIds, which the role assignments need (or set assignRoles: false)",
      ),
    ];
  }
  return [];
}

/** Identity delivery: only to kinds Event Grid delivers to with an identity, and an identity the parent has. */
export function validateDeliveryIdentity(
  path: string,
  sub: EventSubscriptionArgs,
  ctx: SubscriptionContext,
): (Violation | undefined)[] {
  const found: (Violation | undefined)[] = [];
  const assignRoles = sub.assignRoles ?? true;
  if (sub.identity !== undefined && sub.identity !== false) {
    const facts = destinationFacts[sub.destination.kind];
    if (facts && !facts.deliveryRole) {
      found.push(
        violation(
          `${path}.identity`,
          sub.identity,
          `is not supported on ${sub.destination.kind} destinations: Event Grid delivers with a managed identity only to Service Bus queues and topics, event hubs and storage queues`,
        ),
      );
    } else {
      found.push(...validateIdentity(`${path}.identity`, sub.identity, ctx, assignRoles));
    }
  }

  return found;
}

/** The retry policy: attempts and event time-to-live within Event Grid's ranges. */
export function validateRetry(path: string, sub: EventSubscriptionArgs): (Violation | undefined)[] {
  const found: (Violation | undefined)[] = [];
  found.push(
    intInRange(
      `${path}.retry.maxDeliveryAttempts`,
      sub.retry?.maxDeliveryAttempts,
      retryLimits.minDeliveryAttempts,
      retryLimits.maxDeliveryAttempts,
    ),
  );
  found.push(
    intInRange(
      `${path}.retry.eventTtlMinutes`,
      sub.retry?.eventTtlMinutes,
      retryLimits.minEventTtlMinutes,
      retryLimits.maxEventTtlMinutes,
    ),
  );
  return found;
}

/** Dead-lettering: on by default (a destination here or the component's), a valid container, a usable identity. */
export function validateDeadLetter(
  path: string,
  sub: EventSubscriptionArgs,
  ctx: SubscriptionContext,
): (Violation | undefined)[] {
  const found: (Violation | undefined)[] = [];
  const assignRoles = sub.assignRoles ?? true;
  if (sub.deadLetter === undefined && !ctx.defaultDeadLetter) {
    found.push(
      violation(
        `${path}.deadLetter`,
        undefined,
        "is required: dead-lettering is on by default so that undeliverable events are kept; give { storageAccountId, containerName } here or as the component's deadLetter, or set deadLetter: false to drop them",
      ),
    );
  }
  if (sub.deadLetter) found.push(...validateDeadLetterDefault(`${path}.deadLetter`, sub.deadLetter));
  const dl = resolveDeadLetter(sub, ctx);
  if (dl?.destination.identity)
    found.push(...validateIdentity(`${path}.deadLetter.identity`, dl.destination.identity, ctx, assignRoles));
  return found;
}

/** Validates a dead-letter destination: a component's shared default, or a subscription's own. Pure. */
export function validateDeadLetterDefault(path: string, dl: DeadLetterArgs | undefined): Violation[] {
  if (!dl) return [];
  return [
    armId(`${path}.storageAccountId`, dl.storageAccountId, "Microsoft.Storage/storageAccounts"),
    storageChildName(`${path}.containerName`, dl.containerName, "container"),
  ].filter((v): v is Violation => v !== undefined);
}

/**
 * Warnings (not errors; README "Errors and warnings") for a valid subscription: a retry policy Event Grid's schedule
 * cannot honour. Event Grid retries after 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h, 3 h, 6 h, then every 12 h up
 * to 24 h, so an explicit maxDeliveryAttempts above what the TTL allows is never reached. Pure; exported for tests.
 */
export function eventSubscriptionWarnings(path: string, sub: EventSubscriptionArgs): Violation[] {
  const attempts = sub.retry?.maxDeliveryAttempts;
  // Out-of-range values are errors (validateRetry), not also warnings.
  if (
    attempts === undefined ||
    !Number.isInteger(attempts) ||
    attempts < retryLimits.minDeliveryAttempts ||
    attempts > retryLimits.maxDeliveryAttempts
  )
    return [];
  const ttl = sub.retry?.eventTtlMinutes ?? retryLimits.defaultEventTtlMinutes;
  if (!Number.isInteger(ttl) || ttl < retryLimits.minEventTtlMinutes || ttl > retryLimits.maxEventTtlMinutes) return [];
  const possible = attemptsWithinTtl(ttl);
  if (attempts <= possible) return [];
  const schedule = [...retryScheduleSeconds, retryRepeatSeconds].map(shortDuration).join(", ");
  return [
    warning(
      `${path}.retry.maxDeliveryAttempts`,
      attempts,
      `can never happen with an event TTL of ${ttl} minutes: Event Grid retries on a fixed schedule (${schedule} repeating, up to 24 h), so that TTL allows at most ${possible} delivery attempts; lower maxDeliveryAttempts to ${possible} or raise eventTtlMinutes`,
    ),
  ];
}

function shortDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
}

/** The blob container a dead-letter role is scoped to. */
export function deadLetterScope(dl: DeadLetterArgs): GrantTarget {
  return {
    scope: pulumi.interpolate`${dl.storageAccountId}/blobServices/default/containers/${dl.containerName}`,
    parts: [dl.storageAccountId, "container", dl.containerName],
  };
}
