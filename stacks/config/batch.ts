import { z } from "zod";
import type { CommonResourceArgs } from "../../components/core/interfaces";
import type { Violation } from "../../components/core/errors";
import { BatchAccountArgs, validateBatchAccountArgs } from "../../components/batch/BatchAccount";
import { commonResourceShape, keyed, keySchema } from "./common";
import { checkIdentityRef } from "./foundation";
import { ArgPaths, configPathOf } from "./argPaths";
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
    /** Defaults to `latest`. */
    version: z.string().optional(),
    id: z.string().optional(),
  }),
  /** Node agent SKU matching the image, e.g. `batch.node.ubuntu 22.04`, `batch.node.windows amd64`. */
  nodeAgentSkuId: z.string().min(1),
  /** Windows images only. */
  windowsConfiguration: z.strictObject({ enableAutomaticUpdates: z.boolean().optional() }).optional(),
  /** Exactly one of fixedScale and autoScale. */
  scaleSettings: z.strictObject({
    fixedScale: z
      .strictObject({
        targetDedicatedNodes: count.optional(),
        targetLowPriorityNodes: count.optional(),
        resizeTimeout: z.string().optional(),
        nodeDeallocationOption: z.enum(["Requeue", "Terminate", "TaskCompletion", "RetainedData"]).optional(),
      })
      .optional(),
    autoScale: z
      .strictObject({
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
          autoUser: z
            .strictObject({
              elevationLevel: z.enum(["NonAdmin", "Admin"]).optional(),
              scope: z.enum(["Task", "Pool"]).optional(),
            })
            .optional(),
          userName: z.string().optional(),
        })
        .optional(),
      environmentSettings: z.record(z.string(), z.string()).optional(),
      resourceFiles: keyed(
        z.strictObject({
          httpUrl: z.string().optional(),
          autoStorageContainerName: z.string().optional(),
          storageContainerUrl: z.string().optional(),
          blobPrefix: z.string().optional(),
          filePath: z.string().optional(),
          fileMode: z.string().optional(),
        }),
      ).optional(),
      maxTaskRetryCount: z.number().int().optional(),
      waitForSuccess: z.boolean().optional(),
    })
    .optional(),
  taskSlotsPerNode: z.number().int().optional(),
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
  /** Defaults to Simplified. */
  targetNodeCommunicationMode: z.enum(["Default", "Classic", "Simplified"]).optional(),
  /** By application key of this account. */
  applicationPackages: keyed(z.strictObject({ version: z.string().optional() })).optional(),
  /** Stack identities (keys of `identities`) given to the nodes. */
  identities: keyed(z.strictObject({})).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  interNodeCommunication: z.enum(["Enabled", "Disabled"]).optional(),
  tags: commonResourceShape.tags,
});
export type BatchPoolConfig = z.infer<typeof poolSchema>;

const accountSchema = z.strictObject({
  ...commonResourceShape,
  /** 3-24 lowercase letters and digits. Defaults to `ba<key><environment>` plus a stable suffix. */
  name: z.string().optional(),
  /** A `storage` key: the auto-storage account. Defaults to none. */
  autoStorage: keySchema.optional(),
  /** Defaults to BatchAccountManagedIdentity (Entra ID; the grant is made by the component). */
  autoStorageAuthentication: z.enum(["BatchAccountManagedIdentity", "StorageKeys"]).optional(),
  /** An `identities` key: a user-assigned identity instead of the default system-assigned one. */
  identity: keySchema.optional(),
  /** Defaults to BatchService. */
  poolAllocationMode: z.enum(["BatchService", "UserSubscription"]).optional(),
  /** Key Vault for UserSubscription. */
  keyVault: z.strictObject({ id: armIdString, url: z.string().url() }).optional(),
  /** Defaults to [AAD]. */
  allowedAuthenticationModes: z.array(z.enum(["AAD", "SharedKey", "TaskAuthenticationToken"])).optional(),
  /** Defaults to Disabled with private endpoints, Enabled otherwise. */
  publicNetworkAccess: z.enum(["Enabled", "Disabled", "SecuredByPerimeter"]).optional(),
  networkProfile: z
    .strictObject({
      accountAccess: endpointAccessSchema.optional(),
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
  ["autoStorage.identityPrincipalId", "identity"],
  ["managedIdentities", "identity"],
  ["keyVaultReference", "keyVault"],
  ["pools.*.networkConfiguration.subnetId", "pools.*.networkConfiguration.subnet"],
  ["pools.*.poolName", "pools.*.name"],
  ["pools.*.userAssignedIdentities", "pools.*.identities"],
];

/** The component args for one account's config, with `resolve` supplying ids (placeholders or real refs). */
export function batchAccountArgs(
  cfg: BatchAccountConfig,
  r: StackResolver,
  path: string,
): Omit<BatchAccountArgs, keyof CommonResourceArgs> & Pick<BatchAccountArgs, "managedIdentities"> {
  const userIdentity = cfg.identity ? r.identity(cfg.identity, `${path}identity`) : undefined;
  return {
    accountName: cfg.name,
    managedIdentities: userIdentity ? { userAssignedResourceIds: { [cfg.identity!]: userIdentity.id } } : undefined,
    autoStorage: cfg.autoStorage
      ? {
          storageAccountId: r.storageAccount(cfg.autoStorage, `${path}autoStorage`),
          authenticationMode: cfg.autoStorageAuthentication,
          identityPrincipalId: userIdentity?.principalId,
        }
      : undefined,
    poolAllocationMode: cfg.poolAllocationMode,
    keyVaultReference: cfg.keyVault,
    allowedAuthenticationModes: cfg.allowedAuthenticationModes,
    publicNetworkAccess: cfg.publicNetworkAccess,
    networkProfile: cfg.networkProfile,
    applications: cfg.applications,
    pools: Object.fromEntries(
      Object.entries(cfg.pools ?? {}).map(([key, p]) => {
        const { name, networkConfiguration: net, identities, ...rest } = p;
        return [
          key,
          {
            ...rest,
            poolName: name ?? key,
            networkConfiguration: net && {
              subnetId:
                net.subnet === undefined
                  ? undefined
                  : r.subnet(net.subnet, `${path}pools.${key}.networkConfiguration.subnet`),
              publicIPAddressProvisioning: net.publicIPAddressProvisioning,
              ipAddressIds: net.ipAddressIds,
              enableAcceleratedNetworking: net.enableAcceleratedNetworking,
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
    const idRef = checkIdentityRef(`${path}identity`, cfg.identity, config.identities);
    if (idRef) found.push(idRef);
    for (const [poolKey, pool] of Object.entries(cfg.pools ?? {})) {
      for (const id of Object.keys(pool.identities ?? {})) {
        const v = checkIdentityRef(`${path}pools.${poolKey}.identities.${id}`, id, config.identities);
        if (v) found.push(v);
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
    for (const v of validateBatchAccountArgs({
      ...r.common(cfg, "Microsoft.Batch/batchAccounts", true, path),
      ...batchAccountArgs(cfg, r, path),
    })) {
      found.push({ ...v, path: `${path}${configPathOf(accountArgPaths, v.path)}` });
    }
  }
  return found;
}
