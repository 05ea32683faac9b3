import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as batch from "@pulumi/azure-native/batch";
import type * as types from "@pulumi/azure-native/types";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, defaultPublicNetworkAccess, validateCommonArgs } from "../core/extensions";
import { toManagedServiceIdentity } from "../core/identity";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { createRoleAssignment } from "../core/roleAssignment";
import { armId, isKnown, mapKeys, matches, oneOf, requireValue, violation, warning } from "../core/validate";
import { BatchPool, BatchPoolOptions } from "./BatchPool";
import { validateBatchPoolOptions } from "./poolValidation";
import { batchLimits } from "./limits";
import { sortedValues } from "../core/collections";
import { azureNameRules } from "../core/azureNames";

export type BatchAuthenticationMode = "AAD" | "SharedKey" | "TaskAuthenticationToken";

export interface BatchAutoStorage {
  /** The storage account Batch uses for application packages and task files (ARM id). Required. */
  readonly storageAccountId: pulumi.Input<string>;
  /**
   * How Batch reaches the account. Defaults to `BatchAccountManagedIdentity` (Entra ID; the stacks' storage accounts
   * have shared keys off). The component then grants the account's identity `Storage Blob Data Contributor` on the
   * storage account (the narrowest scope: Batch creates its containers itself).
   */
  readonly authenticationMode?: "BatchAccountManagedIdentity" | "StorageKeys";
  /**
   * Principal id of the account's user-assigned identity, for that grant. Required with BatchAccountManagedIdentity
   * when the account has no system-assigned identity; ignored otherwise.
   */
  readonly identityPrincipalId?: pulumi.Input<string>;
  /**
   * User-assigned identity the compute nodes use to reach auto-storage (`autoStorage.nodeIdentityReference`): Batch
   * uses it only on pools whose nodes carry it (`pools.<key>.userAssignedIdentities`; a warning when no pool of the
   * account does). Grant it storage access yourself. Defaults to none.
   */
  readonly nodeIdentityResourceId?: pulumi.Input<string>;
}

export interface BatchEndpointAccess {
  /** Action for traffic no rule matches. Required. */
  readonly defaultAction: "Allow" | "Deny";
  /** Allowed IPv4 addresses or ranges (CIDR), keyed. Defaults to none. */
  readonly ipRules?: Record<string, string>;
}

export interface BatchApplication {
  /** Display name. Defaults to none. */
  readonly displayName?: pulumi.Input<string>;
  /** Whether packages may be overwritten. Defaults to false (a version, once uploaded, is immutable). */
  readonly allowUpdates?: boolean;
  /** Version used when a pool references the application without one. Defaults to none. */
  readonly defaultVersion?: pulumi.Input<string>;
  /**
   * Package versions, keyed by version name. Each is created empty: upload the zip to the returned storage URL and
   * activate it (data-plane steps, see README). Defaults to none.
   */
  readonly versions?: Record<string, Record<string, never>>;
}

/** A pool of the account: pool options, with application packages by application key of this account. */
export interface BatchAccountPool extends Omit<BatchPoolOptions, "applicationPackages"> {
  /** Application packages by application key of this account (at most 10), each with an optional version. */
  readonly applicationPackages?: Record<string, { readonly version?: string }>;
}

export interface BatchAccountArgs extends CommonResourceArgs {
  /** 3-24 lowercase letters and digits, unique in the region. Defaults to an auto-name from the component name. */
  readonly accountName?: pulumi.Input<string>;
  /** Auto-storage account. Defaults to none (then no application packages). */
  readonly autoStorage?: BatchAutoStorage;
  /** `BatchService` (Azure's default) or `UserSubscription` (Entra ID only; needs `keyVaultReference`). */
  readonly poolAllocationMode?: "BatchService" | "UserSubscription";
  /** Key Vault for UserSubscription pool allocation. Required with UserSubscription. */
  readonly keyVaultReference?: { readonly id: pulumi.Input<string>; readonly url: pulumi.Input<string> };
  /** Data-plane authentication modes. Defaults to `["AAD"]` (Entra ID only, no shared keys). */
  readonly allowedAuthenticationModes?: BatchAuthenticationMode[];
  /** Defaults to Disabled when private endpoints are given and no IP rules are, Enabled otherwise. */
  readonly publicNetworkAccess?: "Enabled" | "Disabled" | "SecuredByPerimeter";
  /** IP rules for the account and node-management endpoints (only with public network access). Defaults to none. */
  readonly networkProfile?: {
    readonly accountAccess?: BatchEndpointAccess;
    readonly nodeManagementAccess?: BatchEndpointAccess;
  };
  /**
   * Customer-managed key: `{ keySource: "Microsoft.KeyVault", keyVaultProperties: { keyIdentifier } }`, the key's URL
   * with or without a version. The account's user-assigned identity reads the key (grant it `Key Vault Crypto Service
   * Encryption User` on the key first): a system-assigned identity only exists once the account does, too late for
   * a key set at creation. Defaults to Microsoft-managed keys.
   */
  readonly encryption?: types.input.batch.EncryptionPropertiesArgs;
  /** Applications (for application packages), keyed by application id. Defaults to none. */
  readonly applications?: Record<string, BatchApplication>;
  /** Pools keyed by pool id. Defaults to none. */
  readonly pools?: Record<string, BatchAccountPool>;
}

