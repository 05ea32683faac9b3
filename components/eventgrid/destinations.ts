import * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/azure-native/types/input";
import { Violation } from "../core/errors";
import { armId, intInRange, isKnown, matches, oneOf, violation } from "../core/validate";
import {
  batchingLimits,
  deliveryPropertyLimits,
  DestinationFacts,
  destinationFacts,
  DestinationKind,
  serviceBusSessionProperty,
  storageQueueTtl,
  tlsVersions,
} from "./limits";
import { DeliveryPropertyArgs, DestinationArgs, WithBatching, WithDeliveryProperties } from "./subscriptionArgs";

// One table entry per destination kind (like the child modules of awsx / Azure Verified Modules): its facts, the
// checks of its own fields, its azure-native `destination` input and the entity its delivery role is scoped to.
// Adding a kind is one entry here plus its facts in limits.ts.

/** What a role assignment is scoped to, and the parts that identify it for de-duplication. */
export type GrantTarget = { readonly scope: pulumi.Input<string>; readonly parts: unknown[] };

/** The azure-native `destination` input of an event subscription. */
export type DestinationInput =
  | inputs.eventgrid.WebHookEventSubscriptionDestinationArgs
  | inputs.eventgrid.AzureFunctionEventSubscriptionDestinationArgs
  | inputs.eventgrid.EventHubEventSubscriptionDestinationArgs
  | inputs.eventgrid.ServiceBusQueueEventSubscriptionDestinationArgs
  | inputs.eventgrid.ServiceBusTopicEventSubscriptionDestinationArgs
  | inputs.eventgrid.StorageQueueEventSubscriptionDestinationArgs
  | inputs.eventgrid.HybridConnectionEventSubscriptionDestinationArgs;

/** The destination args of one kind (the Service Bus queue and topic kinds share one member of the union). */
type Of<K extends DestinationKind> = DestinationArgs extends infer D
  ? D extends { readonly kind: infer DK }
    ? K extends DK
      ? D
      : never
    : never
  : never;

interface DestinationKindEntry<K extends DestinationKind> {
  /** ARM endpoint type, delivery role, whether batching and delivery properties apply (each with its source). */
  readonly facts: DestinationFacts;
  /** Checks of the kind's own fields; batching, delivery properties and sessions are checked for every kind. */
  readonly validate: (path: string, d: Of<K>) => (Violation | undefined)[];
  /** The azure-native `destination` input. */
  readonly inputs: (d: Of<K>) => DestinationInput;
  /** The entity the delivery role (`facts.deliveryRole`) is granted on; only kinds Event Grid delivers to with an identity. */
  readonly deliveryScope?: (d: Of<K>) => GrantTarget;
}

