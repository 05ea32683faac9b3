import { z } from "zod";
import {
  boundsOverTiers,
  commonLimits,
  EventHubsTier,
  eventHubsTiers,
  tierLimits,
} from "../../components/eventhubs/limits";
import type { EventHubLoad } from "../../components/eventhubs/sizing";
import { commonResourceShape, keyed, keySchema, managedIdentitiesSchema, principalSchema } from "./common";
import { containerRefSchema } from "./foundation";
import { namespaceKeySchema, namespaceNetworkRuleSetSchema } from "./messaging";

// The `eventhubs` section's schema; eventhubs.ts maps it to the components' args and runs their validators.

const rightsSchema = z.array(z.enum(["Send", "Listen", "Manage"])).min(1);
const authorizationRulesSchema = keyed(z.strictObject({ rights: rightsSchema }));
const principals = keyed(principalSchema);

/**
 * Expected peak load of an event hub; also the IoT preset's `load`.
 * @argsType {@link EventHubLoad}
 */
export const loadSchema = z.strictObject({
  ingressMBps: z.number().nonnegative().optional(),
  ingressEventsPerSecond: z.number().nonnegative().optional(),
  egressMBps: z.number().nonnegative().optional(),
  egressEventsPerSecond: z.number().nonnegative().optional(),
}) satisfies z.ZodType<EventHubLoad>;

/** The Event Hubs tiers (components/eventhubs/limits.ts). */
export const eventHubsTierSchema = z.enum(eventHubsTiers as [EventHubsTier, ...EventHubsTier[]]);

/**
 * Absolute bounds over every tier, from the limits table: the schema rejects what no tier accepts (an editor flags
 * it); the validators give the tier-aware message for the rest.
 */
/** Seconds between capture windows (Azure's range, components/eventhubs/limits.ts). */
export const captureIntervalSchema = z
  .number()
  .int()
  .min(commonLimits.captureIntervalSeconds.min)
  .max(commonLimits.captureIntervalSeconds.max);

const hubBounds = {
  partitions: boundsOverTiers((l) => l.maxPartitionsPerHub),
  retentionHours: boundsOverTiers((l) => l.maxRetentionHours),
  retentionDays: boundsOverTiers((l) => l.maxRetentionHours / 24),
  /** A namespace's capacity: TUs, PUs (a Dedicated namespace takes none, its cluster's CUs size it). */
  units: boundsOverTiers(
    (l) => l.allowedUnits,
    eventHubsTiers.filter((t) => t !== "Dedicated"),
  ),
  autoInflateUnits: boundsOverTiers(
    (l) => l.allowedUnits,
    eventHubsTiers.filter((t) => tierLimits[t].autoInflate),
  ),
  clusterUnits: boundsOverTiers((l) => l.allowedUnits, ["Dedicated"]),
};

