import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { EventGridIdentityArgs, PublisherGrantArgs } from "../../components/eventgrid/common";
import { DomainArgs, validateDomainArgs } from "../../components/eventgrid/Domain";
import {
  advancedFilterOperators,
  batchingLimits,
  retryLimits,
  storageQueueTtl,
  systemTopicSources,
  topicKinds,
} from "../../components/eventgrid/limits";
import { PartnerTopicArgs, validatePartnerTopicArgs } from "../../components/eventgrid/PartnerTopic";
import {
  AdvancedFilterArgs,
  DeadLetterArgs,
  DestinationArgs,
  EventSubscriptionArgs,
} from "../../components/eventgrid/subscription";
import { isGlobalSource, SystemTopicArgs, validateSystemTopicArgs } from "../../components/eventgrid/SystemTopic";
import { TopicArgs, validateTopicArgs } from "../../components/eventgrid/Topic";
import { commonResourceShape, keyed, keySchema, principalSchema } from "./common";
import { checkContainerRef, containerRefSchema } from "./foundation";
import { omit, omitShared, PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import type { StackConfig } from "./schema";
import { parseContainerId } from "./targets";

// Every key is documented in stacks/README.md ("Event Grid"). Ranges, caps and cross-field rules are checked by the
// components' own validators, run from eventGridCrossCheck below on the config (with placeholder ids for references),
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
    entraId: z
      .strictObject({
        /** The Entra ID application id or URI Event Grid requests a token for. */
        applicationIdOrUri: z.string().min(1),
        /** The application's tenant. Defaults to the subscription's tenant. */
        tenantId: z.string().optional(),
      })
      .optional(),
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
type DeadLetterConfig = z.infer<typeof deadLetterTargetSchema>;

/** @argsType {@link AdvancedFilterArgs} */
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

/** An event subscription. @argsType {@link EventSubscriptionArgs} */
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

const managedIdentitiesSchema = z.strictObject({
  /** The system-assigned identity. Defaults to true. */
  systemAssigned: z.boolean().optional(),
  /** Keys of `identities`. Defaults to none. */
  userAssigned: z.array(keySchema).optional(),
});

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
  /** Identities subscriptions deliver and dead-letter with. Defaults to `{ systemAssigned: true }`. */
  managedIdentities: managedIdentitiesSchema.optional(),
  /** Dead-letter container of every subscription here that sets none. Defaults to the section's `deadLetter`. */
  deadLetter: deadLetterTargetSchema.optional(),
  /** Event subscriptions, keyed; the key is the Azure name unless `name` is set. Defaults to none. */
  subscriptions: keyed(subscriptionSchema).optional(),
};

/** Keys of custom topics and domains. @argsType {@link TopicArgs} */
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
  /** Domains, keyed: the topic keys (name `evgd-<key>-<environment>`), domain topics, domain-scope subscriptions. @argsType {@link DomainArgs} */
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
  /** System topics (events of an Azure resource), keyed. @argsType {@link SystemTopicArgs} */
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
  /** Partner topics a SaaS partner created, keyed. @argsType {@link PartnerTopicArgs} */
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
type TopicConfig = NonNullable<EventGridConfig["topics"]>[string];
type ParentConfig = Pick<TopicConfig, "managedIdentities" | "deadLetter" | "subscriptions"> &
  Partial<Pick<TopicConfig, "publishers">>;

function deadLetterArgs(cfg: DeadLetterConfig, r: StackResolver, path: string): DeadLetterArgs {
  const o = typeof cfg === "string" ? { container: cfg } : cfg;
  const external = o.container === undefined ? undefined : parseContainerId(o.container);
  if (external)
    return { storageAccountId: external.storageAccountId, containerName: external.containerName, identity: o.identity };
  if (o.container) {
    const [account, container] = o.container.split("/");
    return { storageAccountId: r.storageAccount(account, `${path}`), containerName: container, identity: o.identity };
  }
  return { storageAccountId: o.storageAccountId ?? "", containerName: o.containerName ?? "", identity: o.identity };
}

