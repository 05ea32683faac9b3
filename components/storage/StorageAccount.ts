import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import type * as types from "@pulumi/azure-native/types";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, defaultPublicNetworkAccess, validateCommonArgs } from "../core/extensions";
import { toManagedServiceIdentity } from "../core/identity";
import { CommonResourceArgs, RoleAssignmentArgs } from "../core/interfaces";
import { createRoleAssignment, validateRoleAssignments } from "../core/roleAssignment";
import { childName } from "../core/naming";
import { mapKeys, matches, violation } from "../core/validate";
import { withConfigKey } from "../core/configKey";
import { azureNameRules } from "../core/azureNames";

export interface StorageAccountArgs extends CommonResourceArgs {
  /** Globally unique name, 3-24 lowercase letters and digits. Defaults to an auto-name from the component name. */
  readonly accountName?: pulumi.Input<string>;
  /** Replication SKU. Defaults to `Standard_ZRS`. */
  readonly sku?: pulumi.Input<string>;
  /** Hierarchical namespace (Data Lake Storage Gen2, for Event Hubs capture to a data lake). Defaults to false. */
  readonly dataLake?: boolean;
  /** Blob containers keyed by container name. Defaults to none. */
  readonly containers?: Record<
    string,
    {
      readonly metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
      /** Data roles scoped to this container (least privilege: not the account). Defaults to none. */
      readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
    }
  >;
  /** Storage queues keyed by queue name. Defaults to none. */
  readonly queues?: Record<
    string,
    {
      /** Data roles scoped to this queue (least privilege: not the account). Defaults to none. */
      readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
    }
  >;
  /**
   * Defaults to Disabled when private endpoints are given, Enabled otherwise. Disabled is what the Azure Landing Zones
   * Deny policies require; it also shuts out the trusted-service exception that Event Hubs Capture and Event Grid
   * dead-lettering need (they never use private endpoints): set Enabled to keep them writing (policies/README.md,
   * "Landing zones").
   */
  readonly publicNetworkAccess?: "Enabled" | "Disabled";
  /**
   * Firewall of the public endpoint. Defaults, when private endpoints are given, to `{ defaultAction: Deny, bypass:
   * None }` with public access Disabled (no exception at all), and to `{ defaultAction: Deny, bypass: AzureServices }`
   * with public access explicitly Enabled: only trusted Azure services authenticating with a managed identity
   * (Event Grid dead-letter and queue delivery, Event Hubs Capture, Batch auto-storage) reach the public endpoint.
   * None without private endpoints (Azure allows every network).
   */
  readonly networkRuleSet?: types.input.storage.NetworkRuleSetArgs;
  /**
   * Infrastructure (double) encryption and account-scoped keys for queues and tables. Defaults to true. Azure sets
   * both only at creation (learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable): changing it on
   * an existing account needs a new account.
   */
  readonly infrastructureEncryption?: boolean;
  /** Days deleted blobs and containers are kept (soft delete), 1-365. Defaults to 7 (the ALZ minimum). */
  readonly softDeleteRetentionDays?: number;
  /**
   * Blob versioning. Defaults to true, false for data lakes: versioning is not available with a hierarchical
   * namespace (learn.microsoft.com/azure/storage/blobs/versioning-overview).
   */
  readonly versioning?: boolean;
  /**
   * Shared key (account key / SAS) access. Defaults to false: every consumer here (Event Grid dead-letter, Event Hubs
   * capture, checkpoint stores, Batch) authenticates with Entra ID.
   */
  readonly allowSharedKeyAccess?: boolean;
}

/** Validates StorageAccountArgs. Pure; exported for tests. */
export function validateStorageAccountArgs(args: StorageAccountArgs): Violation[] {
  return [
    ...validateCommonArgs(args, "Microsoft.Storage/storageAccounts"),
    matches("accountName", args.accountName, azureNameRules.storageAccount.pattern, azureNameRules.storageAccount.says),
    ...mapKeys("containers", args.containers),
    ...Object.keys(args.containers ?? {}).map((k) =>
      matches(
        `containers.${k}`,
        k,
        /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
        "a container name: 3-63 lowercase letters, digits and single hyphens",
      ),
    ),
    ...Object.entries(args.containers ?? {}).flatMap(([k, c]) =>
      validateRoleAssignments(`containers.${k}.roleAssignments`, c.roleAssignments),
    ),
    ...Object.entries(args.queues ?? {}).flatMap(([k, q]) =>
      validateRoleAssignments(`queues.${k}.roleAssignments`, q.roleAssignments),
    ),
    args.softDeleteRetentionDays === undefined ||
    (Number.isInteger(args.softDeleteRetentionDays) &&
      args.softDeleteRetentionDays >= 1 &&
      args.softDeleteRetentionDays <= 365)
      ? undefined
      : violation("softDeleteRetentionDays", args.softDeleteRetentionDays, "must be a whole number of days, 1-365"),
    args.versioning === true && args.dataLake === true
      ? violation("versioning", true, "is not available with a hierarchical namespace (dataLake: true)")
      : undefined,
    ...Object.keys(args.queues ?? {}).map((k) =>
      matches(
        `queues.${k}`,
        k,
        /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
        "a queue name: 3-63 lowercase letters, digits and single hyphens",
      ),
    ),
  ].filter((v): v is Violation => v !== undefined);
}

