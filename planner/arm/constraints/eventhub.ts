import { azureNameRules } from "../../../components/core/azureNames";
import type { PropertyRule, ServiceConstraints, TypeConstraints } from "./types";

/**
 * Event Hubs at API version 2024-01-01 (azure-native `eventhub/*.js`: "Uses Azure REST API version 2024-01-01").
 * Source: Azure/azure-rest-api-specs specification/eventhub/resource-manager/Microsoft.EventHub/stable/2024-01-01/
 * (one file per resource kind, named per type below); the name path parameters are shared from
 * specification/eventhub/resource-manager/common/v1/definitions.json. Ranges the spec only states in prose
 * (capture interval 60-900 s, throughput units 0-20) are not listed: the components' limits tables hold them.
 */
const apiVersion = "2024-01-01";
const dir = "specification/eventhub/resource-manager/Microsoft.EventHub/stable/2024-01-01";
const common = "specification/eventhub/resource-manager/common/v1/definitions.json";

const param = (path: string, name: string, minLength: number, maxLength?: number): PropertyRule => ({
  path,
  definition: `${common} #/parameters/${name}`,
  minLength,
  ...(maxLength !== undefined ? { maxLength } : {}),
});
const namespaceName = param("namespaceName", "NamespaceNameParameter", 6, 50);
// The spec states only the length; the character rule of this global DNS name is on Microsoft's naming page.
const namespaceChars: PropertyRule = {
  path: "namespaceName",
  definition: "namespaces",
  doc: "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsofteventhub (namespaces: alphanumerics and hyphens; start with letter; end with letter or number)",
  pattern: "^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$",
};
const eventHubName = param("eventHubName", "EventHubNameParameter", 1, 256);
const authorizationRuleName = param("authorizationRuleName", "AuthorizationRuleNameParameter", 1);

const rights: PropertyRule[] = [
  { path: "rights", definition: "#/definitions/AuthorizationRule", required: true },
  {
    path: "rights[]",
    definition: "#/definitions/AuthorizationRule",
    enum: ["Manage", "Send", "Listen"],
    extensible: true,
  },
];

const authorizationRule = (...names: PropertyRule[]): TypeConstraints => ({
  apiVersion,
  spec: `${dir}/AuthorizationRules.json`,
  rules: [...names, authorizationRuleName, ...rights],
});

