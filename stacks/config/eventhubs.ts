import type { Violation } from "../../components/core/errors";
import { EventHubsClusterArgs, validateEventHubsClusterArgs } from "../../components/eventhubs/Cluster";
import {
  EventHubArgs,
  EventHubNamespaceArgs,
  PrincipalRef,
  validateEventHubNamespaceArgs,
} from "../../components/eventhubs/Namespace";
import { EventHubsTier, tierLimits } from "../../components/eventhubs/limits";
import { PrincipalConfig, userAssignedResourceIds } from "./common";
import { checkContainerRef, checkIdentityRef } from "./foundation";
import { ArgPaths, configPathOf } from "./argPaths";
import { namespaceKeyArgs, namespaceNetworkRulesArgs } from "./messaging";
import { omit, omitShared, PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import type { StackConfig } from "./schema";
import { eventHubsNamespaceIdShape, isArmId, isEventHubsNamespaceId } from "./targets";

import { EventHubConfig, EventHubNamespaceConfig } from "./eventhubsSchema";

// The `eventhubs` section (schema in eventhubsSchema.ts) mapped to the components' args: one function per resource
// kind, used by the cross-check (placeholder references) and the builder (stacks/build/eventhubs.ts).

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
  const userAssigned = userAssignedResourceIds(cfg.managedIdentities, r, `${path}.managedIdentities`);
  let systemAssigned = cfg.managedIdentities?.systemAssigned;
  for (const [hk, hub] of Object.entries(hubs)) {
    const id = hub.capture ? (hub.capture.identity ?? "SystemAssigned") : undefined;
    if (id === "SystemAssigned") systemAssigned ??= true;
    else if (id)
      userAssigned[id.identity] ??= r.identity(id.identity, `${path}.eventHubs.${hk}.capture.identity.identity`).id;
  }
  if (cfg.customerManagedKey) {
    const k = cfg.customerManagedKey.identity;
    userAssigned[k] ??= r.identity(k, `${path}.customerManagedKey.identity`).id;
  }
  const common = r.common(cfg, "Microsoft.EventHub/namespaces", true, `${path}.`);
  const { name, location, cluster, networkRuleSet, customerManagedKey: cmk, geoDisasterRecovery: dr } = cfg;
  // What config sets differently (shared keys, names, references by key) is mapped below; the rest passes through.
  const passThrough = omit(
    omitShared(cfg),
    "name",
    "location",
    "cluster",
    "networkRuleSet",
    "managedIdentities",
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
    networkRuleSet: networkRuleSet && namespaceNetworkRulesArgs(networkRuleSet, r, `${path}.networkRuleSet`),
    managedIdentities: {
      systemAssigned: systemAssigned ?? false,
      userAssignedResourceIds: userAssigned,
    },
    customerManagedKey: cmk && namespaceKeyArgs(cmk, r, `${path}.customerManagedKey`),
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
    for (const k of ns.managedIdentities?.userAssigned ?? []) {
      found.push(checkIdentityRef(`${path}.managedIdentities.userAssigned.${k}`, k, config.identities));
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
  ["managedIdentities.userAssignedResourceIds", "managedIdentities.userAssigned"],
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
