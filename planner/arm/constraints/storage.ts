import type { PropertyRule, ServiceConstraints } from "./types";

/**
 * Storage at API version 2024-01-01 (azure-native `storage/*.js`: "Uses Azure REST API version 2024-01-01").
 * Source: Azure/azure-rest-api-specs specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01/
 * storage.json (accounts), blob.json (containers), queue.json (queues), common.json (Sku). azure-native names
 * `networkAcls` `networkRuleSet` and `supportsHttpsTrafficOnly` `enableHttpsTrafficOnly` (their x-ms-client-name).
 * Blob container names: the spec states only the length (the character rules are prose), so only that is listed.
 */
const apiVersion = "2024-01-01";
const dir = "specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01";

const accountName: PropertyRule = {
  path: "accountName",
  definition: `${dir}/storage.json #/parameters/StorageAccountName`,
  pattern: "^[a-z0-9]+$",
  minLength: 3,
  maxLength: 24,
};
const resourceGroupName: PropertyRule = {
  path: "resourceGroupName",
  definition: `${dir}/storage.json #/parameters/ResourceGroupName`,
  pattern: "^[-\\w\\._\\(\\)]+$",
  minLength: 1,
  maxLength: 90,
};

export const storageConstraints: ServiceConstraints = {
  "azure-native:storage:StorageAccount": {
    apiVersion,
    spec: `${dir}/storage.json`,
    rules: [
      accountName,
      resourceGroupName,
      { path: "sku", definition: "#/definitions/StorageAccountCreateParameters", required: true },
      { path: "kind", definition: "#/definitions/StorageAccountCreateParameters", required: true },
      {
        path: "kind",
        definition: "#/definitions/StorageAccountCreateParameters",
        enum: ["Storage", "StorageV2", "BlobStorage", "FileStorage", "BlockBlobStorage"],
        extensible: true,
      },
      { path: "sku", definition: `${dir}/common.json #/definitions/Sku`, properties: ["name", "tier"] },
      { path: "sku.name", definition: `${dir}/common.json #/definitions/Sku`, required: true },
      {
        path: "sku.name",
        definition: `${dir}/common.json #/definitions/SkuName`,
        enum: [
          "Standard_LRS",
          "Standard_GRS",
          "Standard_RAGRS",
          "Standard_ZRS",
          "Premium_LRS",
          "Premium_ZRS",
          "Standard_GZRS",
          "Standard_RAGZRS",
          "StandardV2_LRS",
          "StandardV2_GRS",
          "StandardV2_ZRS",
          "StandardV2_GZRS",
          "PremiumV2_LRS",
          "PremiumV2_ZRS",
        ],
        extensible: true,
      },
      {
        path: "accessTier",
        definition: "#/definitions/StorageAccountPropertiesCreateParameters",
        enum: ["Hot", "Cool", "Premium", "Cold"],
      },
      {
        path: "minimumTlsVersion",
        definition: "#/definitions/StorageAccountPropertiesCreateParameters",
        enum: ["TLS1_0", "TLS1_1", "TLS1_2"],
        extensible: true,
      },
      {
        path: "publicNetworkAccess",
        definition: "#/definitions/PublicNetworkAccess",
        enum: ["Enabled", "Disabled", "SecuredByPerimeter"],
        extensible: true,
      },
      {
        path: "allowedCopyScope",
        definition: "#/definitions/StorageAccountPropertiesCreateParameters",
        enum: ["PrivateLink", "AAD"],
        extensible: true,
      },
      { path: "identity.type", definition: "#/definitions/Identity", required: true },
      {
        path: "identity.type",
        definition: "#/definitions/Identity",
        enum: ["None", "SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned"],
        extensible: true,
      },
      {
        path: "networkRuleSet",
        definition: "#/definitions/NetworkRuleSet",
        properties: ["bypass", "resourceAccessRules", "virtualNetworkRules", "ipRules", "defaultAction"],
      },
      { path: "networkRuleSet.defaultAction", definition: "#/definitions/NetworkRuleSet", required: true },
      { path: "networkRuleSet.defaultAction", definition: "#/definitions/NetworkRuleSet", enum: ["Allow", "Deny"] },
      {
        path: "networkRuleSet.bypass",
        definition: "#/definitions/NetworkRuleSet",
        enum: ["None", "Logging", "Metrics", "AzureServices"],
        extensible: true,
      },
      {
        path: "networkRuleSet.ipRules[]",
        definition: "#/definitions/IPRule",
        properties: ["iPAddressOrRange", "action"],
      },
      { path: "networkRuleSet.ipRules[].iPAddressOrRange", definition: "#/definitions/IPRule", required: true },
      { path: "networkRuleSet.ipRules[].action", definition: "#/definitions/IPRule", enum: ["Allow"] },
      {
        path: "networkRuleSet.virtualNetworkRules[].virtualNetworkResourceId",
        definition: "#/definitions/VirtualNetworkRule",
        required: true,
      },
      {
        path: "networkRuleSet.virtualNetworkRules[].action",
        definition: "#/definitions/VirtualNetworkRule",
        enum: ["Allow"],
      },
      {
        path: "encryption.keySource",
        definition: "#/definitions/Encryption",
        enum: ["Microsoft.Storage", "Microsoft.Keyvault"],
        extensible: true,
      },
      {
        path: "immutableStorageWithVersioning.immutabilityPolicy.immutabilityPeriodSinceCreationInDays",
        definition: "#/definitions/AccountImmutabilityPolicyProperties",
        minimum: 1,
        maximum: 146000,
      },
    ],
  },
  "azure-native:storage:BlobServiceProperties": {
    apiVersion,
    spec: `${dir}/blob.json`,
    rules: [
      accountName,
      resourceGroupName,
      { path: "blobServicesName", definition: "#/parameters/BlobServicesName", enum: ["default"] },
      ...["deleteRetentionPolicy", "containerDeleteRetentionPolicy"].map((p) => ({
        path: `${p}.days`,
        definition: `${dir}/common.json #/definitions/DeleteRetentionPolicy`,
        minimum: 1,
        maximum: 365,
      })),
      {
        path: "changeFeed.retentionInDays",
        definition: "#/definitions/ChangeFeed",
        minimum: 1,
        maximum: 146000,
      },
    ],
  },
  "azure-native:storage:BlobContainerImmutabilityPolicy": {
    apiVersion,
    spec: `${dir}/blob.json`,
    rules: [
      accountName,
      resourceGroupName,
      { path: "containerName", definition: "#/parameters/ContainerName", minLength: 3, maxLength: 63 },
      { path: "immutabilityPolicyName", definition: "#/parameters/ImmutabilityPolicyName", enum: ["default"] },
    ],
  },
  "azure-native:storage:BlobContainer": {
    apiVersion,
    spec: `${dir}/blob.json`,
    rules: [
      accountName,
      resourceGroupName,
      { path: "containerName", definition: "#/parameters/ContainerName", minLength: 3, maxLength: 63 },
      { path: "publicAccess", definition: "#/definitions/ContainerProperties", enum: ["Container", "Blob", "None"] },
    ],
  },
  "azure-native:storage:Queue": {
    apiVersion,
    spec: `${dir}/queue.json`,
    rules: [
      accountName,
      resourceGroupName,
      {
        path: "queueName",
        definition: "#/parameters/QueueName",
        pattern: "^[a-z0-9]([a-z0-9]|(-(?!-))){1,61}[a-z0-9]$",
        minLength: 3,
        maxLength: 63,
      },
    ],
  },
};
