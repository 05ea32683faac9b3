import { validateEventHubsClusterArgs } from "../../components/eventhubs/Cluster";
import { EventHubNamespaceArgs, validateEventHubNamespaceArgs } from "../../components/eventhubs/Namespace";

const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
const storageId = `${sub}/Microsoft.Storage/storageAccounts/st`;
const containerId = `${storageId}/blobServices/default/containers/capture`;
const uaiId = `${sub}/Microsoft.ManagedIdentity/userAssignedIdentities/writer`;
const clusterId = `${sub}/Microsoft.EventHub/clusters/evhc-a`;
const partnerId = `${sub}/Microsoft.EventHub/namespaces/evhns-dr`;
const capture = {
  storageAccountId: storageId,
  blobContainer: "capture",
  containerId,
  identity: { type: "SystemAssigned" as const },
};
const withSystemIdentity = { managedIdentities: { systemAssigned: true } };

type Case = [string, Partial<EventHubNamespaceArgs>, string[], string?];

/** Runs one table: each case lists the violation paths expected and, optionally, a message fragment of the first. */
function runTable(cases: Case[]) {
  // A rest parameter: jest would pass its `done` callback as a fourth positional parameter on 3-element rows.
  test.each(cases)("%s", (...row) => {
    const [, extra, paths, message] = row as Case;
    const found = validateEventHubNamespaceArgs({ resourceGroupName: "rg", tier: "Standard", ...extra });
    expect(found.map((v) => v.path)).toEqual(paths);
    if (message) expect(found[0].message).toContain(message);
  });
}

describe("tier and capacity rules", () => {
  runTable([
    ["Basic with 1 TU", { tier: "Basic", capacity: 1 }, []],
    ["Standard with 40 TU (not the SDK's stale 20)", { capacity: 40 }, []],
    ["Standard with 41 TU", { capacity: 41 }, ["capacity"], "must be from 1 to 40 on the Standard tier"],
    ["Premium with 4 PU", { tier: "Premium", capacity: 4 }, []],
    ["Premium with 3 PU", { tier: "Premium", capacity: 3 }, ["capacity"], "allowed: 1, 2, 4, 8, 16"],
    ["unknown tier", { tier: "Gold" as never }, ["tier"], 'allowed: "Basic", "Standard", "Premium", "Dedicated"'],
    ["Dedicated on an existing cluster", { tier: "Dedicated", dedicatedCluster: { clusterId, capacityUnits: 2 } }, []],
    ["Dedicated creating its cluster", { tier: "Dedicated", dedicatedCluster: { create: { capacityUnits: 1 } } }, []],
    ["Dedicated without a cluster", { tier: "Dedicated" }, ["dedicatedCluster"], "is required on the Dedicated tier"],
    [
      "Dedicated with a namespace capacity",
      { tier: "Dedicated", capacity: 2, dedicatedCluster: { clusterId } },
      ["capacity"],
      "cluster's capacity units",
    ],
    [
      "Dedicated creating a 2 CU cluster that cannot scale",
      { tier: "Dedicated", dedicatedCluster: { create: { capacityUnits: 2, supportsScaling: false } } },
      ["dedicatedCluster.create.supportsScaling"],
      "must be true for 2 capacity units",
    ],
    [
      "Dedicated with a wrong cluster id",
      { tier: "Dedicated", dedicatedCluster: { clusterId: partnerId } },
      ["dedicatedCluster.clusterId"],
    ],
    [
      "a cluster on Premium",
      { tier: "Premium", dedicatedCluster: { clusterId } },
      ["dedicatedCluster"],
      "only for the Dedicated tier",
    ],
    ["auto-inflate on Standard up to 40", { capacity: 2, autoInflate: { maximumThroughputUnits: 40 } }, []],
    [
      "auto-inflate on Basic",
      { tier: "Basic", autoInflate: { maximumThroughputUnits: 4 } },
      ["autoInflate"],
      "Auto-inflate is not available on the Basic tier; available on: Standard",
    ],
    ["auto-inflate on Premium", { tier: "Premium", autoInflate: { maximumThroughputUnits: 4 } }, ["autoInflate"]],
    [
      "auto-inflate maximum below capacity",
      { capacity: 10, autoInflate: { maximumThroughputUnits: 4 } },
      ["autoInflate.maximumThroughputUnits"],
      "must be at least the capacity (10 TU)",
    ],
    [
      "auto-inflate maximum above 40",
      { autoInflate: { maximumThroughputUnits: 41 } },
      ["autoInflate.maximumThroughputUnits"],
    ],
    ["bad namespace name", { namespaceName: "1-bad" }, ["namespaceName"], "6-50 letters"],
  ]);
});

