// The router's own model of a stack's routing: what the evaluators read. Built from the validated stack config by
// router/model.ts (the only file that knows the config's shape). Every entity is named by its config key path.

export type InputSchema = "EventGridSchema" | "CloudEventSchemaV1_0" | "CustomEventSchema";
export type DeliverySchema = "EventGridSchema" | "CloudEventSchemaV1_0" | "CustomInputSchema";

export interface AdvancedFilter {
  /** The filter's key in config (`advancedFilters.<name>`). */
  readonly name: string;
  readonly operator: string;
  readonly key: string;
  readonly value?: unknown;
  readonly values?: readonly unknown[];
}

export interface EventGridFilter {
  readonly includedEventTypes?: readonly string[];
  readonly subjectBeginsWith?: string;
  readonly subjectEndsWith?: string;
  /** ARM `isSubjectCaseSensitive`; defaults to false. */
  readonly subjectCaseSensitive?: boolean;
  readonly advancedFilters: readonly AdvancedFilter[];
  /** ARM `enableAdvancedFilteringOnArrays`; defaults to false. */
  readonly advancedFilteringOnArrays?: boolean;
}

/** A delivery property: a fixed value or a value taken from the event (`sourceField`). */
export type DeliveryProperty = { readonly value: string; readonly secret?: boolean } | { readonly sourceField: string };

export type Destination =
  | {
      readonly kind: "serviceBusQueue" | "serviceBusTopic";
      /** Config key path of the queue or topic when it is in the stack; else the ARM id. */
      readonly target: string;
      readonly inStack: boolean;
      readonly deliveryProperties?: Readonly<Record<string, DeliveryProperty>>;
    }
  | {
      readonly kind: "eventHub" | "storageQueue" | "azureFunction" | "hybridConnection";
      readonly target: string;
      readonly inStack: boolean;
    }
  | { readonly kind: "webhook"; readonly target: string; readonly inStack: false };

export interface EventGridSubscription {
  /** Config key path, e.g. `eventgrid.topics.orders.subscriptions.high-value-orders`. */
  readonly key: string;
  /** Azure name of the event subscription. */
  readonly name: string;
  readonly filter: EventGridFilter;
  /** Explicit delivery schema, or undefined for the default of the input schema. */
  readonly deliverySchema?: DeliverySchema;
  readonly destination: Destination;
  /** Config key path of the dead-letter container (or `<account id>/<container>`), undefined when off. */
  readonly deadLetter?: string;
  readonly maxDeliveryAttempts: number;
  readonly eventTtlMinutes: number;
  /** Attempts Event Grid's retry schedule fits into the TTL (an upper bound; components/eventgrid/limits.ts). */
  readonly attemptsWithinTtl: number;
}

/** Somewhere events are published: a custom topic, a domain topic, a system topic or a partner topic. */
export interface EventGridSource {
  readonly key: string;
  readonly kind: "topic" | "domainTopic" | "systemTopic" | "partnerTopic";
  readonly inputSchema: InputSchema;
  /** For domain topics: the domain's own subscriptions come after the topic's (they see every domain topic). */
  readonly subscriptions: readonly EventGridSubscription[];
}

export type ServiceBusFilter =
  | { readonly kind: "true" }
  | { readonly kind: "sql"; readonly expression: string }
  | {
      readonly kind: "correlation";
      readonly system: Readonly<Record<string, string>>;
      readonly properties: Readonly<Record<string, string>>;
    };

export interface ServiceBusRule {
  readonly name: string;
  /** Config key path of the rule (`...rules.<name>` or `...defaultRule`), or the subscription's for a kept `$Default`. */
  readonly key: string;
  readonly filter: ServiceBusFilter;
  readonly action?: string;
}

/** What queues and subscriptions share: how messages leave them other than by being received. */
export interface ServiceBusReceiver {
  readonly key: string;
  readonly requiresSession: boolean;
  readonly maxDeliveryCount: number;
  readonly deadLetteringOnMessageExpiration: boolean;
  /** Config key path of the entity auto-forwarded to. */
  readonly forwardTo?: string;
  readonly forwardDeadLetteredMessagesTo?: string;
}

export interface ServiceBusQueue extends ServiceBusReceiver {
  readonly kind: "queue";
}

export interface ServiceBusSubscription extends ServiceBusReceiver {
  readonly kind: "subscription";
  readonly deadLetteringOnFilterEvaluationExceptions: boolean;
  readonly rules: readonly ServiceBusRule[];
}

export interface ServiceBusTopic {
  readonly kind: "topic";
  readonly key: string;
  readonly subscriptions: readonly ServiceBusSubscription[];
}

export type ServiceBusEntity = ServiceBusQueue | ServiceBusTopic;

export interface RoutingModel {
  readonly stack: string;
  /** Event Grid publish targets by config key path. */
  readonly eventGrid: ReadonlyMap<string, EventGridSource>;
  /** Service Bus queues and topics by config key path. */
  readonly serviceBus: ReadonlyMap<string, ServiceBusEntity>;
}