const IP_RULE = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;

/** The identity the account gets: the given one, else system-assigned when auto-storage uses it. */
function effectiveIdentities(args: BatchAccountArgs): CommonResourceArgs["managedIdentities"] {
  if (args.managedIdentities) return args.managedIdentities;
  const mode = args.autoStorage?.authenticationMode ?? "BatchAccountManagedIdentity";
  return args.autoStorage && mode === "BatchAccountManagedIdentity" ? { systemAssigned: true } : undefined;
}

function hasIpRules(args: BatchAccountArgs): boolean {
  const p = args.networkProfile;
  return (
    Object.keys(p?.accountAccess?.ipRules ?? {}).length + Object.keys(p?.nodeManagementAccess?.ipRules ?? {}).length > 0
  );
}

/** Customer-managed key: a key URL, and an identity that can be granted on the key before the account exists. */
function validateEncryption(args: BatchAccountArgs): (Violation | undefined)[] {
  const enc = args.encryption;
  if (!enc || (enc.keySource !== undefined && !isKnown(enc.keySource))) return [];
  const props = enc.keyVaultProperties as types.input.batch.KeyVaultPropertiesArgs | undefined;
  const found: (Violation | undefined)[] = [
    oneOf("encryption.keySource", enc.keySource as string | undefined, ["Microsoft.Batch", "Microsoft.KeyVault"]),
  ];
  if (enc.keySource !== "Microsoft.KeyVault") {
    if (props !== undefined && (enc.keySource ?? "Microsoft.Batch") === "Microsoft.Batch") {
      found.push(
        warning(
          "encryption.keyVaultProperties",
          props,
          `has no effect: keySource is ${enc.keySource ?? "not set (Microsoft.Batch)"}, Microsoft-managed keys; set keySource: Microsoft.KeyVault to use the key`,
        ),
      );
    }
    return found;
  }
  const key = props?.keyIdentifier as pulumi.Input<string> | undefined;
  found.push(
    requireValue(
      "encryption.keyVaultProperties.keyIdentifier",
      key,
      "is required with keySource Microsoft.KeyVault: the key's URL, https://<vault>.vault.azure.net/keys/<name>[/<version>]",
    ),
  );
  found.push(
    matches(
      "encryption.keyVaultProperties.keyIdentifier",
      key,
      batchLimits.keyIdentifier,
      "a Key Vault key URL, https://<vault>.vault.azure.net/keys/<name>[/<version>]",
    ),
  );
  const identities = effectiveIdentities(args);
  if (Object.keys(identities?.userAssignedResourceIds ?? {}).length === 0) {
    found.push(
      violation(
        "managedIdentities",
        identities,
        identities?.systemAssigned
          ? "is system-assigned, which Azure creates with the account: it cannot be granted on the key before the account is created with it; give the account a user-assigned identity granted on the key"
          : "must give the account a user-assigned identity to read the customer-managed key (encryption.keySource Microsoft.KeyVault)",
      ),
    );
  }
  return found;
}

/** The auto-storage node identity works only on pools whose nodes carry it (PN `nodeIdentityReference`). */
function validateNodeIdentity(args: BatchAccountArgs): (Violation | undefined)[] {
  const id = args.autoStorage?.nodeIdentityResourceId;
  if (!isKnown(id)) return [];
  const found = [armId("autoStorage.nodeIdentityResourceId", id, "Microsoft.ManagedIdentity/userAssignedIdentities")];
  const pools = Object.values(args.pools ?? {});
  const carried = (p: BatchAccountPool) =>
    Object.values(p.userAssignedIdentities ?? {}).some((u) => !isKnown(u) || u.toLowerCase() === id.toLowerCase());
  if (pools.length > 0 && !pools.some(carried)) {
    found.push(
      warning(
        "autoStorage.nodeIdentityResourceId",
        id,
        "has no effect yet: no pool of this account gives its nodes this identity (pools.<key>.userAssignedIdentities), so no node reaches auto-storage with it",
      ),
    );
  }
  return found;
}

