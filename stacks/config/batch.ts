import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import { BatchAccountArgs, BatchAccountPool, validateBatchAccountArgs } from "../../components/batch/BatchAccount";
import {
  commonResourceShape,
  identityIds,
  keyed,
  keySchema,
  managedIdentitiesSchema,
  userAssignedIdentities,
} from "./common";
import { sortedValues } from "../../components/core/collections";
import { batchLimits } from "../../components/batch/limits";
import { checkIdentityRef, storageAccountArgs } from "./foundation";
import { ArgPaths, configPathOf } from "./argPaths";
import { omit, omitShared, PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import type { StackConfig } from "./schema";

const count = z.number().int().nonnegative();
const armIdString = z
  .string()
  .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i, "expected a full ARM resource id");

const endpointAccessSchema = z.strictObject({
  defaultAction: z.enum(["Allow", "Deny"]),
  /** Allowed IPv4 addresses or CIDR ranges, keyed. */
  ipRules: keyed(z.string()).optional(),
});

const poolSchema = z.strictObject({
  /** Pool id. Defaults to the key. */
  name: z.string().optional(),
  displayName: z.string().optional(),
  /** VM size, e.g. Standard_D2s_v3. */
  vmSize: z.string().min(1),
  /** Marketplace image (publisher, offer, sku, version) or a gallery image `id`, not both. */
  imageReference: z.strictObject({
    publisher: z.string().optional(),
    offer: z.string().optional(),
    sku: z.string().optional(),
    /** The image version. Defaults to `latest`. */
    version: z.string().optional(),
    id: z.string().optional(),
  }),
  /** Node agent SKU matching the image, e.g. `batch.node.ubuntu 22.04`, `batch.node.windows amd64`. */
  nodeAgentSkuId: z.string().min(1),
  /** Windows images only. */
  windowsConfiguration: z
    .strictObject({
      /** Windows Update on the nodes. Defaults to Azure's (true). */
      enableAutomaticUpdates: z.boolean().optional(),
    })
    .optional(),
  /** Exactly one of fixedScale and autoScale. */
  scaleSettings: z.strictObject({
    /** A fixed number of nodes. */
    fixedScale: z
      .strictObject({
        targetDedicatedNodes: count.optional(),
        targetLowPriorityNodes: count.optional(),
        resizeTimeout: z.string().optional(),
        nodeDeallocationOption: z.enum(["Requeue", "Terminate", "TaskCompletion", "RetainedData"]).optional(),
      })
      .optional(),
    /** Nodes sized by an autoscale formula. */
    autoScale: z
      .strictObject({
        /** The autoscale formula (`$TargetDedicatedNodes = ...`). */
        formula: z.string(),
        /** 5 min to 168 h. Defaults to PT15M. */
        evaluationInterval: z.string().optional(),
      })
      .optional(),
  }),
  startTask: z
    .strictObject({
      commandLine: z.string().optional(),
      /** Required with a start task: `autoUser.elevationLevel` (NonAdmin or Admin) or a `userName`. */
      userIdentity: z
        .strictObject({
          /** Run as an auto-user account. */
          autoUser: z
            .strictObject({
              /** `NonAdmin` or `Admin` (elevated); explicit, so that elevation is never implied. */
              elevationLevel: z.enum(["NonAdmin", "Admin"]).optional(),
              /** `Task` (a user per task) or `Pool` (one user shared by the pool's tasks). Defaults to Azure's (`Pool`). */
              scope: z.enum(["Task", "Pool"]).optional(),
            })
            .optional(),
          /** Run as this named user account of the pool. */
          userName: z.string().optional(),
        })
        .optional(),
      environmentSettings: z.record(z.string(), z.string()).optional(),
      resourceFiles: keyed(
        z.strictObject({
          /** A file URL to download (one of `httpUrl`, `autoStorageContainerName`, `storageContainerUrl`). */
          httpUrl: z.string().optional(),
          /** A container of the auto-storage account, downloaded whole (or by `blobPrefix`). */
          autoStorageContainerName: z.string().optional(),
          /** A container URL, downloaded whole (or by `blobPrefix`). */
          storageContainerUrl: z.string().optional(),
          /** Only blobs whose names start with this prefix (container sources). */
          blobPrefix: z.string().optional(),
          /** Where the file(s) go, relative to the task's working directory. */
          filePath: z.string().optional(),
          /** Octal file mode on Linux nodes (e.g. `0770`). */
          fileMode: z.string().optional(),
          /** One of the pool's `identities`: the node downloads with it (Entra ID instead of a SAS in the URL). */
          identity: keySchema.optional(),
        }),
      ).optional(),
      maxTaskRetryCount: z.number().int().min(batchLimits.minMaxTaskRetryCount).optional(),
      waitForSuccess: z.boolean().optional(),
    })
    .optional(),
  taskSlotsPerNode: z
    .number()
    .int()
    .min(batchLimits.taskSlotsPerNode.min)
    .max(batchLimits.taskSlotsPerNode.max)
    .optional(),
  taskSchedulingPolicy: z.enum(["Spread", "Pack"]).optional(),
  networkConfiguration: z
    .strictObject({
      /** A `network.subnets` key or a subnet id. */
      subnet: z.string().min(1).optional(),
      publicIPAddressProvisioning: z.enum(["BatchManaged", "UserManaged", "NoPublicIPAddresses"]).optional(),
      /** Public IP ids for UserManaged, keyed. */
      ipAddressIds: keyed(armIdString).optional(),
      enableAcceleratedNetworking: z.boolean().optional(),
    })
    .optional(),
  /** How nodes talk to the Batch service (`Simplified`: outbound only). Defaults to `Simplified`. */
  targetNodeCommunicationMode: z.enum(["Default", "Classic", "Simplified"]).optional(),
  /** By application key of this account. */
  applicationPackages: keyed(
    z.strictObject({
      /** The package version. Defaults to the application's `defaultVersion`. */
      version: z.string().optional(),
    }),
  ).optional(),
  /** Stack identities (keys of `identities`) given to the nodes. */
  identities: keyed(z.strictObject({})).optional(),
  /** Containers on the nodes (`virtualMachineOptions.containerConfiguration`). Defaults to none. */
  containerConfiguration: z
    .strictObject({
      /** The container runtime. */
      type: z.enum(["DockerCompatible", "CriCompatible"]),
      /** Images pulled onto every node when it starts. */
      containerImageNames: z.array(z.string().min(1)).optional(),
      /** Private registries, keyed; each is reached with one of the pool's `identities` (no passwords in config). */
      containerRegistries: keyed(
        z.strictObject({
          /** The registry's login server, e.g. `myregistry.azurecr.io`. */
          registryServer: z.string().min(1),
          /** One of the pool's `identities` (grant it AcrPull on the registry). */
          identity: keySchema,
        }),
      ).optional(),
    })
    .optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  interNodeCommunication: z.enum(["Enabled", "Disabled"]).optional(),
  tags: commonResourceShape.tags,
});
export type BatchPoolConfig = z.infer<typeof poolSchema>;

