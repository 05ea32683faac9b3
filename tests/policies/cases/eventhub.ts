import * as eventhub from "@pulumi/azure-native/eventhub";
import type * as inputs from "@pulumi/azure-native/types/input";
import { fail, known, pass, RG, RuleCase, SUB } from "../harness";
import { CMK, diagnosticSetting, geoDrPair, privateEndpoint } from "./fixtures";

const secure: eventhub.NamespaceArgs = {
  resourceGroupName: RG,
  sku: { name: "Premium", tier: "Premium" },
  disableLocalAuth: true,
  publicNetworkAccess: "Disabled",
  minimumTlsVersion: "1.2",
  zoneRedundant: true,
  location: "westeurope",
};
const ns = (n: string, args: Partial<eventhub.NamespaceArgs> = {}) =>
  new eventhub.Namespace(`${n}-ns`, { ...secure, namespaceName: `${n}-ns`, ...args });
const clusterArmId = `${SUB}/resourceGroups/rg/providers/Microsoft.EventHub/clusters/c1`;

/** An event hub capturing (Avro) to `destination`. */
const capturingHub = (n: string, destination: inputs.eventhub.DestinationArgs) =>
  new eventhub.EventHub(`${n}-eh`, {
    resourceGroupName: RG,
    namespaceName: "x",
    captureDescription: { enabled: true, encoding: "Avro", destination },
  });
const drPair = (n: string, secondary: Partial<eventhub.NamespaceArgs>) =>
  geoDrPair(n, ns, eventhub.DisasterRecoveryConfig, secondary);