export const eventHubConstraints: ServiceConstraints = {
  "azure-native:eventhub:Namespace": {
    apiVersion,
    spec: `${dir}/namespaces.json`,
    rules: [
      namespaceName,
      namespaceChars,
      { path: "sku", definition: "#/definitions/Sku", properties: ["name", "tier", "capacity"] },
      { path: "sku.name", definition: "#/definitions/Sku", required: true },
      { path: "sku.name", definition: "#/definitions/Sku", enum: ["Basic", "Standard", "Premium"], extensible: true },
      { path: "sku.tier", definition: "#/definitions/Sku", enum: ["Basic", "Standard", "Premium"], extensible: true },
      { path: "sku.capacity", definition: "#/definitions/Sku", minimum: 0 },
      { path: "maximumThroughputUnits", definition: "#/definitions/EHNamespace", minimum: 0 },
      {
        path: "minimumTlsVersion",
        definition: "#/definitions/EHNamespace",
        enum: ["1.0", "1.1", "1.2"],
        extensible: true,
      },
      {
        path: "publicNetworkAccess",
        definition: "#/definitions/EHNamespace",
        enum: ["Enabled", "Disabled", "SecuredByPerimeter"],
        extensible: true,
      },
      {
        path: "identity",
        definition: "#/definitions/Identity",
        properties: ["principalId", "tenantId", "type", "userAssignedIdentities"],
      },
      {
        path: "identity.type",
        definition: "#/definitions/Identity",
        enum: ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"],
      },
      {
        path: "encryption",
        definition: "#/definitions/Encryption",
        properties: ["keyVaultProperties", "keySource", "requireInfrastructureEncryption"],
      },
      { path: "encryption.keySource", definition: "#/definitions/Encryption", enum: ["Microsoft.KeyVault"] },
      {
        path: "encryption.keyVaultProperties[]",
        definition: "#/definitions/KeyVaultProperties",
        properties: ["keyName", "keyVaultUri", "keyVersion", "identity"],
      },
    ],
  },
  "azure-native:eventhub:EventHub": {
    apiVersion,
    spec: `${dir}/eventhubs.json`,
    rules: [
      namespaceName,
      eventHubName,
      { path: "partitionCount", definition: "#/definitions/Eventhub", minimum: 1 },
      { path: "messageRetentionInDays", definition: "#/definitions/Eventhub", minimum: 1 },
      {
        path: "status",
        definition: "#/definitions/Eventhub",
        enum: [
          "Active",
          "Disabled",
          "Restoring",
          "SendDisabled",
          "ReceiveDisabled",
          "Creating",
          "Deleting",
          "Renaming",
          "Unknown",
        ],
      },
      {
        path: "captureDescription",
        definition: "#/definitions/CaptureDescription",
        properties: [
          "enabled",
          "encoding",
          "intervalInSeconds",
          "sizeLimitInBytes",
          "destination",
          "skipEmptyArchives",
        ],
      },
      {
        path: "captureDescription.encoding",
        definition: "#/definitions/CaptureDescription",
        enum: ["Avro", "AvroDeflate"],
      },
      // Destination's x-ms-client-flatten "properties" are flattened into the destination by azure-native.
      {
        path: "captureDescription.destination",
        definition: "#/definitions/Destination",
        properties: [
          "name",
          "identity",
          "storageAccountResourceId",
          "blobContainer",
          "archiveNameFormat",
          "dataLakeSubscriptionId",
          "dataLakeAccountName",
          "dataLakeFolderPath",
        ],
      },
      {
        path: "captureDescription.destination.identity",
        definition: "#/definitions/CaptureIdentity",
        properties: ["type", "userAssignedIdentity"],
      },
      {
        path: "captureDescription.destination.identity.type",
        definition: "#/definitions/CaptureIdentity",
        enum: ["SystemAssigned", "UserAssigned"],
      },
      {
        path: "captureDescription.destination.dataLakeSubscriptionId",
        definition: "#/definitions/Destination",
        format: "uuid",
      },
      {
        path: "retentionDescription",
        definition: "#/definitions/RetentionDescription",
        properties: ["cleanupPolicy", "retentionTimeInHours", "tombstoneRetentionTimeInHours"],
      },
      {
        path: "retentionDescription.cleanupPolicy",
        definition: "#/definitions/RetentionDescription",
        enum: ["Delete", "Compact"],
        extensible: true,
      },
    ],
  },
  "azure-native:eventhub:ConsumerGroup": {
    apiVersion,
    spec: `${dir}/consumergroups.json`,
    rules: [namespaceName, eventHubName, param("consumerGroupName", "ConsumerGroupNameParameter", 1, 50)],
  },
  "azure-native:eventhub:Cluster": {
    apiVersion,
    spec: `${dir}/Clusters.json`,
    rules: [
      param("clusterName", "ClusterNameParameter", 6, 50),
      // The spec states only the length; the characters are on Microsoft's naming page (the naming policy's rule).
      {
        path: "clusterName",
        definition: "clusters",
        doc: `${azureNameRules.eventHubsCluster.source} (${azureNameRules.eventHubsCluster.says})`,
        pattern: azureNameRules.eventHubsCluster.pattern.source,
      },
      { path: "sku.name", definition: "#/definitions/ClusterSku", required: true },
      { path: "sku.name", definition: "#/definitions/ClusterSku", enum: ["Dedicated"], extensible: true },
      { path: "sku.capacity", definition: "#/definitions/ClusterSku", minimum: 1 },
      {
        path: "upgradePreferences.starthourofday",
        definition: "#/definitions/UpgradePreferences",
        minimum: 0,
        maximum: 23,
      },
    ],
  },
  "azure-native:eventhub:NamespaceNetworkRuleSet": {
    apiVersion,
    spec: `${dir}/networkrulessets.json`,
    rules: [
      namespaceName,
      { path: "defaultAction", definition: "#/definitions/NetworkRuleSet", enum: ["Allow", "Deny"], extensible: true },
      {
        path: "publicNetworkAccess",
        definition: "#/definitions/NetworkRuleSet",
        enum: ["Enabled", "Disabled", "SecuredByPerimeter"],
        extensible: true,
      },
      { path: "ipRules[]", definition: "#/definitions/NWRuleSetIpRules", properties: ["ipMask", "action"] },
      { path: "ipRules[].action", definition: "#/definitions/NWRuleSetIpRules", enum: ["Allow"], extensible: true },
      {
        path: "virtualNetworkRules[]",
        definition: "#/definitions/NWRuleSetVirtualNetworkRules",
        properties: ["subnet", "ignoreMissingVnetServiceEndpoint"],
      },
    ],
  },
  "azure-native:eventhub:NamespaceAuthorizationRule": authorizationRule(namespaceName),
  "azure-native:eventhub:EventHubAuthorizationRule": authorizationRule(namespaceName, eventHubName),
  "azure-native:eventhub:DisasterRecoveryConfig": {
    apiVersion,
    spec: `${dir}/disasterRecoveryConfigs.json`,
    rules: [
      namespaceName,
      param("alias", "AliasNameParameter", 1, 50),
      {
        path: "alias",
        definition: "disasterRecoveryConfigs",
        doc: `${azureNameRules.geoDrAlias.source} (${azureNameRules.geoDrAlias.says}; the spec states only the length)`,
        pattern: azureNameRules.geoDrAlias.pattern.source,
      },
    ],
  },
};
