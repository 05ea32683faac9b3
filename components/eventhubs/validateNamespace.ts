import { Violation } from "../core/errors";
import { validateCommonArgs } from "../core/extensions";
import { validateNamespaceKey, validateNamespaceNetworkRules } from "../core/messaging";
import {
  armId,
  intInRange,
  isKnown,
  mapKeys,
  matches,
  oneOf,
  rulesWithoutPublicAccess,
  violation,
} from "../core/validate";
import { EventHubNamespaceArgs } from "./args";
import { validateEventHubsClusterArgs } from "./Cluster";
import {
  commonLimits,
  EventHubsTier,
  eventHubsTiers,
  notOnTier,
  publicAccessDisabledSource,
  TierLimits,
  tierLimits,
} from "./limits";
import { effectiveCapacity, totalLoad, unitsNeeded } from "./sizing";
import { validateEventHubs, validateSasRules } from "./validateEventHub";
import { validateSecretsExport } from "./secretsExport";

// The namespace validator of EventHubNamespace, one named function per concern (tier and units, endpoints, network,
// key, event-hub budgets, sizing, geo-DR). The per-hub rules are in validateEventHub.ts.

type Found = (Violation | undefined)[];

export const EVENT_HUBS_NAMESPACE_TYPE = "Microsoft.EventHub/namespaces";

/** The identity ids attached to the namespace, when all are known now (undefined if any is an Output). */
function knownUserIdentityIds(args: EventHubNamespaceArgs): string[] | undefined {
  const ids = Object.values(args.managedIdentities?.userAssignedResourceIds ?? {});
  return ids.every((id) => isKnown(id)) ? (ids as string[]).map((id) => id.toLowerCase()) : undefined;
}

function dedicatedCapacityUnits(args: EventHubNamespaceArgs): number | undefined {
  const c = args.dedicatedCluster;
  if (!c) return undefined;
  return "create" in c ? (c.create.capacityUnits ?? 1) : c.capacityUnits;
}

/** Units by tier: a cluster (created or referenced) on Dedicated, TUs on Basic/Standard, PUs on Premium. */
function validateCapacity(args: EventHubNamespaceArgs, tier: EventHubsTier, limits: TierLimits): Found {
  const found: Found = [];
  if (tier === "Dedicated") {
    if (args.capacity !== undefined) {
      found.push(
        violation(
          "capacity",
          args.capacity,
          "is not used on Dedicated: the cluster's capacity units size the namespace (dedicatedCluster)",
        ),
      );
    }
    if (!args.dedicatedCluster) {
      found.push(
        violation(
          "dedicatedCluster",
          undefined,
          "is required on the Dedicated tier: an existing clusterId, or create: { capacityUnits }",
        ),
      );
    } else if ("create" in args.dedicatedCluster) {
      found.push(
        ...validateEventHubsClusterArgs({ resourceGroupName: "-", ...args.dedicatedCluster.create }).map((v) => ({
          ...v,
          path: `dedicatedCluster.create.${v.path}`,
        })),
      );
    } else {
      found.push(armId("dedicatedCluster.clusterId", args.dedicatedCluster.clusterId, "Microsoft.EventHub/clusters"));
      const units = limits.allowedUnits;
      found.push(
        intInRange(
          "dedicatedCluster.capacityUnits",
          args.dedicatedCluster.capacityUnits,
          units[0],
          units[units.length - 1],
          "on a Dedicated cluster",
        ),
      );
    }
    return found;
  }
  if (args.dedicatedCluster) {
    found.push(
      violation("dedicatedCluster", args.dedicatedCluster, `is only for the Dedicated tier; this namespace is ${tier}`),
    );
  }
  if (tier === "Premium") {
    found.push(oneOf("capacity", args.capacity, limits.allowedUnits, "on the Premium tier (processing units)"));
  } else {
    const u = limits.allowedUnits;
    found.push(intInRange("capacity", args.capacity, u[0], u[u.length - 1], `on the ${tier} tier (throughput units)`));
  }
  return found;
}