export const cases: RuleCase[] = [
  pass("eventhub-namespace-local-auth-disabled", "disableLocalAuth true", (n) => ns(n)),
  fail(
    "eventhub-namespace-local-auth-disabled",
    "unset",
    (n) => ns(n, { disableLocalAuth: undefined }),
    /disableLocalAuth is null: shared access keys/,
  ),
  pass("eventhub-namespace-public-network-access-disabled", "Disabled", (n) => ns(n)),
  pass(
    "eventhub-namespace-public-network-access-disabled",
    "SecuredByPerimeter allowed by config",
    (n) => ns(n, { publicNetworkAccess: "SecuredByPerimeter" }),
    { "eventhub-namespace-public-network-access-disabled": { allowedValues: ["Disabled", "SecuredByPerimeter"] } },
  ),
  fail(
    "eventhub-namespace-public-network-access-disabled",
    "unset: the SDK default Enabled",
    (n) => ns(n, { publicNetworkAccess: undefined }),
    /publicNetworkAccess is "Enabled".*allowed: Disabled/,
  ),
  pass(
    "eventhub-network-rule-set-default-deny",
    "defaultAction Deny",
    (n) =>
      new eventhub.NamespaceNetworkRuleSet(`${n}-nrs`, {
        resourceGroupName: RG,
        namespaceName: "x",
        defaultAction: "Deny",
      }),
  ),
  fail(
    "eventhub-network-rule-set-default-deny",
    "defaults: public access Enabled (SDK), no default action",
    (n) => new eventhub.NamespaceNetworkRuleSet(`${n}-nrs`, { resourceGroupName: RG, namespaceName: "x" }),
    /publicNetworkAccess is "Enabled" and defaultAction is null/,
  ),
  pass("eventhub-namespace-minimum-tls", "1.2", (n) => ns(n)),
  pass("eventhub-namespace-minimum-tls", "unset passes by default", (n) => ns(n, { minimumTlsVersion: undefined })),
  fail(
    "eventhub-namespace-minimum-tls",
    "1.0",
    (n) => ns(n, { minimumTlsVersion: "1.0" }),
    /"1.0"; must be 1.2 or later/,
  ),
  fail(
    "eventhub-namespace-minimum-tls",
    "unset with requireExplicit",
    (n) => ns(n, { minimumTlsVersion: undefined }),
    /minimumTlsVersion is not set/,
    { "eventhub-namespace-minimum-tls": { requireExplicit: true } },
  ),
  pass("eventhub-namespace-zone-redundant", "zone redundant", (n) => ns(n)),
  fail(
    "eventhub-namespace-zone-redundant",
    "unset",
    (n) => ns(n, { zoneRedundant: undefined }),
    /zoneRedundant is null/,
  ),
  pass("eventhub-namespace-customer-managed-key", "Premium with a Key Vault key", (n) => ns(n, { encryption: CMK })),
  fail("eventhub-namespace-customer-managed-key", "Premium without encryption", (n) => ns(n), /no encryption block/),
  fail(
    "eventhub-namespace-customer-managed-key",
    "encryption {} (the SDK defaults keySource to KeyVault) without a key",
    (n) => ns(n, { encryption: {} }),
    /keySource is Microsoft.KeyVault but encryption.keyVaultProperties names no key/,
  ),
  pass("eventhub-namespace-infrastructure-encryption", "Dedicated with double encryption", (n) =>
    ns(n, { clusterArmId, encryption: { ...CMK, requireInfrastructureEncryption: true } }),
  ),
  fail(
    "eventhub-namespace-infrastructure-encryption",
    "Dedicated without",
    (n) => ns(n, { clusterArmId, encryption: CMK }),
    /requireInfrastructureEncryption is not true/,
  ),
  pass(
    "eventhub-no-sas-authorization-rules",
    "RootManageSharedAccessKey",
    (n) =>
      new eventhub.NamespaceAuthorizationRule(`${n}-r`, {
        resourceGroupName: RG,
        namespaceName: "x",
        authorizationRuleName: "RootManageSharedAccessKey",
        rights: ["Listen", "Send", "Manage"],
      }),
  ),
  fail(
    "eventhub-no-sas-authorization-rules",
    "a namespace send rule and an event hub listen rule",
    (n) => {
      new eventhub.NamespaceAuthorizationRule(`${n}-r`, {
        resourceGroupName: RG,
        namespaceName: "x",
        authorizationRuleName: "send",
        rights: ["Send"],
      });
      new eventhub.EventHubAuthorizationRule(`${n}-r2`, {
        resourceGroupName: RG,
        namespaceName: "x",
        eventHubName: "h",
        authorizationRuleName: "listen",
        rights: ["Listen"],
      });
    },
    [/"send" hands out shared keys \(rights \["Send"\]\)/, /"listen" hands out shared keys/],
  ),
  pass("eventhub-capture-managed-identity", "capture with the namespace identity", (n) =>
    capturingHub(n, {
      name: "EventHubArchive.AzureBlockBlob",
      blobContainer: "capture",
      storageAccountResourceId: known(`${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st`),
      identity: { type: "SystemAssigned" },
    }),
  ),
  fail(
    "eventhub-capture-managed-identity",
    "capture without identity",
    (n) => capturingHub(n, { name: "EventHubArchive.AzureBlockBlob" }),
    /destination.identity is not set/,
  ),
  pass("eventhub-namespace-private-endpoint", "a namespace endpoint", (n) =>
    privateEndpoint(n, ns(n).id, ["namespace"]),
  ),
  fail("eventhub-namespace-private-endpoint", "no endpoint", (n) => ns(n), /c\d+-ns has no private endpoint/),
  fail(
    "eventhub-namespace-private-endpoint",
    "an endpoint to another group id",
    (n) => privateEndpoint(n, ns(n).id, ["topic"]),
    /has no private endpoint \(group id namespace\)/,
  ),
  pass("eventhub-namespace-diagnostics", "allLogs to a workspace", (n) =>
    diagnosticSetting(n, ns(n).id, [{ categoryGroup: "allLogs", enabled: true }]),
  ),
  fail("eventhub-namespace-diagnostics", "none", (n) => ns(n), /has no diagnostic setting$/),
  fail(
    "eventhub-namespace-diagnostics",
    "metrics only",
    (n) => diagnosticSetting(n, ns(n).id, []),
    /no diagnostic setting with a destination that sends the log category group allLogs or audit/,
  ),
  pass("eventhub-geo-dr-pair", "Premium pair in two regions with the same settings", (n) => drPair(n, {})),
  fail(
    "eventhub-geo-dr-pair",
    "Standard secondary in the same region with local auth on",
    (n) => drPair(n, { sku: { name: "Standard", tier: "Standard" }, location: "westeurope", disableLocalAuth: false }),
    [/namespace c\d+b-ns is Standard; geo-DR pairs must be Premium/, /both in westeurope/, /disableLocalAuth differs/],
  ),
  fail(
    "eventhub-geo-dr-pair",
    "partner given as a literal id",
    (n) =>
      new eventhub.DisasterRecoveryConfig(`${n}-dr`, {
        resourceGroupName: RG,
        namespaceName: ns(n).name,
        alias: "dr",
        partnerNamespace: `${SUB}/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/elsewhere`,
      }),
    /partnerNamespace is not computed from a namespace of this stack/,
  ),

  pass("eventhub-capture-enabled", "capturing", (n) =>
    capturingHub(n, {
      name: "EventHubArchive.AzureBlockBlob",
      storageAccountResourceId: `${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/st`,
      blobContainer: "capture",
      archiveNameFormat: "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
      identity: { type: "SystemAssigned" },
    }),
  ),
  pass(
    "eventhub-capture-enabled",
    "capturing, next to an exempt compacted-state hub without capture",
    (n) => {
      capturingHub(n, {
        name: "EventHubArchive.AzureBlockBlob",
        storageAccountResourceId: `${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/st`,
        blobContainer: "capture",
        archiveNameFormat: "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
        identity: { type: "SystemAssigned" },
      });
      new eventhub.EventHub(`${n}-state`, { resourceGroupName: RG, namespaceName: "x", eventHubName: "state" });
    },
    { "eventhub-capture-enabled": { exempt: ["state"] } },
  ),
  fail(
    "eventhub-capture-enabled",
    "capture turned off",
    (n) =>
      new eventhub.EventHub(`${n}-eh`, {
        resourceGroupName: RG,
        namespaceName: "x",
        captureDescription: { enabled: false, encoding: "Avro" },
      }),
    /captureDescription.enabled is false: events older than the retention are lost/,
  ),
  pass(
    "eventhub-retention-minimum",
    "7 days under a 7-day minimum",
    (n) =>
      new eventhub.EventHub(`${n}-eh`, {
        resourceGroupName: RG,
        namespaceName: "x",
        retentionDescription: { cleanupPolicy: "Delete", retentionTimeInHours: 168 },
      }),
    { "eventhub-retention-minimum": { minimumDays: 7 } },
  ),
  fail(
    "eventhub-retention-minimum",
    "1-day retention in prod",
    (n) =>
      new eventhub.EventHub(`${n}-eh`, {
        resourceGroupName: RG,
        namespaceName: "x",
        retentionDescription: { cleanupPolicy: "Delete", retentionTimeInHours: 24 },
      }),
    /retention is 1 day\(s\); at least 7 day\(s\)/,
    { "eventhub-retention-minimum": { minimumDays: 7 } },
  ),
  pass("eventhub-namespace-geo-dr", "a paired Premium namespace", (n) => drPair(n, {})),
  fail("eventhub-namespace-geo-dr", "no geo-DR in prod", (n) => ns(n), /c\d+-ns is in no geo-DR pair/),
];
