import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as storage from "@pulumi/azure-native/storage";
import { privateEndpointRule, publicNetworkAccessRule, minimumTlsRule } from "../lib/factories";
import { linked, ofType } from "../lib/graph";
import { AP, asArray, PackPolicy, Props, resourceRule, same, schema, stackRule } from "../lib/rule";
import { eventSubscriptionClasses } from "./eventgrid";

/** ALZ: Azure/Enterprise-Scale custom definitions (src/resources/Microsoft.Authorization/policyDefinitions/<name>.json). */
const ALZ = "Azure/Enterprise-Scale src/resources/Microsoft.Authorization/policyDefinitions";

const account = [storage.StorageAccount];
const serviceProperties = [
  storage.BlobServiceProperties,
  storage.FileServiceProperties,
  storage.QueueServiceProperties,
  storage.TableServiceProperties,
];

/**
 * Storage accounts that Event Hubs Capture or Event Grid dead-lettering write to: linked through the capture
 * destination / dead-letter destination inputs (property dependencies, known in a preview of a new stack).
 */
export function dataSinks(all: readonly PolicyResource[]): Map<string, { account: PolicyResource; writers: string[] }> {
  const sinks = new Map<string, { account: PolicyResource; writers: string[] }>();
  const add = (writer: PolicyResource, via: string[]) => {
    for (const a of via.flatMap((k) => linked(writer, k)).filter((x) => ofType([x], account).length === 1)) {
      const entry = sinks.get(a.urn) ?? { account: a, writers: [] };
      if (!entry.writers.includes(writer.name)) entry.writers.push(writer.name);
      sinks.set(a.urn, entry);
    }
  };
  for (const hub of ofType(all, [eventhub.EventHub])) add(hub, ["captureDescription"]);
  for (const sub of ofType(all, eventSubscriptionClasses))
    add(sub, ["deadLetterWithResourceIdentity", "deadLetterDestination"]);
  return sinks;
}

/** Blob service properties of an account (linked through accountName, or its parent). */
function blobServiceOf(all: readonly PolicyResource[], acct: PolicyResource): PolicyResource | undefined {
  return ofType(all, [storage.BlobServiceProperties]).find(
    (b) => linked(b, "accountName").some((x) => x.urn === acct.urn) || b.parent?.urn === acct.urn,
  );
}

function retention(p: Props | undefined, key: string, minDays: number, report: ReportViolation, what: string): void {
  const policy = p?.[key] as Props | undefined;
  if (policy?.enabled !== true) report(`${what}: ${key}.enabled is not true: a deleted blob or container is gone`);
  else if (typeof policy.days === "number" && policy.days < minDays)
    report(`${what}: ${key}.days is ${policy.days}; at least ${minDays}`);
}

