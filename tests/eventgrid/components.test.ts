import * as pulumi from "@pulumi/pulumi";
import { Domain, validateDomainArgs } from "../../components/eventgrid/Domain";
import { PartnerTopic, validatePartnerTopicArgs } from "../../components/eventgrid/PartnerTopic";
import { SystemTopic, validateSystemTopicArgs } from "../../components/eventgrid/SystemTopic";
import { Topic, validateTopicArgs } from "../../components/eventgrid/Topic";
import { builtInRoles } from "../../components/rbac/builtInRoles";
import { useSimulatedArm } from "../helpers/simulation";

const sim = useSimulatedArm();
const subId = "00000000-0000-0000-0000-000000000000";
const rgId = `/subscriptions/${subId}/resourceGroups/rg`;
const p = `${rgId}/providers`;
const queueId = `${p}/Microsoft.ServiceBus/namespaces/sb1/queues/orders`;
const hubId = `${p}/Microsoft.EventHub/namespaces/eh1/eventhubs/telemetry`;
const accountId = `${p}/Microsoft.Storage/storageAccounts/stevents`;
const containerId = `${accountId}/blobServices/default/containers/deadletters`;
const deadLetter = { storageAccountId: accountId, containerName: "deadletters" };
const roleId = (name: keyof typeof builtInRoles) =>
  `/subscriptions/${subId}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles[name]}`;
const RA = "azure-native:authorization:RoleAssignment";
const SUBNET = `${p}/Microsoft.Network/virtualNetworks/v/subnets/pe`;
/** The one grant for `purpose` on `scope`: grants are named after what they grant, never after a subscription. */
const grant = (purpose: "delivery" | "deadletter", scope: string) => {
  const found = sim.arm.ofType(RA).filter((r) => r.name.includes(`-ra/${purpose}/`) && r.inputs.scope === scope);
  expect(found).toHaveLength(1);
  return found[0];
};