describe("namespace features by tier", () => {
  const pe = { privateEndpoints: { main: { subnetId: `${sub}/Microsoft.Network/virtualNetworks/v/subnets/s` } } };
  runTable([
    ["Kafka on Standard", { kafkaEnabled: true }, []],
    [
      "Kafka on Basic",
      { tier: "Basic", kafkaEnabled: true },
      ["kafkaEnabled"],
      "The Kafka endpoint is not available on the Basic tier",
    ],
    ["private endpoint on Standard", pe, []],
    [
      "private endpoint on Basic",
      { tier: "Basic", ...pe },
      ["privateEndpoints"],
      "Private link is not available on the Basic tier",
    ],
    [
      "IP firewall on Basic",
      { tier: "Basic", networkRuleSet: { ipRules: { office: "203.0.113.0/24" } } },
      ["networkRuleSet"],
    ],
    [
      "IP firewall on Standard",
      { networkRuleSet: { ipRules: { office: "203.0.113.0/24" }, trustedServiceAccessEnabled: true } },
      [],
    ],
    [
      "bad CIDR",
      { networkRuleSet: { ipRules: { office: "203.0.113.0/33" } } },
      ["networkRuleSet.ipRules.office"],
      "IPv4 address or CIDR",
    ],
    [
      "Allow with rules",
      { networkRuleSet: { defaultAction: "Allow", ipRules: { office: "203.0.113.7" } } },
      ["networkRuleSet.defaultAction"],
      "no-ops",
    ],
    ["TLS 1.0 on Standard", { minimumTlsVersion: "1.0" }, []],
    [
      "TLS 1.1 on Premium",
      { tier: "Premium", minimumTlsVersion: "1.1" },
      ["minimumTlsVersion"],
      "requires TLS 1.2 or greater",
    ],
    [
      "CMK on Premium with its identity attached",
      {
        tier: "Premium",
        managedIdentities: { userAssignedResourceIds: { kv: uaiId } },
        customerManagedKey: { keyVaultUri: "https://kv.vault.azure.net/", keyName: "k", userAssignedIdentityId: uaiId },
      },
      [],
    ],
    [
      "CMK on Standard",
      {
        managedIdentities: { userAssignedResourceIds: { kv: uaiId } },
        customerManagedKey: { keyVaultUri: "https://kv.vault.azure.net/", keyName: "k", userAssignedIdentityId: uaiId },
      },
      ["customerManagedKey"],
      "available on: Premium, Dedicated",
    ],
    [
      "CMK identity not attached",
      {
        tier: "Premium",
        customerManagedKey: { keyVaultUri: "https://kv.vault.azure.net/", keyName: "k", userAssignedIdentityId: uaiId },
      },
      ["customerManagedKey.userAssignedIdentityId"],
      "is not attached to the namespace",
    ],
  ]);
});

describe("SAS rules only with local auth", () => {
  runTable([
    [
      "a Send rule with local auth",
      { disableLocalAuth: false, authorizationRules: { kafka: { rights: ["Send"] } } },
      [],
    ],
    [
      "a rule while local auth is disabled (the default)",
      { authorizationRules: { kafka: { rights: ["Send"] } } },
      ["authorizationRules.kafka"],
      "set disableLocalAuth: false",
    ],
    [
      "Manage without Listen",
      { disableLocalAuth: false, authorizationRules: { admin: { rights: ["Manage", "Send"] } } },
      ["authorizationRules.admin.rights"],
      "includes Manage, which Azure accepts only together with Send and Listen",
    ],
    [
      "a hub rule while local auth is disabled",
      { eventHubs: { t: { authorizationRules: { publisher: { rights: ["Send"] } } } } },
      ["eventHubs.t.authorizationRules.publisher"],
    ],
  ]);
});

