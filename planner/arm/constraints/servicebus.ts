import { azureNameRules } from "../../../components/core/azureNames";
import type { PropertyRule, ServiceConstraints } from "./types";

/**
 * Service Bus at API version 2026-01-01 (azure-native `servicebus/*.js`: "Uses Azure REST API version 2026-01-01").
 * Source: Azure/azure-rest-api-specs
 * specification/servicebus/resource-manager/Microsoft.ServiceBus/ServiceBus/stable/2026-01-01/servicebus.json.
 * That version states no name patterns, only lengths; no numeric ranges (maxDeliveryCount, maxSizeInMegabytes are
 * bare int32), so none are listed here.
 */
const spec =
  "specification/servicebus/resource-manager/Microsoft.ServiceBus/ServiceBus/stable/2026-01-01/servicebus.json";
const apiVersion = "2026-01-01";

const namespaceLength: PropertyRule = {
  path: "namespaceName",
  definition: "parameter namespaceName",
  minLength: 6,
  maxLength: 50,
};
// The spec states only the length; the character rule of this global DNS name is on Microsoft's naming page.
const namespaceChars: PropertyRule = {
  path: "namespaceName",
  definition: "namespaces",
  // The naming policy's rule (one declaration; tests/core/azureNames.test.ts checks both tables agree).
  doc: `${azureNameRules.serviceBusNamespace.source} (${azureNameRules.serviceBusNamespace.says}; the -sb/-mgmt rule: https://learn.microsoft.com/rest/api/servicebus/create-namespace)`,
  pattern: azureNameRules.serviceBusNamespace.pattern.source,
};
const topicName: PropertyRule = { path: "topicName", definition: "parameter topicName", minLength: 1 };
const subscriptionName: PropertyRule = {
  path: "subscriptionName",
  definition: "parameter subscriptionName",
  minLength: 1,
  maxLength: 50,
};
const authorizationRuleName: PropertyRule = {
  path: "authorizationRuleName",
  definition: "parameter authorizationRuleName",
  minLength: 1,
  maxLength: 50,
};
const entityStatus: PropertyRule = {
  path: "status",
  definition: "#/definitions/EntityStatus",
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
};
const durations = (definition: string, ...paths: string[]): PropertyRule[] =>
  paths.map((path) => ({ path, definition, format: "duration" as const }));

const rights: PropertyRule[] = [
  { path: "rights", definition: "#/definitions/SBAuthorizationRuleProperties", required: true },
  { path: "rights[]", definition: "#/definitions/AccessRights", enum: ["Manage", "Send", "Listen"] },
];

/** A rule's filter and action (Rules_CreateOrUpdate body, #/definitions/Ruleproperties). */
const ruleBody: PropertyRule[] = [
  { path: "filterType", definition: "#/definitions/FilterType", enum: ["SqlFilter", "CorrelationFilter"] },
  {
    path: "sqlFilter",
    definition: "#/definitions/SqlFilter",
    properties: ["sqlExpression", "compatibilityLevel", "requiresPreprocessing"],
  },
  {
    path: "correlationFilter",
    definition: "#/definitions/CorrelationFilter",
    properties: [
      "properties",
      "correlationId",
      "messageId",
      "to",
      "replyTo",
      "label",
      "sessionId",
      "replyToSessionId",
      "contentType",
      "requiresPreprocessing",
    ],
  },
  {
    path: "action",
    definition: "#/definitions/Action",
    properties: ["sqlExpression", "compatibilityLevel", "requiresPreprocessing"],
  },
];