/** Validates BatchAccountArgs, its applications and its pools. Pure; exported for tests. */
export function validateBatchAccountArgs(args: BatchAccountArgs): Violation[] {
  const found: (Violation | undefined)[] = [...validateCommonArgs(args, "Microsoft.Batch/batchAccounts")];
  found.push(matches("accountName", args.accountName, batchLimits.accountName, azureNameRules.batchAccount.says));
  found.push(oneOf("poolAllocationMode", args.poolAllocationMode, ["BatchService", "UserSubscription"]));
  const modes = args.allowedAuthenticationModes ?? ["AAD"];
  if (args.allowedAuthenticationModes && modes.length === 0) {
    found.push(
      violation(
        "allowedAuthenticationModes",
        modes,
        'is empty; allowed: "AAD", "SharedKey", "TaskAuthenticationToken"',
      ),
    );
  }
  modes.forEach((m, i) =>
    found.push(oneOf(`allowedAuthenticationModes[${i}]`, m, ["AAD", "SharedKey", "TaskAuthenticationToken"])),
  );
  if (args.poolAllocationMode === "UserSubscription") {
    if (!args.keyVaultReference) {
      found.push(
        violation(
          "keyVaultReference",
          undefined,
          "is required with poolAllocationMode UserSubscription ({ id, url } of a Key Vault)",
        ),
      );
    }
    if (modes.includes("SharedKey")) {
      found.push(
        violation(
          "allowedAuthenticationModes",
          modes,
          "includes SharedKey, which UserSubscription accounts do not support (Entra ID only)",
        ),
      );
    }
  }
  found.push(armId("keyVaultReference.id", args.keyVaultReference?.id, "Microsoft.KeyVault/vaults"));
  found.push(oneOf("publicNetworkAccess", args.publicNetworkAccess, ["Enabled", "Disabled", "SecuredByPerimeter"]));

  const m = args.managedIdentities;
  if (m?.systemAssigned && Object.keys(m.userAssignedResourceIds ?? {}).length > 0) {
    found.push(
      violation(
        "managedIdentities",
        m,
        "sets both system- and user-assigned identities; a Batch account takes one type (SystemAssigned or UserAssigned)",
      ),
    );
  }
  found.push(...validateEncryption(args));
  if (args.autoStorage) {
    found.push(...validateNodeIdentity(args));
    const mode = args.autoStorage.authenticationMode ?? "BatchAccountManagedIdentity";
    found.push(oneOf("autoStorage.authenticationMode", mode, ["BatchAccountManagedIdentity", "StorageKeys"]));
    found.push(
      armId("autoStorage.storageAccountId", args.autoStorage.storageAccountId, "Microsoft.Storage/storageAccounts"),
    );
    const identities = effectiveIdentities(args);
    if (mode === "BatchAccountManagedIdentity" && !identities?.systemAssigned) {
      if (Object.keys(identities?.userAssignedResourceIds ?? {}).length === 0) {
        found.push(
          violation(
            "managedIdentities",
            identities,
            "must give the account an identity: autoStorage uses BatchAccountManagedIdentity",
          ),
        );
      } else if (args.autoStorage.identityPrincipalId === undefined) {
        found.push(
          violation(
            "autoStorage.identityPrincipalId",
            undefined,
            "is required with a user-assigned identity: the component grants it Storage Blob Data Contributor on the auto-storage account",
          ),
        );
      }
    }
  }

  const pna = defaultPublicNetworkAccess(
    args.publicNetworkAccess === "SecuredByPerimeter" ? undefined : args.publicNetworkAccess,
    Object.keys(args.privateEndpoints ?? {}).length > 0,
    hasIpRules(args),
  );
  // Azure accepts the profile and applies it only to public access (README "Errors and warnings"): a warning.
  if (args.networkProfile && (args.publicNetworkAccess ?? pna) !== "Enabled") {
    found.push(
      warning(
        "networkProfile",
        args.networkProfile,
        `has no effect while publicNetworkAccess is ${args.publicNetworkAccess ?? pna}; it applies only when Enabled`,
      ),
    );
  }
  for (const side of ["accountAccess", "nodeManagementAccess"] as const) {
    const access = args.networkProfile?.[side];
    if (!access) continue;
    found.push(oneOf(`networkProfile.${side}.defaultAction`, access.defaultAction, ["Allow", "Deny"]));
    found.push(...mapKeys(`networkProfile.${side}.ipRules`, access.ipRules));
    for (const [k, ip] of Object.entries(access.ipRules ?? {})) {
      found.push(matches(`networkProfile.${side}.ipRules.${k}`, ip, IP_RULE, "an IPv4 address or CIDR range"));
    }
  }

  found.push(...mapKeys("applications", args.applications));
  for (const [key, app] of Object.entries(args.applications ?? {})) {
    found.push(
      matches(
        `applications.${key}`,
        key,
        batchLimits.applicationName,
        "an application id: 1-64 letters, digits, '-' or '_'",
      ),
    );
    found.push(...mapKeys(`applications.${key}.versions`, app.versions));
    if (isKnown(app.defaultVersion) && !(app.defaultVersion in (app.versions ?? {}))) {
      found.push(
        violation(
          `applications.${key}.defaultVersion`,
          app.defaultVersion,
          `is not one of its versions: ${Object.keys(app.versions ?? {}).join(", ") || "(none)"}`,
        ),
      );
    }
  }
  if (Object.keys(args.applications ?? {}).length > 0 && !args.autoStorage) {
    found.push(
      violation(
        "applications",
        Object.keys(args.applications ?? {}),
        "need an auto-storage account (autoStorage) to hold the packages",
      ),
    );
  }

  found.push(...mapKeys("pools", args.pools));
  for (const [key, pool] of Object.entries(args.pools ?? {})) {
    const { applicationPackages, ...options } = pool;
    found.push(...validateBatchPoolOptions({ ...options, poolName: options.poolName ?? key }, `pools.${key}.`));
    for (const [app, ref] of Object.entries(applicationPackages ?? {})) {
      const declared = args.applications?.[app];
      if (!declared) {
        found.push(
          violation(
            `pools.${key}.applicationPackages.${app}`,
            app,
            `names no application of this account; declared: ${Object.keys(args.applications ?? {}).join(", ") || "(none)"}`,
          ),
        );
      } else if (ref.version !== undefined && !(ref.version in (declared.versions ?? {}))) {
        found.push(
          violation(
            `pools.${key}.applicationPackages.${app}.version`,
            ref.version,
            `is not a version of ${app}: ${Object.keys(declared.versions ?? {}).join(", ") || "(none)"}`,
          ),
        );
      }
    }
    const count = Object.keys(applicationPackages ?? {}).length;
    if (count > batchLimits.maxApplicationPackagesPerPool) {
      found.push(
        violation(
          `pools.${key}.applicationPackages`,
          count,
          `references ${count} packages; a pool takes at most ${batchLimits.maxApplicationPackagesPerPool}`,
        ),
      );
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * A Batch account with secure defaults (Entra ID only, identity-based auto-storage, public access off with private
 * endpoints), its applications and its pools. Jobs and tasks are data-plane objects: submit them against
 * `endpoint` and a pool's `poolId` (see components/batch/README.md).
 */
export class BatchAccount extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  /** Data-plane endpoint, `https://<account>.<region>.batch.azure.com`: where jobs and tasks are submitted. */
  public readonly endpoint: pulumi.Output<string>;
  public readonly account: batch.BatchAccount;
  /** Principal id of the system-assigned identity, when it has one. */
  public readonly systemAssignedPrincipalId: pulumi.Output<string | undefined>;
  public readonly applications: Record<string, batch.Application> = {};
  public readonly pools: Record<string, BatchPool> = {};
  /** The auto-storage grant, when the component made one. */
  public readonly autoStorageRoleAssignment?: authorization.RoleAssignment;

  constructor(name: string, args: BatchAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:batch:BatchAccount", name, {}, opts);
    throwIfInvalid(`azint:batch:BatchAccount ${name}`, validateBatchAccountArgs(args));
    const identities = effectiveIdentities(args);
    const identity = toManagedServiceIdentity(identities) as types.input.batch.BatchAccountIdentityArgs | undefined;
    const hasPe = Object.keys(args.privateEndpoints ?? {}).length > 0;
    const storageMode = args.autoStorage
      ? (args.autoStorage.authenticationMode ?? "BatchAccountManagedIdentity")
      : undefined;
    const access = (a: BatchEndpointAccess | undefined) =>
      a && {
        defaultAction: a.defaultAction,
        ipRules: sortedValues(a.ipRules).map((value) => ({ action: "Allow" as const, value })),
      };

    this.account = new batch.BatchAccount(
      childName(name, "account"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        accountName: args.accountName,
        identity,
        autoStorage: args.autoStorage && {
          storageAccountId: args.autoStorage.storageAccountId,
          authenticationMode: storageMode,
          nodeIdentityReference: args.autoStorage.nodeIdentityResourceId
            ? { resourceId: args.autoStorage.nodeIdentityResourceId }
            : undefined,
        },
        poolAllocationMode: args.poolAllocationMode ?? "BatchService",
        keyVaultReference: args.keyVaultReference,
        allowedAuthenticationModes: args.allowedAuthenticationModes ?? ["AAD"],
        publicNetworkAccess: args.publicNetworkAccess ?? defaultPublicNetworkAccess(undefined, hasPe, hasIpRules(args)),
        networkProfile: args.networkProfile && {
          accountAccess: access(args.networkProfile.accountAccess),
          nodeManagementAccess: access(args.networkProfile.nodeManagementAccess),
        },
        encryption: args.encryption,
        tags: args.tags,
      },
      { parent: this, protect: args.protect },
    );
    this.systemAssignedPrincipalId = this.account.identity.apply((i) => i?.principalId);

    // Least privilege for identity-based auto-storage: Storage Blob Data Contributor on the storage account (Batch
    // creates and writes its own containers there, so no narrower scope works); applications and pools wait for it.
    const dependsOn: pulumi.Resource[] = [this.account];
    if (args.autoStorage && storageMode === "BatchAccountManagedIdentity") {
      const principalId = identities?.systemAssigned
        ? this.account.identity.apply((i) => i?.principalId ?? "")
        : args.autoStorage.identityPrincipalId!;
      this.autoStorageRoleAssignment = createRoleAssignment(
        childName(name, "ra-autostorage"),
        {
          scope: args.autoStorage.storageAccountId,
          role: "Storage Blob Data Contributor",
          principalId,
          principalType: "ServicePrincipal",
          description: `Batch account ${name}: auto-storage access with its managed identity`,
        },
        { parent: this },
      );
      dependsOn.push(this.autoStorageRoleAssignment);
    }

    const versions: Record<string, Record<string, batch.ApplicationPackage>> = {};
    for (const [key, app] of Object.entries(args.applications ?? {})) {
      const application = new batch.Application(
        childName(name, "app", key),
        {
          resourceGroupName: args.resourceGroupName,
          accountName: this.account.name,
          applicationName: key,
          displayName: app.displayName,
          allowUpdates: app.allowUpdates ?? false,
          defaultVersion: app.defaultVersion,
        },
        { parent: this, dependsOn },
      );
      this.applications[key] = application;
      versions[key] = {};
      for (const version of Object.keys(app.versions ?? {})) {
        versions[key][version] = new batch.ApplicationPackage(
          childName(name, "app", key, version),
          {
            resourceGroupName: args.resourceGroupName,
            accountName: this.account.name,
            applicationName: application.name,
            versionName: version,
          },
          { parent: this },
        );
      }
    }

    for (const [key, pool] of Object.entries(args.pools ?? {})) {
      const { applicationPackages, ...options } = pool;
      const packages = Object.fromEntries(
        Object.entries(applicationPackages ?? {}).map(([app, ref]) => [
          app,
          { id: this.applications[app].id, version: ref.version },
        ]),
      );
      const packageDeps = Object.entries(applicationPackages ?? {}).flatMap(([app, ref]) =>
        ref.version ? [versions[app][ref.version]] : [],
      );
      this.pools[key] = new BatchPool(
        childName(name, "pool", key),
        {
          ...options,
          poolName: options.poolName ?? key,
          applicationPackages: applicationPackages ? packages : undefined,
          resourceGroupName: args.resourceGroupName,
          accountName: this.account.name,
          tags: options.tags ?? args.tags,
          protect: args.protect,
        },
        { parent: this, dependsOn: [...dependsOn, ...packageDeps] },
      );
    }

    applyExtensions(
      this,
      name,
      { id: this.account.id, resourceType: "Microsoft.Batch/batchAccounts", resource: this.account },
      args,
    );
    this.id = this.account.id;
    this.name = this.account.name;
    this.endpoint = this.account.accountEndpoint.apply((e) => `https://${e}`);
    this.registerOutputs({ id: this.id, name: this.name, endpoint: this.endpoint });
  }
}