function destinationArgs(d: DestinationConfig, r: StackResolver, path: string): DestinationArgs {
  switch (d.kind) {
    case "serviceBusQueue":
    case "serviceBusTopic": {
      const { namespace, resourceId, deliveryProperties: props, requiresSession } = d;
      const entity = d.kind === "serviceBusQueue" ? d.queue : d.topic;
      if (resourceId === undefined && namespace && entity) {
        const found = r.serviceBusEntity(namespace, d.kind === "serviceBusQueue" ? "queue" : "topic", entity, path);
        return {
          kind: d.kind,
          resourceId: found.id,
          requiresSession: found.requiresSession,
          deliveryProperties: props,
        };
      }
      return { kind: d.kind, resourceId: resourceId ?? "", requiresSession, deliveryProperties: props };
    }
    case "eventHub":
      return {
        kind: "eventHub",
        resourceId:
          d.resourceId === undefined && d.namespace && d.eventHub
            ? r.eventHub(d.namespace, d.eventHub, path)
            : (d.resourceId ?? ""),
        deliveryProperties: d.deliveryProperties,
      };
    case "storageQueue":
      if (d.storageAccountId === undefined && d.storage && d.queue) {
        return {
          kind: "storageQueue",
          storageAccountId: r.storageAccount(d.storage, `${path}.storage`),
          queueName: d.queue,
          messageTtlSeconds: d.messageTtlSeconds,
        };
      }
      return {
        kind: "storageQueue",
        storageAccountId: d.storageAccountId ?? "",
        queueName: d.queueName ?? "",
        messageTtlSeconds: d.messageTtlSeconds,
      };
    default:
      return d as DestinationArgs;
  }
}

function subscriptionArgs(s: EventSubscriptionConfig, r: StackResolver, path: string): EventSubscriptionArgs {
  // Every other key passes through; the cast below is for the filters' value shapes (checked per operator).
  void (true satisfies PassesThrough<
    Omit<EventSubscriptionConfig, "destination" | "advancedFilters" | "deadLetter">,
    EventSubscriptionArgs
  >);
  return {
    ...s,
    destination: destinationArgs(s.destination, r, `${path}.destination`),
    advancedFilters: s.advancedFilters as Record<string, AdvancedFilterArgs> | undefined,
    deadLetter:
      s.deadLetter === false || s.deadLetter === undefined
        ? s.deadLetter
        : deadLetterArgs(s.deadLetter, r, `${path}.deadLetter`),
  } as EventSubscriptionArgs;
}

function subscriptionsArgs(subs: Record<string, EventSubscriptionConfig> | undefined, r: StackResolver, path: string) {
  if (!subs) return undefined;
  return Object.fromEntries(Object.entries(subs).map(([k, s]) => [k, subscriptionArgs(s, r, `${path}.${k}`)]));
}

/** Identities, publishers, default dead-letter and subscriptions of any parent. */
function parentArgs(
  cfg: ParentConfig,
  sectionDeadLetter: DeadLetterConfig | undefined,
  r: StackResolver,
  path: string,
): EventGridIdentityArgs &
  PublisherGrantArgs & { deadLetter?: DeadLetterArgs; subscriptions?: Record<string, EventSubscriptionArgs> } {
  const userAssigned = cfg.managedIdentities?.userAssigned ?? [];
  const ids = userAssigned.map((k, i) => [k, r.identity(k, `${path}.managedIdentities.userAssigned.${i}`)] as const);
  const dl = cfg.deadLetter ?? sectionDeadLetter;
  return {
    managedIdentities: {
      systemAssigned: cfg.managedIdentities?.systemAssigned ?? true,
      userAssignedResourceIds: ids.length > 0 ? Object.fromEntries(ids.map(([k, v]) => [k, v.id])) : undefined,
    },
    userAssignedPrincipalIds: ids.length > 0 ? Object.fromEntries(ids.map(([k, v]) => [k, v.principalId])) : undefined,
    publishers: cfg.publishers
      ? Object.fromEntries(
          Object.entries(cfg.publishers).map(([k, p]) => [k, r.principal(p, `${path}.publishers.${k}`)]),
        )
      : undefined,
    deadLetter: dl ? deadLetterArgs(dl, r, cfg.deadLetter ? `${path}.deadLetter` : "eventgrid.deadLetter") : undefined,
    subscriptions: subscriptionsArgs(cfg.subscriptions, r, `${path}.subscriptions`),
  };
}

// One mapping per resource (config + resolver -> component args), used by the cross-check (placeholders) and the
// builder (real references). Config differs from the args in: `name` (the component's `<kind>Name`, defaulting to the
// naming policy), references by key (identities, dead-letter containers, destinations, system topic sources), the
// shared keys (the resolver's `common`) and `managedIdentities.userAssigned` as a list of keys.

/** The keys every parent maps by hand (parentArgs, with topics' and domains' publishers): identities by key, dead-letter containers, subscriptions. */
const parentKeys = ["managedIdentities", "deadLetter", "subscriptions"] as const;