/** Encryption every account gets by default: double encryption, Microsoft-managed keys, account-scoped keys. */
const secureEncryption: types.input.storage.EncryptionArgs = {
  keySource: "Microsoft.Storage",
  requireInfrastructureEncryption: true,
  services: {
    blob: { enabled: true, keyType: "Account" },
    file: { enabled: true, keyType: "Account" },
    queue: { enabled: true, keyType: "Account" },
    table: { enabled: true, keyType: "Account" },
  },
};

/**
 * A StorageV2 account with secure defaults (TLS 1.2, HTTPS only, no public blob access, no shared keys, OAuth by
 * default, copies only within the tenant, no cross-tenant replication, no local users, double encryption, soft delete
 * and versioning) and its blob containers and queues. Used for dead-letter, capture, checkpoints and Batch. The
 * defaults satisfy the Azure Landing Zones storage guardrails (policies/README.md).
 */
export class StorageAccount extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly account: storage.StorageAccount;
  /** The blob service: soft delete for blobs and containers, versioning. */
  public readonly blobService: storage.BlobServiceProperties;
  /** Containers by key: ids are what role assignments scope to (least privilege: the container, not the account). */
  public readonly containers: Record<string, storage.BlobContainer> = {};
  public readonly queues: Record<string, storage.Queue> = {};

  constructor(name: string, args: StorageAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:storage:StorageAccount", name, {}, opts);
    throwIfInvalid(`azint:storage:StorageAccount ${name}`, validateStorageAccountArgs(args));
    const hasPe = Object.keys(args.privateEndpoints ?? {}).length > 0;
    const publicNetworkAccess = defaultPublicNetworkAccess(args.publicNetworkAccess, hasPe, false);
    // With private endpoints the firewall denies everything; the trusted-service exception only where public access
    // was explicitly kept for it (it has no effect once public access is Disabled).
    const defaultRules: types.input.storage.NetworkRuleSetArgs | undefined = hasPe
      ? { defaultAction: "Deny", bypass: publicNetworkAccess === "Enabled" ? "AzureServices" : "None" }
      : undefined;
    this.account = new storage.StorageAccount(
      childName(name, "account"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        accountName: args.accountName,
        kind: "StorageV2",
        sku: { name: args.sku ?? "Standard_ZRS" },
        isHnsEnabled: args.dataLake ?? false,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: args.allowSharedKeyAccess ?? false,
        defaultToOAuthAuthentication: true,
        publicNetworkAccess,
        networkRuleSet: args.networkRuleSet ?? defaultRules,
        allowedCopyScope: "AAD",
        allowCrossTenantReplication: false,
        isLocalUserEnabled: false,
        isSftpEnabled: false,
        encryption: args.infrastructureEncryption === false ? undefined : secureEncryption,
        identity: toManagedServiceIdentity(args.managedIdentities),
        tags: args.tags,
      },
      { parent: this, protect: args.protect },
    );
    // Soft delete and versioning: a deleted or overwritten dead-letter or capture blob can be recovered.
    const days = args.softDeleteRetentionDays ?? 7;
    this.blobService = new storage.BlobServiceProperties(
      childName(name, "blob-service"),
      {
        resourceGroupName: args.resourceGroupName,
        accountName: this.account.name,
        blobServicesName: "default",
        deleteRetentionPolicy: { enabled: true, days },
        containerDeleteRetentionPolicy: { enabled: true, days },
        isVersioningEnabled: args.versioning ?? !args.dataLake,
      },
      { parent: this },
    );
    for (const [key, c] of Object.entries(args.containers ?? {}))
      withConfigKey(`containers.${key}`, () => {
        this.containers[key] = new storage.BlobContainer(
          childName(name, "container", key),
          {
            resourceGroupName: args.resourceGroupName,
            accountName: this.account.name,
            containerName: key,
            publicAccess: "None",
            metadata: c.metadata,
          },
          { parent: this, protect: args.protect },
        );
        for (const [rk, a] of Object.entries(c.roleAssignments ?? {})) {
          createRoleAssignment(
            childName(name, "ra", "container", key, rk),
            { ...a, scope: this.containers[key].id },
            { parent: this },
          );
        }
      });
    for (const [key, q] of Object.entries(args.queues ?? {}))
      withConfigKey(`queues.${key}`, () => {
        this.queues[key] = new storage.Queue(
          childName(name, "queue", key),
          { resourceGroupName: args.resourceGroupName, accountName: this.account.name, queueName: key },
          { parent: this, protect: args.protect },
        );
        for (const [rk, a] of Object.entries(q.roleAssignments ?? {})) {
          createRoleAssignment(
            childName(name, "ra", "queue", key, rk),
            { ...a, scope: this.queues[key].id },
            { parent: this },
          );
        }
      });
    applyExtensions(
      this,
      name,
      { id: this.account.id, resourceType: "Microsoft.Storage/storageAccounts", resource: this.account },
      args,
    );
    this.id = this.account.id;
    this.name = this.account.name;
    this.registerOutputs({ id: this.id, name: this.name });
  }
}