/** Auto-inflate: Standard only, its maximum within the TU range and at least the capacity. */
function validateAutoInflate(args: EventHubNamespaceArgs, tier: EventHubsTier, limits: TierLimits): Found {
  if (!args.autoInflate) return [];
  if (!limits.autoInflate) {
    return [
      violation(
        "autoInflate",
        args.autoInflate,
        notOnTier(tier, "Auto-inflate", (l) => l.autoInflate) +
          (tier === "Premium" ? "; Premium scales by processing units (capacity)" : ""),
      ),
    ];
  }
  const max = args.autoInflate.maximumThroughputUnits;
  const u = limits.allowedUnits;
  const found: Found = [
    intInRange("autoInflate.maximumThroughputUnits", max, u[0], u[u.length - 1], "throughput units"),
  ];
  const capacity = effectiveCapacity(args) ?? 1;
  if (Number.isInteger(max) && max < capacity) {
    found.push(violation("autoInflate.maximumThroughputUnits", max, `must be at least the capacity (${capacity} TU)`));
  }
  return found;
}

/** Endpoint features by tier: Kafka, minimum TLS, public network access. */
function validateEndpoints(args: EventHubNamespaceArgs, tier: EventHubsTier, limits: TierLimits): Found {
  const found: Found = [];
  if (args.kafkaEnabled === true && !limits.kafka) {
    found.push(
      violation(
        "kafkaEnabled",
        true,
        notOnTier(tier, "The Kafka endpoint", (l) => l.kafka),
      ),
    );
  }
  found.push(oneOf("minimumTlsVersion", args.minimumTlsVersion, commonLimits.tlsVersions));
  if (limits.minTlsVersion === "1.2" && args.minimumTlsVersion !== undefined && args.minimumTlsVersion !== "1.2") {
    found.push(
      violation(
        "minimumTlsVersion",
        args.minimumTlsVersion,
        `is not supported on the ${tier} tier, which requires TLS 1.2 or greater`,
      ),
    );
  }
  found.push(oneOf("publicNetworkAccess", args.publicNetworkAccess, ["Enabled", "Disabled", "SecuredByPerimeter"]));
  return found;
}

/** The IP firewall / VNet rule set: tier, the shared rule checks, Event Hubs' rule caps, a default that is not Allow. */
function validateNetworkRuleSet(args: EventHubNamespaceArgs, tier: EventHubsTier, limits: TierLimits): Found {
  const nrs = args.networkRuleSet;
  if (!nrs) return [];
  const found: Found = [];
  if (!limits.networkIsolation) {
    found.push(
      violation(
        "networkRuleSet",
        nrs,
        notOnTier(tier, "The IP firewall / VNet rule set", (l) => l.networkIsolation),
      ),
    );
  }
  found.push(...validateNamespaceNetworkRules(nrs));
  const ipCount = Object.keys(nrs.ipRules ?? {}).length;
  found.push(
    rulesWithoutPublicAccess(
      "networkRuleSet",
      [...Object.keys(nrs.ipRules ?? {}), ...Object.keys(nrs.virtualNetworkRules ?? {})],
      args.publicNetworkAccess,
      publicAccessDisabledSource,
    ),
  );
  const vnetCount = Object.keys(nrs.virtualNetworkRules ?? {}).length;
  if (ipCount > commonLimits.maxIpRules) {
    found.push(violation("networkRuleSet.ipRules", ipCount, `rules; at most ${commonLimits.maxIpRules} are allowed`));
  }
  if (vnetCount > commonLimits.maxVirtualNetworkRules) {
    found.push(
      violation(
        "networkRuleSet.virtualNetworkRules",
        vnetCount,
        `rules; at most ${commonLimits.maxVirtualNetworkRules} are allowed`,
      ),
    );
  }
  if (nrs.defaultAction === "Allow" && ipCount + vnetCount > 0) {
    found.push(
      violation(
        "networkRuleSet.defaultAction",
        "Allow",
        "makes the IP and VNet rules no-ops (everything is allowed); use Deny",
      ),
    );
  }
  return found;
}

/** Customer-managed key: the tier, then the checks both namespace services share. */
function validateCustomerManagedKey(args: EventHubNamespaceArgs, tier: EventHubsTier, limits: TierLimits): Found {
  const cmk = args.customerManagedKey;
  if (!cmk) return [];
  const found: Found = [];
  if (!limits.customerManagedKey) {
    found.push(
      violation(
        "customerManagedKey",
        cmk,
        notOnTier(tier, "A customer-managed key", (l) => l.customerManagedKey),
      ),
    );
  }
  found.push(...validateNamespaceKey(cmk, args.managedIdentities));
  return found;
}