/** A Batch account with its pools. @argsType {@link BatchAccountArgs} */
const accountSchema = z.strictObject({
  ...commonResourceShape,
  /** 3-24 lowercase letters and digits. Defaults to `ba<key><environment>` plus a stable suffix. */
  name: z.string().optional(),
  /** A `storage` key: the auto-storage account. Defaults to none. */
  autoStorage: keySchema.optional(),
  /**
   * How Batch reaches the auto-storage account: its managed identity gets Storage Blob Data Contributor on the account
   * (Entra ID), or shared keys. Defaults to `BatchAccountManagedIdentity`.
   */
  autoStorageAuthentication: z.enum(["BatchAccountManagedIdentity", "StorageKeys"]).optional(),
  /**
   * The account's managed identities: `{ systemAssigned, userAssigned: [<identities key>] }`. A Batch account takes
   * one identity type; the stack gives it at most one user-assigned identity (granted on auto-storage, reading the
   * customer-managed key).
   * Defaults to system-assigned when auto-storage uses the account's identity and no user-assigned one is given, else
   * none. Not system-assigned with a customer-managed key (it exists only once the account does, too late to be
   * granted on the key).
   */
  managedIdentities: managedIdentitiesSchema.optional(),
  /**
   * An `identities` key: the identity pool nodes use to reach auto-storage (`autoStorage.nodeIdentityReference`).
   * Give it to the pools that need it (`pools.<key>.identities`) and grant it data access on the storage account.
   */
  autoStorageNodeIdentity: keySchema.optional(),
  /**
   * Customer-managed key, as the component's `encryption`: `{ keySource: Microsoft.KeyVault, keyVaultProperties: {
   * keyIdentifier: https://<vault>.vault.azure.net/keys/<name>[/<version>] } }`. The account's user-assigned
   * identity reads the key (grant it Key Vault Crypto Service Encryption User on the key first). Defaults to
   * Microsoft-managed keys.
   */
  encryption: z
    .strictObject({
      /** `Microsoft.KeyVault` for the key below. Defaults to Azure's `Microsoft.Batch` (Microsoft-managed keys). */
      keySource: z.enum(["Microsoft.Batch", "Microsoft.KeyVault"]).optional(),
      /** The customer-managed key. */
      keyVaultProperties: z
        .strictObject({
          /** The key's URL, `https://<vault>.vault.azure.net/keys/<name>`, with or without `/<version>`. */
          keyIdentifier: z.string().url(),
        })
        .optional(),
    })
    .optional(),
  /** Where pool VMs live: Batch's subscription, or yours (`UserSubscription` needs `keyVault`). Defaults to `BatchService`. */
  poolAllocationMode: z.enum(["BatchService", "UserSubscription"]).optional(),
  /** Key Vault for UserSubscription. */
  keyVault: z
    .strictObject({
      /** The Key Vault's ARM id. */
      id: armIdString,
      /** The Key Vault's URL (`https://<vault>.vault.azure.net/`). */
      url: z.string().url(),
    })
    .optional(),
  /** How clients authenticate to the data plane. Defaults to `["AAD"]` (Entra ID only). */
  allowedAuthenticationModes: z.array(z.enum(["AAD", "SharedKey", "TaskAuthenticationToken"])).optional(),
  /** The public endpoint. Defaults to Disabled with private endpoints, Enabled otherwise. */
  publicNetworkAccess: z.enum(["Enabled", "Disabled", "SecuredByPerimeter"]).optional(),
  networkProfile: z
    .strictObject({
      /** Access to the account's endpoint (the Batch API). Defaults to Azure's (allow). */
      accountAccess: endpointAccessSchema.optional(),
      /** Access to the node management endpoint (simplified node communication). Defaults to Azure's (allow). */
      nodeManagementAccess: endpointAccessSchema.optional(),
    })
    .optional(),
  applications: keyed(
    z.strictObject({
      displayName: z.string().optional(),
      allowUpdates: z.boolean().optional(),
      defaultVersion: z.string().optional(),
      versions: keyed(z.strictObject({})).optional(),
    }),
  ).optional(),
  pools: keyed(poolSchema).optional(),
});
export type BatchAccountConfig = z.infer<typeof accountSchema>;

