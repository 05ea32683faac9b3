import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import type * as types from "@pulumi/azure-native/types";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, defaultPublicNetworkAccess, validateCommonArgs } from "../core/extensions";
import { toManagedServiceIdentity } from "../core/identity";
import { CommonResourceArgs, RoleAssignmentArgs } from "../core/interfaces";
import { createRoleAssignment, validateRoleAssignments } from "../core/roleAssignment";
import { childName } from "../core/naming";
import { mapKeys, matches, oneOf, violation } from "../core/validate";
import { withConfigKey } from "../core/configKey";
import { azureNameRules } from "../core/azureNames";
import { StorageAccessTier, storageLimits, StorageSku } from "./limits";

export interface StorageAccountArgs extends CommonResourceArgs {
  /** Globally unique name, 3-24 lowercase letters and digits. Defaults to an auto-name from the component name. */
  readonly accountName?: pulumi.Input<string>;
  /**
   * Replication SKU. Defaults to `Standard_ZRS`. `Premium_LRS` / `Premium_ZRS` make a premium block blob account
   * (kind `BlockBlobStorage`: blobs only, no queues, no access tier).
   */
  readonly sku?: StorageSku;
  /**
   * Default access tier of the account's blobs: `Hot`, `Cool` or `Cold` (standard SKUs only; archive is per blob).
   * Defaults to Azure's (`Hot`).
   */
  readonly accessTier?: StorageAccessTier;
  /** Hierarchical namespace (Data Lake Storage Gen2, for Event Hubs capture to a data lake). Defaults to false. */
  readonly dataLake?: boolean;
  /** Blob containers keyed by container name. Defaults to none. */
  readonly containers?: Record<
    string,
    {
      readonly metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
      /** Data roles scoped to this container (least privilege: not the account). Defaults to none. */
      readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
      /**
       * Container-level time-based retention (WORM): blobs cannot be changed or deleted for the period after they were
       * written. Always created unlocked (a locked policy can never be shortened or removed; lock it outside the
       * stack when compliance needs it). Defaults to none.
       */
      readonly immutabilityPolicy?: ContainerImmutabilityPolicyArgs;
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
  /** Days deleted blobs (and containers, unless set apart) are kept (soft delete), 1-365. Defaults to 7 (the ALZ minimum). */
  readonly softDeleteRetentionDays?: number;
  /** Days deleted containers are kept, 1-365. Defaults to `softDeleteRetentionDays`. */
  readonly containerSoftDeleteRetentionDays?: number;
  /**
   * The blob change feed (a log of every blob change, for audit and replay): `{ enabled, retentionInDays? }`,
   * retention 1-146000 days or none (kept for ever). Not with a hierarchical namespace. Defaults to off.
   */
  readonly changeFeed?: {
    /** Record blob changes. */
    readonly enabled: boolean;
    /** Days changes are kept, 1-146000. Defaults to none: kept for ever. */
    readonly retentionInDays?: number;
  };
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

/** A container's time-based retention policy (azure-native `BlobContainerImmutabilityPolicy`, unlocked). */
export interface ContainerImmutabilityPolicyArgs {
  /** Days a blob is immutable after it was written, 1-146000. Required. */
  readonly immutabilityPeriodSinceCreationInDays: number;
  /** Let new blocks be appended to append blobs while immutable. Defaults to false. Exclusive with the next. */
  readonly allowProtectedAppendWrites?: boolean;
  /** Let new blocks be appended to append and block blobs while immutable. Defaults to false. */
  readonly allowProtectedAppendWritesAll?: boolean;
}

const isPremium = (sku: StorageSku | undefined) => (storageLimits.premiumSkus as readonly string[]).includes(sku ?? "");

function daysInRange(path: string, days: number | undefined, range: { min: number; max: number }) {
  if (days === undefined || (Number.isInteger(days) && days >= range.min && days <= range.max)) return undefined;
  return violation(path, days, `must be a whole number of days, ${range.min}-${range.max}`);
}

/** SKU, kind, access tier, blob service and container retention rules. */
function dataProtectionViolations(args: StorageAccountArgs): (Violation | undefined)[] {
  const premium = isPremium(args.sku);
  const found: (Violation | undefined)[] = [
    oneOf("sku", args.sku, [...storageLimits.standardSkus, ...storageLimits.premiumSkus]),
    oneOf("accessTier", args.accessTier, [...storageLimits.accessTiers]),
    daysInRange(
      "containerSoftDeleteRetentionDays",
      args.containerSoftDeleteRetentionDays,
      storageLimits.deleteRetentionDays,
    ),
  ];
  if (premium && args.accessTier !== undefined) {
    found.push(
      violation(
        "accessTier",
        args.accessTier,
        `is refused on a premium block blob account (sku ${args.sku}): its tier is Premium and cannot be changed`,
      ),
    );
  }
  if (premium && Object.keys(args.queues ?? {}).length > 0) {
    found.push(
      violation(
        "queues",
        Object.keys(args.queues!),
        `needs a standard SKU: a premium block blob account (${args.sku}) holds blobs only`,
      ),
    );
  }
  for (const [key, pe] of Object.entries(args.privateEndpoints ?? {})) {
    if (premium && pe.groupId === "queue") {
      found.push(
        violation(
          `privateEndpoints.${key}.groupId`,
          "queue",
          `is not a sub-resource of a premium block blob account (${args.sku})`,
        ),
      );
    }
  }
  if (args.changeFeed) {
    found.push(
      daysInRange("changeFeed.retentionInDays", args.changeFeed.retentionInDays, storageLimits.changeFeedRetentionDays),
    );
    if (args.changeFeed.enabled && args.dataLake) {
      found.push(
        violation("changeFeed.enabled", true, "is not available with a hierarchical namespace (dataLake: true)"),
      );
    }
  }
  for (const [key, c] of Object.entries(args.containers ?? {})) {
    const policy = c.immutabilityPolicy;
    if (!policy) continue;
    const at = `containers.${key}.immutabilityPolicy`;
    found.push(
      daysInRange(
        `${at}.immutabilityPeriodSinceCreationInDays`,
        policy.immutabilityPeriodSinceCreationInDays ?? 0,
        storageLimits.immutabilityPeriodDays,
      ),
    );
    if (policy.allowProtectedAppendWrites && policy.allowProtectedAppendWritesAll) {
      found.push(
        violation(`${at}.allowProtectedAppendWritesAll`, true, "is exclusive with allowProtectedAppendWrites: set one"),
      );
    }
  }
  return found;
}

/** Validates StorageAccountArgs. Pure; exported for tests. */
export function validateStorageAccountArgs(args: StorageAccountArgs): Violation[] {
  return [
    ...dataProtectionViolations(args),
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
    daysInRange("softDeleteRetentionDays", args.softDeleteRetentionDays, storageLimits.deleteRetentionDays),
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

/** Premium block blob accounts hold blobs only: the same encryption for the one service they have. */
const premiumEncryption: types.input.storage.EncryptionArgs = {
  ...secureEncryption,
  services: { blob: { enabled: true, keyType: "Account" } },
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
    const premium = isPremium(args.sku);
    this.account = new storage.StorageAccount(
      childName(name, "account"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        accountName: args.accountName,
        kind: premium ? storageLimits.premiumKind : "StorageV2",
        sku: { name: args.sku ?? "Standard_ZRS" },
        accessTier: args.accessTier,
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
        encryption:
          args.infrastructureEncryption === false ? undefined : premium ? premiumEncryption : secureEncryption,
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
        containerDeleteRetentionPolicy: { enabled: true, days: args.containerSoftDeleteRetentionDays ?? days },
        isVersioningEnabled: args.versioning ?? !args.dataLake,
        changeFeed: args.changeFeed,
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
        if (c.immutabilityPolicy) {
          new storage.BlobContainerImmutabilityPolicy(
            childName(name, "immutability", key),
            {
              resourceGroupName: args.resourceGroupName,
              accountName: this.account.name,
              containerName: this.containers[key].name,
              immutabilityPolicyName: "default",
              ...c.immutabilityPolicy,
            },
            { parent: this, protect: args.protect },
          );
        }
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
