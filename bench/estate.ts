import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as resources from "@pulumi/azure-native/resources";
import * as servicebus from "@pulumi/azure-native/servicebus";
import { deterministicGuid } from "../components/core/naming";
import { EventHubNamespace } from "../components/eventhubs/Namespace";
import { Topic } from "../components/eventgrid/Topic";
import { ServiceBusNamespace } from "../components/servicebus/Namespace";
import { builtInRoles } from "../components/rbac/builtInRoles";

/**
 * The benchmark estate: `shards` copies of one realistic slice of an integration platform, built either through the
 * project's components or as the same azure-native resources written by hand ("raw"). Both variants use the same
 * logical names and (checked by `compareEstates`) the same inputs and ordering, so that the difference measured is
 * the components' own cost: component resources, validation, defaults and wiring.
 *
 * One shard:
 * - a Service Bus namespace with an `orders` queue (sessions, duplicate detection) and an `audit` queue, an
 *   `order-events` topic with a `billing` (SQL filter) and a `shipping` (correlation filter) subscription whose
 *   `$Default` rule is disabled, and data roles scoped to the queues, the topic and a subscription;
 * - an Event Hubs namespace with a `telemetry` hub, consumer groups for processing (with a checkpoint store grant),
 *   alerting and archive, and sender / receiver roles scoped to the hub;
 * - an Event Grid custom topic with a publisher grant and two subscriptions (to the `orders` queue with the topic's
 *   identity, and to a webhook), both dead-lettering to a container with the topic's identity.
 */

export type EstateKind = "components" | "raw";