/** The event hubs: their count, each hub's own rules, and the namespace-wide partition budget. */
function validateHubsAndBudgets(args: EventHubNamespaceArgs, tier: EventHubsTier, limits: TierLimits): Found {
  const hubs = args.eventHubs ?? {};
  const hubKeys = Object.keys(hubs);
  const found: Found = [...mapKeys("eventHubs", hubs)];
  const capacity = effectiveCapacity(args);
  const maxHubs = limits.maxEventHubsPerUnit && capacity ? limits.maxEventHubsPerUnit * capacity : limits.maxEventHubs;
  if (hubKeys.length > maxHubs) {
    found.push(
      violation(
        "eventHubs",
        hubKeys.length,
        `event hubs exceed the ${tier} tier maximum of ${maxHubs} per namespace${limits.maxEventHubsPerUnit ? ` (${limits.maxEventHubsPerUnit} per ${limits.unit})` : ""}`,
      ),
    );
  }
  const hubCheck = validateEventHubs(hubs, {
    tier,
    localAuth: args.disableLocalAuth === false,
    systemIdentityMissing:
      args.managedIdentities?.systemAssigned === true
        ? undefined
        : "needs the namespace's system-assigned identity: set managedIdentities.systemAssigned: true",
    attachedUserIds: knownUserIdentityIds(args),
  });
  found.push(...hubCheck.violations);
  const totalPartitions = hubCheck.totalPartitions;

  // Namespace-wide partition budget (Premium 200 per PU, Dedicated 2000 per CU).
  const units = tier === "Dedicated" ? dedicatedCapacityUnits(args) : capacity;
  if (
    limits.maxPartitionsPerUnit &&
    units &&
    Number.isInteger(units) &&
    totalPartitions > limits.maxPartitionsPerUnit * units
  ) {
    found.push(
      violation(
        "eventHubs",
        totalPartitions,
        `partitions in total exceed the ${tier} budget of ${limits.maxPartitionsPerUnit} per ${limits.unit} × ${units} = ${limits.maxPartitionsPerUnit * units}`,
      ),
    );
  }
  return found;
}

/** Sizing: the namespace's units are shared by all its event hubs, and must carry their declared load together. */
function validateSizing(args: EventHubNamespaceArgs, tier: EventHubsTier, limits: TierLimits): Found {
  const loads = Object.values(args.eventHubs ?? {}).map((h) => h.load);
  if (!loads.some((l) => l !== undefined)) return [];
  const units = tier === "Dedicated" ? dedicatedCapacityUnits(args) : effectiveCapacity(args);
  const need = unitsNeeded(tier, totalLoad(loads));
  const maxUnits = limits.allowedUnits[limits.allowedUnits.length - 1];
  const unitPath = tier === "Dedicated" ? "dedicatedCluster" : "capacity";
  if (need.units === undefined) {
    return [
      violation(
        unitPath,
        units,
        `cannot carry the declared load: ${need.reason} needs ${Math.ceil(need.exact)} ${limits.unitName}, above the ${tier} maximum of ${maxUnits}; ${tier === "Dedicated" ? "split the load over clusters" : "use a higher tier (Premium or Dedicated)"}`,
      ),
    ];
  }
  if (tier === "Standard" && args.autoInflate) {
    const max = args.autoInflate.maximumThroughputUnits;
    if (Number.isInteger(max) && max < need.units) {
      return [
        violation(
          "autoInflate.maximumThroughputUnits",
          max,
          `cannot carry the declared load: ${need.reason} needs ${need.units} TU; set maximumThroughputUnits to ${need.units} or more`,
        ),
      ];
    }
    return [];
  }
  if (units !== undefined && Number.isInteger(units) && units < need.units) {
    return [
      violation(
        unitPath,
        units,
        `${limits.unitName} cannot carry the declared load: ${need.reason} needs ${need.units}; set ${tier === "Dedicated" ? "the cluster's capacityUnits" : "capacity"} to ${need.units}${tier === "Standard" ? " or enable autoInflate" : ""}`,
      ),
    ];
  }
  return [];
}

