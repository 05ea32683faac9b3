import { z } from "zod";
import {
  advancedFilterOperators,
  batchingLimits,
  retryLimits,
  storageQueueTtl,
  systemTopicSources,
  topicKinds,
} from "../../components/eventgrid/limits";
import { commonResourceShape, keyed, keySchema, managedIdentitiesSchema, principalSchema } from "./common";
import { containerRefSchema } from "./foundation";

// Every key is documented in stacks/README.md ("Event Grid"). Ranges, caps and cross-field rules are checked by the
// components' own validators, run from eventGridCrossCheck (eventgrid.ts) on the config (with placeholder ids for references),
// so a bad value fails with its config path before anything is planned.

const deliveryProperties = z
  .record(
    z.string().min(1),
    z.union([
      /** A fixed value (`secret` hides it in the portal). */
      z.strictObject({ value: z.string(), secret: z.boolean().optional() }),
      /** A value taken from the event (JSON path, e.g. `data.orderId`). */
      z.strictObject({ sourceField: z.string().min(1) }),
    ]),
  )
  .optional();
const batching = {
  maxEventsPerBatch: z
    .number()
    .int()
    .min(batchingLimits.minEventsPerBatch)
    .max(batchingLimits.maxEventsPerBatch)
    .optional(),
  preferredBatchSizeKb: z
    .number()
    .int()
    .min(batchingLimits.minPreferredBatchSizeKb)
    .max(batchingLimits.maxPreferredBatchSizeKb)
    .optional(),
};

/** An Entra ID protected webhook: the application Event Grid requests a token for. */
export const webhookEntraIdSchema = z.strictObject({
  /** The Entra ID application id or URI Event Grid requests a token for. */
  applicationIdOrUri: z.string().min(1),
  /** The application's tenant. Defaults to the subscription's tenant. */
  tenantId: z.string().optional(),
});

/**
 * Where events go, by `kind`. Stack resources are referenced by key (`namespace` + `queue` / `topic` / `eventHub`,
 * `storage` + `queue`); resources outside the stack by ARM id (`resourceId`, `storageAccountId` + `queueName`).
 */
const destinationSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    /**
     * The destination kind: `serviceBusQueue`, `serviceBusTopic`, `eventHub`, `storageQueue`, `webhook`,
     * `azureFunction` or `hybridConnection`; it decides the other keys.
     */
    kind: z.literal("serviceBusQueue"),
    /** `servicebus.namespaces.<key>` or `servicebus.pairs.<key>`. */
    namespace: keySchema.optional(),
    /** A queue key: of that Service Bus namespace (`serviceBusQueue`), or of that storage account (`storageQueue`). */
    queue: keySchema.optional(),
    /**
     * The destination's ARM id when it is outside the stack (a queue, topic or event hub), or the Azure Function's or
     * hybrid connection's id.
     */
    resourceId: z.string().optional(),
    /** Only with `resourceId` (stack queues: read from the servicebus section). */
    requiresSession: z.boolean().optional(),
    deliveryProperties,
  }),
  z.strictObject({
    kind: z.literal("serviceBusTopic"),
    namespace: keySchema.optional(),
    /** A topic key of that Service Bus namespace. */
    topic: keySchema.optional(),
    resourceId: z.string().optional(),
    requiresSession: z.boolean().optional(),
    deliveryProperties,
  }),
  z.strictObject({
    kind: z.literal("eventHub"),
    /** `eventhubs.namespaces.<key>`. */
    namespace: keySchema.optional(),
    /** An event hub key of that Event Hubs namespace. */
    eventHub: keySchema.optional(),
    resourceId: z.string().optional(),
    deliveryProperties,
  }),
  z.strictObject({
    kind: z.literal("storageQueue"),
    /** `storage.<key>` of this stack, with `queue` one of its queues. */
    storage: keySchema.optional(),
    queue: keySchema.optional(),
    storageAccountId: z.string().optional(),
    /** With `storageAccountId`: the queue's name in that account. */
    queueName: z.string().optional(),
    // -1 (infinite) or at least 1: the schema states the lower bound, the validator rejects 0.
    messageTtlSeconds: z.number().int().min(storageQueueTtl.infinite).optional(),
  }),
  z.strictObject({
    kind: z.literal("webhook"),
    endpointUrl: z.string().min(1),
    entraId: webhookEntraIdSchema.optional(),
    minimumTlsVersion: z.enum(["1.0", "1.1", "1.2"]).optional(),
    ...batching,
    deliveryProperties,
  }),
  z.strictObject({ kind: z.literal("azureFunction"), resourceId: z.string().min(1), ...batching, deliveryProperties }),
  z.strictObject({ kind: z.literal("hybridConnection"), resourceId: z.string().min(1), deliveryProperties }),
]);
export type DestinationConfig = z.infer<typeof destinationSchema>;