describe("event hubs: partitions, retention, consumer groups", () => {
  runTable([
    ["32 partitions on Standard", { eventHubs: { t: { partitionCount: 32 } } }, []],
    [
      "64 partitions on Standard",
      { eventHubs: { telemetry: { partitionCount: 64 } } },
      ["eventHubs.telemetry.partitionCount"],
      "exceeds the Standard tier maximum of 32 partitions per event hub (Premium allows 100, Dedicated allows 1024)",
    ],
    ["100 partitions on Premium", { tier: "Premium", eventHubs: { t: { partitionCount: 100 } } }, []],
    [
      "101 partitions on Premium",
      { tier: "Premium", eventHubs: { t: { partitionCount: 101 } } },
      ["eventHubs.t.partitionCount"],
    ],
    [
      "Premium partition budget of 200 per PU",
      {
        tier: "Premium",
        capacity: 1,
        eventHubs: { a: { partitionCount: 100 }, b: { partitionCount: 100 }, c: { partitionCount: 1 } },
      },
      ["eventHubs"],
      "exceed the Premium budget of 200 per PU × 1 = 200",
    ],
    [
      "1024 partitions on Dedicated",
      { tier: "Dedicated", dedicatedCluster: { clusterId }, eventHubs: { t: { partitionCount: 1024 } } },
      [],
    ],
    [
      "11 event hubs on Standard",
      { eventHubs: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`h${i}`, {}])) },
      ["eventHubs"],
      "maximum of 10",
    ],
    ["1 day on Basic", { tier: "Basic", eventHubs: { t: { retention: { retentionTimeInHours: 24 } } } }, []],
    [
      "2 days on Basic",
      { tier: "Basic", eventHubs: { t: { retention: { retentionTimeInDays: 2 } } } },
      ["eventHubs.t.retention.retentionTimeInDays"],
      "must be from 1 to 1 on the Basic tier (max 1 day",
    ],
    ["7 days on Standard", { eventHubs: { t: { retention: { retentionTimeInDays: 7 } } } }, []],
    [
      "8 days on Standard",
      { eventHubs: { t: { retention: { retentionTimeInDays: 8 } } } },
      ["eventHubs.t.retention.retentionTimeInDays"],
    ],
    ["90 days on Premium", { tier: "Premium", eventHubs: { t: { retention: { retentionTimeInDays: 90 } } } }, []],
    [
      "2161 hours on Premium",
      { tier: "Premium", eventHubs: { t: { retention: { retentionTimeInHours: 2161 } } } },
      ["eventHubs.t.retention.retentionTimeInHours"],
    ],
    [
      "hours and days",
      { eventHubs: { t: { retention: { retentionTimeInHours: 5, retentionTimeInDays: 1 } } } },
      ["eventHubs.t.retention"],
    ],
    [
      "compaction on Standard",
      { eventHubs: { t: { retention: { cleanupPolicy: "Compact", tombstoneRetentionTimeInHours: 24 } } } },
      [],
    ],
    [
      "compaction on Basic",
      { tier: "Basic", eventHubs: { t: { retention: { cleanupPolicy: "Compact" } } } },
      ["eventHubs.t.retention.cleanupPolicy"],
      "Log compaction is not available on the Basic tier",
    ],
    [
      "compaction with a retention time",
      { eventHubs: { t: { retention: { cleanupPolicy: "Compact", retentionTimeInHours: 5 } } } },
      ["eventHubs.t.retention"],
    ],
    [
      "a consumer group on Basic ($Default is the only one)",
      { tier: "Basic", eventHubs: { t: { consumerGroups: { app: {} } } } },
      ["eventHubs.t.consumerGroups"],
      "1 consumer groups plus $Default exceed the Basic tier maximum of 1",
    ],
    [
      "19 groups on Standard",
      { eventHubs: { t: { consumerGroups: Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`g${i}`, {}])) } } },
      [],
    ],
    [
      "20 groups on Standard",
      { eventHubs: { t: { consumerGroups: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`g${i}`, {}])) } } },
      ["eventHubs.t.consumerGroups"],
    ],
    [
      "a 51-character group name",
      { eventHubs: { t: { consumerGroups: { g: { name: "x".repeat(51) } } } } },
      ["eventHubs.t.consumerGroups.g.name"],
    ],
    [
      "a sender without principal type",
      { eventHubs: { t: { senders: { app: { principalId: "p" } as never } } } },
      ["eventHubs.t.senders.app.principalType"],
    ],
  ]);
});

