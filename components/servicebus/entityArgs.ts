import * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/azure-native/types/input";
import { Violation } from "../core/errors";
import { LockArgs, RoleAssignmentArgs } from "../core/interfaces";
import { AuthorizationRuleArgs } from "../core/messaging";
import { violation } from "../core/validate";
import { ServiceBusTier, tierFacts, tiersWith } from "./limits";

// Entity argument types (queues, topics, subscriptions, rules), and what their validators share: the namespace
// context and the tier gate. The validators are in entities.ts and forwarding.ts.

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
  /** Whether the entity sends and receives (`SendDisabled` / `ReceiveDisabled` stop one side). Defaults to `Active`. */
  readonly status?: pulumi.Input<EntityStatus>;
  /** SAS policies on this entity, keyed by policy name. Defaults to none; needs local auth. */
  readonly authorizationRules?: Record<string, AuthorizationRuleArgs>;
  /** Data-plane role assignments scoped to THIS entity (least privilege), e.g. "Azure Service Bus Data Sender". Defaults to none. */
  readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
  /** Management lock on this entity (a namespace lock already covers it), created after its children. Defaults to none. */
  readonly lock?: LockArgs;
}

/** Settings of what receivers read from: queues and subscriptions. */
export interface ReceivingEntityArgs {
  /** FIFO with sessions (not on Basic; not with `forwardTo`). Defaults to false. Immutable. */
  readonly requiresSession?: boolean;
  /** Move expired messages to the dead-letter queue. Defaults to true. */
  readonly deadLetteringOnMessageExpiration?: pulumi.Input<boolean>;
  /** Peek-lock duration, ISO 8601, at most 5 min. Defaults to Azure's `PT1M`. Outputs are not checked. */
  readonly lockDuration?: pulumi.Input<string>;
  /** Deliveries before dead-lettering, at least 1. Defaults to 10. Outputs are not checked. */
  readonly maxDeliveryCount?: pulumi.Input<number>;
  /** Auto-forward to a queue or topic of this namespace, by key (not on Basic; at most 4 hops, no loops). Defaults to none. */
  readonly forwardTo?: string;
  /** Forward dead-lettered messages to a queue or topic of this namespace, by key (not on Basic). Defaults to none. */
  readonly forwardDeadLetteredMessagesTo?: string;
}

export interface ServiceBusQueueArgs extends MessageEntityArgs, ReceivingEntityArgs {}

export interface ServiceBusTopicArgs extends MessageEntityArgs {
  /** Preserve order (non-partitioned topics). Defaults to Azure's (true unless partitioned). */
  readonly supportOrdering?: pulumi.Input<boolean>;
  /** Subscriptions keyed by subscription name (at most 50 characters, 2,000 per topic). Defaults to none. */
  readonly subscriptions?: Record<string, ServiceBusSubscriptionArgs>;
}

/** A correlation filter: system properties and custom `properties`, all ANDed; at least one must be set. */
export type CorrelationFilterArgs = Omit<inputs.servicebus.CorrelationFilterArgs, "requiresPreprocessing">;

/**
 * A rule's SQL action with its options (azure-native `servicebus.ActionArgs`, passed through): `sqlExpression` is
 * required; `compatibilityLevel` is reserved by Service Bus (20; another value has no effect, a warning) and
 * `requiresPreprocessing` defaults to Azure's (true).
 */
export type RuleActionArgs = Omit<inputs.servicebus.ActionArgs, "sqlExpression"> & {
  /** SQL action, at most 1,024 characters, e.g. `SET sys.Label = 'vip'`. */
  readonly sqlExpression: pulumi.Input<string>;
};

/** A rule's action: the SQL text, or the text with its options. */
export type RuleAction = pulumi.Input<string> | RuleActionArgs;

/** True when a rule's action is given as an object with options (not as the SQL text or an Output of it). */
export function isActionObject(action: RuleAction | undefined): action is RuleActionArgs {
  return (
    typeof action === "object" &&
    action !== null &&
    !pulumi.Output.isInstance(action) &&
    !(action instanceof Promise) &&
    "sqlExpression" in action
  );
}

/** The action's ARM input (`{ sqlExpression, compatibilityLevel?, requiresPreprocessing? }`), or undefined. */
export function toRuleAction(action: RuleAction | undefined): inputs.servicebus.ActionArgs | undefined {
  if (action === undefined) return undefined;
  return isActionObject(action) ? { ...action } : { sqlExpression: action };
}

/** A rule: exactly one filter (SQL or correlation) and an optional SQL action. */
export type ServiceBusRuleArgs =
  | {
      /** SQL filter expression, at most 1,024 characters, e.g. `priority = 'high' AND amount > 100`. */
      readonly sqlFilter: pulumi.Input<string>;
      readonly correlationFilter?: undefined;
      /**
       * SQL action run on matching messages, at most 1,024 characters, e.g. `SET sys.Label = 'vip'`, or
       * `{ sqlExpression, compatibilityLevel?, requiresPreprocessing? }`. Defaults to none.
       */
      readonly action?: RuleAction;
    }
  | {
      readonly correlationFilter: CorrelationFilterArgs;
      readonly sqlFilter?: undefined;
      readonly action?: RuleAction;
    };

/**
 * What happens to the `$Default` rule (a TrueFilter Azure creates on every subscription): `keep` it (the
 * subscription also receives everything), `disable` it (its filter becomes `1=0`, so only `rules` match), or replace
 * its filter with a rule of your own.
 */
export type DefaultRuleArgs = "keep" | "disable" | ServiceBusRuleArgs;

export interface ServiceBusSubscriptionArgs extends ReceivingEntityArgs {
  /** Dead-letter messages whose filter evaluation throws. Defaults to true. */
  readonly deadLetteringOnFilterEvaluationExceptions?: pulumi.Input<boolean>;
  /** ISO 8601, positive. Defaults to the topic's. Outputs are not checked. */
  readonly defaultMessageTimeToLive?: pulumi.Input<string>;
  /** ISO 8601, at least 5 min. Defaults to never. Not allowed in geo-DR pairs. */
  readonly autoDeleteOnIdle?: pulumi.Input<string>;
  /** Server-side batched operations. Defaults to true. */
  readonly enableBatchedOperations?: pulumi.Input<boolean>;
  /** Whether the entity sends and receives (`SendDisabled` / `ReceiveDisabled` stop one side). Defaults to `Active`. */
  readonly status?: pulumi.Input<EntityStatus>;
  /**
   * Client affinity (JMS subscriptions created by a client): the subscription is created with `isClientAffine: true`
   * and these properties (`clientId`, `isDurable`, `isShared`, passed through). Defaults to none (not client-affine).
   */
  readonly clientAffineProperties?: inputs.servicebus.SBClientAffinePropertiesArgs;
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

/** Violations as validators collect them (undefined for a check that passed). */
export type Found = (Violation | undefined)[];

/** The tier gate: an error naming the tiers that have `feature` when the namespace's tier does not. */
export function tierRule(
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
