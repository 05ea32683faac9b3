import type { BuiltInRoleName } from "../rbac/builtInRoles";

/**
 * Event Grid facts, one table per concern, each with its source. Citation keys are those of
 * docs/azure-facts.md, where each key has its public URL (EG-L limits, EG-F filtering, EG-R delivery and retry, EG-MD manage event delivery,
 * EG-CE schemas, EG-SRC / EG-ST system topics, PN the azure-native 3.28.0 typings, RBAC built-in roles);
 * other sources are given as URLs. ⚠️ marks a fact that could not be confirmed; the comment says how it is handled.
 */

/** Advanced filter caps per event subscription. Source: EG-F ("25 advanced filters and 25 filter values across all filters"; 512 characters per string). */
export const advancedFilterLimits = {
  maxFilters: 25,
  maxValuesTotal: 25,
  maxStringLength: 512,
} as const;

/** The value shape each advanced-filter operator takes (PN `types/input.d.ts` eventgrid *AdvancedFilterArgs; EG-F). */
export type FilterValueShape = "number" | "boolean" | "numbers" | "ranges" | "strings" | "none";

/** All 19 operators of the `FilterOperatorType` enum (PN `types/enums/eventgrid`, EG-F) with their value shapes. */
export const advancedFilterOperators = {
  NumberIn: "numbers",
  NumberNotIn: "numbers",
  NumberLessThan: "number",
  NumberGreaterThan: "number",
  NumberLessThanOrEquals: "number",
  NumberGreaterThanOrEquals: "number",
  NumberInRange: "ranges",
  NumberNotInRange: "ranges",
  BoolEquals: "boolean",
  StringIn: "strings",
  StringNotIn: "strings",
  StringBeginsWith: "strings",
  StringEndsWith: "strings",
  StringContains: "strings",
  StringNotBeginsWith: "strings",
  StringNotEndsWith: "strings",
  StringNotContains: "strings",
  IsNullOrUndefined: "none",
  IsNotNull: "none",
} as const satisfies Record<string, FilterValueShape>;

export type AdvancedFilterOperator = keyof typeof advancedFilterOperators;

/**
 * How many values a filter counts towards the 25-value cap. ⚠️ EG-F does not say how ranges and single values count;
 * we count each range as one value and a single value (or none) as one, the conservative reading.
 */
export function filterValueCount(shape: FilterValueShape, values: readonly unknown[] | undefined): number {
  if (shape === "numbers" || shape === "strings" || shape === "ranges") return values?.length ?? 0;
  return 1;
}

/** Retry policy bounds and defaults. Source: EG-R, EG-MD (1-30 attempts, default 30; TTL 1-1440 min, default 1440). */
export const retryLimits = {
  minDeliveryAttempts: 1,
  maxDeliveryAttempts: 30,
  defaultDeliveryAttempts: 30,
  minEventTtlMinutes: 1,
  maxEventTtlMinutes: 1440,
  defaultEventTtlMinutes: 1440,
} as const;

/**
 * Event Grid's retry schedule: the wait before each retry, in seconds (10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h,
 * 3 h, 6 h, then every 12 h up to 24 h). Source: EG-R.
 * ⚠️ We read the steps as waits between consecutive attempts (exponential back-off) and ignore the 30 s response
 * timeout and Event Grid's randomization, so the count of attempts a TTL allows is an upper bound.
 */
export const retryScheduleSeconds: readonly number[] = [10, 30, 60, 300, 600, 1800, 3600, 10800, 21600];
export const retryRepeatSeconds = 12 * 3600;
export const retryHorizonSeconds = 24 * 3600;

/** The most delivery attempts (first delivery included) Event Grid makes within a TTL, on the schedule above. */
export function attemptsWithinTtl(ttlMinutes: number): number {
  const horizon = Math.min(ttlMinutes * 60, retryHorizonSeconds);
  let elapsed = 0;
  let attempts = 1;
  for (let i = 0; ; i++) {
    elapsed += i < retryScheduleSeconds.length ? retryScheduleSeconds[i] : retryRepeatSeconds;
    if (elapsed > horizon) return attempts;
    attempts++;
  }
}

/** Output batching for WebHook and Azure Function destinations. Source: EG-R (1-5000 events; 1-1024 KB). */
export const batchingLimits = {
  minEventsPerBatch: 1,
  maxEventsPerBatch: 5000,
  minPreferredBatchSizeKb: 1,
  maxPreferredBatchSizeKb: 1024,
} as const;