/** One `eventgrid.topics.<key>` as TopicArgs. */
export function eventGridTopicArgs(config: StackConfig, key: string, r: StackResolver): TopicArgs {
  const eg = config.eventgrid!;
  const cfg = eg.topics![key];
  const path = `eventgrid.topics.${key}`;
  // `kind` and `extendedLocation` are refused by the cross-check (no deployable API has them): never passed on.
  const passThrough = omit(omitShared(cfg), ...parentKeys, "publishers", "name", "kind", "extendedLocation");
  void (true satisfies PassesThrough<typeof passThrough, TopicArgs>);
  return {
    ...r.common(cfg, "Microsoft.EventGrid/topics", true, `${path}.`),
    ...passThrough,
    topicName: cfg.name ?? r.azureName("eventGridTopic", key),
    ...parentArgs(cfg, eg.deadLetter, r, path),
  };
}

/** One `eventgrid.domains.<key>` as DomainArgs. */
export function eventGridDomainArgs(config: StackConfig, key: string, r: StackResolver): DomainArgs {
  const eg = config.eventgrid!;
  const cfg = eg.domains![key];
  const path = `eventgrid.domains.${key}`;
  const passThrough = omit(omitShared(cfg), ...parentKeys, "publishers", "name", "topics");
  void (true satisfies PassesThrough<typeof passThrough, DomainArgs>);
  return {
    ...r.common(cfg, "Microsoft.EventGrid/domains", true, `${path}.`),
    ...passThrough,
    domainName: cfg.name ?? r.azureName("eventGridDomain", key),
    ...parentArgs(cfg, eg.deadLetter, r, path),
    topics: cfg.topics
      ? Object.fromEntries(
          Object.entries(cfg.topics).map(([k, t]) => [
            k,
            { name: t.name, subscriptions: subscriptionsArgs(t.subscriptions, r, `${path}.topics.${k}.subscriptions`) },
          ]),
        )
      : undefined,
  };
}

/** One `eventgrid.systemTopics.<key>` as SystemTopicArgs. */
export function systemTopicArgs(config: StackConfig, key: string, r: StackResolver): SystemTopicArgs {
  const eg = config.eventgrid!;
  const cfg = eg.systemTopics![key];
  const path = `eventgrid.systemTopics.${key}`;
  const common = r.common(cfg, "Microsoft.EventGrid/systemTopics", true, `${path}.`);
  const source = r.systemTopicSource(cfg.source, `${path}.source`);
  return {
    ...common,
    // Subscription and resource group sources live in `global` (the component sets it).
    location: isGlobalSource(source) ? undefined : common.location,
    systemTopicName: cfg.name ?? r.azureName("eventGridSystemTopic", key),
    source,
    ...parentArgs(cfg, eg.deadLetter, r, path),
  };
}

/** One `eventgrid.partnerTopics.<key>` as PartnerTopicArgs (`name` is required: the partner created the topic). */
export function partnerTopicArgs(config: StackConfig, key: string, r: StackResolver): PartnerTopicArgs {
  const eg = config.eventgrid!;
  const cfg = eg.partnerTopics![key];
  const path = `eventgrid.partnerTopics.${key}`;
  const passThrough = omit(omitShared(cfg), ...parentKeys, "name");
  void (true satisfies PassesThrough<typeof passThrough, PartnerTopicArgs>);
  return {
    ...r.common(cfg, "Microsoft.EventGrid/partnerTopics", true, `${path}.`),
    ...passThrough,
    partnerTopicName: cfg.name,
    ...parentArgs(cfg, eg.deadLetter, r, path),
  };
}