/** An event hub. @argsType components/eventhubs/args.ts#EventHubArgs */
const eventHubSchema = z.strictObject({
  /** Event hub name. Defaults to the key. */
  name: z.string().min(1).max(256).optional(),
  partitionCount: z.number().int().positive().max(hubBounds.partitions.max).optional(),
  /** Retention. Defaults to Delete after 24 hours. */
  retention: z
    .strictObject({
      cleanupPolicy: z.enum(["Delete", "Compact"]).optional(),
      retentionTimeInHours: z
        .number()
        .int()
        .min(commonLimits.minRetentionHours)
        .max(hubBounds.retentionHours.max)
        .optional(),
      retentionTimeInDays: z.number().int().positive().max(hubBounds.retentionDays.max).optional(),
      tombstoneRetentionTimeInHours: z.number().int().positive().max(hubBounds.retentionHours.max).optional(),
    })
    .optional(),
  status: z.enum(["Active", "Disabled", "SendDisabled"]).optional(),
  userMetadata: z.string().optional(),
  /** Capture to `<storage key>/<container key>`, written by the namespace's identity or a stack identity (not on Basic). Defaults to none. */
  capture: z
    .strictObject({
      /** The container captured files are written to: `<storage key>/<container key>`. */
      container: containerRefSchema,
      /**
       * Who writes the files: `SystemAssigned` (the namespace's identity) or `{ identity: <identities key> }`; it gets
       * Storage Blob Data Contributor on the container. Defaults to `SystemAssigned`.
       */
      identity: z
        .union([
          z.literal("SystemAssigned"),
          z.strictObject({
            /** An `identities` key; it is attached to the namespace. */
            identity: keySchema,
          }),
        ])
        .optional(),
      enabled: z.boolean().optional(),
      encoding: z.enum(["Avro", "AvroDeflate"]).optional(),
      intervalInSeconds: captureIntervalSchema.optional(),
      sizeLimitInBytes: z
        .number()
        .int()
        .min(commonLimits.captureSizeLimitBytes.min)
        .max(commonLimits.captureSizeLimitBytes.max)
        .optional(),
      skipEmptyArchives: z.boolean().optional(),
      archiveNameFormat: z.string().optional(),
    })
    .optional(),
  /**
   * Consumer groups besides `$Default` (which counts towards the tier cap), keyed; the key is the name unless `name`
   * is set. Defaults to none.
   */
  consumerGroups: keyed(
    z.strictObject({
      name: z.string().min(1).optional(),
      userMetadata: z.string().optional(),
      /** Checkpoint container `<storage key>/<container key>` and the processors that checkpoint there. */
      checkpointStore: z
        .strictObject({
          /** `<storage key>/<container key>`. */
          container: containerRefSchema,
          /** Processors that checkpoint, keyed principals: each gets Storage Blob Data Contributor on the container. */
          consumers: principals.optional(),
        })
        .optional(),
      /** Role assignments scoped to the consumer group (`{ role, principal }`, as the namespace's). */
      roleAssignments: commonResourceShape.roleAssignments,
      /** A lock on the consumer group. */
      lock: commonResourceShape.lock,
    }),
  ).optional(),
  /** Principals (`{ identity }` or `{ principalId, principalType }`) that get Azure Event Hubs Data Sender on the hub. */
  senders: principals.optional(),
  /** Role assignments scoped to the event hub (`{ role, principal }`, as the namespace's). */
  roleAssignments: commonResourceShape.roleAssignments,
  /** A lock on the event hub (a namespace lock already covers it). */
  lock: commonResourceShape.lock,
  /** Principals that get Azure Event Hubs Data Receiver on the hub. */
  receivers: principals.optional(),
  authorizationRules: authorizationRulesSchema.optional(),
  load: loadSchema.optional(),
});