/**
 * Custom delivery properties (delivery attribute mappings): up to 10 per subscription, each value at most 4096 bytes,
 * on WebHook, Service Bus queue/topic, Event Hubs, Azure Function and Hybrid Connection destinations (not storage queues).
 * Source: https://learn.microsoft.com/azure/event-grid/delivery-properties
 */
export const deliveryPropertyLimits = { maxProperties: 10, maxValueBytes: 4096 } as const;

/** Network rules of topics and domains. Source: EG-L (128 IP firewall rules), PN (`inboundIpRules`, action Allow). */
export const networkLimits = {
  maxInboundIpRules: 128,
  /**
   * With `publicNetworkAccess: Disabled` only private endpoints reach the topic or domain, so inbound IP rules (which
   * filter public traffic) have no effect: a warning, as in Event Hubs and Service Bus (README "Errors and warnings").
   */
  publicAccessDisabledSource: "https://learn.microsoft.com/azure/event-grid/configure-firewall",
} as const;

/** Subscriptions per topic (EG-L: 500, cannot be increased) and per domain scope (EG-L: 50). */
export const subscriptionLimits = { perTopic: 500, perDomainScope: 50, perDomainTopic: 500 } as const;

/**
 * Names. Topics and domains: 3-50 letters, digits and hyphens (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsofteventgrid).
 * Event subscriptions: 3-64 characters (PN, REST doc). ⚠️ The REST doc says "alphanumeric letters only" but hyphens are
 * accepted by ARM and used everywhere; we allow letters, digits and hyphens and reject anything else.
 */
export const namePatterns = {
  topic: { pattern: /^[A-Za-z0-9-]{3,50}$/, rule: "3-50 letters, digits and hyphens" },
  domainTopic: { pattern: /^[A-Za-z0-9-._]{3,50}$/, rule: "3-50 letters, digits, hyphens, dots and underscores" },
  subscription: { pattern: /^[A-Za-z0-9-]{3,64}$/, rule: "3-64 letters, digits and hyphens" },
} as const;

export type InputSchema = "EventGridSchema" | "CloudEventSchemaV1_0" | "CustomEventSchema";
export type DeliverySchema = "EventGridSchema" | "CloudEventSchemaV1_0" | "CustomInputSchema";

/** Input schemas of topics and domains (PN). CustomEventSchema needs a JSON `inputSchemaMapping`. */
export const inputSchemas: readonly InputSchema[] = ["EventGridSchema", "CloudEventSchemaV1_0", "CustomEventSchema"];

/**
 * Which delivery schemas each input schema can be delivered in.
 * Source: https://learn.microsoft.com/azure/event-grid/event-schema-compatibility (EventGrid -> EventGrid, CloudEvents;
 * CloudEvents -> CloudEvents only; Custom -> any). System and partner topics publish in the Event Grid / CloudEvents
 * schema of their source, so they use the EventGridSchema row (⚠️ partner topics may publish CloudEvents; their
 * subscriptions are checked against the input schema the caller declares).
 */
export const schemaCompatibility: Readonly<Record<InputSchema, readonly DeliverySchema[]>> = {
  EventGridSchema: ["EventGridSchema", "CloudEventSchemaV1_0"],
  CloudEventSchemaV1_0: ["CloudEventSchemaV1_0"],
  CustomEventSchema: ["EventGridSchema", "CloudEventSchemaV1_0", "CustomInputSchema"],
};

export type TlsVersion = "1.0" | "1.1" | "1.2";
export const tlsVersions: readonly TlsVersion[] = ["1.0", "1.1", "1.2"];

/**
 * Topic kinds the deployable API version allows. azure-native 3.28's `eventgrid.Topic` uses API 2025-02-15, whose
 * `#/definitions/Topic` has no `kind`, `sku` or `extendedLocation` (REST: specification/eventgrid/resource-manager/
 * Microsoft.EventGrid/stable/2025-02-15/EventGrid.json; PN `eventgrid/topic.d.ts` `TopicArgs`): an `AzureArc` topic on
 * a custom location (Event Grid on Kubernetes with Azure Arc) exists only in preview API versions, which azure-native
 * v3 does not ship. So only `Azure` (a topic in a region) can be deployed.
 */
