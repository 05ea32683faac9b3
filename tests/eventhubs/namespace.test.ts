import * as pulumi from "@pulumi/pulumi";
import { EventHubNamespace } from "../../components/eventhubs/Namespace";
import { partitionsNeeded, unitsNeeded } from "../../components/eventhubs/sizing";
import { useSimulatedArm, valueOf } from "../helpers/simulation";

const sim = useSimulatedArm();
const sub = "00000000-0000-0000-0000-000000000000";
const prov = `/subscriptions/${sub}/resourceGroups/rg/providers`;
const storageId = `${prov}/Microsoft.Storage/storageAccounts/st`;
const containerId = `${storageId}/blobServices/default/containers/capture`;
const checkpointsId = `${storageId}/blobServices/default/containers/checkpoints`;
const uaiId = `${prov}/Microsoft.ManagedIdentity/userAssignedIdentities/writer`;
const role = (guid: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const BLOB_CONTRIBUTOR = role("ba92f5b4-2d11-453d-a403-e96b0029c9fe");
const EH_SENDER = role("2b629674-e913-4c01-ae53-ef4638d8f975");
const EH_RECEIVER = role("a638d3c7-ab3a-418d-83e6-5f17a39d4fde");

describe("EventHubNamespace on the simulated ARM", () => {
  test("secure defaults, a sized Standard namespace, and retention as retentionDescription only", async () => {
    new EventHubNamespace("std", {
      resourceGroupName: "rg",
      namespaceName: "evhns-std-test",
      tier: "Standard",
      eventHubs: { telemetry: { load: { ingressMBps: 2.5, egressMBps: 3 }, retention: { retentionTimeInDays: 3 } } },
    });
    await sim.settle();
    const ns = sim.one("azure-native:eventhub:Namespace");
    expect(ns.inputs).toMatchObject({
      namespaceName: "evhns-std-test",
      sku: {
        name: "Standard",
        tier: "Standard",
        capacity: unitsNeeded("Standard", { ingressMBps: 2.5, egressMBps: 3 }).units,
      },
      disableLocalAuth: true,
      minimumTlsVersion: "1.2",
      zoneRedundant: true,
      kafkaEnabled: true,
      isAutoInflateEnabled: false,
      publicNetworkAccess: "Enabled",
    });
    expect(ns.inputs.sku).toEqual({ name: "Standard", tier: "Standard", capacity: 3 });
    expect(ns.inputs.maximumThroughputUnits).toBeUndefined();
    const hub = sim.one("azure-native:eventhub:EventHub");
    expect(hub.inputs).toMatchObject({
      namespaceName: "evhns-std-test",
      eventHubName: "telemetry",
      partitionCount: 4, // the default: 2.5 MB/s needs only 3
      retentionDescription: { cleanupPolicy: "Delete", retentionTimeInHours: 72 },
    });
    expect(hub.inputs.messageRetentionInDays).toBeUndefined();
    expect(hub.inputs.captureDescription).toBeUndefined();
  });

  test("the partition count follows the load when it needs more than the default", async () => {
    new EventHubNamespace("big", {
      resourceGroupName: "rg",
      tier: "Premium",
      eventHubs: { t: { load: { ingressMBps: 12 } } },
    });
    await sim.settle();
    expect(sim.one("azure-native:eventhub:EventHub").inputs.partitionCount).toBe(
      partitionsNeeded({ ingressMBps: 12 }).partitions,
    );
    expect(sim.one("azure-native:eventhub:EventHub").inputs.partitionCount).toBe(12);
    expect(sim.one("azure-native:eventhub:Namespace").inputs.sku).toEqual({
      name: "Premium",
      tier: "Premium",
      capacity: 4,
    });
  });

  test("capture grants Storage Blob Data Contributor on the container to the namespace identity, before the hub", async () => {
    new EventHubNamespace("cap", {
      resourceGroupName: "rg",
      tier: "Standard",
      managedIdentities: { systemAssigned: true },
      protect: true,
      eventHubs: {
        telemetry: {
          capture: {
            storageAccountId: storageId,
            blobContainer: "capture",
            containerId,
            identity: { type: "SystemAssigned" },
            encoding: "AvroDeflate",
            intervalInSeconds: 120,
          },
        },
      },
    });
    await sim.settle();
    const ns = sim.one("azure-native:eventhub:Namespace");
    const ra = sim.one("azure-native:authorization:RoleAssignment", "cap-capture/telemetry");
    const principal = (ns.outputs?.identity as { principalId: string }).principalId;
    expect(ra.inputs).toMatchObject({
      scope: containerId,
      roleDefinitionId: BLOB_CONTRIBUTOR,
      principalId: principal,
      principalType: "ServicePrincipal",
    });
    const hub = sim.one("azure-native:eventhub:EventHub");
    expect(hub.dependencies).toContain(ra.urn);
    expect(hub.protect).toBe(true);
    expect(ns.protect).toBe(true);
    expect(hub.inputs.captureDescription).toEqual({
      enabled: true,
      encoding: "AvroDeflate",
      intervalInSeconds: 120,
      sizeLimitInBytes: 314572800,
      skipEmptyArchives: true,
      destination: {
        name: "EventHubArchive.AzureBlockBlob",
        storageAccountResourceId: storageId,
        blobContainer: "capture",
        archiveNameFormat: "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
        identity: { type: "SystemAssigned" },
      },
    });
  });

  test("user-assigned capture identity, checkpoint store, and data-plane roles scoped to the event hub", async () => {
    new EventHubNamespace("rbac", {
      resourceGroupName: "rg",
      tier: "Standard",
      managedIdentities: { userAssignedResourceIds: { writer: uaiId } },
      eventHubs: {
        orders: {
          capture: {
            storageAccountId: storageId,
            blobContainer: "capture",
            containerId,
            identity: { type: "UserAssigned", resourceId: uaiId, principalId: "writer-pid" },
          },
          consumerGroups: {
            billing: {
              checkpointStore: {
                containerId: checkpointsId,
                consumers: { worker: { principalId: "worker-pid", principalType: "ServicePrincipal" } },
              },
            },
          },
          senders: { api: { principalId: "api-pid", principalType: "ServicePrincipal" } },
          receivers: { worker: { principalId: "worker-pid", principalType: "ServicePrincipal" } },
        },
      },
    });
    await sim.settle();
    const hub = sim.one("azure-native:eventhub:EventHub");
    expect(sim.one("azure-native:eventhub:Namespace").inputs.identity).toEqual({
      type: "UserAssigned",
      userAssignedIdentities: [uaiId],
    });
    expect(hub.inputs).toMatchObject({
      captureDescription: { destination: { identity: { type: "UserAssigned", userAssignedIdentity: uaiId } } },
    });
    expect(sim.one("azure-native:authorization:RoleAssignment", "rbac-capture/orders").inputs).toMatchObject({
      scope: containerId,
      principalId: "writer-pid",
    });

    const checkpoint = sim.one("azure-native:authorization:RoleAssignment", "rbac-checkpoint/orders/billing/worker");
    expect(checkpoint.inputs).toMatchObject({
      scope: checkpointsId,
      roleDefinitionId: BLOB_CONTRIBUTOR,
      principalId: "worker-pid",
    });
    const group = sim.one("azure-native:eventhub:ConsumerGroup");
    expect(group.inputs).toMatchObject({ consumerGroupName: "billing", eventHubName: "orders" });
    // The group does not wait for the grant: Azure does not need it to create the group.
    expect(group.dependencies).not.toContain(checkpoint.urn);

    const hubId = `${prov}/Microsoft.EventHub/namespaces/${String(sim.one("azure-native:eventhub:Namespace").outputs?.namespaceName)}/eventhubs/orders`;
    expect(sim.one("azure-native:authorization:RoleAssignment", "rbac-sender/orders/api").inputs).toMatchObject({
      scope: hubId,
      roleDefinitionId: EH_SENDER,
      principalId: "api-pid",
    });
    expect(sim.one("azure-native:authorization:RoleAssignment", "rbac-receiver/orders/worker").inputs).toMatchObject({
      scope: hubId,
      roleDefinitionId: EH_RECEIVER,
    });
  });

  test("SAS rules with local auth: keys are exported only as secrets", async () => {
    const ns = new EventHubNamespace("sas", {
      resourceGroupName: "rg",
      namespaceName: "evhns-sas-test",
      tier: "Standard",
      disableLocalAuth: false,
      authorizationRules: { kafka: { rights: ["Send", "Listen"] } },
      eventHubs: { t: { authorizationRules: { publisher: { rights: ["Send"] } } } },
    });
    await sim.settle();
    expect(sim.one("azure-native:eventhub:Namespace").inputs.disableLocalAuth).toBe(false);
    expect(sim.one("azure-native:eventhub:NamespaceAuthorizationRule").inputs).toMatchObject({
      authorizationRuleName: "kafka",
      rights: ["Send", "Listen"],
    });
    expect(sim.one("azure-native:eventhub:EventHubAuthorizationRule").inputs).toMatchObject({
      eventHubName: "t",
      rights: ["Send"],
    });
    const keys = ns.authorizationRuleKeys.kafka;
    expect(await pulumi.isSecret(keys)).toBe(true);
    expect((await valueOf(keys)).primaryConnectionString).toContain("SharedAccessKeyName=kafka");
    expect(await pulumi.isSecret(ns.eventHubs.t.authorizationRuleKeys.publisher)).toBe(true);
  });

  test("a private endpoint turns public access off; IP rules keep it on behind a Deny rule set", async () => {
    new EventHubNamespace("pe", {
      resourceGroupName: "rg",
      tier: "Premium",
      privateEndpoints: { main: { subnetId: `${prov}/Microsoft.Network/virtualNetworks/v/subnets/s` } },
    });
    await sim.settle();
    expect(sim.one("azure-native:eventhub:Namespace").inputs.publicNetworkAccess).toBe("Disabled");
    expect(sim.one("azure-native:network:PrivateEndpoint").inputs).toMatchObject({
      privateLinkServiceConnections: [{ groupIds: ["namespace"] }],
    });

    sim.arm.reset();
    new EventHubNamespace("fw", {
      resourceGroupName: "rg",
      tier: "Standard",
      networkRuleSet: { ipRules: { office: "203.0.113.0/24" }, trustedServiceAccessEnabled: true },
    });
    await sim.settle();
    expect(sim.one("azure-native:eventhub:Namespace").inputs.publicNetworkAccess).toBe("Enabled");
    expect(sim.one("azure-native:eventhub:NamespaceNetworkRuleSet").inputs).toMatchObject({
      defaultAction: "Deny",
      publicNetworkAccess: "Enabled",
      trustedServiceAccessEnabled: true,
      ipRules: [{ ipMask: "203.0.113.0/24", action: "Allow" }],
    });
  });

  test("Dedicated: the component creates its cluster and places the namespace on it", async () => {
    new EventHubNamespace("ded", {
      resourceGroupName: "rg",
      tier: "Dedicated",
      dedicatedCluster: { create: { clusterName: "evhc-ded-test", capacityUnits: 2 } },
      eventHubs: { t: { partitionCount: 1024 } },
    });
    await sim.settle();
    const cluster = sim.one("azure-native:eventhub:Cluster");
    expect(cluster.inputs).toMatchObject({
      clusterName: "evhc-ded-test",
      sku: { name: "Dedicated", capacity: 2 },
      supportsScaling: true,
    });
    const ns = sim.one("azure-native:eventhub:Namespace");
    expect(ns.inputs.clusterArmId).toBe(`${prov}/Microsoft.EventHub/clusters/evhc-ded-test`);
    expect(ns.dependencies).toContain(cluster.urn);
    expect(sim.one("azure-native:eventhub:EventHub").inputs.partitionCount).toBe(1024);
  });

  test("auto-inflate sends its maximum; geo-DR pairs with the partner after the hubs exist", async () => {
    const partner = `${prov}/Microsoft.EventHub/namespaces/evhns-dr`;
    new EventHubNamespace("geo", {
      resourceGroupName: "rg",
      tier: "Standard",
      capacity: 2,
      autoInflate: { maximumThroughputUnits: 30 },
      eventHubs: { t: {} },
      geoDisasterRecovery: { alias: "telemetry-alias", partnerNamespaceId: partner, partnerTier: "Standard" },
    });
    await sim.settle();
    expect(sim.one("azure-native:eventhub:Namespace").inputs).toMatchObject({
      isAutoInflateEnabled: true,
      maximumThroughputUnits: 30,
      sku: { capacity: 2 },
    });
    const dr = sim.one("azure-native:eventhub:DisasterRecoveryConfig");
    expect(dr.inputs).toMatchObject({ alias: "telemetry-alias", partnerNamespace: partner });
    expect(dr.dependencies).toContain(sim.one("azure-native:eventhub:EventHub").urn);
  });

  test("a tier violation fails before any child is created", async () => {
    expect(
      () =>
        new EventHubNamespace("bad", {
          resourceGroupName: "rg",
          tier: "Standard",
          eventHubs: { telemetry: { partitionCount: 64 } },
        }),
    ).toThrow(
      "azint:eventhubs:Namespace bad: invalid input\n  - eventHubs.telemetry.partitionCount: 64 exceeds the Standard tier maximum of 32 partitions per event hub",
    );
    await sim.settle();
    expect(sim.arm.ofType("azure-native:eventhub:Namespace")).toHaveLength(0);
  });
});