describe("capture", () => {
  runTable([
    ["capture on Standard with the system identity", { ...withSystemIdentity, eventHubs: { t: { capture } } }, []],
    [
      "capture on Basic",
      { tier: "Basic", ...withSystemIdentity, eventHubs: { t: { capture } } },
      ["eventHubs.t.capture"],
      "Capture is not available on the Basic tier",
    ],
    [
      "system identity not enabled",
      { eventHubs: { t: { capture } } },
      ["eventHubs.t.capture.identity"],
      "set managedIdentities.systemAssigned: true",
    ],
    [
      "user identity attached",
      {
        managedIdentities: { userAssignedResourceIds: { w: uaiId } },
        eventHubs: {
          t: { capture: { ...capture, identity: { type: "UserAssigned", resourceId: uaiId, principalId: "p" } } },
        },
      },
      [],
    ],
    [
      "user identity not attached",
      {
        eventHubs: {
          t: { capture: { ...capture, identity: { type: "UserAssigned", resourceId: uaiId, principalId: "p" } } },
        },
      },
      ["eventHubs.t.capture.identity.resourceId"],
    ],
    [
      "interval 59 s",
      { ...withSystemIdentity, eventHubs: { t: { capture: { ...capture, intervalInSeconds: 59 } } } },
      ["eventHubs.t.capture.intervalInSeconds"],
      "must be from 60 to 900",
    ],
    [
      "interval 900 s",
      { ...withSystemIdentity, eventHubs: { t: { capture: { ...capture, intervalInSeconds: 900 } } } },
      [],
    ],
    [
      "size 501 MiB",
      { ...withSystemIdentity, eventHubs: { t: { capture: { ...capture, sizeLimitInBytes: 501 * 1024 * 1024 } } } },
      ["eventHubs.t.capture.sizeLimitInBytes"],
    ],
    [
      "archive name without {PartitionId} and {Second}",
      {
        ...withSystemIdentity,
        eventHubs: {
          t: {
            capture: { ...capture, archiveNameFormat: "{Namespace}/{EventHub}/{Year}/{Month}/{Day}/{Hour}/{Minute}" },
          },
        },
      },
      ["eventHubs.t.capture.archiveNameFormat"],
      "is missing {PartitionId}, {Second}",
    ],
    [
      "a wrong storage account id",
      { ...withSystemIdentity, eventHubs: { t: { capture: { ...capture, storageAccountId: clusterId } } } },
      ["eventHubs.t.capture.storageAccountId"],
    ],
  ]);
});

describe("sizing against explicit capacity and partitions", () => {
  runTable([
    [
      "load within capacity",
      { capacity: 3, eventHubs: { t: { partitionCount: 4, load: { ingressMBps: 2.5, egressMBps: 5 } } } },
      [],
    ],
    [
      "too few TUs for the ingress",
      { capacity: 2, eventHubs: { t: { partitionCount: 8, load: { ingressMBps: 4.5 } } } },
      ["capacity"],
      "throughput units cannot carry the declared load: ingress 4.5 MB/s at 1 MB/s per TU needs 5; set capacity to 5 or enable autoInflate",
    ],
    [
      "events/s decide before MB/s",
      { capacity: 1, eventHubs: { t: { load: { ingressMBps: 0.5, ingressEventsPerSecond: 3500 } } } },
      ["capacity"],
      "ingress 3500 events/s at 1000 per TU needs 4",
    ],
    [
      "auto-inflate maximum too low for the load",
      {
        capacity: 1,
        autoInflate: { maximumThroughputUnits: 3 },
        eventHubs: { t: { partitionCount: 8, load: { egressMBps: 9 } } },
      },
      ["autoInflate.maximumThroughputUnits"],
      "needs 5 TU",
    ],
    [
      "too few partitions for the load",
      { capacity: 10, eventHubs: { t: { partitionCount: 4, load: { ingressMBps: 6 } } } },
      ["eventHubs.t.partitionCount"],
      "needs at least 6 partitions",
    ],
    [
      "load beyond Standard's 40 TU",
      {
        eventHubs: {
          a: { partitionCount: 32, load: { ingressMBps: 30 } },
          b: { partitionCount: 32, load: { ingressMBps: 30 } },
        },
      },
      ["capacity"],
      "above the Standard maximum of 40; use a higher tier",
    ],
    [
      "load beyond one hub's 32 partitions",
      { eventHubs: { a: { load: { ingressMBps: 33 } } } },
      ["eventHubs.a.load"],
      "needs 33 partitions",
    ],
    [
      "Premium 2 PU carries 8 MB/s",
      { tier: "Premium", capacity: 2, eventHubs: { t: { partitionCount: 8, load: { ingressMBps: 8 } } } },
      [],
    ],
    [
      "Premium 1 PU does not carry 8 MB/s",
      { tier: "Premium", capacity: 1, eventHubs: { t: { partitionCount: 8, load: { ingressMBps: 8 } } } },
      ["capacity"],
      "needs 2",
    ],
    [
      "Dedicated 1 CU does not carry 150 MB/s",
      {
        tier: "Dedicated",
        dedicatedCluster: { clusterId, capacityUnits: 1 },
        eventHubs: { t: { partitionCount: 200, load: { ingressMBps: 150 } } },
      },
      ["dedicatedCluster"],
      "needs 2",
    ],
  ]);
});