describe("validators of the components (table-driven)", () => {
  const rg = { resourceGroupName: "rg" };
  test.each<[string, () => { path: string; message: string }[], string[]]>([
    ["valid topic", () => validateTopicArgs({ ...rg, topicName: "evgt-orders" }), []],
    ["topic name with underscore", () => validateTopicArgs({ ...rg, topicName: "evgt_orders" }), ["topicName"]],
    [
      "custom schema without mapping",
      () => validateTopicArgs({ ...rg, inputSchema: "CustomEventSchema" }),
      ["inputSchemaMapping"],
    ],
    [
      "mapping without custom schema",
      () => validateTopicArgs({ ...rg, inputSchemaMapping: { subject: { sourceField: "s" } } }),
      ["inputSchemaMapping"],
    ],
    [
      "bad IP rule",
      () => validateTopicArgs({ ...rg, inboundIpRules: { office: "10.0.0.0/33" } }),
      ["inboundIpRules.office"],
    ],
    [
      "IP rules with public access disabled",
      () => validateTopicArgs({ ...rg, publicNetworkAccess: "Disabled", inboundIpRules: { office: "10.0.0.0/8" } }),
      ["inboundIpRules"],
    ],
    ["TLS 1.3", () => validateTopicArgs({ ...rg, minimumTlsVersion: "1.3" as "1.2" }), ["minimumTlsVersion"]],
    [
      "residency",
      () => validateTopicArgs({ ...rg, dataResidencyBoundary: "Europe" as "WithinRegion" }),
      ["dataResidencyBoundary"],
    ],
    [
      "private endpoint group of a domain on a topic",
      () => validateTopicArgs({ ...rg, privateEndpoints: { pe: { subnetId: SUBNET, groupId: "domain" } } }),
      ["privateEndpoints.pe.groupId"],
    ],
    [
      "publisher without principal type",
      () => validateTopicArgs({ ...rg, publishers: { app: { principalId: "x" } as never } }),
      ["publishers.app.principalType"],
    ],
    [
      "principal id for an undeclared identity",
      () => validateTopicArgs({ ...rg, userAssignedPrincipalIds: { app: "p" } }),
      ["userAssignedPrincipalIds.app"],
    ],
    ["valid domain with topics", () => validateDomainArgs({ ...rg, topics: { contoso: {}, fabrikam: {} } }), []],
    [
      "domain topic name with slash",
      () => validateDomainArgs({ ...rg, topics: { a: { name: "a/b" } } }),
      ["topics.a.name"],
    ],
    [
      "domain subscription without dead-letter",
      () =>
        validateDomainArgs({
          ...rg,
          topics: {
            contoso: { subscriptions: { hook: { destination: { kind: "webhook", endpointUrl: "https://x" } } } },
          },
        }),
      ["topics.contoso.subscriptions.hook.deadLetter"],
    ],
    [
      "valid storage system topic",
      () =>
        validateSystemTopicArgs({
          ...rg,
          location: "westeurope",
          source: { kind: "storageAccount", resourceId: accountId },
        }),
      [],
    ],
    [
      "system topic on the wrong resource type",
      () => validateSystemTopicArgs({ ...rg, source: { kind: "storageAccount", resourceId: queueId } }),
      ["source.resourceId"],
    ],
    [
      "kind other: a topic type that is not the source's resource type",
      () =>
        validateSystemTopicArgs({
          ...rg,
          source: { kind: "other", topicType: "Microsoft.AppConfiguration.ConfigurationStores", resourceId: queueId },
        }),
      ["source.topicType"],
    ],
    [
      "kind other: a resource's topic type on a subscription id",
      () =>
        validateSystemTopicArgs({
          ...rg,
          location: "global",
          source: {
            kind: "other",
            topicType: "Microsoft.KeyVault.Vaults",
            resourceId: `/subscriptions/${subId}`,
            global: true,
          },
        }),
      ["source.topicType"],
    ],
    [
      "kind other: topic type and source agree (case-insensitively)",
      () =>
        validateSystemTopicArgs({
          ...rg,
          source: {
            kind: "other",
            topicType: "Microsoft.KeyVault.vaults",
            resourceId: `${p}/Microsoft.KeyVault/vaults/kv1`,
          },
        }),
      [],
    ],
    [
      "subscription source in a region",
      () =>
        validateSystemTopicArgs({
          ...rg,
          location: "westeurope",
          source: { kind: "subscription", resourceId: `/subscriptions/${subId}` },
        }),
      ["location"],
    ],
    [
      "resource group source with a resource id",
      () => validateSystemTopicArgs({ ...rg, source: { kind: "resourceGroup", resourceId: accountId } }),
      ["source.resourceId"],
    ],
    [
      "system topics have no private endpoints",
      () =>
        validateSystemTopicArgs({
          ...rg,
          source: { kind: "storageAccount", resourceId: accountId },
          privateEndpoints: { pe: { subnetId: SUBNET } },
        }),
      ["privateEndpoints.pe.targetType"],
    ],
    ["valid partner topic", () => validatePartnerTopicArgs({ ...rg, partnerTopicName: "contoso-crm" }), []],
    [
      "import id of another partner topic",
      () =>
        validatePartnerTopicArgs({
          ...rg,
          partnerTopicName: "contoso-crm",
          importId: `${p}/Microsoft.EventGrid/partnerTopics/other`,
        }),
      ["importId"],
    ],
  ])("%s", (_c, run, paths) => {
    expect(run().map((v) => v.path)).toEqual(paths);
  });
});