export const topicKinds = { deployable: ["Azure"] as const, all: ["Azure", "AzureArc"] as const };
export const dataResidencyBoundaries = ["WithinGeopair", "WithinRegion"] as const;

/** Destination kinds of the subscription model (PN `EndpointType`, minus MonitorAlert and NamespaceTopic). */
export type DestinationKind =
  | "webhook"
  | "azureFunction"
  | "eventHub"
  | "serviceBusQueue"
  | "serviceBusTopic"
  | "storageQueue"
  | "hybridConnection";

export interface DestinationFacts {
  /** ARM `endpointType`. */
  readonly endpointType: string;
  /**
   * Built-in role the delivering identity needs on the destination entity; undefined where Event Grid cannot deliver
   * with a managed identity. Source: https://learn.microsoft.com/azure/event-grid/add-identity-roles (Service Bus
   * queues and topics: Azure Service Bus Data Sender; Event Hubs: Azure Event Hubs Data Sender; Queue storage: Storage
   * Queue Data Message Sender), RBAC for the GUIDs.
   */
  readonly deliveryRole?: BuiltInRoleName;
  /** Whether delivery attribute mappings (custom delivery properties) apply. Source: delivery-properties (see above). */
  readonly deliveryProperties: boolean;
  /** Whether output batching applies. Source: EG-R. */
  readonly batching: boolean;
}

export const destinationFacts: Readonly<Record<DestinationKind, DestinationFacts>> = {
  webhook: { endpointType: "WebHook", deliveryProperties: true, batching: true },
  azureFunction: {
    endpointType: "AzureFunction",
    deliveryProperties: true,
    batching: true,
  },
  eventHub: {
    endpointType: "EventHub",
    deliveryRole: "Azure Event Hubs Data Sender",
    deliveryProperties: true,
    batching: false,
  },
  serviceBusQueue: {
    endpointType: "ServiceBusQueue",
    deliveryRole: "Azure Service Bus Data Sender",
    deliveryProperties: true,
    batching: false,
  },
  serviceBusTopic: {
    endpointType: "ServiceBusTopic",
    deliveryRole: "Azure Service Bus Data Sender",
    deliveryProperties: true,
    batching: false,
  },
  storageQueue: {
    endpointType: "StorageQueue",
    deliveryRole: "Storage Queue Data Message Sender",
    deliveryProperties: false,
    batching: false,
  },
  hybridConnection: {
    endpointType: "HybridConnection",
    deliveryProperties: true,
    batching: false,
  },
};

/** Role the identity needs to dead-letter into a blob container. Source: add-identity-roles (see above), RBAC. */
export const deadLetterRole: BuiltInRoleName = "Storage Blob Data Contributor";
/** Role that lets a principal publish to a topic or domain. Source: RBAC ("Lets you send events to Event Grid topics"). */
export const publisherRole: BuiltInRoleName = "EventGrid Data Sender";

/**
 * Storage queue message TTL in seconds: -1 (infinite) or a positive number (PN doc: "cannot be zero or negative with
 * the exception of -1"). ⚠️ No documented upper bound for Event Grid; Azure Storage's own limit is 7 days unless -1,
 * which we do not enforce.
 */
export const storageQueueTtl = { infinite: -1, min: 1 } as const;

/** Session-enabled Service Bus entities need a `SessionId` delivery property. Source: https://learn.microsoft.com/azure/event-grid/handler-service-bus */
export const serviceBusSessionProperty = "SessionId";

/** Sources of system topics by kind: ARM topic type, source resource type, and whether the topic lives in `global`. Source: EG-SRC, EG-ST. */
export const systemTopicSources = {
  storageAccount: {
    topicType: "Microsoft.Storage.StorageAccounts",
    resourceType: "Microsoft.Storage/storageAccounts",
    global: false,
  },
  eventHubNamespace: {
    topicType: "Microsoft.EventHub.Namespaces",
    resourceType: "Microsoft.EventHub/namespaces",
    global: false,
  },
  serviceBusNamespace: {
    topicType: "Microsoft.ServiceBus.Namespaces",
    resourceType: "Microsoft.ServiceBus/namespaces",
    global: false,
  },
  resourceGroup: { topicType: "Microsoft.Resources.ResourceGroups", resourceType: undefined, global: true },
  subscription: { topicType: "Microsoft.Resources.Subscriptions", resourceType: undefined, global: true },
} as const;

export type SystemTopicSourceKind = keyof typeof systemTopicSources;