describe("geo-disaster recovery", () => {
  const dr = { alias: "telemetry-alias", partnerNamespaceId: partnerId };
  runTable([
    [
      "Standard → Standard",
      {
        location: "westeurope",
        geoDisasterRecovery: { ...dr, partnerTier: "Standard", partnerLocation: "northeurope" },
      },
      [],
    ],
    ["Standard → Dedicated", { geoDisasterRecovery: { ...dr, partnerTier: "Dedicated" } }, []],
    ["Premium → Premium", { tier: "Premium", geoDisasterRecovery: { ...dr, partnerTier: "Premium" } }, []],
    [
      "Premium → Standard",
      { tier: "Premium", geoDisasterRecovery: { ...dr, partnerTier: "Standard" } },
      ["geoDisasterRecovery.partnerTier"],
      "allowed secondary tiers: Premium",
    ],
    [
      "Dedicated → Standard",
      { tier: "Dedicated", dedicatedCluster: { clusterId }, geoDisasterRecovery: { ...dr, partnerTier: "Standard" } },
      ["geoDisasterRecovery.partnerTier"],
    ],
    [
      "on Basic",
      { tier: "Basic", geoDisasterRecovery: { ...dr, partnerTier: "Basic" } },
      ["geoDisasterRecovery"],
      "Geo-disaster recovery is not available on the Basic tier",
    ],
    [
      "same region",
      {
        location: "westeurope",
        geoDisasterRecovery: { ...dr, partnerTier: "Standard", partnerLocation: "West Europe" },
      },
      ["geoDisasterRecovery.partnerLocation"],
      "different region",
    ],
    [
      "Dedicated pair in one cluster",
      {
        tier: "Dedicated",
        dedicatedCluster: { clusterId },
        geoDisasterRecovery: { ...dr, partnerTier: "Dedicated", partnerClusterId: clusterId },
      },
      ["geoDisasterRecovery.partnerClusterId"],
    ],
    [
      "a 5-character alias",
      { geoDisasterRecovery: { ...dr, alias: "short", partnerTier: "Standard" } },
      ["geoDisasterRecovery.alias"],
      "6-50 letters",
    ],
    [
      "alias equal to the namespace name",
      { namespaceName: "evhns-prod", geoDisasterRecovery: { ...dr, alias: "evhns-prod", partnerTier: "Standard" } },
      ["geoDisasterRecovery.alias"],
      "set alternateName",
    ],
  ]);
});

describe("validateEventHubsClusterArgs", () => {
  test.each([
    ["1 CU", {}, []],
    ["4 CU, scalable by default", { capacityUnits: 4 }, []],
    ["21 CU", { capacityUnits: 21 }, ["capacityUnits"]],
    ["bad name", { clusterName: "ab" }, ["clusterName"]],
  ])("%s", (_n, extra, paths) => {
    expect(validateEventHubsClusterArgs({ resourceGroupName: "rg", ...extra }).map((v) => v.path)).toEqual(paths);
  });
});
