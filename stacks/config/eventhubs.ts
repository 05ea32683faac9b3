import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import { EventHubsClusterArgs, validateEventHubsClusterArgs } from "../../components/eventhubs/Cluster";
import {
  EventHubArgs,
  EventHubNamespaceArgs,
  PrincipalRef,
  validateEventHubNamespaceArgs,
} from "../../components/eventhubs/Namespace";
import {
  boundsOverTiers,
  commonLimits,
  EventHubsTier,
  eventHubsTiers,
  tierLimits,
} from "../../components/eventhubs/limits";
import type { EventHubLoad } from "../../components/eventhubs/sizing";
import { commonResourceShape, keyed, keySchema, principalSchema, PrincipalConfig } from "./common";
import { checkContainerRef, checkIdentityRef, containerRefSchema } from "./foundation";
import { ArgPaths, configPathOf } from "./argPaths";
import { omit, omitShared, PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import type { StackConfig } from "./schema";
import { eventHubsNamespaceIdShape, isArmId, isEventHubsNamespaceId } from "./targets";

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

/** An event hub. @argsType {@link EventHubArgs} */
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
      intervalInSeconds: z
        .number()
        .int()
        .min(commonLimits.captureIntervalSeconds.min)
        .max(commonLimits.captureIntervalSeconds.max)
        .optional(),
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

/** An Event Hubs namespace with its event hubs. @argsType {@link EventHubNamespaceArgs} */
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
  networkRuleSet: z
    .strictObject({
      defaultAction: z.enum(["Allow", "Deny"]).optional(),
      ipRules: keyed(z.string()).optional(),
      /** Subnets allowed in, keyed. */
      virtualNetworkRules: keyed(
        z.strictObject({
          /** A `network.subnets` key or a subnet id; the subnet needs the `Microsoft.EventHub` service endpoint. */
          subnet: z.string().min(1),
          /** Accept the rule although the subnet has no `Microsoft.EventHub` service endpoint (a warning). Defaults to false. */
          ignoreMissingVnetServiceEndpoint: z.boolean().optional(),
        }),
      ).optional(),
      trustedServiceAccessEnabled: z.boolean().optional(),
    })
    .optional(),
  /** The namespace's system-assigned identity. Defaults to true when a capture uses it, else false. */
  systemAssignedIdentity: z.boolean().optional(),
  /** Stack identities attached to the namespace (capture and CMK identities are attached automatically). */
  userAssignedIdentities: keyed(z.strictObject({})).optional(),
  /** Customer-managed key (Premium and Dedicated). Defaults to Microsoft-managed keys. */
  customerManagedKey: z
    .strictObject({
      /** The Key Vault's URI (`https://<vault>.vault.azure.net`). */
      keyVaultUri: z.string().min(1),
      /** The key's name in the vault. */
      keyName: z.string().min(1),
      keyVersion: z.string().optional(),
      /** An `identities` key with access to the key; attached to the namespace. */
      identity: keySchema,
      requireInfrastructureEncryption: z.boolean().optional(),
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
  /** Dedicated clusters, keyed; namespaces reference them with `cluster: <key>`. @argsType {@link EventHubsClusterArgs} */
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
type EventHubConfig = z.infer<typeof eventHubSchema>;

function hubArgs(cfg: EventHubConfig, path: string, r: StackResolver): EventHubArgs {
  const mapPrincipals = (m: Record<string, PrincipalConfig> | undefined, p: string) =>
    m
      ? Object.fromEntries(Object.entries(m).map(([k, v]): [string, PrincipalRef] => [k, r.principal(v, `${p}.${k}`)]))
      : undefined;
  const capture = cfg.capture;
  const captureIdentity = capture?.identity ?? "SystemAssigned";
  const container = capture ? r.container(capture.container, `${path}.capture.container`) : undefined;
  const userIdentity =
    captureIdentity === "SystemAssigned"
      ? undefined
      : r.identity(captureIdentity.identity, `${path}.capture.identity.identity`);
  const passThrough = omit(cfg, "capture", "consumerGroups", "senders", "receivers", "roleAssignments");
  void (true satisfies PassesThrough<typeof passThrough, EventHubArgs>);
  return {
    ...passThrough,
    capture: capture && {
      ...omit(capture, "container", "identity"),
      storageAccountId: container!.storageAccountId,
      blobContainer: container!.containerName,
      containerId: container!.containerId,
      identity: userIdentity
        ? { type: "UserAssigned", resourceId: userIdentity.id, principalId: userIdentity.principalId }
        : { type: "SystemAssigned" },
    },
    consumerGroups:
      cfg.consumerGroups &&
      Object.fromEntries(
        Object.entries(cfg.consumerGroups).map(([gk, g]) => [
          gk,
          {
            ...omit(g, "checkpointStore", "roleAssignments"),
            roleAssignments: r.roleAssignments(g.roleAssignments, `${path}.consumerGroups.${gk}.roleAssignments`),
            checkpointStore: g.checkpointStore && {
              containerId: r.container(
                g.checkpointStore.container,
                `${path}.consumerGroups.${gk}.checkpointStore.container`,
              ).containerId,
              consumers: mapPrincipals(
                g.checkpointStore.consumers,
                `${path}.consumerGroups.${gk}.checkpointStore.consumers`,
              ),
            },
          },
        ]),
      ),
    senders: mapPrincipals(cfg.senders, `${path}.senders`),
    receivers: mapPrincipals(cfg.receivers, `${path}.receivers`),
    roleAssignments: r.roleAssignments(cfg.roleAssignments, `${path}.roleAssignments`),
  };
}

/** Maps one `eventhubs.clusters.<key>` onto EventHubsClusterArgs (the builder with real refs, the check with placeholders). */
export function clusterArgs(config: StackConfig, key: string, r: StackResolver): EventHubsClusterArgs {
  const cfg = config.eventhubs!.clusters![key];
  // A cluster takes no private endpoints and, as before, no diagnostic settings from the stack.
  const common = r.common(
    { ...cfg, diagnostics: false },
    "Microsoft.EventHub/clusters",
    true,
    `eventhubs.clusters.${key}.`,
  );
  const passThrough = omit(omitShared(cfg), "name");
  void (true satisfies PassesThrough<typeof passThrough, EventHubsClusterArgs>);
  return {
    ...omit(common, "privateEndpoints"),
    ...passThrough,
    clusterName: cfg.name ?? r.azureName("eventHubsCluster", key),
  };
}

/** EventHubsClusterArgs set by other config keys. */
const clusterArgPaths: ArgPaths = [["clusterName", "name"]];

/**
 * Maps one namespace of the config onto EventHubNamespaceArgs. Used by the builder (real refs) and by the
 * cross-check (placeholders), so that every tier rule fails at config validation with the config path.
 */
export function namespaceArgs(config: StackConfig, key: string, r: StackResolver): EventHubNamespaceArgs {
  const cfg = config.eventhubs!.namespaces![key];
  const path = `eventhubs.namespaces.${key}`;
  const hubs = cfg.eventHubs ?? {};
  const userIdentityKeys = new Set(Object.keys(cfg.userAssignedIdentities ?? {}));
  let systemAssigned = cfg.systemAssignedIdentity;
  for (const hub of Object.values(hubs)) {
    const id = hub.capture ? (hub.capture.identity ?? "SystemAssigned") : undefined;
    if (id === "SystemAssigned") systemAssigned ??= true;
    else if (id) userIdentityKeys.add(id.identity);
  }
  if (cfg.customerManagedKey) userIdentityKeys.add(cfg.customerManagedKey.identity);
  const common = r.common(cfg, "Microsoft.EventHub/namespaces", true, `${path}.`);
  const { name, location, cluster, networkRuleSet, customerManagedKey: cmk, geoDisasterRecovery: dr } = cfg;
  // What config sets differently (shared keys, names, references by key) is mapped below; the rest passes through.
  const passThrough = omit(
    omitShared(cfg),
    "name",
    "location",
    "cluster",
    "networkRuleSet",
    "systemAssignedIdentity",
    "userAssignedIdentities",
    "customerManagedKey",
    "geoDisasterRecovery",
    "eventHubs",
  );
  void (true satisfies PassesThrough<typeof passThrough, EventHubNamespaceArgs>);
  const partner = dr && !isArmId(dr.partner) ? config.eventhubs?.namespaces?.[dr.partner] : undefined;
  const partnerCluster = partner?.cluster
    ? r.eventHubsCluster(partner.cluster, `eventhubs.namespaces.${dr!.partner}.cluster`).clusterId
    : undefined;
  return {
    ...common,
    ...passThrough,
    location: location ?? r.location,
    namespaceName: name ?? r.azureName("eventHubsNamespace", key),
    dedicatedCluster: cluster ? r.eventHubsCluster(cluster, `${path}.cluster`) : undefined,
    networkRuleSet: networkRuleSet && {
      ...networkRuleSet,
      virtualNetworkRules:
        networkRuleSet.virtualNetworkRules &&
        Object.fromEntries(
          Object.entries(networkRuleSet.virtualNetworkRules).map(([k, { subnet, ...rule }]) => [
            k,
            { ...rule, subnetId: r.subnet(subnet, `${path}.networkRuleSet.virtualNetworkRules.${k}.subnet`) },
          ]),
        ),
    },
    managedIdentities: {
      systemAssigned: systemAssigned ?? false,
      userAssignedResourceIds: Object.fromEntries(
        [...userIdentityKeys].map((k) => [k, r.identity(k, `${path}.userAssignedIdentities.${k}`).id]),
      ),
    },
    customerManagedKey: cmk && {
      ...omit(cmk, "identity"),
      userAssignedIdentityId: r.identity(cmk.identity, `${path}.customerManagedKey.identity`).id,
    },
    eventHubs: Object.fromEntries(
      Object.entries(hubs).map(([hk, h]) => [hk, hubArgs(h, `${path}.eventHubs.${hk}`, r)]),
    ),
    geoDisasterRecovery:
      dr && isArmId(dr.partner)
        ? {
            // Outside the stack: only what the config states about the partner can be checked.
            alias: dr.alias,
            alternateName: dr.alternateName,
            partnerNamespaceId: dr.partner,
            partnerTier: dr.partnerTier,
            partnerLocation: dr.partnerLocation,
          }
        : dr && partner
          ? {
              alias: dr.alias,
              alternateName: dr.alternateName,
              partnerNamespaceId: r.eventHubsNamespace(dr.partner, `${path}.geoDisasterRecovery.partner`),
              partnerTier: partner.tier as EventHubsTier,
              partnerLocation: partner.location ?? r.location,
              partnerClusterId: partnerCluster,
            }
          : undefined,
  };
}

/** Checks across config sections (references to other keys) and every tier rule; run after the schema passed. */
export function eventHubsCrossCheck(config: StackConfig, check: CheckContext): Violation[] {
  const section = config.eventhubs;
  if (!section) return [];
  const found: (Violation | undefined)[] = [];
  // Every tier rule, with config paths: the components' own validators over placeholder references.
  const resolver = placeholderResolver(config, check.location, (v) => found.push(v));
  for (const key of Object.keys(section.clusters ?? {})) {
    found.push(
      ...validateEventHubsClusterArgs(clusterArgs(config, key, resolver)).map((v) => ({
        ...v,
        path: `eventhubs.clusters.${key}.${configPathOf(clusterArgPaths, v.path)}`,
      })),
    );
  }
  const namespaces = section.namespaces ?? {};
  const refsOk: Record<string, boolean> = {};
  const secondaries = new Map<string, string>();
  for (const [key, ns] of Object.entries(namespaces)) {
    const path = `eventhubs.namespaces.${key}`;
    const before = found.filter(Boolean).length;
    const principal = (p: PrincipalConfig, at: string) =>
      "identity" in p ? checkIdentityRef(`${at}.identity`, p.identity, config.identities) : undefined;
    for (const k of Object.keys(ns.userAssignedIdentities ?? {})) {
      found.push(checkIdentityRef(`${path}.userAssignedIdentities.${k}`, k, config.identities));
    }
    if (ns.customerManagedKey) {
      found.push(
        checkIdentityRef(`${path}.customerManagedKey.identity`, ns.customerManagedKey.identity, config.identities),
      );
    }
    for (const [rk, ra] of Object.entries(ns.roleAssignments ?? {})) {
      found.push(principal(ra.principal, `${path}.roleAssignments.${rk}.principal`));
    }
    if (ns.cluster !== undefined) {
      if (ns.tier !== "Dedicated") {
        found.push({
          path: `${path}.cluster`,
          value: ns.cluster,
          message: `is only for tier Dedicated (this is ${ns.tier})`,
        });
      } else if (!ns.cluster.startsWith("/subscriptions/") && !section.clusters?.[ns.cluster]) {
        found.push({
          path: `${path}.cluster`,
          value: ns.cluster,
          message: `names no cluster declared under 'eventhubs.clusters' and is not a cluster id; declared: ${Object.keys(section.clusters ?? {}).join(", ") || "(none)"}`,
        });
      }
    } else if (ns.tier === "Dedicated") {
      found.push({
        path: `${path}.cluster`,
        value: undefined,
        message: "is required for tier Dedicated: an 'eventhubs.clusters' key or a cluster id",
      });
    }
    for (const [hk, hub] of Object.entries(ns.eventHubs ?? {})) {
      const hp = `${path}.eventHubs.${hk}`;
      if (hub.capture) {
        found.push(checkContainerRef(`${hp}.capture.container`, hub.capture.container, config.storage));
        const id = hub.capture.identity;
        if (id && id !== "SystemAssigned")
          found.push(checkIdentityRef(`${hp}.capture.identity.identity`, id.identity, config.identities));
      }
      for (const [gk, g] of Object.entries(hub.consumerGroups ?? {})) {
        if (!g.checkpointStore) continue;
        const gp = `${hp}.consumerGroups.${gk}.checkpointStore`;
        found.push(checkContainerRef(`${gp}.container`, g.checkpointStore.container, config.storage));
        for (const [ck, cp] of Object.entries(g.checkpointStore.consumers ?? {}))
          found.push(principal(cp, `${gp}.consumers.${ck}`));
      }
      for (const [pk, p] of Object.entries(hub.senders ?? {})) found.push(principal(p, `${hp}.senders.${pk}`));
      for (const [pk, p] of Object.entries(hub.receivers ?? {})) found.push(principal(p, `${hp}.receivers.${pk}`));
    }
    const dr = ns.geoDisasterRecovery;
    if (dr && isArmId(dr.partner)) {
      found.push(...externalPartnerCheck(dr, ns, `${path}.geoDisasterRecovery`, check));
    } else if (dr) {
      const partner = namespaces[dr.partner];
      const dp = `${path}.geoDisasterRecovery.partner`;
      for (const k of ["partnerTier", "partnerLocation"] as const) {
        if (dr[k] !== undefined) {
          found.push({
            path: `${path}.geoDisasterRecovery.${k}`,
            value: dr[k],
            message: `is read from the partner's own section (eventhubs.namespaces.${dr.partner}); set it only with a partner id`,
          });
        }
      }
      if (!partner || dr.partner === key) {
        found.push({
          path: dp,
          value: dr.partner,
          message: `must name another namespace under 'eventhubs.namespaces' (the secondary); declared: ${
            Object.keys(namespaces)
              .filter((k) => k !== key)
              .join(", ") || "(none)"
          }`,
        });
      } else {
        // ⚠️ Pairing requires an empty secondary: geo-DR replicates the primary's entities into it.
        if (Object.keys(partner.eventHubs ?? {}).length > 0) {
          found.push({
            path: dp,
            value: dr.partner,
            message:
              "is the secondary and must be empty: declare its event hubs on the primary only (geo-DR replicates them)",
          });
        }
        if (partner.geoDisasterRecovery) {
          found.push({
            path: dp,
            value: dr.partner,
            message: "is itself a geo-DR primary; a namespace is either primary or secondary",
          });
        }
        if (secondaries.has(dr.partner)) {
          found.push({
            path: dp,
            value: dr.partner,
            message: `is already the secondary of ${secondaries.get(dr.partner)}`,
          });
        }
        secondaries.set(dr.partner, key);
      }
    }
    refsOk[key] = found.filter(Boolean).length === before;
  }
  for (const key of Object.keys(namespaces)) {
    if (!refsOk[key]) continue;
    const path = `eventhubs.namespaces.${key}`;
    const args = namespaceArgs(config, key, resolver);
    // A partner outside the stack: its stated tier and region are keys of their own.
    const external = isArmId(namespaces[key].geoDisasterRecovery?.partner ?? "");
    found.push(
      ...validateEventHubNamespaceArgs(args).map((v) => ({
        ...v,
        path: `${path}.${external && externalPartnerPaths.has(v.path) ? v.path : configPathOf(namespaceArgPaths, v.path)}`,
      })),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** Geo-DR args that are config keys of the same name when the partner is given by id. */
const externalPartnerPaths = new Set(["geoDisasterRecovery.partnerTier", "geoDisasterRecovery.partnerLocation"]);

/**
 * A geo-DR partner outside the stack: its id must be a namespace id; what only Azure knows (that it exists, is empty,
 * in another region, of a tier that pairs with this one) is a warning, with what the stated tier and region allow.
 */
function externalPartnerCheck(
  dr: NonNullable<EventHubNamespaceConfig["geoDisasterRecovery"]>,
  ns: EventHubNamespaceConfig,
  path: string,
  check: CheckContext,
): Violation[] {
  if (!isEventHubsNamespaceId(dr.partner)) {
    return [
      {
        path: `${path}.partner`,
        value: dr.partner,
        message: `is neither a namespace key of this section nor an Event Hubs namespace id (${eventHubsNamespaceIdShape})`,
      },
    ];
  }
  const unchecked = [
    "that it exists and is empty (geo-DR replicates this namespace's event hubs into it)",
    ...(dr.partnerLocation ? [] : ["that its region differs from this namespace's (set partnerLocation)"]),
    ...(dr.partnerTier
      ? []
      : [
          `that its tier pairs with ${ns.tier} (${tierLimits[ns.tier].geoDrPartners.join(" or ") || "none"}; set partnerTier)`,
        ]),
  ];
  check.warn(
    `${path}.partner: ${dr.partner} is outside the stack: ${unchecked.join(", ")} cannot be checked offline; Azure refuses the pairing at deployment otherwise. The deploying principal needs rights on the partner namespace too.`,
  );
  return [];
}

/** Event hub arguments set by other config keys (`eventHubs.<hub>` of a namespace, or of a team's namespace). */
export const eventHubArgPaths: ArgPaths = [
  ["eventHubs.*.roleAssignments.*.principalType", "eventHubs.*.roleAssignments.*.principal"],
  [
    "eventHubs.*.consumerGroups.*.roleAssignments.*.principalType",
    "eventHubs.*.consumerGroups.*.roleAssignments.*.principal",
  ],
  ["eventHubs.*.capture.storageAccountId", "eventHubs.*.capture.container"],
  ["eventHubs.*.capture.blobContainer", "eventHubs.*.capture.container"],
  ["eventHubs.*.capture.containerId", "eventHubs.*.capture.container"],
  ["eventHubs.*.capture.identity.resourceId", "eventHubs.*.capture.identity"],
  ["eventHubs.*.senders.*.principalType", "eventHubs.*.senders.*"],
  ["eventHubs.*.receivers.*.principalType", "eventHubs.*.receivers.*"],
  [
    "eventHubs.*.consumerGroups.*.checkpointStore.consumers.*.principalType",
    "eventHubs.*.consumerGroups.*.checkpointStore.consumers.*",
  ],
];

/** EventHubNamespaceArgs set by other config keys: short names, and references by key (one key, several ids). */
const namespaceArgPaths: ArgPaths = [
  ["namespaceName", "name"],
  ["dedicatedCluster.create.clusterId", "cluster"],
  ["dedicatedCluster.create", "cluster"],
  ["dedicatedCluster.clusterId", "cluster"],
  ["dedicatedCluster", "cluster"],
  ["geoDisasterRecovery.partnerNamespaceId", "geoDisasterRecovery.partner"],
  ["geoDisasterRecovery.partnerTier", "geoDisasterRecovery.partner"],
  ["geoDisasterRecovery.partnerLocation", "geoDisasterRecovery.partner"],
  ["geoDisasterRecovery.partnerClusterId", "geoDisasterRecovery.partner"],
  ["customerManagedKey.userAssignedIdentityId", "customerManagedKey.identity"],
  ["managedIdentities.systemAssigned", "systemAssignedIdentity"],
  ["roleAssignments.*.principalType", "roleAssignments.*.principal"],
  ...eventHubArgPaths,
];

/**
 * Finds an event hub declared in the `eventhubs` section, for other sections' cross-checks (Event Grid
 * destinations, system topics). Contract: `eventhubs.namespaces.<ns>.eventHubs.<hub>`.
 */
export function findEventHub(config: StackConfig, namespace: string, hub: string): { exists: true } | undefined {
  return config.eventhubs?.namespaces?.[namespace]?.eventHubs?.[hub] ? { exists: true } : undefined;
}
