import * as pulumi from "@pulumi/pulumi";
import { DeliverySchema, InputSchema, TlsVersion } from "./limits";

// The argument types of the one event-subscription model every Event Grid component uses (custom topics, system
// topics, domains, domain topics, partner topics): destinations, filters, delivery, retry and dead-lettering.

type NumberCompare = "NumberLessThan" | "NumberGreaterThan" | "NumberLessThanOrEquals" | "NumberGreaterThanOrEquals";
type StringOperator =
  | "StringIn"
  | "StringNotIn"
  | "StringBeginsWith"
  | "StringEndsWith"
  | "StringContains"
  | "StringNotBeginsWith"
  | "StringNotEndsWith"
  | "StringNotContains";

/**
 * One advanced filter: `key` is the event field (`data.amount`, `subject`, `type`), `operator` one of Azure's 19, and
 * the value shape follows the operator. Values within one filter are ORed; separate filters are ANDed. String
 * comparisons are case-insensitive (Azure's behaviour). Plain values (not Outputs) so that they are checked up front.
 */
export type AdvancedFilterArgs =
  | { readonly operator: "NumberIn" | "NumberNotIn"; readonly key: string; readonly values: readonly number[] }
  | { readonly operator: NumberCompare; readonly key: string; readonly value: number }
  | {
      readonly operator: "NumberInRange" | "NumberNotInRange";
      readonly key: string;
      /** Inclusive `[low, high]` ranges. */
      readonly values: readonly (readonly [number, number])[];
    }
  | { readonly operator: "BoolEquals"; readonly key: string; readonly value: boolean }
  | { readonly operator: StringOperator; readonly key: string; readonly values: readonly string[] }
  | { readonly operator: "IsNullOrUndefined" | "IsNotNull"; readonly key: string };

/** A custom delivery property (header / message property): a fixed value, or a value taken from the event. */
export type DeliveryPropertyArgs =
  | {
      /** Fixed value. */
      readonly value: pulumi.Input<string>;
      /** Hide the value in the portal. Defaults to false. */
      readonly secret?: boolean;
    }
  | {
      /** JSON path of the event field whose value is sent, e.g. `data.orderId`. */
      readonly sourceField: string;
    };

export interface WithDeliveryProperties {
  /** Custom delivery properties keyed by header / property name (at most 10). Defaults to none. */
  readonly deliveryProperties?: Record<string, DeliveryPropertyArgs>;
}
export interface WithBatching {
  /** Maximum events per delivered batch, 1-5000. Defaults to Azure's (1). */
  readonly maxEventsPerBatch?: number;
  /** Preferred batch size in KB, 1-1024. Defaults to Azure's (64). */
  readonly preferredBatchSizeKb?: number;
}

/** Where events go: a discriminated union on `kind`. ARM ids may be Outputs (not checked up front then). */
export type DestinationArgs =
  | ({
      readonly kind: "webhook";
      /** HTTPS endpoint URL (http is rejected). */
      readonly endpointUrl: pulumi.Input<string>;
      /** Entra ID protected webhook: Event Grid sends a bearer token for this app. Defaults to none. */
      readonly entraId?: {
        readonly applicationIdOrUri: pulumi.Input<string>;
        /** Defaults to the tenant of the Event Grid resource. */
        readonly tenantId?: pulumi.Input<string>;
      };
      /** Minimum TLS version of the endpoint. Defaults to `1.2`. */
      readonly minimumTlsVersion?: TlsVersion;
    } & WithBatching &
      WithDeliveryProperties)
  | ({
      readonly kind: "azureFunction";
      /** Function id: `.../Microsoft.Web/sites/{app}/functions/{function}`. */
      readonly resourceId: pulumi.Input<string>;
    } & WithBatching &
      WithDeliveryProperties)
  | ({
      readonly kind: "eventHub";
      /** Event hub id: `.../Microsoft.EventHub/namespaces/{ns}/eventhubs/{hub}` (role assignments are scoped to it). */
      readonly resourceId: pulumi.Input<string>;
    } & WithDeliveryProperties)
  | ({
      readonly kind: "serviceBusQueue" | "serviceBusTopic";
      /** Queue or topic id: `.../Microsoft.ServiceBus/namespaces/{ns}/queues/{q}` or `/topics/{t}`. */
      readonly resourceId: pulumi.Input<string>;
      /**
       * Whether the entity requires sessions; Event Grid then needs a `SessionId` delivery property. Defaults to false
       * (the stacks fill it in from the Service Bus config).
       */
      readonly requiresSession?: boolean;
    } & WithDeliveryProperties)
  | {
      readonly kind: "storageQueue";
      /** Storage account id (the queue's role assignment is scoped to the queue itself). */
      readonly storageAccountId: pulumi.Input<string>;
      readonly queueName: pulumi.Input<string>;
      /** Message time-to-live in seconds, or -1 for infinite. Defaults to Azure's (7 days). */
      readonly messageTtlSeconds?: number;
    }
  | ({
      readonly kind: "hybridConnection";
      /** Relay hybrid connection id: `.../Microsoft.Relay/namespaces/{ns}/hybridConnections/{name}`. */
      readonly resourceId: pulumi.Input<string>;
    } & WithDeliveryProperties);