/** Geo-DR: the tier pair Azure allows, the alias name, and a secondary in another region (or on another cluster). */
function validateGeoDr(args: EventHubNamespaceArgs, tier: EventHubsTier, limits: TierLimits): Found {
  const dr = args.geoDisasterRecovery;
  if (!dr) return [];
  const found: Found = [];
  if (limits.geoDrPartners.length === 0) {
    found.push(
      violation(
        "geoDisasterRecovery",
        dr,
        notOnTier(tier, "Geo-disaster recovery", (l) => l.geoDrPartners.length > 0),
      ),
    );
  } else if (dr.partnerTier !== undefined && !limits.geoDrPartners.includes(dr.partnerTier)) {
    found.push(
      violation(
        "geoDisasterRecovery.partnerTier",
        dr.partnerTier,
        `cannot pair with a ${tier} primary; allowed secondary tiers: ${limits.geoDrPartners.join(", ")}`,
      ),
    );
  }
  found.push(
    matches(
      "geoDisasterRecovery.alias",
      dr.alias,
      commonLimits.aliasName,
      "6-50 letters, digits and hyphens, starting with a letter and ending with a letter or digit",
    ),
  );
  if (isKnown(args.namespaceName) && dr.alias === args.namespaceName && !dr.alternateName) {
    found.push(
      violation("geoDisasterRecovery.alias", dr.alias, "equals the namespace name: set alternateName as well"),
    );
  }
  found.push(armId("geoDisasterRecovery.partnerNamespaceId", dr.partnerNamespaceId, EVENT_HUBS_NAMESPACE_TYPE));
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, "");
  if (isKnown(args.location) && isKnown(dr.partnerLocation) && norm(args.location) === norm(dr.partnerLocation)) {
    found.push(
      violation(
        "geoDisasterRecovery.partnerLocation",
        dr.partnerLocation,
        "is the primary's region; the secondary must be in a different region",
      ),
    );
  }
  const primaryCluster =
    args.dedicatedCluster && "clusterId" in args.dedicatedCluster ? args.dedicatedCluster.clusterId : undefined;
  if (
    isKnown(primaryCluster) &&
    isKnown(dr.partnerClusterId) &&
    primaryCluster.toLowerCase() === dr.partnerClusterId.toLowerCase()
  ) {
    found.push(
      violation(
        "geoDisasterRecovery.partnerClusterId",
        dr.partnerClusterId,
        "is the primary's cluster; a Dedicated pair must use two clusters",
      ),
    );
  }
  return found;
}

/**
 * Validates EventHubNamespaceArgs: every tier rule, capture, consumer groups, SAS rules, sizing and geo-DR.
 * Pure; exported for tests. Values given as Outputs (ids, locations) are skipped and left to Azure.
 */
export function validateEventHubNamespaceArgs(args: EventHubNamespaceArgs): Violation[] {
  const tierCheck = oneOf("tier", args.tier, eventHubsTiers);
  if (tierCheck) return [tierCheck]; // every other rule depends on the tier
  const tier = args.tier;
  const limits = tierLimits[tier];
  const found: Found = [...validateCommonArgs(args, EVENT_HUBS_NAMESPACE_TYPE)];
  // The tier gate on private endpoints (a clearer message than a group-id error).
  if (!limits.networkIsolation && Object.keys(args.privateEndpoints ?? {}).length > 0) {
    found.push(
      violation(
        "privateEndpoints",
        Object.keys(args.privateEndpoints ?? {}),
        notOnTier(tier, "Private link", (l) => l.networkIsolation),
      ),
    );
  }
  found.push(
    matches(
      "namespaceName",
      args.namespaceName,
      commonLimits.namespaceName,
      "6-50 letters, digits and hyphens, starting with a letter and ending with a letter or digit",
    ),
  );
  found.push(
    ...validateCapacity(args, tier, limits),
    ...validateAutoInflate(args, tier, limits),
    ...validateEndpoints(args, tier, limits),
    ...validateNetworkRuleSet(args, tier, limits),
    ...validateCustomerManagedKey(args, tier, limits),
    ...validateSasRules("authorizationRules", args.authorizationRules, args.disableLocalAuth === false),
    ...validateSecretsExport(args.secretsExport, args.authorizationRules, args.disableLocalAuth === false),
    ...validateHubsAndBudgets(args, tier, limits),
    ...validateSizing(args, tier, limits),
    ...validateGeoDr(args, tier, limits),
  );
  return found.filter((v): v is Violation => v !== undefined);
}