describe("Topic on the simulated ARM", () => {
  test("secure defaults, publishers, identity delivery with roles scoped to the entity, dead-letter with identity", async () => {
    new Topic("orders", {
      resourceGroupName: "rg",
      location: "westeurope",
      topicName: "evgt-orders",
      inputSchema: "CloudEventSchemaV1_0",
      publishers: { app: { principalId: "app-principal", principalType: "ServicePrincipal" } },
      deadLetter,
      subscriptions: {
        "to-queue": {
          destination: {
            kind: "serviceBusQueue",
            resourceId: queueId,
            requiresSession: true,
            deliveryProperties: { SessionId: { sourceField: "data.orderId" }, Source: { value: "orders" } },
          },
          includedEventTypes: ["Orders.Created"],
          advancedFilters: {
            big: { operator: "NumberGreaterThanOrEquals", key: "data.amount", value: 100 },
            region: { operator: "StringIn", key: "data.region", values: ["eu", "us"] },
            band: { operator: "NumberInRange", key: "data.score", values: [[1, 5]] },
            present: { operator: "IsNotNull", key: "data.customer" },
          },
          retry: { maxDeliveryAttempts: 5, eventTtlMinutes: 60 },
        },
        "to-hub": { destination: { kind: "eventHub", resourceId: hubId } },
        "also-queue": { destination: { kind: "serviceBusQueue", resourceId: queueId }, deadLetter: false },
        hook: {
          destination: { kind: "webhook", endpointUrl: "https://hooks.example.com/x", maxEventsPerBatch: 10 },
          identity: false,
          deadLetter: { ...deadLetter, identity: false },
        },
      },
    });
    await sim.settle();

    const topic = sim.one("azure-native:eventgrid:Topic");
    expect(topic.inputs).toMatchObject({
      topicName: "evgt-orders",
      inputSchema: "CloudEventSchemaV1_0",
      disableLocalAuth: true,
      minimumTlsVersionAllowed: "1.2",
      publicNetworkAccess: "Enabled",
      identity: { type: "SystemAssigned" },
    });
    const topicId = `${p}/Microsoft.EventGrid/topics/evgt-orders`;
    const principal = (topic.outputs!.identity as { principalId: string }).principalId;

    expect(sim.one(RA, "orders-publisher/app").inputs).toMatchObject({
      scope: topicId,
      principalId: "app-principal",
      roleDefinitionId: roleId("EventGrid Data Sender"),
    });

    const toQueue = sim.one("azure-native:eventgrid:TopicEventSubscription", "orders-sub/to-queue");
    expect(toQueue.inputs).toMatchObject({
      topicName: "evgt-orders",
      eventSubscriptionName: "to-queue",
      eventDeliverySchema: "CloudEventSchemaV1_0",
      deliveryWithResourceIdentity: {
        identity: { type: "SystemAssigned" },
        destination: {
          endpointType: "ServiceBusQueue",
          resourceId: queueId,
          deliveryAttributeMappings: [
            { name: "SessionId", type: "Dynamic", sourceField: "data.orderId" },
            { name: "Source", type: "Static", value: "orders", isSecret: false },
          ],
        },
      },
      deadLetterWithResourceIdentity: {
        identity: { type: "SystemAssigned" },
        deadLetterDestination: { endpointType: "StorageBlob", resourceId: accountId, blobContainerName: "deadletters" },
      },
      filter: {
        includedEventTypes: ["Orders.Created"],
        isSubjectCaseSensitive: false,
        enableAdvancedFilteringOnArrays: false,
        // In the order of the filters' keys (band, big, present, region), never the config's order.
        advancedFilters: [
          { operatorType: "NumberInRange", key: "data.score", values: [[1, 5]] },
          { operatorType: "NumberGreaterThanOrEquals", key: "data.amount", value: 100 },
          { operatorType: "IsNotNull", key: "data.customer" },
          { operatorType: "StringIn", key: "data.region", values: ["eu", "us"] },
        ],
      },
      retryPolicy: { maxDeliveryAttempts: 5, eventTimeToLiveInMinutes: 60 },
    });
    expect(toQueue.inputs.destination).toBeUndefined();

    const queueRole = grant("delivery", queueId);
    expect(queueRole.inputs).toMatchObject({
      scope: queueId,
      principalId: principal,
      principalType: "ServicePrincipal",
      roleDefinitionId: roleId("Azure Service Bus Data Sender"),
    });
    const dlRole = grant("deadletter", containerId);
    expect(dlRole.inputs).toMatchObject({
      scope: containerId,
      principalId: principal,
      roleDefinitionId: roleId("Storage Blob Data Contributor"),
    });
    // The subscription is created after its role assignments.
    expect(toQueue.dependencies).toEqual(expect.arrayContaining([topic.urn, queueRole.urn, dlRole.urn]));

    const toHub = sim.one("azure-native:eventgrid:TopicEventSubscription", "orders-sub/to-hub");
    const hubRole = grant("delivery", hubId);
    expect(hubRole.inputs).toMatchObject({ scope: hubId, roleDefinitionId: roleId("Azure Event Hubs Data Sender") });
    // One dead-letter assignment per container and identity, shared by the subscriptions that use it.
    expect(toHub.dependencies).toEqual(expect.arrayContaining([hubRole.urn, dlRole.urn]));
    expect(sim.arm.ofType(RA).filter((r) => r.inputs.scope === containerId)).toHaveLength(1);
    // A second subscription to the same queue shares the queue's assignment.
    const alsoQueue = sim.one("azure-native:eventgrid:TopicEventSubscription", "orders-sub/also-queue");
    expect(alsoQueue.dependencies).toContain(queueRole.urn);
    expect(alsoQueue.inputs.deadLetterDestination).toBeUndefined();
    expect(alsoQueue.inputs.deadLetterWithResourceIdentity).toBeUndefined();
    expect(sim.arm.ofType(RA).filter((r) => r.inputs.scope === queueId)).toHaveLength(1);

    const hook = sim.one("azure-native:eventgrid:TopicEventSubscription", "orders-sub/hook");
    expect(hook.inputs).toMatchObject({
      destination: {
        endpointType: "WebHook",
        endpointUrl: "https://hooks.example.com/x",
        maxEventsPerBatch: 10,
        minimumTlsVersionAllowed: "1.2",
      },
      deadLetterDestination: { endpointType: "StorageBlob", resourceId: accountId, blobContainerName: "deadletters" },
    });
    expect(hook.inputs.deliveryWithResourceIdentity).toBeUndefined();
  });

  test("user-assigned delivery, storage queue scope, private endpoint switches public access off, protect", async () => {
    const uaId = `${p}/Microsoft.ManagedIdentity/userAssignedIdentities/id-app`;
    new Topic("t2", {
      resourceGroupName: "rg",
      protect: true,
      managedIdentities: { userAssignedResourceIds: { app: uaId } },
      userAssignedPrincipalIds: { app: "ua-principal" },
      privateEndpoints: { pe: { subnetId: SUBNET } },
      subscriptions: {
        work: {
          destination: { kind: "storageQueue", storageAccountId: accountId, queueName: "work", messageTtlSeconds: -1 },
          identity: { userAssigned: "app" },
          deadLetter,
        },
      },
    });
    await sim.settle();
    const topic = sim.one("azure-native:eventgrid:Topic");
    expect(topic.protect).toBe(true);
    expect(topic.inputs).toMatchObject({
      publicNetworkAccess: "Disabled",
      identity: { type: "UserAssigned", userAssignedIdentities: { [uaId]: {} } },
    });
    expect(sim.one("azure-native:network:PrivateEndpoint").inputs).toMatchObject({
      privateLinkServiceConnections: [{ groupIds: ["topic"] }],
    });
    const sub = sim.one("azure-native:eventgrid:TopicEventSubscription");
    expect(sub.inputs).toMatchObject({
      deliveryWithResourceIdentity: {
        identity: { type: "UserAssigned", userAssignedIdentity: uaId },
        destination: {
          endpointType: "StorageQueue",
          resourceId: accountId,
          queueName: "work",
          queueMessageTimeToLiveInSeconds: -1,
        },
      },
      deadLetterWithResourceIdentity: { identity: { type: "UserAssigned", userAssignedIdentity: uaId } },
    });
    expect(grant("delivery", `${accountId}/queueServices/default/queues/work`).inputs).toMatchObject({
      scope: `${accountId}/queueServices/default/queues/work`,
      principalId: "ua-principal",
      roleDefinitionId: roleId("Storage Queue Data Message Sender"),
    });
  });

  test("an unhonourable retry policy is a warning, not an error", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    new Topic("t3", {
      resourceGroupName: "rg",
      deadLetter,
      subscriptions: {
        slow: {
          destination: { kind: "eventHub", resourceId: hubId },
          retry: { maxDeliveryAttempts: 30, eventTtlMinutes: 60 },
        },
      },
    });
    await sim.settle();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining("subscriptions.slow.retry.maxDeliveryAttempts: 30 can never happen"),
    );
    expect(sim.arm.ofType("azure-native:eventgrid:TopicEventSubscription")).toHaveLength(1);
    warn.mockRestore();
  });

  test("a bad subscription fails before any resource is created", async () => {
    expect(
      () =>
        new Topic("t4", {
          resourceGroupName: "rg",
          subscriptions: {
            hook: { destination: { kind: "webhook", endpointUrl: "http://insecure.example.com" }, deadLetter: false },
          },
        }),
    ).toThrow(
      'azint:eventgrid:Topic t4: invalid input\n  - subscriptions.hook.destination.endpointUrl: "http://insecure.example.com" must be an https:// URL',
    );
    await sim.settle();
    expect(sim.arm.ofType("azure-native:eventgrid:Topic")).toHaveLength(0);
  });
});

