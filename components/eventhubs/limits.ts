import { azureNameRules } from "../core/azureNames";
/**
 * Event Hubs facts, by tier, in one table. Every fact carries its source: a citation key of
 * docs/azure-facts.md, where each key has its public URL (EH-L tier limits, EH-F tier features, EH-C common limits, EH-K Kafka, EH-AI
 * auto-inflate, EH-PU processing units, EH-P dynamic partitions, EH-GEO geo-DR pairs, PN azure-native 3.28.0) or a URL.
 * ⚠️ marks facts that could not be confirmed in a primary source; each says how it is applied (conservatively).
 *
 * The azure-native doc comments are stale (partitions "1 to 32", retention "1 to 7 days", capacity "0 to 20 TU",
 * maximumThroughputUnits "0 to 20"): the table below, not the SDK comments, is what the validators use.
 */

export type EventHubsTier = "Basic" | "Standard" | "Premium" | "Dedicated";
export const eventHubsTiers: readonly EventHubsTier[] = ["Basic", "Standard", "Premium", "Dedicated"];

/** Planning throughput of one scale unit (TU, PU or CU). */
export interface UnitThroughput {
  readonly ingressMBps: number;
  /** Undefined where the tier has no event-rate throttle. */
  readonly ingressEventsPerSecond?: number;
  readonly egressMBps: number;
  readonly egressEventsPerSecond?: number;
  /** Where the figures come from. */
  readonly source: string;
}

export interface TierLimits {
  /** Name of the scale unit: throughput units, processing units, capacity units. */
  readonly unit: "TU" | "PU" | "CU";
  readonly unitName: string;
  /** Allowed unit counts (Premium: only these values). EH-L, EH-PU. */
  readonly allowedUnits: readonly number[];
  /** Partitions per event hub. EH-L. */
  readonly maxPartitionsPerHub: number;
  /** Partitions across the namespace per scale unit (Premium 200 per PU, Dedicated 2000 per CU). EH-L. */
  readonly maxPartitionsPerUnit?: number;
  /** Consumer groups per event hub, counting the built-in `$Default`. EH-L. */
  readonly maxConsumerGroupsPerHub: number;
  /** Maximum retention in hours (1 / 7 / 90 / 90 days). EH-L. */
  readonly maxRetentionHours: number;
  /** Event hubs per namespace: a fixed number, or per scale unit (Premium 100 per PU). EH-L. */
  readonly maxEventHubs: number;
  readonly maxEventHubsPerUnit?: number;
  /** Capture to Blob / Data Lake Gen2. EH-L, EH-F. */
  readonly capture: boolean;
  /** Kafka endpoint. EH-K: "supported only in the standard, premium and dedicated tiers". */
  readonly kafka: boolean;
  /** Auto-inflate (Standard only). EH-AI. */
  readonly autoInflate: boolean;
  /** Private endpoints, IP firewall, VNet rules, trusted services (the network rule set). EH-F. */
  readonly networkIsolation: boolean;
  /** Customer-managed key. EH-F. */
  readonly customerManagedKey: boolean;
  /** Log compaction (compacted event hub size is n/a on Basic). EH-L. */
  readonly compaction: boolean;
  /** Geo-DR metadata alias, and which tiers the secondary may have. EH-F, EH-GEO. */
  readonly geoDrPartners: readonly EventHubsTier[];
  /** Partition count can be raised after creation (never lowered). EH-P; ⚠️ for Dedicated, see below. */
  readonly partitionsIncreasable: boolean;
  /** Lowest accepted `minimumTlsVersion`. */
  readonly minTlsVersion: "1.0" | "1.2";
  /** Planning throughput per scale unit (sizing.ts). */
  readonly perUnit: UnitThroughput;
}

const STANDARD_TU: UnitThroughput = {
  // ✅ EH-L / https://learn.microsoft.com/azure/event-hubs/event-hubs-scalability: "Ingress: up to 1 MB per second or
  // 1,000 events per second (whichever comes first). Egress: up to 2 MB per second or 4,096 events per second."
  ingressMBps: 1,
  ingressEventsPerSecond: 1000,
  egressMBps: 2,
  egressEventsPerSecond: 4096,
  source: "1 TU = 1 MB/s or 1000 events/s in, 2 MB/s or 4096 events/s out (event-hubs-scalability)",
};