export const serviceBusConstraints: ServiceConstraints = {
  "azure-native:servicebus:Namespace": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      namespaceChars,
      { path: "sku", definition: "#/definitions/SBSku", properties: ["name", "tier", "capacity"] },
      { path: "sku.name", definition: "#/definitions/SBSku", required: true },
      { path: "sku.name", definition: "#/definitions/SkuName", enum: ["Basic", "Standard", "Premium"] },
      { path: "sku.tier", definition: "#/definitions/SkuTier", enum: ["Basic", "Standard", "Premium"] },
      {
        path: "minimumTlsVersion",
        definition: "#/definitions/TlsVersion",
        enum: ["1.0", "1.1", "1.2", "1.3"],
        extensible: true,
      },
      {
        path: "publicNetworkAccess",
        definition: "#/definitions/SBNamespaceProperties",
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
        definition: "#/definitions/ManagedServiceIdentityType",
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
  "azure-native:servicebus:Queue": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      { path: "queueName", definition: "parameter queueName", minLength: 1 },
      ...durations(
        "#/definitions/SBQueueProperties",
        "lockDuration",
        "defaultMessageTimeToLive",
        "duplicateDetectionHistoryTimeWindow",
        "autoDeleteOnIdle",
      ),
      entityStatus,
    ],
  },
  "azure-native:servicebus:Topic": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      topicName,
      ...durations(
        "#/definitions/SBTopicProperties",
        "defaultMessageTimeToLive",
        "duplicateDetectionHistoryTimeWindow",
        "autoDeleteOnIdle",
      ),
      entityStatus,
    ],
  },
  "azure-native:servicebus:Subscription": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      topicName,
      subscriptionName,
      ...durations(
        "#/definitions/SBSubscriptionProperties",
        "lockDuration",
        "defaultMessageTimeToLive",
        "duplicateDetectionHistoryTimeWindow",
        "autoDeleteOnIdle",
      ),
      entityStatus,
    ],
  },
  "azure-native:servicebus:Rule": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      topicName,
      subscriptionName,
      { path: "ruleName", definition: "parameter ruleName", minLength: 1, maxLength: 50 },
      ...ruleBody,
    ],
  },
  // azure-native's DefaultRule manages the "$Default" rule through the same Rules API; defaultRule.js states no
  // version of its own, so the module's (2026-01-01) applies.
  "azure-native:servicebus:DefaultRule": {
    apiVersion,
    spec,
    rules: [namespaceLength, topicName, subscriptionName, ...ruleBody],
  },
  "azure-native:servicebus:NamespaceAuthorizationRule": {
    apiVersion,
    spec,
    rules: [namespaceLength, authorizationRuleName, ...rights],
  },
  "azure-native:servicebus:QueueAuthorizationRule": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      { path: "queueName", definition: "parameter queueName", minLength: 1 },
      authorizationRuleName,
      ...rights,
    ],
  },
  "azure-native:servicebus:TopicAuthorizationRule": {
    apiVersion,
    spec,
    rules: [namespaceLength, topicName, authorizationRuleName, ...rights],
  },
  "azure-native:servicebus:NamespaceNetworkRuleSet": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      { path: "defaultAction", definition: "#/definitions/DefaultAction", enum: ["Allow", "Deny"], extensible: true },
      {
        path: "publicNetworkAccess",
        definition: "#/definitions/NetworkRuleSetProperties",
        enum: ["Enabled", "Disabled"],
        extensible: true,
      },
      { path: "ipRules[]", definition: "#/definitions/NWRuleSetIpRules", properties: ["ipMask", "action"] },
      { path: "ipRules[].action", definition: "#/definitions/NWRuleSetIpRules", enum: ["Allow"], extensible: true },
      {
        path: "virtualNetworkRules[]",
        definition: "#/definitions/NWRuleSetVirtualNetworkRules",
        properties: ["subnet", "ignoreMissingVnetServiceEndpoint"],
      },
      { path: "virtualNetworkRules[].subnet.id", definition: "#/definitions/Subnet", required: true },
    ],
  },
  "azure-native:servicebus:DisasterRecoveryConfig": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      { path: "alias", definition: "parameter alias", minLength: 1, maxLength: 50 },
      {
        path: "alias",
        definition: "disasterRecoveryConfigs",
        doc: `${azureNameRules.geoDrAlias.source} (${azureNameRules.geoDrAlias.says}; the spec states only the length)`,
        pattern: azureNameRules.geoDrAlias.pattern.source,
      },
    ],
  },
  "azure-native:servicebus:MigrationConfig": {
    apiVersion,
    spec,
    rules: [
      namespaceLength,
      {
        path: "configName",
        definition: "parameter configName",
        enum: ["$default"],
        extensible: true,
      },
      { path: "targetNamespace", definition: "#/definitions/MigrationConfigPropertiesProperties", required: true },
      { path: "postMigrationName", definition: "#/definitions/MigrationConfigPropertiesProperties", required: true },
    ],
  },
};