/** The managed identity a subscription uses: the topic's system-assigned one, or a user-assigned one by key. */
export type SubscriptionIdentity = "SystemAssigned" | { readonly userAssigned: string };

/** Dead-letter destination: a blob container (the only kind Event Grid supports). */
export interface DeadLetterArgs {
  /** Storage account id. */
  readonly storageAccountId: pulumi.Input<string>;
  /** Container name (the role assignment is scoped to the container, not the account). */
  readonly containerName: pulumi.Input<string>;
  /**
   * Identity to dead-letter with. Defaults to the subscription's delivery identity, else the topic's system-assigned
   * identity when it has one; `false` dead-letters with Event Grid's own (key-based) access.
   */
  readonly identity?: SubscriptionIdentity | false;
}

export interface RetryArgs {
  /** Maximum delivery attempts, 1-30. Defaults to 30. */
  readonly maxDeliveryAttempts?: number;
  /** Event time-to-live in minutes, 1-1440. Defaults to 1440 (24 h). */
  readonly eventTtlMinutes?: number;
}

/** One event subscription, the same model on every topic kind. */
export interface EventSubscriptionArgs {
  /** Azure name, 3-64 letters, digits and hyphens. Defaults to the map key. */
  readonly name?: string;
  readonly destination: DestinationArgs;
  /** Event types to deliver. Defaults to all. */
  readonly includedEventTypes?: string[];
  /** Subject prefix filter (no wildcards). Defaults to none. */
  readonly subjectBeginsWith?: string;
  /** Subject suffix filter (no wildcards). Defaults to none. */
  readonly subjectEndsWith?: string;
  /** Compare the subject filters case-sensitively. Defaults to false. */
  readonly subjectCaseSensitive?: boolean;
  /** Advanced filters keyed by a stable name, ANDed together (at most 25, with 25 values in total). Defaults to none. */
  readonly advancedFilters?: Record<string, AdvancedFilterArgs>;
  /** Evaluate advanced filters against array values. Defaults to false. */
  readonly advancedFilteringOnArrays?: boolean;
  /** Retry policy. Defaults to 30 attempts within 1440 minutes (Azure's defaults). */
  readonly retry?: RetryArgs;
  /** Schema events are delivered in. Defaults to the topic's input schema (CustomInputSchema for custom input). */
  readonly deliverySchema?: DeliverySchema;
  /** ISO 8601 time at which the subscription expires. Defaults to never. */
  readonly expirationTimeUtc?: pulumi.Input<string>;
  /** Free labels. Defaults to none. */
  readonly labels?: string[];
  /**
   * Deliver with a managed identity. Defaults to the topic's system-assigned identity for Service Bus, Event Hubs and
   * storage queue destinations (the only ones Event Grid delivers to with an identity) when the topic has one; `false`
   * delivers with Event Grid's own (key-based) access.
   */
  readonly identity?: SubscriptionIdentity | false;
  /**
   * Dead-letter container. Dead-lettering is on by default: defaults to the component's `deadLetter`; a subscription
   * without either is rejected unless it sets `false` (undeliverable events are then dropped).
   */
  readonly deadLetter?: DeadLetterArgs | false;
  /**
   * Create the role assignments identity delivery and dead-lettering need, scoped to the destination entity and the
   * dead-letter container. Defaults to true. Set false when someone else grants them.
   */
  readonly assignRoles?: boolean;
}

/** What a subscription is validated against: the parent's schema, identities and defaults. */
export interface SubscriptionContext {
  /** Input schema of the topic (system topics: EventGridSchema). */
  readonly inputSchema: InputSchema;
  readonly systemAssigned: boolean;
  /** Keys of the parent's user-assigned identities. */
  readonly userAssignedKeys: readonly string[];
  /** Keys of user-assigned identities whose principal id is known (needed for role assignments). */
  readonly userAssignedPrincipalKeys: readonly string[];
  /** The parent's default dead-letter destination. */
  readonly defaultDeadLetter?: DeadLetterArgs;
}