export const tierLimits: Readonly<Record<EventHubsTier, TierLimits>> = {
  Basic: {
    unit: "TU",
    unitName: "throughput units",
    allowedUnits: range(1, 40), // EH-L: max 40 TU
    maxPartitionsPerHub: 32,
    maxConsumerGroupsPerHub: 1,
    maxRetentionHours: 24,
    maxEventHubs: 10,
    capture: false,
    kafka: false,
    autoInflate: false,
    networkIsolation: false,
    customerManagedKey: false,
    compaction: false,
    geoDrPartners: [],
    partitionsIncreasable: false,
    minTlsVersion: "1.0",
    perUnit: STANDARD_TU,
  },
  Standard: {
    unit: "TU",
    unitName: "throughput units",
    allowedUnits: range(1, 40), // EH-L: 1-40 TU (not the SDK's stale 20)
    maxPartitionsPerHub: 32,
    maxConsumerGroupsPerHub: 20,
    maxRetentionHours: 7 * 24,
    maxEventHubs: 10,
    capture: true,
    kafka: true,
    autoInflate: true,
    networkIsolation: true,
    customerManagedKey: false,
    compaction: true,
    geoDrPartners: ["Standard", "Dedicated"], // EH-GEO
    partitionsIncreasable: false,
    minTlsVersion: "1.0",
    perUnit: STANDARD_TU,
  },
  Premium: {
    unit: "PU",
    unitName: "processing units",
    allowedUnits: [1, 2, 4, 8, 16], // EH-PU
    maxPartitionsPerHub: 100,
    maxPartitionsPerUnit: 200,
    maxConsumerGroupsPerHub: 100,
    maxRetentionHours: 90 * 24,
    maxEventHubs: 100,
    maxEventHubsPerUnit: 100,
    capture: true,
    kafka: true,
    autoInflate: false,
    networkIsolation: true,
    customerManagedKey: true,
    compaction: true,
    geoDrPartners: ["Premium"], // EH-GEO
    partitionsIncreasable: true, // EH-P
    // https://learn.microsoft.com/azure/event-hubs/event-hubs-premium-overview: "Event Hubs Premium supports TLS 1.2
    // or greater."
    minTlsVersion: "1.2",
    perUnit: {
      // ⚠️ Premium is not throttled per PU: throughput "depends on the work you ask Event Hubs to do" (premium
      // overview). Microsoft Press (Azure for Developers, 2nd ed.) quotes 5-10 MB/s in and 10-20 MB/s out per PU; the
      // LOWER bound is used, so sizing errs towards more PUs.
      ingressMBps: 5,
      egressMBps: 10,
      source: "⚠️ planning figure: 1 PU ≈ 5 MB/s in, 10 MB/s out (lower bound of the published 5-10 / 10-20 MB/s)",
    },
  },
  Dedicated: {
    unit: "CU",
    unitName: "capacity units",
    // EH-L: max 20 CU. ⚠️ The user's notes list purchasable sizes 1, 2, 4, 8, 12, 16, 20; self-serve scalable clusters
    // take any count, so every whole number 1-20 is accepted (more than 1 needs supportsScaling, see Cluster.ts).
    allowedUnits: range(1, 20),
    maxPartitionsPerHub: 1024,
    maxPartitionsPerUnit: 2000,
    maxConsumerGroupsPerHub: 1000,
    maxRetentionHours: 90 * 24,
    maxEventHubs: 1000,
    capture: true,
    kafka: true,
    autoInflate: false,
    networkIsolation: true,
    customerManagedKey: true,
    compaction: true,
    geoDrPartners: ["Dedicated"], // EH-GEO (not within the same cluster)
    // ⚠️ EH-P says Premium and Dedicated can add partitions; other copies say Dedicated only or Premium only. Only the
    // docs note relies on this; nothing lowers or raises partitions for the user.
    partitionsIncreasable: true,
    minTlsVersion: "1.0",
    perUnit: {
      // ⚠️ Not throttled per CU. The dedicated-clusters FAQ benchmark (4 CU, 200 partitions) reached 400-1050 MB/s in,
      // i.e. 100-250 MB/s per CU depending on batch shape; the LOWEST figure (1 KB events) is used.
      ingressMBps: 100,
      egressMBps: 200,
      source:
        "⚠️ planning figure: 1 CU ≈ 100 MB/s in, 200 MB/s out (worst case of the dedicated-clusters FAQ benchmark)",
    },
  },
};