/** `SystemAssigned`, `{ userAssigned: <identities key> }`, or `false` (Event Grid's own key-based access). */
const identitySchema = z.union([
  z.literal("SystemAssigned"),
  z.strictObject({
    /** An `identities` key; it must be one of the parent's `managedIdentities.userAssigned`. */
    userAssigned: keySchema,
  }),
  z.literal(false),
]);

/** A dead-letter container: `<storage key>/<container key>`, or `{ container | storageAccountId + containerName, identity }`. */
const deadLetterTargetSchema = z.union([
  containerRefSchema,
  z.strictObject({
    /** `<storage key>/<container key>` of this stack (or a container id). */
    container: containerRefSchema.optional(),
    /** A storage account outside the stack (ARM id), with `containerName`. */
    storageAccountId: z.string().optional(),
    /** With `storageAccountId`: the container's name. */
    containerName: z.string().optional(),
    /**
     * The identity that writes dead letters (`SystemAssigned`, `{ userAssigned }`, or `false` for key-based access);
     * it gets Storage Blob Data Contributor on the container. Defaults to the subscription's delivery identity.
     */
    identity: identitySchema.optional(),
  }),
]);
export type DeadLetterConfig = z.infer<typeof deadLetterTargetSchema>;

/** @argsType components/eventgrid/subscription.ts#AdvancedFilterArgs */
const advancedFilterSchema = z.strictObject({
  /** The operator (`NumberGreaterThan`, `StringContains`, `IsNotNull`, ...); it decides the value shape. */
  operator: z.enum(Object.keys(advancedFilterOperators) as [keyof typeof advancedFilterOperators]),
  /** The event field compared (`data.amount`, `subject`, `eventType`). */
  key: z.string().min(1),
  // Value shapes are checked per operator by validateAdvancedFilter (a clearer message than a union mismatch).
  /** Number* comparisons and BoolEquals. */
  value: z.unknown().optional(),
  /** NumberIn/NotIn: numbers; String*: strings; Number(Not)InRange: `[low, high]` pairs. */
  values: z.array(z.unknown()).optional(),
});

/** An event subscription. @argsType components/eventgrid/subscription.ts#EventSubscriptionArgs */
const subscriptionSchema = z.strictObject({
  /** Azure name. Defaults to the key. */
  name: z.string().optional(),
  /**
   * Where events go, by `kind`: stack resources by key (`namespace` + `queue` / `topic` / `eventHub`, `storage` +
   * `queue`), others by ARM id (`resourceId`, `storageAccountId` + `queueName`), or a `webhook` URL.
   */
  destination: destinationSchema,
  includedEventTypes: z.array(z.string().min(1)).optional(),
  subjectBeginsWith: z.string().optional(),
  subjectEndsWith: z.string().optional(),
  subjectCaseSensitive: z.boolean().optional(),
  /** Advanced filters, keyed, ANDed: at most 25 filters and 25 values; strings at most 512 characters. Defaults to none. */
  advancedFilters: keyed(advancedFilterSchema).optional(),
  advancedFilteringOnArrays: z.boolean().optional(),
  retry: z
    .strictObject({
      maxDeliveryAttempts: z
        .number()
        .int()
        .min(retryLimits.minDeliveryAttempts)
        .max(retryLimits.maxDeliveryAttempts)
        .optional(),
      eventTtlMinutes: z
        .number()
        .int()
        .min(retryLimits.minEventTtlMinutes)
        .max(retryLimits.maxEventTtlMinutes)
        .optional(),
    })
    .optional(),
  deliverySchema: z.enum(["EventGridSchema", "CloudEventSchemaV1_0", "CustomInputSchema"]).optional(),
  expirationTimeUtc: z.string().optional(),
  labels: z.array(z.string()).optional(),
  identity: identitySchema.optional(),
  /**
   * Dead-letter target (required here, on the parent or on the section, unless `false`, which drops undeliverable
   * events); the identity gets Storage Blob Data Contributor on the container. Defaults to the parent's, else the
   * section's `deadLetter`.
   */
  deadLetter: z.union([deadLetterTargetSchema, z.literal(false)]).optional(),
  assignRoles: z.boolean().optional(),
});
export type EventSubscriptionConfig = z.infer<typeof subscriptionSchema>;