/** Storage rules (SA-xx): the accounts that hold dead-letters, captures, checkpoints and Batch data. */
export const storagePolicies: PackPolicy[] = [
  publicNetworkAccessRule(
    {
      name: "storage-account-public-network-access-disabled",
      code: "SA-01",
      description: "Storage accounts disable public network access.",
      severity: "high",
      anchor: `AP b2982f36 (${AP}/Storage/StoragePublicNetworkAccess_AuditDeny.json; Deny in ALZ Deny-PublicPaaSEndpoints); CK CKV_AZURE_59`,
      remediation:
        "Set publicNetworkAccess: Disabled and reach the account through private endpoints (the StorageAccount component does so when it has private endpoints).",
      configField: "publicNetworkAccess: Disabled",
    },
    account,
  ),
  resourceRule(
    {
      name: "storage-account-network-default-deny",
      code: "SA-02",
      description: "Storage account firewalls deny by default and allow no public IP ranges.",
      severity: "high",
      anchor: `AP 34c877ad (${AP}/Storage/Storage_NetworkAcls_Audit.json), AP 2a1a9cdf (Storage/StorageAccountOnlyVnetRulesEnabled_Audit.json); CK CKV_AZURE_35`,
      remediation:
        "Set networkRuleSet: { defaultAction: Deny } without ipRules (the SDK defaults defaultAction to Allow once networkRuleSet is given; Azure allows every network when it is unset).",
      configField: "privateEndpoints: { blob: { subnet: <network.subnets key>, groupId: blob } }",
    },
    account,
    (p, _a, report) => {
      const rules = p.networkRuleSet as Props | undefined;
      if (!same(rules?.defaultAction, "Deny")) {
        report(
          `networkRuleSet.defaultAction is ${JSON.stringify(rules?.defaultAction ?? null)} (Allow when unset) with publicNetworkAccess ${JSON.stringify(p.publicNetworkAccess ?? null)}: every network reaches the account's public endpoint`,
        );
      }
      if (asArray(rules?.ipRules).length > 0) {
        report(`networkRuleSet.ipRules allows ${asArray(rules?.ipRules).length} public IP range(s)`);
      }
    },
  ),
  resourceRule<{ allowedBypass: string[] }>(
    {
      name: "storage-account-network-exceptions",
      code: "SA-03",
      description:
        "Storage account firewalls grant no trusted-service bypass, no virtual network rules and no wildcard resource instance rules.",
      severity: "medium",
      anchor: `ALZ Deny-Storage-NetworkAclsBypass, Deny-Storage-NetworkAclsVirtualNetworkRules, Deny-Storage-ResourceAccessRulesResourceId (${ALZ}/<name>.json)`,
      remediation:
        "Set networkRuleSet.bypass: None (the SDK defaults it to AzureServices), reach the account through private endpoints, and name resource instances exactly.",
      configField: "privateEndpoints: { blob: { subnet: <network.subnets key>, groupId: blob } }",
      configSchema: {
        properties: {
          allowedBypass: schema.stringList(["None"], "networkRuleSet.bypass values that pass (ALZ allows None)."),
        },
      },
    },
    account,
    (p, _a, report, cfg) => {
      const rules = p.networkRuleSet as Props | undefined;
      // Azure and the SDK treat an unset bypass as AzureServices.
      const bypass = String(rules?.bypass ?? "AzureServices");
      if (!cfg.allowedBypass.some((b) => same(bypass, b))) {
        report(`networkRuleSet.bypass is ${JSON.stringify(bypass)}; allowed: ${cfg.allowedBypass.join(", ")}`);
      }
      if (asArray(rules?.virtualNetworkRules).length > 0) {
        report("networkRuleSet.virtualNetworkRules is set: use private endpoints instead of service endpoints");
      }
      for (const r of asArray(rules?.resourceAccessRules) as Props[]) {
        if (String(r.resourceId ?? "").split("/")[2] === "*") {
          report(`networkRuleSet.resourceAccessRules grants every subscription (${String(r.resourceId)})`);
        }
      }
    },
  ),
  resourceRule(
    {
      name: "storage-account-shared-key-disabled",
      code: "SA-04",
      description: "Storage accounts disable shared key (account key and SAS) authorization.",
      severity: "high",
      anchor: `AP 8c6a50c6 (${AP}/Storage/StorageAccountAllowSharedKeyAccess_Audit.json; Deny in ALZ Enforce-Guardrails-Storage); CK CKV2_AZURE_40`,
      remediation: "Set allowSharedKeyAccess: false (Azure allows shared keys when it is unset).",
    },
    account,
    (p, _a, report) => {
      if (p.allowSharedKeyAccess !== false) {
        report(
          `allowSharedKeyAccess is ${JSON.stringify(p.allowSharedKeyAccess ?? null)} (true when unset): account keys and SAS authorize`,
        );
      }
    },
  ),
  resourceRule(
    {
      name: "storage-account-blob-public-access-disabled",
      code: "SA-05",
      description: "Storage accounts disallow anonymous (public) blob access.",
      severity: "high",
      anchor: `AP 4fa4b6c0 (${AP}/Storage/ASC_Storage_DisallowPublicBlobAccess_Audit.json; Deny in ALZ Deny-PublicPaaSEndpoints); CK CKV_AZURE_190`,
      remediation: "Set allowBlobPublicAccess: false.",
    },
    account,
    (p, _a, report) => {
      if (p.allowBlobPublicAccess !== false) {
        report(`allowBlobPublicAccess is ${JSON.stringify(p.allowBlobPublicAccess ?? null)}; must be false`);
      }
    },
  ),
  minimumTlsRule(
    {
      name: "storage-account-minimum-tls",
      code: "SA-06",
      description: "Storage accounts require TLS 1.2 or later, set explicitly.",
      severity: "high",
      anchor: `AP fe83a0eb (${AP}/Storage/StorageAccountMinimumTLSVersion_Audit.json; Deny in ALZ Enforce-EncryptTransit: unset is denied); CK CKV_AZURE_44`,
      remediation: "Set minimumTlsVersion: TLS1_2.",
    },
    account,
    { key: "minimumTlsVersion", azureDefault: "TLS1_0 on accounts created before Nov 2024", requireExplicit: true },
  ),
  resourceRule(
    {
      name: "storage-account-https-only",
      code: "SA-07",
      description: "Storage accounts accept HTTPS only (secure transfer).",
      severity: "high",
      anchor: `AP 404c3081 (${AP}/Storage/Storage_AuditForHTTPSEnabled_Audit.json); ALZ Deploy-Storage-sslEnforcement (${ALZ}/Deploy-Storage-sslEnforcement.json); CK CKV_AZURE_3`,
      remediation: "Leave enableHttpsTrafficOnly unset (Azure's default is true) or set it to true.",
    },
    account,
    (p, _a, report) => {
      if (p.enableHttpsTrafficOnly === false) report("enableHttpsTrafficOnly is false: plain HTTP is accepted");
    },
  ),
  resourceRule(
    {
      name: "storage-account-copy-scope-and-replication",
      code: "SA-08",
      description:
        "Storage accounts restrict copy operations to the tenant (AAD) and disallow cross-tenant object replication.",
      severity: "medium",
      anchor: `ALZ Deny-Storage-CopyScope (${ALZ}/Deny-Storage-CopyScope.json); AP 92a89a79 (${AP}/Storage/StorageAccountAllowCrossTenantReplication_Audit.json)`,
      remediation: "Set allowedCopyScope: AAD and allowCrossTenantReplication: false.",
    },
    account,
    (p, _a, report) => {
      if (!same(p.allowedCopyScope, "AAD")) {
        report(
          `allowedCopyScope is ${JSON.stringify(p.allowedCopyScope ?? null)}: copies from any account are allowed`,
        );
      }
      if (p.allowCrossTenantReplication !== false) {
        report(
          `allowCrossTenantReplication is ${JSON.stringify(p.allowCrossTenantReplication ?? null)}; must be false`,
        );
      }
    },
  ),
  resourceRule(
    {
      name: "storage-account-encryption",
      code: "SA-09",
      description:
        "Storage accounts encrypt with infrastructure (double) encryption and account-scoped keys for every service.",
      severity: "medium",
      anchor: `AP 4733ea7b (${AP}/Storage/StorageAccountInfrastructureEncryptionEnabled_Audit.json); ALZ Deny-Storage-ServicesEncryption (${ALZ}/Deny-Storage-ServicesEncryption.json); CK CKV2_AZURE_1 (CMK: see remediation)`,
      remediation:
        "Set encryption: { requireInfrastructureEncryption: true, services: { blob/file: { enabled: true }, queue/table: { keyType: Account } } } at creation (Azure can't add either later).",
    },
    account,
    (p, _a, report) => {
      const enc = p.encryption as Props | undefined;
      if (enc?.requireInfrastructureEncryption !== true) {
        report("encryption.requireInfrastructureEncryption is not true");
      }
      const services = (enc?.services as Props | undefined) ?? {};
      for (const s of ["blob", "file"]) {
        if ((services[s] as Props | undefined)?.enabled !== true)
          report(`encryption.services.${s}.enabled is not true`);
      }
      for (const s of ["queue", "table"]) {
        if (!same((services[s] as Props | undefined)?.keyType, "Account")) {
          report(`encryption.services.${s}.keyType is not Account`);
        }
      }
    },
  ),
  resourceRule(
    {
      name: "storage-account-no-sftp-or-local-users",
      code: "SA-10",
      description: "Storage accounts disable SFTP and local users (identities outside Entra ID).",
      severity: "medium",
      anchor: `ALZ Deny-Storage-SFTP, Deny-Storage-LocalUser (${ALZ}/<name>.json); derived: azure-native StorageAccountArgs.isSftpEnabled / isLocalUserEnabled`,
      remediation: "Leave isSftpEnabled unset or false and set isLocalUserEnabled: false.",
    },
    account,
    (p, _a, report) => {
      if (p.isSftpEnabled === true) report("isSftpEnabled is true: SFTP authenticates local users with keys");
      if (p.isLocalUserEnabled !== false) {
        report(
          `isLocalUserEnabled is ${JSON.stringify(p.isLocalUserEnabled ?? null)} (local users can be created when unset); set it to false`,
        );
      }
    },
  ),
  resourceRule<{ allowedSkus: string[] }>(
    {
      name: "storage-account-replication",
      code: "SA-11",
      description: "Storage accounts replicate across zones or regions (no locally redundant storage for data).",
      severity: "medium",
      anchor: "CK CKV_AZURE_206 (StorageAccountsUseReplication.py); PS Azure.Storage.UseReplication",
      remediation:
        "Set sku to Standard_ZRS, Standard_GZRS or Standard_RAGZRS (the StorageAccount component's default is ZRS).",
      configField: "sku: Standard_GZRS",
      configSchema: {
        properties: {
          allowedSkus: schema.stringList(
            ["Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS", "Premium_ZRS"],
            "Replication SKUs that pass (prod: zone and geo redundant).",
          ),
        },
      },
    },
    account,
    (p, _a, report, cfg) => {
      const sku = (p.sku as Props | undefined)?.name;
      if (!cfg.allowedSkus.some((s) => same(sku, s))) {
        report(`sku.name is ${JSON.stringify(sku ?? null)}; allowed: ${cfg.allowedSkus.join(", ")}`);
      }
    },
  ),
  stackRule<{ minRetentionDays: number; versioning: boolean }>(
    {
      name: "storage-dead-letter-capture-soft-delete",
      code: "SA-12",
      description:
        "Storage accounts that receive Event Grid dead-letters or Event Hubs captures keep deleted blobs and containers (soft delete) and versions.",
      severity: "medium",
      anchor: `ALZ Deny-Storage-ContainerDeleteRetentionPolicy (${ALZ}/Deny-Storage-ContainerDeleteRetentionPolicy.json); CK CKV2_AZURE_38; PS Azure.Storage.SoftDelete / Azure.Storage.ContainerSoftDelete`,
      remediation:
        "Give the account blob service properties with deleteRetentionPolicy and containerDeleteRetentionPolicy enabled (7 days or more) and isVersioningEnabled: true (the StorageAccount component does).",
      configSchema: {
        properties: {
          minRetentionDays: schema.integer(7, 1, 365, "Shortest soft-delete retention in days (ALZ: 7)."),
          versioning: schema.boolean(true, "Blob versioning must be on as well."),
        },
      },
    },
    (all, args, report, cfg) => {
      const sinks = [...dataSinks(all).values()];
      if (sinks.length === 0) return args.notApplicable("no storage account receives captures or dead-letters");
      for (const { account: acct, writers } of sinks) {
        const svc = blobServiceOf(all, acct);
        const what = `${acct.name} (written by ${writers.join(", ")})`;
        if (!svc) {
          report(`${what} has no blob service properties: soft delete and versioning are off`, acct.urn);
          continue;
        }
        const p = svc.props as Props;
        const r: ReportViolation = (m) => report(m as string, acct.urn);
        retention(p, "deleteRetentionPolicy", cfg.minRetentionDays, r, what);
        retention(p, "containerDeleteRetentionPolicy", cfg.minRetentionDays, r, what);
        // Versioning is not available with a hierarchical namespace (learn.microsoft.com/azure/storage/blobs/versioning-overview).
        const lake = (acct.props as Props).isHnsEnabled === true;
        if (cfg.versioning && !lake && p.isVersioningEnabled !== true) r(`${what}: isVersioningEnabled is not true`);
      }
    },
  ),
  resourceRule(
    {
      name: "storage-service-no-cors",
      code: "SA-13",
      description: "Storage blob, file, queue and table services define no CORS rules.",
      severity: "low",
      anchor: `ALZ Deny-Storage-CorsRules (${ALZ}/Deny-Storage-CorsRules.json)`,
      remediation: "Remove cors.corsRules: no browser client reads this estate's storage directly.",
    },
    serviceProperties,
    (p, _a, report) => {
      const n = asArray((p.cors as Props | undefined)?.corsRules).length;
      if (n > 0) report(`cors.corsRules has ${n} rule(s): browsers from other origins may call the service`);
    },
  ),
  privateEndpointRule(
    {
      name: "storage-account-private-endpoint",
      configField: "privateEndpoints: { blob: { subnet: <network.subnets key>, groupId: blob } }",
      code: "SA-14",
      description: "Storage accounts have a private endpoint (group id blob, dfs or queue).",
      severity: "medium",
      anchor: `AP ${AP}/Storage/StorageAccountPrivateEndpointEnabled_Audit.json (AuditIfNotExists); CK CKV2_AZURE_33`,
      remediation: "Add a private endpoint (privateEndpoints in the component) for blob (and queue or dfs as used).",
    },
    account,
    ["blob", "dfs", "queue"],
  ),
  stackRule(
    {
      name: "storage-sink-reachable-by-service",
      code: "SA-15",
      description:
        "Storage accounts that receive Event Hubs captures or Event Grid dead-letters are reachable by those services (trusted-service bypass on a firewalled public endpoint).",
      severity: "high",
      anchor:
        "derived: learn.microsoft.com/azure/storage/common/storage-network-security (firewall exceptions govern the public endpoint only); learn.microsoft.com/azure/event-grid/managed-service-identity (no delivery through private endpoints)",
      remediation:
        "Either publicNetworkAccess: Enabled with networkRuleSet { defaultAction: Deny, bypass: AzureServices } (refused by the ALZ Deny policies SA-01/SA-03), or accept that the service can't write (see policies/README.md, Landing zones).",
    },
    (all, args, report) => {
      const sinks = [...dataSinks(all).values()];
      if (sinks.length === 0) return args.notApplicable("no storage account receives captures or dead-letters");
      for (const { account: acct, writers } of sinks) {
        const p = acct.props as Props;
        const rules = p.networkRuleSet as Props | undefined;
        // Azure and the SDK treat an unset bypass as AzureServices.
        const bypass = String(rules?.bypass ?? "AzureServices");
        if (same(p.publicNetworkAccess, "Disabled")) {
          report(
            `${acct.name}: publicNetworkAccess is Disabled, so ${writers.join(", ")} can't write to it (these services don't use private endpoints)`,
            acct.urn,
          );
        } else if (rules && same(rules.defaultAction, "Deny") && !/AzureServices/i.test(bypass)) {
          report(
            `${acct.name}: the firewall denies by default with bypass ${JSON.stringify(bypass)}, so ${writers.join(", ")} can't write to it`,
            acct.urn,
          );
        }
      }
    },
  ),
];
