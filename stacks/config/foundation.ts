import { z } from "zod";
import { azureNameRules } from "../../components/core/azureNames";
import { Violation } from "../../components/core/errors";
import { StorageAccountArgs, validateStorageAccountArgs } from "../../components/storage/StorageAccount";
import { keyed, keySchema, privateEndpointSchema, roleAssignmentSchema, tagsSchema } from "./common";
import { storageLimits } from "../../components/storage/limits";
import { PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import type { StackConfig } from "./schema";
import { CONTAINER_REF, containerIdShape, isArmId } from "./targets";

/** User-assigned managed identities for applications and services, keyed (`identities.orders-app`). */
export const identitiesSchema = keyed(
  z.strictObject({
    /** Resource name. Defaults to `id-<key>-<environment>` (docs/naming.md). */
    name: z
      .string()
      .regex(azureNameRules.userAssignedIdentity.pattern, azureNameRules.userAssignedIdentity.says)
      .optional(),
  }),
);

/** Blob and container soft-delete retention in days (the storage limits table). */
const retentionDays = z
  .number()
  .int()
  .min(storageLimits.deleteRetentionDays.min)
  .max(storageLimits.deleteRetentionDays.max);

/** Storage accounts (dead-letter containers, capture, checkpoints, Batch auto-storage), keyed. @argsType {@link StorageAccountArgs} */
export const storageSchema = keyed(
  z.strictObject({
    /** Globally unique account name, 3-24 lowercase letters and digits. Defaults to a derived name. */
    name: z
      .string()
      .regex(azureNameRules.storageAccount.pattern, `storage account names are ${azureNameRules.storageAccount.says}`)
      .optional(),
    /** Replication. Defaults to Standard_LRS in dev, Standard_ZRS elsewhere. */
    sku: z.enum([...storageLimits.standardSkus, ...storageLimits.premiumSkus]).optional(),
    /** Hierarchical namespace (Data Lake Gen2). Defaults to false. */
    dataLake: z.boolean().optional(),
    /** Default access tier of the blobs: `Hot`, `Cool` or `Cold` (standard SKUs only). Defaults to Azure's (`Hot`). */
    accessTier: z.enum(storageLimits.accessTiers).optional(),
    /** Tags on the account, added to the stack's `tags`. Defaults to none. */
    tags: tagsSchema.optional(),
    /** Blob versioning. Defaults to true (false for data lakes, where Azure does not offer it). */
    versioning: z.boolean().optional(),
    /** Days deleted blobs (and containers) are kept, 1-365. Defaults to 7 (the ALZ minimum). */
    softDeleteRetentionDays: retentionDays.optional(),
    containerSoftDeleteRetentionDays: retentionDays.optional(),
    /** The blob change feed: `{ enabled, retentionInDays? }` (1-146000 days; none keeps it for ever). Defaults to off. */
    changeFeed: z
      .strictObject({
        enabled: z.boolean(),
        retentionInDays: z
          .number()
          .int()
          .min(storageLimits.changeFeedRetentionDays.min)
          .max(storageLimits.changeFeedRetentionDays.max)
          .optional(),
      })
      .optional(),
    /** Blob containers, keyed; the key is the container name. Data roles are scoped to the container. */
    containers: keyed(
      z.strictObject({
        /**
         * Role assignments scoped to the container (built-in roles only: storage is built before `rbac`, so `custom:`
         * roles are not available here). Defaults to none.
         */
        roleAssignments: keyed(roleAssignmentSchema).optional(),
        /**
         * Time-based retention (WORM), created unlocked: `{ immutabilityPeriodSinceCreationInDays,
         * allowProtectedAppendWrites?, allowProtectedAppendWritesAll? }`. Defaults to none.
         */
        immutabilityPolicy: z
          .strictObject({
            immutabilityPeriodSinceCreationInDays: z
              .number()
              .int()
              .min(storageLimits.immutabilityPeriodDays.min)
              .max(storageLimits.immutabilityPeriodDays.max),
            allowProtectedAppendWrites: z.boolean().optional(),
            allowProtectedAppendWritesAll: z.boolean().optional(),
          })
          .optional(),
      }),
    ).optional(),
    /** Storage queues, keyed; the key is the queue name. Data roles are scoped to the queue. */
    queues: keyed(
      z.strictObject({
        /** Role assignments scoped to the queue (built-in roles only). Defaults to none. */
        roleAssignments: keyed(roleAssignmentSchema).optional(),
      }),
    ).optional(),
    /**
     * Public network access. With private endpoints, `Enabled` keeps a firewall that denies every network and lets
     * trusted Azure services through (Event Hubs Capture, Event Grid dead-letter and queue delivery), which `Disabled`
     * shuts out. Defaults to Disabled when private endpoints are given, Enabled otherwise.
     */
    publicNetworkAccess: z.enum(["Enabled", "Disabled"]).optional(),
    /** Private endpoints (the shared shape); storage has several sub-resources, so `groupId` is required. */
    privateEndpoints: keyed(
      privateEndpointSchema.extend({
        /** The storage service the endpoint connects to: `blob`, `queue` or `dfs` (Data Lake). */
        groupId: z.enum(["blob", "queue", "dfs"]),
      }),
    ).optional(),
  }),
);

export const monitoringSchema = z.strictObject({
  /** A Log Analytics workspace that every component's diagnostic settings point to. Defaults to off. */
  logAnalytics: z
    .strictObject({
      /** Retention in days, 30-730. Defaults to 30. */
      retentionInDays: z.number().int().min(30).max(730).optional(),
    })
    .optional(),
});

/** A reference to a storage container in config: `<storage key>/<container key>`, or a container id outside the stack. */
export const containerRefSchema = z
  .string()
  .regex(CONTAINER_REF, `expected '<storage account key>/<container key>' or a container id (${containerIdShape})`);

export function checkContainerRef(
  path: string,
  ref: string | undefined,
  storage: z.infer<typeof storageSchema> | undefined,
): Violation | undefined {
  if (ref === undefined) return undefined;
  // A container outside the stack: its shape is checked by the schema; that it exists is Azure's to say.
  if (isArmId(ref)) return undefined;
  const [account, container] = ref.split("/");
  const known = Object.entries(storage ?? {}).flatMap(([a, s]) =>
    Object.keys(s.containers ?? {}).map((c) => `${a}/${c}`),
  );
  if (storage?.[account]?.containers?.[container]) return undefined;
  return {
    path,
    value: ref,
    message: `names no container declared under 'storage'; declared: ${known.join(", ") || "(none)"}`,
  };
}

export function checkIdentityRef(
  path: string,
  key: string | undefined,
  identities: z.infer<typeof identitiesSchema> | undefined,
): Violation | undefined {
  if (key === undefined || identities?.[key]) return undefined;
  return {
    path,
    value: key,
    message: `names no identity declared under 'identities'; declared: ${Object.keys(identities ?? {}).join(", ") || "(none)"}`,
  };
}

export type StorageConfig = z.infer<typeof storageSchema>[string];

/** One `storage.<key>` as StorageAccount args (the builder with real references, the check with placeholders). */
export function storageAccountArgs(
  cfg: StorageConfig,
  r: StackResolver,
  key: string,
  path: string = `storage.${key}.`,
): StorageAccountArgs {
  // Config differs from the args in `name` (accountName), the environment's default SKU, role principals by key and
  // the shared keys (tags, private endpoints) that r.common maps; the rest (dataLake, publicNetworkAccess, accessTier,
  // versioning, soft delete, changeFeed, container immutability) passes through.
  const { name, sku, containers, queues, tags, privateEndpoints, ...passThrough } = cfg;
  void (true satisfies PassesThrough<typeof passThrough, StorageAccountArgs>);
  // Data roles on one container or queue (e.g. a Batch pool's identity on its work queue), never the account.
  const scoped = (items: StorageConfig["containers"], kind: "containers" | "queues") =>
    items &&
    Object.fromEntries(
      Object.entries(items).map(([k, v]) => [
        k,
        { ...v, roleAssignments: r.roleAssignments(v.roleAssignments, `${path}${kind}.${k}.roleAssignments`) },
      ]),
    );
  return {
    // Storage accounts take metrics-only diagnostics at account level (logs live on the blob service): none here.
    ...r.common({ tags, privateEndpoints, diagnostics: false }, "Microsoft.Storage/storageAccounts", true, path),
    ...passThrough,
    accountName: name ?? r.azureName("storageAccount", key),
    sku: sku ?? (r.environment === "dev" ? "Standard_LRS" : "Standard_ZRS"),
    containers: scoped(containers, "containers"),
    queues: scoped(queues, "queues"),
  };
}

/** Runs the storage component's validator on every `storage.<key>` (names, container and queue roles). */
export function storageCrossCheck(config: StackConfig, check: CheckContext): Violation[] {
  const found: Violation[] = [];
  const r = placeholderResolver(config, check.location, (v) => found.push(v));
  for (const [key, cfg] of Object.entries(config.storage ?? {})) {
    const path = `storage.${key}.`;
    for (const v of validateStorageAccountArgs(storageAccountArgs(cfg, r, key, path))) {
      found.push({ ...v, path: `${path}${v.path}` });
    }
  }
  return found;
}

export { keySchema };