/** Checks across config sections (references to other keys), then runs the components' validators on the config. */
export function eventGridCrossCheck(config: StackConfig, check: CheckContext): Violation[] {
  const eg = config.eventgrid;
  if (!eg) return [];
  const found: Violation[] = [];
  const v = (path: string, value: unknown, message: string) => found.push({ path, value, message });

  // Placeholder ids: a reference to an undeclared key is reported by the resolver; the components check the rest.
  const r = placeholderResolver(config, check.location, (x) => found.push(x));

  const checkContainers = (dl: DeadLetterConfig | false | undefined, path: string) => {
    if (dl === undefined || dl === false) return;
    const ref = typeof dl === "string" ? dl : dl.container;
    const bad = checkContainerRef(typeof dl === "string" ? path : `${path}.container`, ref, config.storage);
    if (bad) found.push(bad);
    if (typeof dl !== "string" && !dl.container && (!dl.storageAccountId || !dl.containerName)) {
      v(path, dl, "needs `container: <storage key>/<container key>`, or `storageAccountId` and `containerName`");
    }
  };
  const checkDestinations = (subs: Record<string, EventSubscriptionConfig> | undefined, path: string) => {
    for (const [k, s] of Object.entries(subs ?? {})) {
      const p = `${path}.${k}`;
      checkContainers(s.deadLetter, `${p}.deadLetter`);
      const d = s.destination;
      const ref = {
        serviceBusQueue: ["namespace", "queue"],
        serviceBusTopic: ["namespace", "topic"],
        eventHub: ["namespace", "eventHub"],
        storageQueue: ["storage", "queue"],
      }[d.kind as string];
      if (!ref) continue;
      const byRef = ref.some((f) => (d as Record<string, unknown>)[f] !== undefined);
      const byId =
        d.kind === "storageQueue"
          ? d.storageAccountId !== undefined
          : (d as { resourceId?: string }).resourceId !== undefined;
      if (byRef === byId || (byRef && ref.some((f) => (d as Record<string, unknown>)[f] === undefined))) {
        v(
          `${p}.destination`,
          d,
          `needs either ${ref.map((f) => `'${f}'`).join(" and ")} (stack keys) or ${d.kind === "storageQueue" ? "'storageAccountId' and 'queueName'" : "'resourceId'"} (outside the stack)`,
        );
      }
      if (byRef && "requiresSession" in d && d.requiresSession !== undefined) {
        v(
          `${p}.destination.requiresSession`,
          d.requiresSession,
          "is read from the servicebus section for stack queues; set it only with resourceId",
        );
      }
    }
  };
  const prefixed = (path: string, list: Violation[]) =>
    list.forEach((x) => found.push({ ...x, path: `${path}.${x.path}` }));

  checkContainers(eg.deadLetter, "eventgrid.deadLetter");
  for (const [key, t] of Object.entries(eg.topics ?? {})) {
    const path = `eventgrid.topics.${key}`;
    if ((t.kind !== undefined && t.kind !== "Azure") || t.extendedLocation !== undefined) {
      v(
        t.extendedLocation !== undefined && t.kind === undefined ? `${path}.extendedLocation` : `${path}.kind`,
        t.kind ?? t.extendedLocation,
        `cannot be deployed: azure-native v3's eventgrid.Topic uses API 2025-02-15, which has no kind or extendedLocation (an AzureArc topic on a custom location exists only in preview API versions); allowed: ${topicKinds.deployable.join(", ")}`,
      );
    }
    checkContainers(t.deadLetter, `${path}.deadLetter`);
    checkDestinations(t.subscriptions, `${path}.subscriptions`);
    const args = eventGridTopicArgs(config, key, r);
    prefixed(path, validateTopicArgs(args));
  }
  for (const [key, d] of Object.entries(eg.domains ?? {})) {
    const path = `eventgrid.domains.${key}`;
    checkContainers(d.deadLetter, `${path}.deadLetter`);
    checkDestinations(d.subscriptions, `${path}.subscriptions`);
    for (const [tk, t] of Object.entries(d.topics ?? {}))
      checkDestinations(t.subscriptions, `${path}.topics.${tk}.subscriptions`);
    const args = eventGridDomainArgs(config, key, r);
    prefixed(path, validateDomainArgs(args));
  }
  const sources = new Map<string, string>();
  for (const [key, s] of Object.entries(eg.systemTopics ?? {})) {
    const path = `eventgrid.systemTopics.${key}`;
    checkContainers(s.deadLetter, `${path}.deadLetter`);
    checkDestinations(s.subscriptions, `${path}.subscriptions`);
    const id = `${s.source.kind}|${(s.source.key ?? s.source.resourceId ?? "").toLowerCase()}`;
    if (sources.has(id)) {
      v(
        `${path}.source`,
        s.source,
        `is also the source of system topic '${sources.get(id)}': Azure allows one system topic per source; put both sets of subscriptions on one`,
      );
    }
    sources.set(id, key);
    const args = systemTopicArgs(config, key, r);
    prefixed(path, validateSystemTopicArgs(args));
  }
  for (const [key, pt] of Object.entries(eg.partnerTopics ?? {})) {
    const path = `eventgrid.partnerTopics.${key}`;
    checkContainers(pt.deadLetter, `${path}.deadLetter`);
    checkDestinations(pt.subscriptions, `${path}.subscriptions`);
    const args = partnerTopicArgs(config, key, r);
    prefixed(path, validatePartnerTopicArgs(args));
  }
  // A reference error is reported once, by the reference check, not again as a bad placeholder id.
  const seen = new Set<string>();
  return found.filter((x) => {
    const id = `${x.path}|${x.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