/** An Event Hubs namespace with its event hubs. @argsType components/eventhubs/args.ts#EventHubNamespaceArgs */
const namespaceSchema = z.strictObject({
  ...commonResourceShape,
  /** Namespace name (globally unique). Defaults to `evhns-<key>-<environment>`. */
  name: z.string().optional(),
  /** Region. Defaults to the stack's location (a geo-DR secondary sets its own). */
  location: z.string().min(1).optional(),
  tier: eventHubsTierSchema,
  capacity: z.number().int().min(hubBounds.units.min).max(hubBounds.units.max).optional(),
  /** Standard only. */
  autoInflate: z
    .strictObject({
      /** The TUs auto-inflate may grow to, 1-40 and at least `capacity`. */
      maximumThroughputUnits: z.number().int().min(hubBounds.autoInflateUnits.min).max(hubBounds.autoInflateUnits.max),
    })
    .optional(),
  /** Dedicated only: an `eventhubs.clusters` key or a cluster ARM id. */
  cluster: z.string().min(1).optional(),
  zoneRedundant: z.boolean().optional(),
  minimumTlsVersion: z.enum(["1.0", "1.1", "1.2"]).optional(),
  disableLocalAuth: z.boolean().optional(),
  kafkaEnabled: z.boolean().optional(),
  publicNetworkAccess: z.enum(["Enabled", "Disabled", "SecuredByPerimeter"]).optional(),
  /** IP firewall, VNet rules and trusted services (not on Basic). Defaults to none. */
  networkRuleSet: namespaceNetworkRuleSetSchema.optional(),
  /**
   * The namespace's managed identities: `{ systemAssigned, userAssigned: [<identities key>] }`.
   * Defaults to system-assigned when a capture uses it, else none. Capture and customer-managed key identities are
   * added to `userAssigned`.
   */
  managedIdentities: managedIdentitiesSchema.optional(),
  /** Customer-managed key (Premium and Dedicated). Defaults to Microsoft-managed keys. */
  customerManagedKey: namespaceKeySchema
    .extend({
      /** An `identities` key with access to the key; attached to the namespace. */
      identity: keySchema,
    })
    .optional(),
  authorizationRules: authorizationRulesSchema.optional(),
  /** Namespace SAS keys written to a Key Vault as secrets (needs `disableLocalAuth: false`). */
  secretsExport: z
    .strictObject({
      /** ARM id of the Key Vault; the deploying principal needs to write secrets there. */
      keyVaultId: z.string().min(1),
      /** Keys of `authorizationRules`, each with the secret names of the values to export. */
      authorizationRules: keyed(
        z.strictObject({
          /** Secret name for the primary connection string. Defaults to not exported. */
          primaryConnectionString: z.string().optional(),
          /** Secret name for the secondary connection string. Defaults to not exported. */
          secondaryConnectionString: z.string().optional(),
          /** Secret name for the primary key. Defaults to not exported. */
          primaryKey: z.string().optional(),
          /** Secret name for the secondary key. Defaults to not exported. */
          secondaryKey: z.string().optional(),
        }),
      ),
    })
    .optional(),
  /** Geo-DR alias with an empty secondary namespace. */
  geoDisasterRecovery: z
    .strictObject({
      alias: z.string().min(1),
      /**
       * The secondary: another namespace key of this section, or the ARM id of a namespace outside the stack (its
       * existence, emptiness, region and tier cannot be checked offline: a warning says so).
       */
      partner: z.string().min(1),
      alternateName: z.string().optional(),
      /** Only with a partner id: the secondary's tier, so that the tier pair is checked. Defaults to unchecked. */
      partnerTier: eventHubsTierSchema.optional(),
      /** Only with a partner id: the secondary's region, so that it is checked to differ. Defaults to unchecked. */
      partnerLocation: z.string().min(1).optional(),
    })
    .optional(),
  /** Event hubs, keyed; the key is the hub's name unless `name` is set. Defaults to none. */
  eventHubs: keyed(eventHubSchema).optional(),
});

/** Event Hubs: Dedicated clusters and namespaces with their event hubs (`eventhubs.namespaces.<ns>.eventHubs.<hub>`). */
export const eventHubsSchema = z.strictObject({
  /** Dedicated clusters, keyed; namespaces reference them with `cluster: <key>`. @argsType components/eventhubs/Cluster.ts#EventHubsClusterArgs */
  clusters: keyed(
    z.strictObject({
      /** Cluster name, 6-50 letters, digits and hyphens. Defaults to `evhc-<key>-<environment>`. */
      name: z.string().optional(),
      capacityUnits: z.number().int().min(hubBounds.clusterUnits.min).max(hubBounds.clusterUnits.max).optional(),
      supportsScaling: z.boolean().optional(),
      /** Tags on the cluster, added to the stack's. Defaults to none. */
      tags: commonResourceShape.tags,
      /** A management lock on the cluster. Defaults to none. */
      lock: commonResourceShape.lock,
    }),
  ).optional(),
  /** Namespaces with their event hubs, keyed (`eventhubs.namespaces.<ns>.eventHubs.<hub>`). */
  namespaces: keyed(namespaceSchema).optional(),
});

export type EventHubsConfig = z.infer<typeof eventHubsSchema>;
export type EventHubNamespaceConfig = z.infer<typeof namespaceSchema>;
export type EventHubConfig = z.infer<typeof eventHubSchema>;