const LOCATION = "westeurope";
const SUB = "00000000-0000-0000-0000-000000000000";
const TAGS = { environment: "bench", "managed-by": "pulumi" };
/** Outside the estate (another stack owns them): plain ARM ids and object ids, as a team stack would get them. */
const EXTERNAL_STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-shared/providers/Microsoft.Storage/storageAccounts/stshared`;
const CONTAINER = (name: string) => `${EXTERNAL_STORAGE}/blobServices/default/containers/${name}`;
const APP = "aaaaaaaa-0000-4000-8000-000000000001";
const INGEST = "aaaaaaaa-0000-4000-8000-000000000002";
const PROCESSOR = "aaaaaaaa-0000-4000-8000-000000000003";
const WEBHOOK = "https://hooks.example.com/orders";

const shardKey = (i: number) => String(i).padStart(4, "0");

/** Builds the estate in the current Pulumi stack. Call inside `runInPulumiStack`. */
export function buildEstate(kind: EstateKind, shards: number): void {
  const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-bench", location: LOCATION, tags: TAGS });
  for (let i = 0; i < shards; i++) {
    if (kind === "components") componentShard(shardKey(i), rg.name);
    else rawShard(shardKey(i), rg.name);
  }
}

const principal = (principalId: string) => ({ principalId, principalType: "ServicePrincipal" as const });

function componentShard(k: string, rg: pulumi.Output<string>): void {
  const base = { resourceGroupName: rg, location: LOCATION, tags: TAGS };
  const sb = new ServiceBusNamespace(`sb${k}`, {
    ...base,
    namespaceName: `sb-bench-${k}`,
    tier: "Standard",
    queues: {
      orders: {
        requiresSession: true,
        requiresDuplicateDetection: true,
        duplicateDetectionHistoryTimeWindow: "PT30M",
        lockDuration: "PT1M",
        maxDeliveryCount: 5,
        roleAssignments: {
          send: { role: "Azure Service Bus Data Sender", ...principal(APP) },
          receive: { role: "Azure Service Bus Data Receiver", ...principal(APP) },
        },
      },
      audit: {
        defaultMessageTimeToLive: "P7D",
        roleAssignments: { receive: { role: "Azure Service Bus Data Receiver", ...principal(PROCESSOR) } },
      },
    },
    topics: {
      "order-events": {
        requiresDuplicateDetection: true,
        roleAssignments: { send: { role: "Azure Service Bus Data Sender", ...principal(APP) } },
        subscriptions: {
          billing: {
            rules: { large: { sqlFilter: "amount > 1000", action: "SET priority = 'high'" } },
            roleAssignments: { receive: { role: "Azure Service Bus Data Receiver", ...principal(PROCESSOR) } },
          },
          shipping: { rules: { eu: { correlationFilter: { label: "order.created", properties: { region: "eu" } } } } },
        },
      },
    },
  });
  new EventHubNamespace(`eh${k}`, {
    ...base,
    namespaceName: `eh-bench-${k}`,
    tier: "Standard",
    eventHubs: {
      telemetry: {
        partitionCount: 4,
        retention: { retentionTimeInHours: 24 },
        consumerGroups: {
          processing: {
            checkpointStore: { containerId: CONTAINER("checkpoints"), consumers: { processor: principal(PROCESSOR) } },
          },
          alerting: {},
          archive: {},
        },
        senders: { ingest: principal(INGEST) },
        receivers: { processor: principal(PROCESSOR) },
      },
    },
  });
  new Topic(`eg${k}`, {
    ...base,
    topicName: `eg-bench-${k}`,
    publishers: { app: principal(APP) },
    deadLetter: { storageAccountId: EXTERNAL_STORAGE, containerName: "deadletters" },
    subscriptions: {
      orders: {
        destination: {
          kind: "serviceBusQueue",
          resourceId: sb.queues.orders.id,
          requiresSession: true,
          deliveryProperties: { SessionId: { sourceField: "data.orderId" } },
        },
        includedEventTypes: ["Orders.OrderCreated"],
        advancedFilters: { large: { operator: "NumberGreaterThanOrEquals", key: "data.amount", value: 1000 } },
      },
      notify: { destination: { kind: "webhook", endpointUrl: WEBHOOK } },
    },
  });
}

/** What a hand-written program does for a role assignment: full role id and a deterministic name. */
function rawRoleAssignment(
  name: string,
  scope: pulumi.Input<string>,
  role: keyof typeof builtInRoles,
  principalId: pulumi.Input<string>,
  description: string | undefined,
  opts: pulumi.CustomResourceOptions = {},
): authorization.RoleAssignment {
  const roleDefinitionId = pulumi
    .output(scope)
    .apply(
      (s) =>
        `/subscriptions/${/^\/subscriptions\/([^/]+)/i.exec(s)![1]}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles[role]}`,
    );
  return new authorization.RoleAssignment(
    name,
    {
      scope,
      principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId,
      roleAssignmentName: pulumi
        .all([scope, principalId, roleDefinitionId])
        .apply(([s, p, r]) => deterministicGuid(s, p, r)),
      description,
    },
    opts,
  );
}

function rawShard(k: string, rg: pulumi.Output<string>): void {
  // Service Bus.
  const ns = new servicebus.Namespace(`sb${k}-namespace`, {
    resourceGroupName: rg,
    location: LOCATION,
    namespaceName: `sb-bench-${k}`,
    sku: { name: "Standard", tier: "Standard" },
    minimumTlsVersion: "1.2",
    disableLocalAuth: true,
    publicNetworkAccess: "Enabled",
    tags: TAGS,
  });
  const where = { resourceGroupName: rg, namespaceName: ns.name };
  const topic = new servicebus.Topic(`sb${k}-topic-order-events`, {
    ...where,
    topicName: "order-events",
    requiresDuplicateDetection: true,
    duplicateDetectionHistoryTimeWindow: "PT10M",
    enableBatchedOperations: true,
  });
  rawRoleAssignment(`sb${k}-ra-topic-order-events-send`, topic.id, "Azure Service Bus Data Sender", APP, undefined);
  const orders = new servicebus.Queue(
    `sb${k}-queue-orders`,
    {
      ...where,
      queueName: "orders",
      requiresSession: true,
      requiresDuplicateDetection: true,
      duplicateDetectionHistoryTimeWindow: "PT30M",
      deadLetteringOnMessageExpiration: true,
      lockDuration: "PT1M",
      maxDeliveryCount: 5,
      enableBatchedOperations: true,
    },
    { dependsOn: [] },
  );
  rawRoleAssignment(`sb${k}-ra-queue-orders-send`, orders.id, "Azure Service Bus Data Sender", APP, undefined);
  rawRoleAssignment(`sb${k}-ra-queue-orders-receive`, orders.id, "Azure Service Bus Data Receiver", APP, undefined);
  const audit = new servicebus.Queue(
    `sb${k}-queue-audit`,
    {
      ...where,
      queueName: "audit",
      requiresSession: false,
      requiresDuplicateDetection: false,
      deadLetteringOnMessageExpiration: true,
      defaultMessageTimeToLive: "P7D",
      enableBatchedOperations: true,
    },
    { dependsOn: [] },
  );
  rawRoleAssignment(`sb${k}-ra-queue-audit-receive`, audit.id, "Azure Service Bus Data Receiver", PROCESSOR, undefined);
  const subscription = (s: string) =>
    new servicebus.Subscription(
      `sb${k}-sub-order-events-${s}`,
      {
        ...where,
        topicName: topic.name,
        subscriptionName: s,
        requiresSession: false,
        deadLetteringOnMessageExpiration: true,
        deadLetteringOnFilterEvaluationExceptions: true,
        enableBatchedOperations: true,
      },
      { dependsOn: [] },
    );
  const billing = subscription("billing");
  rawRoleAssignment(
    `sb${k}-ra-sub-order-events-billing-receive`,
    billing.id,
    "Azure Service Bus Data Receiver",
    PROCESSOR,
    undefined,
  );
  const large = new servicebus.Rule(`sb${k}-rule-order-events-billing-large`, {
    ...where,
    topicName: topic.name,
    subscriptionName: billing.name,
    ruleName: "large",
    filterType: "SqlFilter",
    sqlFilter: { sqlExpression: "amount > 1000" },
    action: { sqlExpression: "SET priority = 'high'" },
  });
  new servicebus.DefaultRule(
    `sb${k}-default-rule-order-events-billing`,
    {
      ...where,
      topicName: topic.name,
      subscriptionName: billing.name,
      filterType: "SqlFilter",
      sqlFilter: { sqlExpression: "1=0" },
    },
    { dependsOn: [large] },
  );
  const shipping = subscription("shipping");
  const eu = new servicebus.Rule(`sb${k}-rule-order-events-shipping-eu`, {
    ...where,
    topicName: topic.name,
    subscriptionName: shipping.name,
    ruleName: "eu",
    filterType: "CorrelationFilter",
    correlationFilter: { label: "order.created", properties: { region: "eu" } },
  });
  new servicebus.DefaultRule(
    `sb${k}-default-rule-order-events-shipping`,
    {
      ...where,
      topicName: topic.name,
      subscriptionName: shipping.name,
      filterType: "SqlFilter",
      sqlFilter: { sqlExpression: "1=0" },
    },
    { dependsOn: [eu] },
  );

  // Event Hubs.
  const eh = new eventhub.Namespace(`eh${k}-namespace`, {
    resourceGroupName: rg,
    location: LOCATION,
    namespaceName: `eh-bench-${k}`,
    sku: { name: "Standard", tier: "Standard", capacity: 1 },
    isAutoInflateEnabled: false,
    kafkaEnabled: true,
    zoneRedundant: true,
    minimumTlsVersion: "1.2",
    disableLocalAuth: true,
    publicNetworkAccess: "Enabled",
    tags: TAGS,
  });
  const hub = new eventhub.EventHub(
    `eh${k}-hub-telemetry`,
    {
      resourceGroupName: rg,
      namespaceName: eh.name,
      eventHubName: "telemetry",
      partitionCount: 4,
      retentionDescription: { cleanupPolicy: "Delete", retentionTimeInHours: 24 },
    },
    { dependsOn: [] },
  );
  const checkpoint = rawRoleAssignment(
    `eh${k}-checkpoint-telemetry-processing-processor`,
    CONTAINER("checkpoints"),
    "Storage Blob Data Contributor",
    PROCESSOR,
    "Checkpoint store of consumer group processing on telemetry.",
  );
  for (const group of ["processing", "alerting", "archive"]) {
    new eventhub.ConsumerGroup(
      `eh${k}-cg-telemetry-${group}`,
      { resourceGroupName: rg, namespaceName: eh.name, eventHubName: hub.name, consumerGroupName: group },
      { dependsOn: group === "processing" ? [checkpoint] : [] },
    );
  }
  rawRoleAssignment(`eh${k}-sender-telemetry-ingest`, hub.id, "Azure Event Hubs Data Sender", INGEST, undefined);
  rawRoleAssignment(
    `eh${k}-receiver-telemetry-processor`,
    hub.id,
    "Azure Event Hubs Data Receiver",
    PROCESSOR,
    undefined,
  );

  // Event Grid.
  const topicEg = new eventgrid.Topic(`eg${k}-topic`, {
    resourceGroupName: rg,
    location: LOCATION,
    topicName: `eg-bench-${k}`,
    identity: { type: "SystemAssigned" },
    inputSchema: "EventGridSchema",
    publicNetworkAccess: "Enabled",
    disableLocalAuth: true,
    minimumTlsVersionAllowed: "1.2",
    tags: TAGS,
  });
  rawRoleAssignment(
    `eg${k}-publisher-app`,
    topicEg.id,
    "EventGrid Data Sender",
    APP,
    `Publishes events to eg${k} (granted by the Event Grid component).`,
    { dependsOn: [topicEg] },
  );
  const topicPrincipal = topicEg.identity.apply((i) => i?.principalId ?? "");
  const delivery = rawRoleAssignment(
    `eg${k}-sub-orders-ra-delivery`,
    orders.id,
    "Azure Service Bus Data Sender",
    topicPrincipal,
    "Event Grid delivery for subscription orders (granted by the Event Grid component).",
  );
  const deadLetter = rawRoleAssignment(
    `eg${k}-sub-orders-ra-deadletter`,
    pulumi.interpolate`${EXTERNAL_STORAGE}/blobServices/default/containers/${"deadletters"}`,
    "Storage Blob Data Contributor",
    topicPrincipal,
    "Event Grid dead-lettering for subscription orders (granted by the Event Grid component).",
  );
  const deadLetterDestination = {
    endpointType: "StorageBlob" as const,
    resourceId: EXTERNAL_STORAGE,
    blobContainerName: "deadletters",
  };
  const egCommon = {
    resourceGroupName: rg,
    topicName: topicEg.name,
    deadLetterWithResourceIdentity: { identity: { type: "SystemAssigned" }, deadLetterDestination },
    retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 },
    eventDeliverySchema: "EventGridSchema",
  };
  new eventgrid.TopicEventSubscription(
    `eg${k}-sub-orders`,
    {
      ...egCommon,
      eventSubscriptionName: "orders",
      deliveryWithResourceIdentity: {
        identity: { type: "SystemAssigned" },
        destination: {
          endpointType: "ServiceBusQueue",
          resourceId: orders.id,
          deliveryAttributeMappings: [{ name: "SessionId", type: "Dynamic", sourceField: "data.orderId" }],
        },
      },
      filter: {
        includedEventTypes: ["Orders.OrderCreated"],
        isSubjectCaseSensitive: false,
        enableAdvancedFilteringOnArrays: false,
        advancedFilters: [{ operatorType: "NumberGreaterThanOrEquals", key: "data.amount", value: 1000 }],
      },
    },
    { dependsOn: [topicEg, delivery, deadLetter] },
  );
  new eventgrid.TopicEventSubscription(
    `eg${k}-sub-notify`,
    {
      ...egCommon,
      eventSubscriptionName: "notify",
      destination: { endpointType: "WebHook", endpointUrl: WEBHOOK, minimumTlsVersionAllowed: "1.2" },
      filter: { isSubjectCaseSensitive: false, enableAdvancedFilteringOnArrays: false },
    },
    { dependsOn: [topicEg, deadLetter] },
  );
}
