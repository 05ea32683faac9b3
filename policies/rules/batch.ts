import * as batch from "@pulumi/azure-native/batch";
import { diagnosticsRule, privateEndpointRule, publicNetworkAccessRule } from "../lib/factories";
import { AP, asArray, has, PackPolicy, Props, resourceRule, same, schema } from "../lib/rule";

/** Batch rules (BA-xx, listed in policies/README.md). */
export const batchPolicies: PackPolicy[] = [
  publicNetworkAccessRule(
    {
      name: "batch-account-public-network-access-disabled",
      configField: "publicNetworkAccess: Disabled",
      code: "BA-01",
      description: "Batch accounts disable public network access.",
      severity: "high",
      anchor: `AP 74c5a0ae (${AP}/Batch/DisablePublicNetworkAccess_Audit.json)`,
      remediation:
        "Set publicNetworkAccess: Disabled (the SDK defaults it to Enabled) and use a batchAccount private endpoint.",
    },
    [batch.BatchAccount],
  ),
  resourceRule(
    {
      name: "batch-account-network-default-deny",
      code: "BA-02",
      description: "Batch accounts with public access deny by default (IP-firewalled account endpoint).",
      severity: "medium",
      anchor: "CK CKV_AZURE_248 (AzureBatchAccountEndpointAccessDefaultAction.py)",
      remediation:
        "Set networkProfile.accountAccess.defaultAction: Deny with ipRules, or publicNetworkAccess: Disabled.",
    },
    [batch.BatchAccount],
    (p, args, report) => {
      if (same(p.publicNetworkAccess, "Disabled")) return args.notApplicable("public network access is disabled");
      const action = ((p.networkProfile as Props | undefined)?.accountAccess as Props | undefined)?.defaultAction;
      if (!same(action, "Deny")) {
        report(
          `publicNetworkAccess is ${JSON.stringify(p.publicNetworkAccess ?? null)} and networkProfile.accountAccess.defaultAction is ${JSON.stringify(action ?? null)} (Allow when unset)`,
        );
      }
    },
  ),
  resourceRule<{ allowedModes: string[] }>(
    {
      name: "batch-account-entra-id-auth",
      code: "BA-03",
      description: "Batch accounts accept Entra ID authentication only (no shared keys).",
      severity: "high",
      anchor: `AP 6f68b69f (${AP}/Batch/DisableLocalAuth_Audit.json)`,
      remediation: "Set allowedAuthenticationModes: ['AAD'] (Azure enables SharedKey when it is unset).",
      configSchema: {
        properties: {
          // ⚠️ TaskAuthenticationToken is a task-scoped token issued by Batch, not a shared key; AP 6f68b69f may audit
          // anything but AAD (we could not read its rule JSON): set ["AAD"] to match it strictly.
          allowedModes: schema.stringList(["AAD", "TaskAuthenticationToken"], "Authentication modes that pass."),
        },
      },
    },
    [batch.BatchAccount],
    (p, _a, report, cfg) => {
      const modes = asArray(p.allowedAuthenticationModes).map(String);
      if (modes.length === 0) {
        report("allowedAuthenticationModes is not set: Azure allows SharedKey, AAD and TaskAuthenticationToken");
        return;
      }
      const bad = modes.filter((m) => !cfg.allowedModes.some((a) => same(m, a)));
      if (bad.length > 0)
        report(`allowedAuthenticationModes includes ${bad.join(", ")}; allowed: ${cfg.allowedModes.join(", ")}`);
    },
  ),
  resourceRule(
    {
      name: "batch-account-customer-managed-key",
      code: "BA-04",
      description: "Batch accounts encrypt with a customer-managed key.",
      severity: "medium",
      anchor: `AP 99e9ccd8 (${AP}/Batch/CustomerManagedKey_Audit.json)`,
      remediation:
        "Set encryption.keySource: Microsoft.KeyVault with keyVaultProperties.keyIdentifier and an account identity.",
    },
    [batch.BatchAccount],
    (p, _a, report) => {
      const enc = p.encryption as Props | undefined;
      if (!enc || !same(enc.keySource, "Microsoft.KeyVault")) {
        report(`encryption.keySource is ${JSON.stringify(enc?.keySource ?? null)}; must be Microsoft.KeyVault`);
      } else if (!has(enc.keyVaultProperties, "keyIdentifier")) {
        report("encryption.keySource is Microsoft.KeyVault but encryption.keyVaultProperties.keyIdentifier is not set");
      }
    },
  ),
  resourceRule<{ targets: string[] }>(
    {
      name: "batch-pool-disk-encryption",
      code: "BA-05",
      description: "Batch pools encrypt node disks (temporary disk, or encryption at host).",
      severity: "medium",
      anchor: `AP 1760f9d4 (${AP}/Batch/DiskEncryption_Audit.json)`,
      remediation:
        "Set virtualMachineConfiguration.diskEncryptionConfiguration.targets to include TemporaryDisk (or securityProfile.encryptionAtHost: true).",
      configSchema: {
        properties: {
          targets: schema.stringList(
            ["TemporaryDisk"],
            "Disk encryption targets every pool must list (Linux supports TemporaryDisk only).",
          ),
        },
      },
    },
    [batch.Pool],
    (p, _a, report, cfg) => {
      const vm = (p.deploymentConfiguration as Props | undefined)?.virtualMachineConfiguration as Props | undefined;
      if ((vm?.securityProfile as Props | undefined)?.encryptionAtHost === true) return;
      const targets = asArray((vm?.diskEncryptionConfiguration as Props | undefined)?.targets).map(String);
      const missing = cfg.targets.filter((t) => !targets.some((x) => same(x, t)));
      if (missing.length > 0) {
        report(`diskEncryptionConfiguration.targets lacks ${missing.join(", ")} and encryption at host is off`);
      }
    },
  ),
  resourceRule(
    {
      name: "batch-pool-no-public-ip",
      code: "BA-06",
      description: "Batch pools run in a virtual network subnet without public IP addresses.",
      severity: "medium",
      anchor: "derived: azure-native batch.NetworkConfigurationArgs / PublicIPAddressConfigurationArgs",
      remediation:
        "Set networkConfiguration.subnetId and publicIPAddressConfiguration.provision: NoPublicIPAddresses (simplified node communication).",
      previewGap:
        "azure-native fills pool defaults with output(networkConfiguration).apply(...), so a program that passes a new subnet's `id` hides the whole block in a preview (pulumi-policy#258): can't run (advisory). The stacks compose subnet ids from names (stacks/build/batch.ts), so the rule decides in their previews as in `npm run plan`; other programs are covered by `pulumi up`, which runs the pack with known inputs before the pool is created.",
    },
    [batch.Pool],
    (p, _a, report) => {
      const net = p.networkConfiguration as Props | undefined;
      // Presence only: the subnet id is unknown during preview when the subnet is in the same stack.
      if (!has(net, "subnetId")) report("networkConfiguration.subnetId is not set: nodes are not in a virtual network");
      const provision = (net?.publicIPAddressConfiguration as Props | undefined)?.provision;
      if (!same(provision, "NoPublicIPAddresses")) {
        report(
          `networkConfiguration.publicIPAddressConfiguration.provision is ${JSON.stringify(provision ?? null)} (BatchManaged when unset): nodes get public IPs`,
        );
      }
    },
  ),
  resourceRule(
    {
      name: "batch-pool-start-task-not-admin",
      code: "BA-07",
      description: "Batch pool start tasks do not run with administrator elevation.",
      severity: "medium",
      anchor: "derived: azure-native batch.AutoUserSpecificationArgs.elevationLevel",
      remediation: "Set startTask.userIdentity.autoUser.elevationLevel: NonAdmin; bake admin setup into the image.",
    },
    [batch.Pool],
    (p, _a, report) => {
      const auto = ((p.startTask as Props | undefined)?.userIdentity as Props | undefined)?.autoUser as
        Props | undefined;
      if (same(auto?.elevationLevel, "Admin")) report("startTask.userIdentity.autoUser.elevationLevel is Admin");
    },
  ),
  privateEndpointRule(
    {
      name: "batch-account-private-endpoint",
      configField: "privateEndpoints: { account: { subnet: <network.subnets key>, groupId: batchAccount } }",
      code: "BA-08",
      description: "Batch accounts have a private endpoint (group id batchAccount).",
      severity: "medium",
      anchor: `AP 009a0c92 (${AP}/Batch/PrivateEndpoints_AINE.json)`,
      remediation:
        "Add a private endpoint with group id batchAccount (and nodeManagement for simplified communication).",
    },
    [batch.BatchAccount],
    ["batchAccount"],
  ),
  diagnosticsRule(
    {
      name: "batch-account-diagnostics",
      configField: "diagnostics: true",
      code: "BA-09",
      description: "Batch accounts send resource logs to a diagnostic destination.",
      severity: "medium",
      anchor: `AP 428256e6 (${AP}/Batch/AuditDiagnosticLog_Audit.json)`,
      remediation: "Add a diagnostic setting with the allLogs (or audit) category group to the stack's workspace.",
    },
    [batch.BatchAccount],
  ),
  resourceRule(
    {
      name: "batch-pool-no-admin-user-accounts",
      code: "BA-10",
      description: "Batch pools define no user accounts with administrator elevation.",
      severity: "medium",
      anchor: "derived: azure-native batch.UserAccountArgs.elevationLevel",
      remediation: "Set elevationLevel: NonAdmin on every userAccounts entry.",
    },
    [batch.Pool],
    (p, _a, report) => {
      for (const u of asArray(p.userAccounts)) {
        const user = u as Props;
        if (same(user.elevationLevel, "Admin"))
          report(`user account ${JSON.stringify(user.name)} has elevationLevel Admin`);
      }
    },
  ),
  resourceRule(
    {
      name: "batch-account-auto-storage-identity",
      code: "BA-11",
      description: "Batch auto-storage is accessed with the account's managed identity, not storage keys.",
      severity: "medium",
      anchor:
        "derived: azure-native batch.AutoStorageBasePropertiesArgs.authenticationMode (the SDK defaults StorageKeys)",
      remediation:
        "Set autoStorage.authenticationMode: BatchAccountManagedIdentity and autoStorage.nodeIdentityReference.",
      previewGap:
        "azure-native fills autoStorage defaults with output(autoStorage).apply(...), so a program that passes a new storage account's `id` hides the whole block in a preview: can't run (advisory). The stacks compose the auto-storage id from names (stacks/build/batch.ts), so the rule decides in their previews as in `npm run plan`, and config validation refuses StorageKeys against the stack's storage (shared keys off); other programs are covered by `pulumi up`, which runs the pack before the account is created.",
    },
    [batch.BatchAccount],
    (p, args, report) => {
      const auto = p.autoStorage as Props | undefined;
      if (!auto) return args.notApplicable("no auto-storage account");
      if (!same(auto.authenticationMode, "BatchAccountManagedIdentity")) {
        report(
          `autoStorage.authenticationMode is ${JSON.stringify(auto.authenticationMode ?? null)}: Batch uses the storage account keys`,
        );
      }
    },
  ),
  resourceRule(
    {
      name: "batch-pool-registry-managed-identity",
      code: "BA-12",
      description: "Batch pools pull from private container registries with a node identity, not a password.",
      severity: "medium",
      anchor: "derived: azure-native batch.ContainerRegistryArgs (identityReference, or userName and password)",
      remediation:
        "Set identityReference.resourceId to one of the pool's identities, granted AcrPull on the registry, and remove userName/password (config: containerRegistries.<key>.identity).",
    },
    [batch.Pool],
    (p, _a, report) => {
      const vm = (p.deploymentConfiguration as Props | undefined)?.virtualMachineConfiguration as Props | undefined;
      const registries = asArray((vm?.containerConfiguration as Props | undefined)?.containerRegistries);
      for (const r of registries) {
        const registry = r as Props;
        // Presence only: a password is a secret, and an identity id may be unknown in a preview.
        if (has(registry, "password") || !has(registry, "identityReference")) {
          report(
            `container registry ${JSON.stringify(registry.registryServer ?? "docker.io")} is reached with a password, not a node identity (identityReference)`,
          );
        }
      }
    },
  ),
];