const STORAGE_CHILD_NAME = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** A storage queue or blob container name: 3-63 lowercase letters, digits and single hyphens. */
export function storageChildName(path: string, value: pulumi.Input<string>, what: string): Violation | undefined {
  return matches(path, value, STORAGE_CHILD_NAME, `a ${what} name: 3-63 lowercase letters, digits and single hyphens`);
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

/** The id of the entity a kind delivers to, checked against its ARM id form when known. */
function entityId(kind: string, pattern: RegExp, form: string) {
  return (path: string, d: { readonly resourceId: pulumi.Input<string> }): (Violation | undefined)[] => {
    if (!isKnown(d.resourceId) || (armId("", d.resourceId) === undefined && pattern.test(d.resourceId))) return [];
    return [violation(`${path}.resourceId`, d.resourceId, `is not the id of a ${kind} destination (${form})`)];
  };
}

function deliveryAttributeMappings(props: Record<string, DeliveryPropertyArgs> | undefined) {
  const entries = Object.entries(props ?? {});
  if (entries.length === 0) return undefined;
  return entries.map(([name, p]) =>
    "sourceField" in p
      ? { name, type: "Dynamic" as const, sourceField: p.sourceField }
      : { name, type: "Static" as const, value: p.value, isSecret: p.secret ?? false },
  );
}

/** Delivery to the entity itself: the role is scoped to its id. */
const entityScope = (d: { readonly resourceId: pulumi.Input<string> }): GrantTarget => ({
  scope: d.resourceId,
  parts: [d.resourceId],
});

const destinationKinds: { readonly [K in DestinationKind]: DestinationKindEntry<K> } = {
  webhook: {
    facts: destinationFacts.webhook,
    validate: (path, d) => [
      isKnown(d.endpointUrl) && !isHttpsUrl(d.endpointUrl)
        ? violation(
            `${path}.endpointUrl`,
            d.endpointUrl,
            "must be an https:// URL (Event Grid delivers to webhooks over HTTPS only)",
          )
        : undefined,
      d.entraId && d.entraId.applicationIdOrUri === ""
        ? violation(`${path}.entraId.applicationIdOrUri`, "", "is required for an Entra ID protected webhook")
        : undefined,
      oneOf(`${path}.minimumTlsVersion`, d.minimumTlsVersion, tlsVersions),
    ],
    inputs: (d) => ({
      endpointType: "WebHook",
      endpointUrl: d.endpointUrl,
      azureActiveDirectoryApplicationIdOrUri: d.entraId?.applicationIdOrUri,
      azureActiveDirectoryTenantId: d.entraId?.tenantId,
      maxEventsPerBatch: d.maxEventsPerBatch,
      preferredBatchSizeInKilobytes: d.preferredBatchSizeKb,
      minimumTlsVersionAllowed: d.minimumTlsVersion ?? "1.2",
      deliveryAttributeMappings: deliveryAttributeMappings(d.deliveryProperties),
    }),
  },
  azureFunction: {
    facts: destinationFacts.azureFunction,
    validate: entityId(
      "AzureFunction",
      /\/providers\/Microsoft\.Web\/sites\/[^/]+\/functions\/[^/]+$/i,
      ".../providers/Microsoft.Web/sites/{app}/functions/{function}",
    ),
    inputs: (d) => ({
      endpointType: "AzureFunction",
      resourceId: d.resourceId,
      maxEventsPerBatch: d.maxEventsPerBatch,
      preferredBatchSizeInKilobytes: d.preferredBatchSizeKb,
      deliveryAttributeMappings: deliveryAttributeMappings(d.deliveryProperties),
    }),
  },
  eventHub: {
    facts: destinationFacts.eventHub,
    validate: entityId(
      "EventHub",
      /\/providers\/Microsoft\.EventHub\/namespaces\/[^/]+\/eventhubs\/[^/]+$/i,
      ".../providers/Microsoft.EventHub/namespaces/{namespace}/eventhubs/{eventHub}",
    ),
    inputs: (d) => ({
      endpointType: "EventHub",
      resourceId: d.resourceId,
      deliveryAttributeMappings: deliveryAttributeMappings(d.deliveryProperties),
    }),
    deliveryScope: entityScope,
  },
  serviceBusQueue: {
    facts: destinationFacts.serviceBusQueue,
    validate: entityId(
      "ServiceBusQueue",
      /\/providers\/Microsoft\.ServiceBus\/namespaces\/[^/]+\/queues\/[^/]+$/i,
      ".../providers/Microsoft.ServiceBus/namespaces/{namespace}/queues/{queue}",
    ),
    inputs: (d) => ({
      endpointType: "ServiceBusQueue",
      resourceId: d.resourceId,
      deliveryAttributeMappings: deliveryAttributeMappings(d.deliveryProperties),
    }),
    deliveryScope: entityScope,
  },
  serviceBusTopic: {
    facts: destinationFacts.serviceBusTopic,
    validate: entityId(
      "ServiceBusTopic",
      /\/providers\/Microsoft\.ServiceBus\/namespaces\/[^/]+\/topics\/[^/]+$/i,
      ".../providers/Microsoft.ServiceBus/namespaces/{namespace}/topics/{topic}",
    ),
    inputs: (d) => ({
      endpointType: "ServiceBusTopic",
      resourceId: d.resourceId,
      deliveryAttributeMappings: deliveryAttributeMappings(d.deliveryProperties),
    }),
    deliveryScope: entityScope,
  },
  storageQueue: {
    facts: destinationFacts.storageQueue,
    validate: (path, d) => {
      const ttl = d.messageTtlSeconds;
      return [
        armId(`${path}.storageAccountId`, d.storageAccountId, "Microsoft.Storage/storageAccounts"),
        storageChildName(`${path}.queueName`, d.queueName, "queue"),
        ttl !== undefined && ttl !== storageQueueTtl.infinite && (!Number.isInteger(ttl) || ttl < storageQueueTtl.min)
          ? violation(
              `${path}.messageTtlSeconds`,
              ttl,
              "must be a positive whole number of seconds, or -1 for infinite",
            )
          : undefined,
      ];
    },
    inputs: (d) => ({
      endpointType: "StorageQueue",
      resourceId: d.storageAccountId,
      queueName: d.queueName,
      queueMessageTimeToLiveInSeconds: d.messageTtlSeconds,
    }),
    // Least privilege: the queue itself, not the account.
    deliveryScope: (d) => ({
      scope: pulumi.interpolate`${d.storageAccountId}/queueServices/default/queues/${d.queueName}`,
      parts: [d.storageAccountId, "queue", d.queueName],
    }),
  },
  hybridConnection: {
    facts: destinationFacts.hybridConnection,
    validate: entityId(
      "HybridConnection",
      /\/providers\/Microsoft\.Relay\/namespaces\/[^/]+\/hybridConnections\/[^/]+$/i,
      ".../providers/Microsoft.Relay/namespaces/{namespace}/hybridConnections/{name}",
    ),
    inputs: (d) => ({
      endpointType: "HybridConnection",
      resourceId: d.resourceId,
      deliveryAttributeMappings: deliveryAttributeMappings(d.deliveryProperties),
    }),
  },
};

/** The table entry of a destination's kind (typed to that kind), or undefined for an unknown kind. */
function entryOf<K extends DestinationKind>(d: Of<K>): DestinationKindEntry<K> | undefined {
  return (destinationKinds as unknown as Record<string, DestinationKindEntry<K> | undefined>)[d.kind];
}

/** Batching (webhook and Azure Function only): within Event Grid's ranges. */
function validateBatching(path: string, d: DestinationArgs, facts: DestinationFacts): (Violation | undefined)[] {
  if (!("maxEventsPerBatch" in d || "preferredBatchSizeKb" in d)) return [];
  const b = d as WithBatching;
  return [
    !facts.batching && (b.maxEventsPerBatch !== undefined || b.preferredBatchSizeKb !== undefined)
      ? violation(
          `${path}.maxEventsPerBatch`,
          b.maxEventsPerBatch,
          `applies only to webhook and azureFunction destinations, not ${d.kind}`,
        )
      : undefined,
    intInRange(
      `${path}.maxEventsPerBatch`,
      b.maxEventsPerBatch,
      batchingLimits.minEventsPerBatch,
      batchingLimits.maxEventsPerBatch,
    ),
    intInRange(
      `${path}.preferredBatchSizeKb`,
      b.preferredBatchSizeKb,
      batchingLimits.minPreferredBatchSizeKb,
      batchingLimits.maxPreferredBatchSizeKb,
    ),
  ];
}

/** Custom delivery properties: supported by the kind, at most 10, static values within the size limit. */
function validateDeliveryProperties(path: string, d: DestinationArgs, facts: DestinationFacts): Violation[] {
  const props = (d as WithDeliveryProperties).deliveryProperties;
  if (props === undefined) return [];
  const found: Violation[] = [];
  const names = Object.keys(props);
  if (!facts.deliveryProperties && names.length > 0) {
    found.push(violation(`${path}.deliveryProperties`, names, `are not supported on ${d.kind} destinations`));
  }
  if (names.length > deliveryPropertyLimits.maxProperties) {
    found.push(
      violation(
        `${path}.deliveryProperties`,
        `${names.length} properties`,
        `exceeds Event Grid's maximum of ${deliveryPropertyLimits.maxProperties} per subscription`,
      ),
    );
  }
  for (const [name, p] of Object.entries(props)) {
    if ("sourceField" in p) {
      if (!p.sourceField) {
        found.push(
          violation(
            `${path}.deliveryProperties.${name}.sourceField`,
            p.sourceField,
            "must name an event field, e.g. data.orderId",
          ),
        );
      }
    } else if (isKnown(p.value) && Buffer.byteLength(p.value, "utf8") > deliveryPropertyLimits.maxValueBytes) {
      found.push(
        violation(
          `${path}.deliveryProperties.${name}.value`,
          `${Buffer.byteLength(p.value, "utf8")} bytes`,
          `exceeds the maximum of ${deliveryPropertyLimits.maxValueBytes} bytes per delivery property`,
        ),
      );
    }
  }
  return found;
}

/** A session-enabled Service Bus entity: Event Grid needs a `SessionId` delivery property to deliver to it. */
function validateSessions(path: string, d: DestinationArgs): Violation[] {
  if (!((d.kind === "serviceBusQueue" || d.kind === "serviceBusTopic") && d.requiresSession)) return [];
  const names = Object.keys(d.deliveryProperties ?? {});
  if (names.some((n) => n.toLowerCase() === serviceBusSessionProperty.toLowerCase())) return [];
  return [
    violation(
      `${path}.deliveryProperties`,
      names,
      `must map a '${serviceBusSessionProperty}' property: the Service Bus ${d.kind === "serviceBusQueue" ? "queue" : "topic"} requires sessions, and Event Grid cannot deliver to it without one (e.g. ${serviceBusSessionProperty}: { sourceField: data.orderId })`,
    ),
  ];
}

/** Validates a destination: a known kind, its own fields, batching, delivery properties and sessions. */
export function validateDestination(path: string, d: DestinationArgs): Violation[] {
  const entry = entryOf(d);
  if (!entry) {
    return [
      violation(
        `${path}.kind`,
        d.kind,
        `is not a destination kind; allowed: ${Object.keys(destinationKinds).join(", ")}`,
      ),
    ];
  }
  return [
    ...entry.validate(path, d),
    ...validateBatching(path, d, entry.facts),
    ...validateDeliveryProperties(path, d, entry.facts),
    ...validateSessions(path, d),
  ].filter((v): v is Violation => v !== undefined);
}

/** The azure-native `destination` input for a destination. */
export function destinationInputs(d: DestinationArgs): DestinationInput {
  return entryOf(d)!.inputs(d);
}

/** The role identity delivery needs and the entity it is granted on, or undefined for kinds without identity delivery. */
export function deliveryGrant(d: DestinationArgs): { role: string; target: GrantTarget } | undefined {
  const entry = entryOf(d);
  const role = entry?.facts.deliveryRole;
  const scope = entry?.deliveryScope;
  return role && scope ? { role, target: scope(d) } : undefined;
}