/** Batch accounts and pools (issue: Batch/RBAC/private endpoints). */
export const batchSchema = z.strictObject({
  /** Batch accounts by key. */
  accounts: keyed(accountSchema).optional(),
});

/** BatchAccountArgs set by other config keys: short names, and references by key. */
const accountArgPaths: ArgPaths = [
  ["accountName", "name"],
  ["autoStorage.authenticationMode", "autoStorageAuthentication"],
  ["autoStorage.identityPrincipalId", "managedIdentities.userAssigned"],
  ["autoStorage.nodeIdentityResourceId", "autoStorageNodeIdentity"],
  ["managedIdentities.userAssignedResourceIds", "managedIdentities.userAssigned"],
  ["keyVaultReference", "keyVault"],
  ["pools.*.networkConfiguration.subnetId", "pools.*.networkConfiguration.subnet"],
  ["pools.*.poolName", "pools.*.name"],
  ["pools.*.userAssignedIdentities", "pools.*.identities"],
];

/** The component args for one account's config, with `resolve` supplying ids (placeholders or real refs). */
export function batchAccountArgs(config: StackConfig, key: string, r: StackResolver): BatchAccountArgs {
  const cfg = config.batch!.accounts![key];
  const path = `batch.accounts.${key}.`;
  // What config sets differently (shared keys, names, references by key, the pools) is mapped below; the rest passes.
  const passThrough = omit(
    omitShared(cfg),
    "name",
    "managedIdentities",
    "autoStorage",
    "autoStorageAuthentication",
    "autoStorageNodeIdentity",
    "keyVault",
    "pools",
  );
  void (true satisfies PassesThrough<typeof passThrough, BatchAccountArgs>);
  // At most one user-assigned identity (batchCrossCheck): the one auto-storage and the customer-managed key use.
  const userIdentities = userAssignedIdentities(cfg.managedIdentities, r, `${path}managedIdentities`);
  const userIdentity = Object.values(userIdentities)[0];
  const systemAssigned = cfg.managedIdentities?.systemAssigned;
  const nodeIdentity = cfg.autoStorageNodeIdentity;
  const asked = userIdentity !== undefined || systemAssigned !== undefined;
  return {
    ...r.common(cfg, "Microsoft.Batch/batchAccounts", true, path),
    ...passThrough,
    accountName: cfg.name ?? r.azureName("batchAccount", key),
    // Unset: the component's default (system-assigned when auto-storage uses the account's identity).
    managedIdentities: asked
      ? {
          systemAssigned,
          userAssignedResourceIds: userIdentity ? identityIds(userIdentities) : undefined,
        }
      : undefined,
    autoStorage: cfg.autoStorage
      ? {
          storageAccountId: r.storageAccount(cfg.autoStorage, `${path}autoStorage`),
          authenticationMode: cfg.autoStorageAuthentication,
          identityPrincipalId: userIdentity?.principalId,
          nodeIdentityResourceId: nodeIdentity
            ? r.identity(nodeIdentity, `${path}autoStorageNodeIdentity`).id
            : undefined,
        }
      : undefined,
    keyVaultReference: cfg.keyVault,
    pools: Object.fromEntries(
      Object.entries(cfg.pools ?? {}).map(([key, p]) => {
        const { name, networkConfiguration: net, identities, containerConfiguration: containers, ...rest } = p;
        void (true satisfies PassesThrough<typeof rest, BatchAccountPool>);
        const at = `${path}pools.${key}.`;
        // Identity references by key: ids of the pool's identities (another key is reported by batchCrossCheck).
        const reference = (k: string | undefined) =>
          k !== undefined && identities?.[k] ? { resourceId: r.identity(k, `${at}identities.${k}`).id } : undefined;
        return [
          key,
          {
            ...rest,
            poolName: name ?? key,
            startTask: rest.startTask && {
              ...rest.startTask,
              resourceFiles:
                rest.startTask.resourceFiles &&
                Object.fromEntries(
                  Object.entries(rest.startTask.resourceFiles).map(([k, { identity, ...file }]) => [
                    k,
                    { ...file, identityReference: reference(identity) },
                  ]),
                ),
            },
            virtualMachineOptions: containers && {
              containerConfiguration: {
                type: containers.type,
                containerImageNames: containers.containerImageNames,
                containerRegistries:
                  containers.containerRegistries &&
                  sortedValues(containers.containerRegistries).map((c) => ({
                    registryServer: c.registryServer,
                    identityReference: reference(c.identity),
                  })),
              },
            },
            networkConfiguration: net && {
              ...omit(net, "subnet"),
              subnetId:
                net.subnet === undefined
                  ? undefined
                  : r.subnet(net.subnet, `${path}pools.${key}.networkConfiguration.subnet`),
            },
            userAssignedIdentities: identities
              ? Object.fromEntries(
                  Object.keys(identities).map((k) => [k, r.identity(k, `${path}pools.${key}.identities.${k}`).id]),
                )
              : undefined,
          },
        ];
      }),
    ),
  };
}