/** Limits common to every tier (EH-C unless stated). */
export const commonLimits = {
  /** Event hub name: up to 256 characters. EH-C. */
  eventHubNameMaxLength: 256,
  /**
   * Consumer group name: 50 characters for AMQP, 256 for Kafka (EH-C). The AMQP limit is applied: a group may be
   * read over AMQP by any client.
   */
  consumerGroupNameMaxLength: 50,
  /** SAS authorization rules per namespace (EH-C); ⚠️ applied to each event hub's own rules as well. */
  maxAuthorizationRules: 12,
  /** IP rules and VNet rules per namespace. EH-C. */
  maxIpRules: 128,
  maxVirtualNetworkRules: 128,
  /** Namespace and cluster names: 6-50, alphanumerics and hyphens, start with a letter, end alphanumeric (ARM reference). */
  namespaceName: azureNameRules.eventHubsNamespace.pattern,
  /** Geo-DR alias name: same rule (EH-C, ARM template reference for disasterRecoveryConfigs). */
  aliasName: azureNameRules.geoDrAlias.pattern,
  /** SAS rule name: 1-256 of letters, digits, '.', '-', '_' (ARM reference for authorizationRules). */
  authorizationRuleName: /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/,
  /** Retention: at least one hour (ARM `retentionTimeInHours` minimum). */
  minRetentionHours: 1,
  /** Capture window. PN `captureDescription`: interval 60-900 s, size 10485760-524288000 bytes (10-500 MiB). */
  captureIntervalSeconds: { min: 60, max: 900, default: 300 },
  captureSizeLimitBytes: { min: 10 * 1024 * 1024, max: 500 * 1024 * 1024, default: 300 * 1024 * 1024 },
  /** PN `archiveNameFormat`: every one of these tokens is required, in any order. */
  captureArchiveTokens: [
    "{Namespace}",
    "{EventHub}",
    "{PartitionId}",
    "{Year}",
    "{Month}",
    "{Day}",
    "{Hour}",
    "{Minute}",
    "{Second}",
  ] as const,
  /** Azure's own default archive name format (Event Hubs Capture overview). */
  defaultArchiveNameFormat: "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
  /** The capture destination name for Blob and Data Lake Gen2 (Gen1, `EventHubArchive.AzureDataLake`, is retired). */
  captureDestinationName: "EventHubArchive.AzureBlockBlob",
  /**
   * Per-partition planning throughput: "we recommend a maximum throughput of 1 MB/s per partition"
   * (https://learn.microsoft.com/azure/event-hubs/event-hubs-scalability#partitions). ⚠️ The event rate and egress
   * per partition are taken as one TU's worth (1000 events/s in, 2 MB/s and 4096 events/s out), as the older
   * "a partition can carry one TU" guidance had it.
   */
  perPartition: { ingressMBps: 1, ingressEventsPerSecond: 1000, egressMBps: 2, egressEventsPerSecond: 4096 },
  /** Minimum TLS versions the 2024-01-01 API accepts. PN `TlsVersion`. */
  tlsVersions: ["1.0", "1.1", "1.2"] as const,
  /** Default partition count when neither partitionCount nor a load is given. */
  defaultPartitionCount: 4,
  /** Default retention when none is given: one day, valid on every tier. */
  defaultRetentionHours: 24,
  /**
   * Key Vault secret names the SAS keys are exported to: 1-127 alphanumerics and hyphens (REST
   * specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/secrets.json, `secretName`; the API
   * version azure-native's keyvault.Secret uses). planner/arm/constraints/core.ts states the same pattern.
   */
  keyVaultSecretName: /^[0-9a-zA-Z-]{1,127}$/,
} as const;

/**
 * The smallest and largest value of a per-tier limit over the given tiers (all by default): the absolute bound the
 * config schema states, so an editor flags what no tier accepts; the validators check the tier's own limit.
 */
export function boundsOverTiers(
  pick: (l: TierLimits) => number | readonly number[],
  tiers: readonly EventHubsTier[] = eventHubsTiers,
): { readonly min: number; readonly max: number } {
  const values = tiers.flatMap((t) => pick(tierLimits[t]));
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** One limit across the tiers, for messages: `Basic 32, Standard 32, Premium 100, Dedicated 1024`. */
export function describeTierMaxima(pick: (l: TierLimits) => number | boolean, unit = ""): string {
  return eventHubsTiers.map((t) => `${t} ${String(pick(tierLimits[t]))}${unit}`).join(", ");
}

/** "exceeds the Standard tier maximum of 32 partitions per event hub (Premium allows 100, Dedicated allows 1024)". */
export function tierMaxMessage(
  tier: EventHubsTier,
  what: string,
  max: number,
  pick: (t: EventHubsTier) => number,
): string {
  const others = eventHubsTiers
    .filter((t) => t !== tier && pick(t) > max)
    .map((t) => `${t} ${pick(t)}`)
    .join(", ");
  return `exceeds the ${tier} tier maximum of ${max} ${what}${others ? ` (${others.replace(/ (\d)/g, " allows $1")})` : ""}`;
}

/** "Capture is not available on the Basic tier; available on: Standard, Premium, Dedicated". */
export function notOnTier(tier: EventHubsTier, feature: string, allowed: (l: TierLimits) => boolean): string {
  const ok = eventHubsTiers.filter((t) => allowed(tierLimits[t])).join(", ");
  return `${feature} is not available on the ${tier} tier; available on: ${ok}`;
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * With `publicNetworkAccess: Disabled` only private endpoints reach the namespace, so IP and virtual network rules
 * (which filter public traffic) have no effect: a warning (README "Errors and warnings").
 */
export const publicAccessDisabledSource = "https://learn.microsoft.com/azure/event-hubs/event-hubs-ip-filtering";