const inputSchemaMappingSchema = z.strictObject({
  /** Where the event id is read from. */
  id: z
    .strictObject({
      /** The JSON field of the published event. */
      sourceField: z.string(),
    })
    .optional(),
  /** Where the topic is read from. */
  topic: z
    .strictObject({
      /** The JSON field of the published event. */
      sourceField: z.string(),
    })
    .optional(),
  /** Where the event time is read from. */
  eventTime: z
    .strictObject({
      /** The JSON field of the published event. */
      sourceField: z.string(),
    })
    .optional(),
  /** The event type: a field of the published event, or a fixed value. */
  eventType: z
    .strictObject({
      /** The JSON field of the published event. Defaults to none (`defaultValue` is used). */
      sourceField: z.string().optional(),
      /** The value when the event has no such field. */
      defaultValue: z.string().optional(),
    })
    .optional(),
  /** The subject: a field of the published event, or a fixed value. */
  subject: z
    .strictObject({
      /** The JSON field of the published event. Defaults to none (`defaultValue` is used). */
      sourceField: z.string().optional(),
      /** The value when the event has no such field. */
      defaultValue: z.string().optional(),
    })
    .optional(),
  /** The data version: a field of the published event, or a fixed value. */
  dataVersion: z
    .strictObject({
      /** The JSON field of the published event. Defaults to none (`defaultValue` is used). */
      sourceField: z.string().optional(),
      /** The value when the event has no such field. */
      defaultValue: z.string().optional(),
    })
    .optional(),
});

const parentShape = {
  /**
   * Identities subscriptions deliver and dead-letter with: `{ systemAssigned, userAssigned: [<identities key>] }`.
   * Defaults to `{ systemAssigned: true }` (system-assigned unless set to false).
   */
  managedIdentities: managedIdentitiesSchema.optional(),
  /** Dead-letter container of every subscription here that sets none. Defaults to the section's `deadLetter`. */
  deadLetter: deadLetterTargetSchema.optional(),
  /** Event subscriptions, keyed; the key is the Azure name unless `name` is set. Defaults to none. */
  subscriptions: keyed(subscriptionSchema).optional(),
};

/** Keys of custom topics and domains. @argsType components/eventgrid/Topic.ts#TopicArgs */
const topicShape = {
  ...commonResourceShape,
  ...parentShape,
  /** Principals granted "EventGrid Data Sender" (topics and domains only: Azure or the partner publishes the others). */
  publishers: keyed(principalSchema).optional(),
  /** Azure name. Defaults to `evgt-<key>-<environment>` (domains: `evgd-`). */
  name: z.string().optional(),
  inputSchema: z.enum(["EventGridSchema", "CloudEventSchemaV1_0", "CustomEventSchema"]).optional(),
  inputSchemaMapping: inputSchemaMappingSchema.optional(),
  publicNetworkAccess: z.enum(["Enabled", "Disabled"]).optional(),
  inboundIpRules: z.record(keySchema, z.string()).optional(),
  localAuthEnabled: z.boolean().optional(),
  minimumTlsVersion: z.enum(["1.0", "1.1", "1.2"]).optional(),
  dataResidencyBoundary: z.enum(["WithinGeopair", "WithinRegion"]).optional(),
  /** The event types publishers send, keyed by type (`Contoso.Orders.OrderCreated`), described for subscribers. */
  eventTypeInfo: z
    .strictObject({
      /** Event types keyed by type name. */
      inlineEventTypes: z.record(
        z.string().min(1),
        z.strictObject({
          /** A display name. */
          displayName: z.string().optional(),
          /** What the event means. */
          description: z.string().optional(),
          dataSchemaUrl: z.string().optional(),
          /** A URL of the event's documentation. */
          documentationUrl: z.string().optional(),
        }),
      ),
    })
    .optional(),
};

