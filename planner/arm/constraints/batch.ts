import type { PropertyRule, ServiceConstraints } from "./types";

/**
 * Batch at API version 2024-07-01 (azure-native `batch/*.js`: "Uses Azure REST API version 2024-07-01").
 * Source: Azure/azure-rest-api-specs
 * specification/batch/resource-manager/Microsoft.Batch/stable/2024-07-01/BatchManagement.json (#/parameters).
 */
const apiVersion = "2024-07-01";
const spec = "specification/batch/resource-manager/Microsoft.Batch/stable/2024-07-01/BatchManagement.json";

const accountName: PropertyRule[] = [
  {
    path: "accountName",
    definition: "#/parameters/AccountNameParameter",
    pattern: "^[a-zA-Z0-9]+$",
    minLength: 3,
    maxLength: 24,
  },
  // The spec's pattern admits upper case; the resource reference says lower case only (and Batch account names
  // are DNS labels: <name>.<region>.batch.azure.com), so the stricter rule applies.
  {
    path: "accountName",
    definition: "name",
    doc: "https://learn.microsoft.com/azure/templates/microsoft.batch/batchaccounts (name: lowercase letters and numbers)",
    pattern: "^[a-z0-9]+$",
  },
];
const applicationName: PropertyRule = {
  path: "applicationName",
  definition: "#/parameters/ApplicationNameParameter",
  pattern: "^[a-zA-Z0-9_-]+$",
  minLength: 1,
  maxLength: 64,
};

export const batchConstraints: ServiceConstraints = {
  "azure-native:batch:BatchAccount": {
    apiVersion,
    spec,
    rules: [
      ...accountName,
      {
        path: "poolAllocationMode",
        definition: "#/definitions/PoolAllocationMode",
        enum: ["BatchService", "UserSubscription"],
      },
      {
        path: "publicNetworkAccess",
        definition: "#/definitions/PublicNetworkAccessType",
        enum: ["Enabled", "Disabled", "SecuredByPerimeter"],
      },
      {
        path: "allowedAuthenticationModes[]",
        definition: "#/definitions/AuthenticationMode",
        enum: ["SharedKey", "AAD", "TaskAuthenticationToken"],
      },
      { path: "autoStorage.storageAccountId", definition: "#/definitions/AutoStorageBaseProperties", required: true },
      {
        path: "autoStorage.authenticationMode",
        definition: "#/definitions/AutoStorageBaseProperties",
        enum: ["StorageKeys", "BatchAccountManagedIdentity"],
      },
      { path: "identity.type", definition: "#/definitions/BatchAccountIdentity", required: true },
      {
        path: "identity.type",
        definition: "#/definitions/BatchAccountIdentity",
        enum: ["SystemAssigned", "UserAssigned", "None"],
      },
      {
        path: "encryption.keySource",
        definition: "#/definitions/EncryptionProperties",
        enum: ["Microsoft.Batch", "Microsoft.KeyVault"],
      },
      ...["accountAccess", "nodeManagementAccess"].flatMap((a): PropertyRule[] => [
        {
          path: `networkProfile.${a}.defaultAction`,
          definition: "#/definitions/EndpointAccessProfile",
          required: true,
        },
        {
          path: `networkProfile.${a}.defaultAction`,
          definition: "#/definitions/EndpointAccessProfile",
          enum: ["Allow", "Deny"],
        },
        { path: `networkProfile.${a}.ipRules[].action`, definition: "#/definitions/IPRule", required: true },
        { path: `networkProfile.${a}.ipRules[].action`, definition: "#/definitions/IPRule", enum: ["Allow"] },
        { path: `networkProfile.${a}.ipRules[].value`, definition: "#/definitions/IPRule", required: true },
      ]),
    ],
  },
  "azure-native:batch:Pool": {
    apiVersion,
    spec,
    rules: [
      ...accountName,
      {
        path: "poolName",
        definition: "#/parameters/PoolNameParameter",
        pattern: "^[a-zA-Z0-9_-]+$",
        minLength: 1,
        maxLength: 64,
      },
    ],
  },
  "azure-native:batch:Application": { apiVersion, spec, rules: [...accountName, applicationName] },
  "azure-native:batch:ApplicationPackage": {
    apiVersion,
    spec,
    rules: [
      ...accountName,
      applicationName,
      {
        path: "versionName",
        definition: "#/parameters/VersionNameParameter",
        pattern: "^[a-zA-Z0-9_-][a-zA-Z0-9_.-]*$",
        minLength: 1,
        maxLength: 64,
      },
    ],
  },
};
