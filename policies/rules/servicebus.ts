import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import * as servicebus from "@pulumi/azure-native/servicebus";
import {
  customerManagedKey,
  identityMissing,
  infrastructureEncryption,
  tierIn,
  tiersConfig,
  zoneRedundant,
} from "../lib/checks";
import {
  diagnosticsRule,
  geoDrRule,
  localAuthRule,
  minimumTlsRule,
  networkRuleSetDefaultDenyRule,
  noSasAuthorizationRulesRule,
  privateEndpointRule,
  publicNetworkAccessRule,
} from "../lib/factories";
import { linked, ofType } from "../lib/graph";
import { AP, PackPolicy, PackResourcePolicy, Props, resourceRule, RuleMeta, schema, stackRule } from "../lib/rule";

const premiumOnly = tiersConfig(["Premium"], "Tiers the rule applies to.");
const deliveryCountConfig = {
  properties: {
    minMaxDeliveryCount: schema.integer(3, 1, 2000, "Lowest allowed maxDeliveryCount."),
    maxMaxDeliveryCount: schema.integer(30, 1, 2000, "Highest allowed maxDeliveryCount."),
  },
};
type DeliveryCountConfig = { minMaxDeliveryCount: number; maxMaxDeliveryCount: number };

/** A namespace rule for the configured tiers only (Premium by default); other namespaces are reported not applicable. */
function premiumNamespaceRule(
  meta: Omit<RuleMeta, "configSchema">,
  notApplicable: string,
  check: (p: Props, report: ReportViolation) => void,
): PackResourcePolicy {
  return resourceRule<{ tiers: string[] }>(
    { ...meta, configSchema: premiumOnly },
    [servicebus.Namespace],
    (p, args, report, cfg) => {
      if (!tierIn(p, cfg.tiers)) return args.notApplicable(notApplicable);
      check(p, report);
    },
  );
}