const { privateEndpoints: _noPrivateEndpoints, ...commonWithoutPrivateEndpoints } = commonResourceShape;

/** Event Grid topics, system topics, domains, partner topics and subscriptions. */
export const eventGridSchema = z.strictObject({
  /** Dead-letter container for every subscription in the section that sets none (`<storage key>/<container key>`). */
  deadLetter: deadLetterTargetSchema.optional(),
  /** Custom topics, keyed. */
  topics: keyed(
    z.strictObject({
      ...topicShape,
      /** `Azure` (the default). `AzureArc` (Event Grid on Kubernetes) is an error: the deployable API has no such kind. */
      kind: z.enum(topicKinds.all).optional(),
      /** Only with `kind: AzureArc`: the custom location. An error for the same reason. */
      extendedLocation: z
        .strictObject({
          /** The custom location's id. */
          name: z.string().min(1),
          /** The location's type (`CustomLocation`). */
          type: z.string().optional(),
        })
        .optional(),
    }),
  ).optional(),
  /** Domains, keyed: the topic keys (name `evgd-<key>-<environment>`), domain topics, domain-scope subscriptions. @argsType components/eventgrid/Domain.ts#DomainArgs */
  domains: keyed(
    z.strictObject({
      ...topicShape,
      /** Domain topics, keyed. Defaults to none. */
      topics: keyed(
        z.strictObject({
          /** Azure name. Defaults to the key. */
          name: z.string().optional(),
          /** Subscriptions of the domain topic, keyed. Defaults to none. */
          subscriptions: keyed(subscriptionSchema).optional(),
        }),
      ).optional(),
      /** Create a domain topic with its first subscription. Defaults to false: topics are declared, not implied. */
      autoCreateTopicWithFirstSubscription: z.boolean().optional(),
      /** Delete a domain topic with its last subscription. Defaults to false. */
      autoDeleteTopicWithLastSubscription: z.boolean().optional(),
    }),
  ).optional(),
  /** System topics (events of an Azure resource), keyed. @argsType components/eventgrid/SystemTopic.ts#SystemTopicArgs */
  systemTopics: keyed(
    z.strictObject({
      ...commonWithoutPrivateEndpoints,
      ...parentShape,
      /** Azure name. Defaults to `evgst-<key>-<environment>`. */
      name: z.string().optional(),
      /**
       * The source: `{ kind: storageAccount | eventHubNamespace | serviceBusNamespace, key }` (a key of that section)
       * or `{ kind, resourceId }`; `{ kind: resourceGroup }` (the stack's) / `{ kind: subscription }` (the stack's), or
       * `{ kind: other, topicType, resourceId, global }`. One system topic per source.
       */
      source: z.strictObject({
        /** The source's kind; `other` with `topicType` for any other. */
        kind: z.enum([...(Object.keys(systemTopicSources) as [keyof typeof systemTopicSources]), "other"]),
        /** A `storage`, `eventhubs.namespaces` or `servicebus.namespaces` (or `pairs`) key of this stack. */
        key: keySchema.optional(),
        /** The source's ARM id (outside the stack; resource group and subscription default to the stack's). */
        resourceId: z.string().optional(),
        /** With `kind: other`: the topic type (`Microsoft.KeyVault.vaults`). */
        topicType: z.string().optional(),
        /** A global source (resource group, subscription): the topic lives in location `global`. */
        global: z.boolean().optional(),
      }),
    }),
  ).optional(),
  /** Partner topics a SaaS partner created, keyed. @argsType components/eventgrid/PartnerTopic.ts#PartnerTopicArgs */
  partnerTopics: keyed(
    z.strictObject({
      ...commonWithoutPrivateEndpoints,
      ...parentShape,
      /** The partner topic's name, as the partner created it (required). */
      name: z.string().min(1),
      /** Its ARM id, to adopt it on the first deployment. */
      importId: z.string().optional(),
      activationState: z.enum(["Activated", "Deactivated"]).optional(),
      source: z.string().optional(),
      partnerRegistrationImmutableId: z.string().optional(),
      inputSchema: z.enum(["EventGridSchema", "CloudEventSchemaV1_0", "CustomEventSchema"]).optional(),
    }),
  ).optional(),
});
export type EventGridConfig = z.infer<typeof eventGridSchema>;