describe("Domain, SystemTopic and PartnerTopic on the simulated ARM", () => {
  test("a domain with topics and subscriptions at both scopes, sharing one grant registry", async () => {
    new Domain("partners", {
      resourceGroupName: "rg",
      domainName: "evgd-partners",
      deadLetter,
      publishers: { gw: { principalId: "gw", principalType: "ServicePrincipal" } },
      subscriptions: { audit: { destination: { kind: "eventHub", resourceId: hubId } } },
      topics: {
        contoso: { subscriptions: { inbox: { destination: { kind: "serviceBusQueue", resourceId: queueId } } } },
      },
    });
    await sim.settle();
    const domain = sim.one("azure-native:eventgrid:Domain");
    expect(domain.inputs).toMatchObject({
      domainName: "evgd-partners",
      disableLocalAuth: true,
      autoCreateTopicWithFirstSubscription: false,
      autoDeleteTopicWithLastSubscription: false,
    });
    const topic = sim.one("azure-native:eventgrid:DomainTopic");
    expect(topic.inputs).toMatchObject({ domainName: "evgd-partners", domainTopicName: "contoso" });
    expect(sim.one("azure-native:eventgrid:DomainEventSubscription").inputs).toMatchObject({
      domainName: "evgd-partners",
      eventSubscriptionName: "audit",
    });
    const inbox = sim.one("azure-native:eventgrid:DomainTopicEventSubscription");
    expect(inbox.inputs).toMatchObject({
      domainName: "evgd-partners",
      topicName: "contoso",
      eventSubscriptionName: "inbox",
    });
    expect(inbox.dependencies).toEqual(expect.arrayContaining([topic.urn, grant("delivery", queueId).urn]));
    expect(sim.one(RA, "partners-publisher/gw").inputs.scope).toBe(`${p}/Microsoft.EventGrid/domains/evgd-partners`);
    // Domain-scope and domain-topic subscriptions dead-letter to the same container with the same identity: one grant.
    expect(sim.arm.ofType(RA).filter((r) => r.inputs.scope === containerId)).toHaveLength(1);
  });

  test("system topics: regional source in its region, subscription source in global", async () => {
    new SystemTopic("st", {
      resourceGroupName: "rg",
      location: "westeurope",
      source: { kind: "storageAccount", resourceId: accountId },
      subscriptions: {
        blobs: {
          destination: { kind: "serviceBusQueue", resourceId: queueId },
          includedEventTypes: ["Microsoft.Storage.BlobCreated"],
          subjectBeginsWith: "/blobServices/default/containers/inbox/",
          deliverySchema: "CloudEventSchemaV1_0",
          deadLetter,
        },
      },
    });
    new SystemTopic("subevents", {
      resourceGroupName: "rg",
      source: { kind: "subscription", resourceId: `/subscriptions/${subId}` },
    });
    await sim.settle();
    expect(sim.one("azure-native:eventgrid:SystemTopic", "st-systemtopic").inputs).toMatchObject({
      location: "westeurope",
      source: accountId,
      topicType: "Microsoft.Storage.StorageAccounts",
      identity: { type: "SystemAssigned" },
    });
    expect(sim.one("azure-native:eventgrid:SystemTopic", "subevents-systemtopic").inputs).toMatchObject({
      location: "global",
      topicType: "Microsoft.Resources.Subscriptions",
    });
    const sub = sim.one("azure-native:eventgrid:SystemTopicEventSubscription");
    expect(sub.inputs).toMatchObject({
      eventDeliverySchema: "CloudEventSchemaV1_0",
      filter: { subjectBeginsWith: "/blobServices/default/containers/inbox/" },
      deliveryWithResourceIdentity: { destination: { endpointType: "ServiceBusQueue", resourceId: queueId } },
    });
    expect(sub.dependencies).toContain(grant("delivery", queueId).urn);
  });

  test("a partner topic is adopted, activated and subscribed to", async () => {
    const importId = `${p}/Microsoft.EventGrid/partnerTopics/contoso-crm`;
    new PartnerTopic("crm", {
      resourceGroupName: "rg",
      partnerTopicName: "contoso-crm",
      importId,
      subscriptions: { leads: { destination: { kind: "eventHub", resourceId: hubId }, deadLetter } },
    });
    await sim.settle();
    expect(sim.one("azure-native:eventgrid:PartnerTopic").inputs).toMatchObject({
      partnerTopicName: "contoso-crm",
      activationState: "Activated",
    });
    expect(sim.one("azure-native:eventgrid:PartnerTopicEventSubscription").inputs).toMatchObject({
      partnerTopicName: "contoso-crm",
      eventDeliverySchema: "CloudEventSchemaV1_0",
      deliveryWithResourceIdentity: { destination: { endpointType: "EventHub", resourceId: hubId } },
    });
  });
});