/** Checks across config sections (references to other keys); run after the schema passed. */
export function batchCrossCheck(config: StackConfig, check: CheckContext): Violation[] {
  const found: Violation[] = [];
  const r = placeholderResolver(config, check.location, (v) => found.push(v));
  for (const [key, cfg] of Object.entries(config.batch?.accounts ?? {})) {
    const path = `batch.accounts.${key}.`;
    if (cfg.autoStorage !== undefined && !config.storage?.[cfg.autoStorage]) {
      found.push({
        path: `${path}autoStorage`,
        value: cfg.autoStorage,
        message: `names no storage account declared under 'storage'; declared: ${Object.keys(config.storage ?? {}).join(", ") || "(none)"}`,
      });
    }
    const storage = cfg.autoStorage === undefined ? undefined : config.storage?.[cfg.autoStorage];
    // StorageKeys: Batch authorizes with the account keys, which Azure Storage rejects once shared keys are off
    // (https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent). Refused rather than
    // turning shared keys on, which would weaken the storage account behind its own config key's back.
    if (
      storage &&
      cfg.autoStorageAuthentication === "StorageKeys" &&
      storageAccountArgs(storage, r, cfg.autoStorage!).allowSharedKeyAccess !== true
    ) {
      found.push({
        path: `${path}autoStorageAuthentication`,
        value: cfg.autoStorageAuthentication,
        message: `cannot work: its auto-storage account storage.${cfg.autoStorage} has shared key access off (allowSharedKeyAccess false, the stack's storage default), so Batch cannot use its keys; use BatchAccountManagedIdentity (the default: the component grants the account's identity access)`,
      });
    }
    if (cfg.autoStorageNodeIdentity !== undefined && cfg.autoStorage === undefined) {
      found.push({
        path: `${path}autoStorageNodeIdentity`,
        value: cfg.autoStorageNodeIdentity,
        message: "has no effect without autoStorage: it is the identity nodes use to reach the auto-storage account",
        severity: "warning",
      });
    }
    const userAssigned = cfg.managedIdentities?.userAssigned ?? [];
    for (const k of userAssigned) {
      const idRef = checkIdentityRef(`${path}managedIdentities.userAssigned.${k}`, k, config.identities);
      if (idRef) found.push(idRef);
    }
    if (userAssigned.length > 1) {
      found.push({
        path: `${path}managedIdentities.userAssigned`,
        value: userAssigned,
        message:
          "lists more than one identity; a stack's Batch account takes one user-assigned identity, the one granted on auto-storage and used for the customer-managed key",
      });
    }
    for (const [poolKey, pool] of Object.entries(cfg.pools ?? {})) {
      for (const id of Object.keys(pool.identities ?? {})) {
        const v = checkIdentityRef(`${path}pools.${poolKey}.identities.${id}`, id, config.identities);
        if (v) found.push(v);
      }
      // A node can only use an identity the pool gives it (PN ComputeNodeIdentityReferenceArgs).
      const references: [string, string | undefined][] = [
        ...Object.entries(pool.startTask?.resourceFiles ?? {}).map(
          ([k, f]) => [`startTask.resourceFiles.${k}.identity`, f.identity] as [string, string | undefined],
        ),
        ...Object.entries(pool.containerConfiguration?.containerRegistries ?? {}).map(
          ([k, c]) => [`containerConfiguration.containerRegistries.${k}.identity`, c.identity] as [string, string],
        ),
      ];
      for (const [at, id] of references) {
        if (id !== undefined && !pool.identities?.[id]) {
          found.push({
            path: `${path}pools.${poolKey}.${at}`,
            value: id,
            message: `is not one of the pool's identities; add it to pools.${poolKey}.identities (declared: ${Object.keys(pool.identities ?? {}).join(", ") || "(none)"})`,
          });
        }
      }
      const subnet = pool.networkConfiguration?.subnet;
      if (subnet !== undefined && !subnet.startsWith("/subscriptions/") && !config.network?.subnets?.[subnet]) {
        found.push({
          path: `${path}pools.${poolKey}.networkConfiguration.subnet`,
          value: subnet,
          message: `names no subnet declared under 'network.subnets' and is not a subnet id; declared: ${Object.keys(config.network?.subnets ?? {}).join(", ") || "(none)"}`,
        });
      }
    }
    // The component's own rules (image/agent, scale, start task, network, auth, auto-storage, roles), with config paths.
    for (const v of validateBatchAccountArgs(batchAccountArgs(config, key, r))) {
      found.push({ ...v, path: `${path}${configPathOf(accountArgPaths, v.path)}` });
    }
  }
  return found;
}