/** Service Bus rules (SB-xx, listed in policies/README.md). */
export const serviceBusPolicies: PackPolicy[] = [
  localAuthRule(
    {
      name: "servicebus-namespace-local-auth-disabled",
      configField: "disableLocalAuth: true",
      code: "SB-01",
      description: "Service Bus namespaces disable local (SAS key) authentication.",
      severity: "high",
      anchor: `AP cfb11c26 (${AP}/Service Bus/DisableLocalAuth_AuditDeny.json); CK CKV_AZURE_203; PS Azure.ServiceBus.DisableLocalAuth`,
      remediation: "Set disableLocalAuth: true and grant Entra ID roles (Azure Service Bus Data Sender/Receiver).",
    },
    [servicebus.Namespace],
  ),
  publicNetworkAccessRule(
    {
      name: "servicebus-namespace-public-network-access-disabled",
      configField: "publicNetworkAccess: Disabled",
      code: "SB-02",
      description: "Service Bus namespaces disable public network access.",
      severity: "high",
      anchor: `AP cbd11fd3 (${AP}/Service Bus/AuditPublicNetworkAccess.json); CK CKV_AZURE_204`,
      remediation: "Set publicNetworkAccess: Disabled (Premium) and reach the namespace through a private endpoint.",
    },
    [servicebus.Namespace, servicebus.NamespaceNetworkRuleSet],
  ),
  networkRuleSetDefaultDenyRule(
    {
      name: "servicebus-network-rule-set-default-deny",
      code: "SB-03",
      description: "Service Bus network rule sets deny by default when public access is on (firewalled).",
      severity: "medium",
      anchor: `AP cbd11fd3 networkRuleSets branch (${AP}/Service Bus/AuditPublicNetworkAccess.json)`,
      remediation:
        "Set defaultAction: Deny with explicit ipRules/virtualNetworkRules, or publicNetworkAccess: Disabled.",
    },
    [servicebus.NamespaceNetworkRuleSet],
  ),
  minimumTlsRule(
    {
      name: "servicebus-namespace-minimum-tls",
      configField: 'minimumTlsVersion: "1.2"',
      code: "SB-04",
      description: "Service Bus namespaces require TLS 1.2 or later.",
      severity: "high",
      anchor: "CK CKV_AZURE_205 (AzureServicebusMinTLSVersion.py); PS Azure.ServiceBus.MinTLS",
      remediation: "Set minimumTlsVersion: '1.2' (or '1.3').",
    },
    [servicebus.Namespace],
    { key: "minimumTlsVersion", azureDefault: "1.2 for new namespaces", requireExplicit: false },
  ),
  premiumNamespaceRule(
    {
      name: "servicebus-namespace-customer-managed-key",
      code: "SB-05",
      description: "Premium Service Bus namespaces encrypt with a customer-managed key.",
      severity: "medium",
      anchor: `AP 295fc8b1 (${AP}/Service Bus/CustomerManagedKeyEnabled_Audit.json); CK CKV_AZURE_201`,
      remediation:
        "Give the namespace an identity with access to a Key Vault key and set encryption.keyVaultProperties.",
      previewGap:
        "azure-native fills encryption defaults with output(encryption).apply(...), so the block is unknown in a preview while the key's user-assigned identity is new: reported as can't run (advisory). Covered by the offline plan (values known), by `pulumi up` (stops before the namespace is created) and, in a landing zone, by Azure's own Deny.",
    },
    "customer-managed keys need a Premium namespace",
    (p, report) => customerManagedKey(p.encryption as Props | undefined, report, "the namespace"),
  ),
  premiumNamespaceRule(
    {
      name: "servicebus-namespace-infrastructure-encryption",
      code: "SB-06",
      description: "Premium Service Bus namespaces require infrastructure (double) encryption.",
      severity: "low",
      anchor: `AP ebaf4f25 (${AP}/Service Bus/InfrastructureEncryptionEnabled_Audit.json); CK CKV_AZURE_199`,
      remediation: "Set encryption.requireInfrastructureEncryption: true (with a customer-managed key).",
      configField: "customerManagedKey.requireInfrastructureEncryption: true",
      previewGap:
        "azure-native fills encryption defaults with output(encryption).apply(...), so the block is unknown in a preview while the key's user-assigned identity is new: reported as can't run (advisory). Covered by the offline plan (values known), by `pulumi up` (stops before the namespace is created) and, in a landing zone, by Azure's own Deny.",
    },
    "infrastructure encryption needs a Premium namespace",
    infrastructureEncryption,
  ),
  premiumNamespaceRule(
    {
      name: "servicebus-namespace-zone-redundant",
      configField: "zoneRedundant: true",
      code: "SB-07",
      description: "Premium Service Bus namespaces are zone redundant.",
      severity: "medium",
      anchor: `AP d3ee5dcf (${AP}/Resilience/ServiceBus_namespaces_ZoneRedundant_Audit.json, preview)`,
      remediation: "Set zoneRedundant: true (in a region with availability zones).",
    },
    "zone redundancy is configurable on Premium only",
    zoneRedundant,
  ),
  premiumNamespaceRule(
    {
      name: "servicebus-namespace-managed-identity",
      code: "SB-08",
      description: "Premium Service Bus namespaces have a managed identity (for keys and outbound access).",
      severity: "low",
      anchor: "CK CKV_AZURE_202 (AzureServicebusIdentityProviderEnabled.py)",
      remediation: "Set identity: { type: SystemAssigned } or a user-assigned identity.",
    },
    "namespace identities are a Premium feature",
    (p, report) => {
      if (identityMissing(p.identity as Props | undefined)) report("identity is not set");
    },
  ),
  noSasAuthorizationRulesRule(
    {
      name: "servicebus-no-sas-authorization-rules",
      code: "SB-09",
      description: "No shared access (SAS) authorization rules besides RootManageSharedAccessKey on Service Bus.",
      severity: "medium",
      anchor: `AP a1817ec0 (${AP}/Service Bus/AuditNamespaceAccessRules_Audit.json); queue/topic rules: derived`,
      remediation: "Delete the authorization rule; grant an Entra ID data role to the client's identity instead.",
    },
    [servicebus.NamespaceAuthorizationRule, servicebus.QueueAuthorizationRule, servicebus.TopicAuthorizationRule],
  ),
  resourceRule<DeliveryCountConfig>(
    {
      name: "servicebus-queue-dead-letter",
      configField: "deadLetteringOnMessageExpiration: true",
      code: "SB-10",
      description: "Service Bus queues dead-letter expired messages and cap delivery attempts within bounds.",
      severity: "low",
      anchor: "derived: azure-native servicebus/queue.d.ts (deadLetteringOnMessageExpiration, maxDeliveryCount)",
      remediation: "Set deadLetteringOnMessageExpiration: true and maxDeliveryCount within the configured range.",
      configSchema: deliveryCountConfig,
    },
    [servicebus.Queue],
    (p, _a, report, cfg) => {
      expiryDeadLettered(p, report);
      deliveryCount(p, report, cfg);
    },
  ),
  resourceRule<DeliveryCountConfig>(
    {
      name: "servicebus-subscription-dead-letter",
      configField: "deadLetteringOnMessageExpiration: true",
      code: "SB-11",
      description: "Service Bus subscriptions dead-letter expired messages and filter evaluation errors.",
      severity: "low",
      anchor: "derived: azure-native servicebus/subscription.d.ts (deadLettering* properties)",
      remediation:
        "Set deadLetteringOnMessageExpiration: true and leave deadLetteringOnFilterEvaluationExceptions true.",
      configSchema: deliveryCountConfig,
    },
    [servicebus.Subscription],
    (p, _a, report, cfg) => {
      expiryDeadLettered(p, report);
      // Azure's default for filter exceptions is true: only an explicit false is a violation.
      if (p.deadLetteringOnFilterEvaluationExceptions === false) {
        report("deadLetteringOnFilterEvaluationExceptions is false: messages failing a filter are dropped");
      }
      deliveryCount(p, report, cfg);
    },
  ),
  stackRule(
    {
      name: "servicebus-forwarding-same-namespace",
      code: "SB-12",
      description: "Service Bus auto-forwarding targets a queue or topic of the same namespace.",
      severity: "low",
      anchor: "derived: azure-native QueueArgs / SubscriptionArgs (forwardTo, forwardDeadLetteredMessagesTo)",
      remediation:
        "Point forwardTo / forwardDeadLetteredMessagesTo at a queue or topic created in the same namespace (pass its name output).",
    },
    (all, _a, report) => {
      const entities = ofType(all, [servicebus.Queue, servicebus.Topic]);
      for (const src of ofType(all, [servicebus.Queue, servicebus.Subscription])) {
        const ns = namespaceKey(src);
        for (const key of ["forwardTo", "forwardDeadLetteredMessagesTo"]) {
          const p = src.props as Props;
          if (!(key in p)) continue;
          const targets = linked(src, key).filter((t) => entities.some((e) => e.urn === t.urn));
          if (targets.length > 0) {
            for (const t of targets) {
              if (namespaceKey(t) !== ns)
                report(`${src.name}: ${key} targets ${t.name}, which is in another namespace`, src.urn);
            }
            continue;
          }
          // A plain entity name: it must name a queue or topic of the same namespace.
          const name = p[key];
          const match = entities.find((e) => namespaceKey(e) === ns && entityName(e) === name);
          if (!match) {
            report(
              `${src.name}: ${key} ${JSON.stringify(name)} names no queue or topic of the same namespace in this stack`,
              src.urn,
            );
          }
        }
      }
    },
  ),
  geoDrRule(
    {
      name: "servicebus-geo-dr-pair",
      code: "SB-13",
      description: "Service Bus geo-DR pairs are Premium, in two regions, with the same security settings.",
      severity: "medium",
      anchor: "derived: azure-native servicebus/disasterRecoveryConfig.d.ts; PS Azure.ServiceBus.GeoReplica",
      remediation:
        "Pair two Premium namespaces of this stack in different regions; copy the primary's security settings to the secondary.",
    },
    servicebus.DisasterRecoveryConfig,
    servicebus.Namespace,
  ),
  privateEndpointRule(
    {
      name: "servicebus-namespace-private-endpoint",
      configField: "privateEndpoints: { main: { subnet: <network.subnets key> } }",
      code: "SB-14",
      description: "Premium Service Bus namespaces have a private endpoint (group id namespace).",
      severity: "medium",
      anchor: `AP 1c06e275 (${AP}/Service Bus/PrivateEndpoint_Audit.json; Premium only)`,
      remediation: "Add a private endpoint (privateEndpoints in the component) in the integration subnet.",
    },
    [servicebus.Namespace],
    ["namespace"],
    { default: ["Premium"], description: "Tiers that must have a private endpoint (Private Link is Premium only)." },
  ),
  diagnosticsRule(
    {
      name: "servicebus-namespace-diagnostics",
      configField: "diagnostics: true",
      code: "SB-15",
      description: "Service Bus namespaces send resource logs (allLogs or audit) to a diagnostic destination.",
      severity: "medium",
      anchor: `AP f8d36e2f (${AP}/Service Bus/AuditDiagnosticLog_Audit.json); PS Azure.ServiceBus.AuditLogs`,
      remediation: "Add a diagnostic setting with the allLogs (or audit) category group to the stack's workspace.",
    },
    [servicebus.Namespace],
  ),
];

function expiryDeadLettered(p: Props, report: ReportViolation): void {
  if (p.deadLetteringOnMessageExpiration !== true) {
    report("deadLetteringOnMessageExpiration is not true (Azure's default is false): expired messages are lost");
  }
}

function deliveryCount(p: Props, report: ReportViolation, cfg: DeliveryCountConfig): void {
  // Azure's default is 10 when unset.
  const n = p.maxDeliveryCount ?? 10;
  if (typeof n !== "number" || n < cfg.minMaxDeliveryCount || n > cfg.maxMaxDeliveryCount) {
    report(
      `maxDeliveryCount is ${JSON.stringify(n)}${p.maxDeliveryCount === undefined ? " (Azure's default)" : ""}; allowed: ${cfg.minMaxDeliveryCount}-${cfg.maxMaxDeliveryCount}`,
    );
  }
}

/** The namespace an entity belongs to: the linked namespace resource, else the namespaceName string. */
function namespaceKey(r: PolicyResource): string {
  const ns = linked(r, "namespaceName")[0];
  return ns ? ns.urn : `name:${String((r.props as Props).namespaceName)}`;
}

function entityName(r: PolicyResource): unknown {
  const p = r.props as Props;
  return p.queueName ?? p.topicName ?? p.name;
}
