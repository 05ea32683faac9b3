import * as eventhub from "@pulumi/azure-native/eventhub";
import {
  customerManagedKey,
  geoDrConfig,
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
import { AP, has, PackPolicy, Props, resourceRule, schema, stackRule } from "../lib/rule";

/** `*` globs over event hub names (case-insensitive). */
const globMatch = (pattern: string, name: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(name);

/** Event Hubs rules (EH-xx, listed in policies/README.md). */
export const eventHubPolicies: PackPolicy[] = [
  localAuthRule(
    {
      name: "eventhub-namespace-local-auth-disabled",
      configField: "disableLocalAuth: true",
      code: "EH-01",
      description: "Event Hubs namespaces disable local (SAS key) authentication.",
      severity: "high",
      anchor: `AP 5d4e3c65 (${AP}/Event Hub/DisableLocalAuth_AuditDeny.json); PS Azure.EventHub.DisableLocalAuth`,
      remediation: "Set disableLocalAuth: true and grant Entra ID roles (Azure Event Hubs Data Sender/Receiver).",
    },
    [eventhub.Namespace],
  ),
  publicNetworkAccessRule(
    {
      name: "eventhub-namespace-public-network-access-disabled",
      configField: "publicNetworkAccess: Disabled",
      code: "EH-02",
      description: "Event Hubs namespaces disable public network access.",
      severity: "high",
      anchor: `AP 0602787f (${AP}/Event Hub/AuditPublicNetworkAccess.json)`,
      remediation: "Set publicNetworkAccess: Disabled and reach the namespace through a private endpoint.",
    },
    [eventhub.Namespace, eventhub.NamespaceNetworkRuleSet],
  ),
  networkRuleSetDefaultDenyRule(
    {
      name: "eventhub-network-rule-set-default-deny",
      code: "EH-03",
      description: "Event Hubs network rule sets deny by default when public access is on (firewalled).",
      severity: "medium",
      anchor: `AP 0602787f networkRuleSets branch (${AP}/Event Hub/AuditPublicNetworkAccess.json); PS Azure.EventHub.Firewall`,
      remediation:
        "Set defaultAction: Deny with explicit ipRules/virtualNetworkRules, or publicNetworkAccess: Disabled.",
    },
    [eventhub.NamespaceNetworkRuleSet],
  ),
  minimumTlsRule(
    {
      name: "eventhub-namespace-minimum-tls",
      configField: 'minimumTlsVersion: "1.2"',
      code: "EH-04",
      description: "Event Hubs namespaces require TLS 1.2 or later.",
      severity: "high",
      anchor: "CK CKV_AZURE_223 (EventHubNamespaceMinTLS12.py; an unset value passes); PS Azure.EventHub.MinTLS",
      remediation: "Set minimumTlsVersion: '1.2'.",
    },
    [eventhub.Namespace],
    { key: "minimumTlsVersion", azureDefault: "1.2 for new namespaces", requireExplicit: false },
  ),
  resourceRule(
    {
      name: "eventhub-namespace-zone-redundant",
      configField: "zoneRedundant: true",
      code: "EH-05",
      description: "Event Hubs namespaces are zone redundant.",
      severity: "medium",
      anchor: `AP ae243d87 (${AP}/Resilience/EventHub_namespaces_ZoneRedundant_Audit.json, preview); CK CKV_AZURE_228; PS Azure.EventHub.AvailabilityZone`,
      remediation: "Set zoneRedundant: true (in a region with availability zones).",
    },
    [eventhub.Namespace],
    (p, _a, report) => zoneRedundant(p, report),
  ),
  resourceRule<{ tiers: string[] }>(
    {
      name: "eventhub-namespace-customer-managed-key",
      code: "EH-06",
      description:
        "Event Hubs namespaces of tiers that support it (Premium, Dedicated) encrypt with a customer-managed key.",
      severity: "medium",
      anchor: `AP a1ad735a (${AP}/Event Hub/CustomerManagedKeyEnabled_Audit.json; Dedicated only), extended to Premium (derived)`,
      remediation:
        "Give the namespace an identity with access to a Key Vault key and set encryption.keyVaultProperties.",
      configSchema: tiersConfig(
        ["Premium"],
        "Tiers that must use a customer-managed key (Dedicated namespaces always).",
      ),
    },
    [eventhub.Namespace],
    (p, args, report, cfg) => {
      // Presence only: the cluster id is unknown during preview when the cluster is created in the same stack.
      if (!has(p, "clusterArmId") && !tierIn(p, cfg.tiers)) {
        return args.notApplicable("customer-managed keys need a Premium or Dedicated namespace");
      }
      customerManagedKey(p.encryption as Props | undefined, report, "the namespace");
    },
  ),
  resourceRule(
    {
      name: "eventhub-namespace-infrastructure-encryption",
      code: "EH-07",
      description: "Dedicated Event Hubs namespaces require infrastructure (double) encryption.",
      severity: "low",
      anchor: `AP 836cd60e (${AP}/Event Hub/InfrastructureEncryptionEnabled_Audit.json)`,
      remediation: "Set encryption.requireInfrastructureEncryption: true on namespaces in a Dedicated cluster.",
    },
    [eventhub.Namespace],
    (p, args, report) => {
      if (!has(p, "clusterArmId")) return args.notApplicable("only namespaces in a Dedicated cluster");
      infrastructureEncryption(p, report);
    },
  ),
  noSasAuthorizationRulesRule(
    {
      name: "eventhub-no-sas-authorization-rules",
      code: "EH-08",
      description: "No shared access (SAS) authorization rules besides RootManageSharedAccessKey on Event Hubs.",
      severity: "medium",
      anchor: `AP b278e460 (${AP}/Event Hub/AuditNamespaceAccessRules_Audit.json); event hub level rules: derived`,
      remediation: "Delete the authorization rule; grant an Entra ID data role to the client's identity instead.",
    },
    [eventhub.NamespaceAuthorizationRule, eventhub.EventHubAuthorizationRule],
  ),
  resourceRule(
    {
      name: "eventhub-capture-managed-identity",
      code: "EH-09",
      description: "Event Hubs Capture writes to storage with a managed identity, not account keys.",
      severity: "low",
      anchor: "derived: azure-native eventhub CaptureDescriptionArgs / DestinationArgs.identity",
      remediation:
        "Set captureDescription.destination.identity (SystemAssigned or UserAssigned) and grant Storage Blob Data Contributor on the container.",
    },
    [eventhub.EventHub],
    (p, args, report) => {
      const capture = p.captureDescription as Props | undefined;
      if (!capture || capture.enabled !== true) return args.notApplicable("capture is off");
      if (identityMissing((capture.destination as Props | undefined)?.identity as Props | undefined)) {
        report("captureDescription is enabled but destination.identity is not set: capture would use shared keys");
      }
    },
  ),
  privateEndpointRule(
    {
      name: "eventhub-namespace-private-endpoint",
      configField: "privateEndpoints: { main: { subnet: <network.subnets key> } }",
      code: "EH-10",
      description: "Event Hubs namespaces (Standard and above) have a private endpoint (group id namespace).",
      severity: "medium",
      anchor: `AP b8564268 (${AP}/Event Hub/PrivateEndpoint_Audit.json), PrivateDNSZone_DINE.json`,
      remediation: "Add a private endpoint (privateEndpoints in the component) in the integration subnet.",
    },
    [eventhub.Namespace],
    ["namespace"],
    {
      default: ["Standard", "Premium"],
      description: "Tiers that must have a private endpoint (Basic has no Private Link).",
    },
  ),
  diagnosticsRule(
    {
      name: "eventhub-namespace-diagnostics",
      configField: "diagnostics: true",
      code: "EH-11",
      description: "Event Hubs namespaces send resource logs to a diagnostic destination.",
      severity: "medium",
      anchor: `AP 83a214f7 (${AP}/Event Hub/AuditDiagnosticLog_Audit.json)`,
      remediation: "Add a diagnostic setting with the allLogs (or audit) category group to the stack's workspace.",
    },
    [eventhub.Namespace],
  ),
  geoDrRule(
    {
      name: "eventhub-geo-dr-pair",
      code: "EH-12",
      description: "Event Hubs geo-DR pairs are Premium, in two regions, with the same security settings.",
      severity: "medium",
      anchor: "derived: azure-native eventhub/disasterRecoveryConfig.d.ts (partnerNamespace)",
      remediation:
        "Pair two namespaces of this stack of the same tier in different regions; copy the primary's security settings to the secondary.",
      configSchema: {
        properties: {
          ...geoDrConfig.properties,
          tiers: schema.stringList(
            ["Premium"],
            "SKU tiers both namespaces must have (Event Hubs also allows Standard).",
          ),
        },
      },
    },
    eventhub.DisasterRecoveryConfig,
    eventhub.Namespace,
  ),
  resourceRule<{ eventHubs: string[]; exempt: string[] }>(
    {
      name: "eventhub-capture-enabled",
      code: "EH-13",
      description: "Event hubs that must keep their events (by name) have Capture turned on.",
      severity: "medium",
      anchor:
        "derived: azure-native eventhub CaptureDescriptionArgs.enabled; PS Azure.EventHub.Capture (learn.microsoft.com/azure/event-hubs/event-hubs-capture-overview)",
      remediation:
        "Give the event hub a capture (container, interval, encoding) with an identity; or exempt the hub by name in the policy config.",
      configField: "capture: { container: <storage>/<container> }",
      configSchema: {
        properties: {
          eventHubs: schema.stringList(["*"], "Event hub names (globs) that must capture."),
          exempt: schema.stringList([], "Event hub names (globs) exempt from capture (e.g. compacted state hubs)."),
        },
      },
    },
    [eventhub.EventHub],
    (p, args, report, cfg) => {
      const name = String(p.eventHubName ?? args.name);
      if (!cfg.eventHubs.some((g) => globMatch(g, name)) || cfg.exempt.some((g) => globMatch(g, name))) {
        return args.notApplicable(`event hub ${name} is not required to capture`);
      }
      // Compacted hubs keep the latest value per key and can't be captured (Azure rejects capture on them).
      if ((p.retentionDescription as Props | undefined)?.cleanupPolicy === "Compact") {
        return args.notApplicable("compacted event hubs can't be captured");
      }
      const capture = p.captureDescription as Props | undefined;
      if (capture?.enabled !== true) {
        report(
          `captureDescription.enabled is ${JSON.stringify(capture?.enabled ?? null)}: events older than the retention are lost`,
        );
      }
    },
  ),
  resourceRule<{ minimumDays: number }>(
    {
      name: "eventhub-retention-minimum",
      code: "EH-14",
      description:
        "Event hubs retain events at least the configured number of days (a consumer outage shorter than that loses nothing).",
      severity: "medium",
      anchor:
        "derived: azure-native eventhub RetentionDescriptionArgs.retentionTimeInHours / messageRetentionInDays; learn.microsoft.com/azure/event-hubs/event-hubs-quotas (retention per tier)",
      remediation:
        "Set retention.retentionTimeInDays (retentionDescription.retentionTimeInHours) to at least the minimum.",
      configField: "retention: { retentionTimeInDays: 7 }",
      configSchema: {
        properties: { minimumDays: schema.integer(1, 1, 90, "Shortest retention in days (prod: 7).") },
      },
    },
    [eventhub.EventHub],
    (p, args, report, cfg) => {
      const retention = p.retentionDescription as Props | undefined;
      if (retention?.cleanupPolicy === "Compact")
        return args.notApplicable("compacted event hubs keep the latest event per key");
      const hours =
        typeof retention?.retentionTimeInHours === "number"
          ? retention.retentionTimeInHours
          : typeof p.messageRetentionInDays === "number"
            ? p.messageRetentionInDays * 24
            : undefined;
      // Unset: Azure applies 1 day (the event hub's default on every tier).
      const days = (hours ?? 24) / 24;
      if (days < cfg.minimumDays) {
        report(
          `retention is ${days} day(s)${hours === undefined ? " (Azure's default)" : ""}; at least ${cfg.minimumDays} day(s)`,
        );
      }
    },
  ),
  stackRule<{ tiers: string[] }>(
    {
      name: "eventhub-namespace-geo-dr",
      code: "EH-15",
      description: "Event Hubs namespaces of the configured tiers are paired for geo-disaster recovery.",
      severity: "medium",
      anchor:
        "derived: azure-native eventhub/disasterRecoveryConfig.d.ts (learn.microsoft.com/azure/event-hubs/event-hubs-geo-dr); PS Azure.EventHub.GeoReplica",
      remediation:
        "Pair the namespace with a namespace of the same tier in another region (geoDisasterRecovery with a partner namespace key).",
      configField: "geoDisasterRecovery: { alias: <alias>, partner: <namespace key> }",
      configSchema: tiersConfig(["Premium"], "Tiers whose namespaces must be in a geo-DR pair."),
    },
    (all, _a, report, cfg) => {
      const aliases = ofType(all, [eventhub.DisasterRecoveryConfig]);
      for (const ns of ofType(all, [eventhub.Namespace])) {
        if (!tierIn(ns.props, cfg.tiers)) continue;
        const paired = aliases.some((a) =>
          ["namespaceName", "partnerNamespace"].some((k) => linked(a, k).some((x) => x.urn === ns.urn)),
        );
        if (!paired) {
          report(
            `${ns.name} is in no geo-DR pair: a regional outage stops ingestion and loses the namespace's metadata`,
            ns.urn,
          );
        }
      }
    },
  ),
];
