import { azureNameRules } from "../core/azureNames";
/**
 * Service Bus facts, by tier, in one table. Every fact carries its source: a citation key of
 * docs/azure-facts.md, where each key has its public URL (SB-L tier limits, SB-C common limits, SB-F tier features, SB-PL private link,
 * SB-GEO geo-DR, SB-FWD auto-forwarding, SB-EXP expiration, PN azure-native 3.28.0) or a URL.
 * ⚠️ marks facts that could not be confirmed in a primary source; each says how it is applied (conservatively).
 */

export type ServiceBusTier = "Basic" | "Standard" | "Premium";
export const serviceBusTiers: readonly ServiceBusTier[] = ["Basic", "Standard", "Premium"];

export interface ServiceBusTierFacts {
  /** Topics and subscriptions. SB-F. */
  readonly topics: boolean;
  /** Message sessions (`requiresSession`). SB-F. */
  readonly sessions: boolean;
  /** Duplicate detection (`requiresDuplicateDetection`). SB-F. */
  readonly duplicateDetection: boolean;
  /** Auto-forwarding and dead-letter forwarding (`forwardTo`, `forwardDeadLetteredMessagesTo`). SB-F, SB-FWD. */
  readonly forwarding: boolean;
  /** Transactions: a client feature with no ARM property; listed so the docs and the table agree. SB-F. */
  readonly transactions: boolean;
  /**
   * Express entities. Not on Premium: https://learn.microsoft.com/azure/service-bus-messaging/service-bus-premium-messaging
   * (some community modules allow them there; see docs/azure-facts.md).
   */
  readonly express: boolean;
  /** Per-entity `maxMessageSizeInKilobytes` (large messages up to 100 MB). SB-L. */
  readonly largeMessages: boolean;
  /** Per-entity partitioning (`enablePartitioning`); Premium partitions the namespace instead. SB-L, PN. */
  readonly entityPartitioning: boolean;
  /** Messaging units (`sku.capacity`) and namespace partitions (`premiumMessagingPartitions`). SB-L, PN. */
  readonly messagingUnits: boolean;
  /** Private endpoints. SB-PL. */
  readonly privateEndpoints: boolean;
  /**
   * Network rule set (IP firewall, VNet rules, trusted services). SB-PL ("Networking blade: Premium only").
   * ⚠️ Some pages say the IP firewall alone works on Standard; not confirmed, so the rule set is Premium-only here
   * (the conservative choice: a Standard namespace is rejected rather than silently left open).
   */
  readonly networkRuleSet: boolean;
  /** Customer-managed key encryption. SB-F. */
  readonly customerManagedKey: boolean;
  /** Geo-DR alias pairing (both namespaces Premium). SB-F, SB-GEO. */
  readonly geoDisasterRecovery: boolean;
  /** Geo-replication (`geoDataReplication`). ⚠️ Premium per SB-GEO's comparison section and the geo-replication page. */
  readonly geoReplication: boolean;
  /**
   * Allowed `maxSizeInMegabytes` of a queue or topic. SB-L: Basic/Standard 1-5 GB (80 GB with partitioning, which is
   * the same setting spread over 16 partitions); Premium up to 80 GB. ⚠️ The Premium list of steps (10, 20, 40, 80 GB)
   * comes from Azure Verified Modules' Terraform Service Bus module, not from Microsoft docs.
   */
  readonly entitySizesMb: readonly number[];
}

export const tierFacts: Readonly<Record<ServiceBusTier, ServiceBusTierFacts>> = {
  Basic: {
    topics: false,
    sessions: false,
    duplicateDetection: false,
    forwarding: false,
    transactions: false,
    express: true,
    largeMessages: false,
    entityPartitioning: true,
    messagingUnits: false,
    privateEndpoints: false,
    networkRuleSet: false,
    customerManagedKey: false,
    geoDisasterRecovery: false,
    geoReplication: false,
    entitySizesMb: [1024, 2048, 3072, 4096, 5120],
  },
  Standard: {
    topics: true,
    sessions: true,
    duplicateDetection: true,
    forwarding: true,
    transactions: true,
    express: true,
    largeMessages: false,
    entityPartitioning: true,
    messagingUnits: false,
    privateEndpoints: false,
    networkRuleSet: false,
    customerManagedKey: false,
    geoDisasterRecovery: false,
    geoReplication: false,
    entitySizesMb: [1024, 2048, 3072, 4096, 5120],
  },
  Premium: {
    topics: true,
    sessions: true,
    duplicateDetection: true,
    forwarding: true,
    transactions: true,
    express: false,
    largeMessages: true,
    entityPartitioning: false,
    messagingUnits: true,
    privateEndpoints: true,
    networkRuleSet: true,
    customerManagedKey: true,
    geoDisasterRecovery: true,
    geoReplication: true,
    entitySizesMb: [1024, 2048, 3072, 4096, 5120, 10240, 20480, 40960, 81920],
  },
};

/** Tiers that have a feature, for "allowed on ..." messages. */
export function tiersWith(feature: keyof Omit<ServiceBusTierFacts, "entitySizesMb">): ServiceBusTier[] {
  return serviceBusTiers.filter((s) => tierFacts[s][feature]);
}

/** Premium namespace partitions (`premiumMessagingPartitions`): 1, 2 or 4, set at creation and immutable. SB-L, PN. */
export const premiumPartitions: readonly number[] = [1, 2, 4];

/** Messaging units per partition: capacity must be one of these times the partition count. PN `SBSkuArgs.capacity`, SB-L. */
export const messagingUnitSteps: readonly number[] = [1, 2, 4, 8, 16];

/** Allowed `sku.capacity` for a partition count. */
export function allowedMessagingUnits(partitions: number): number[] {
  return messagingUnitSteps.map((u) => u * partitions);
}

/**
 * Absolute bounds over every tier and partition count, for the config schema (an editor flags what no tier accepts);
 * the validators check the tier's own sizes and the capacity for the namespace's partition count.
 */
export const absoluteBounds = {
  entitySizeMb: bounds(serviceBusTiers.flatMap((t) => tierFacts[t].entitySizesMb)),
  messagingUnits: bounds(premiumPartitions.flatMap(allowedMessagingUnits)),
  premiumMessagingPartitions: bounds(premiumPartitions),
} as const;
function bounds(values: readonly number[]): { readonly min: number; readonly max: number } {
  return { min: Math.min(...values), max: Math.max(...values) };
}
/** `maxMessageSizeInKilobytes` on Premium: 1 MB (the default) to 100 MB. SB-L. */
export const largeMessageKb = { min: 1024, max: 102400, default: 1024 } as const;

/** Time spans of entities, in seconds. */
export const durations = {
  /** Duplicate-detection window: 20 s to 7 days. .NET QueueProperties docs; PN. */
  duplicateDetectionWindow: { min: 20, max: 7 * 86400 },
  /**
   * Window used when duplicate detection is on and no window is given. ⚠️ Azure's own default is 10 min per the ARM
   * comment but 1 min per the .NET docs: the component always sends an explicit `PT10M`, so no default is guessed.
   */
  duplicateDetectionDefault: "PT10M",
  /**
   * Lock duration: at most 5 min (PN comment, .NET docs), Azure default 1 min. ⚠️ The minimum is not documented:
   * 1 s is accepted here (anything shorter is rejected as meaningless, the rest is left to Azure).
   */
  lockDuration: { min: 1, max: 300 },
  /** Auto-delete on idle: at least 5 min (queues, topics, subscriptions). PN comment, SB-EXP. */
  autoDeleteOnIdle: { min: 300 },
  /**
   * Default message time to live: must be positive. ⚠️ A 14-day cap on Basic is not confirmed and not enforced.
   * SB-EXP.
   */
  defaultMessageTimeToLive: { min: 1 },
} as const;

/**
 * Max delivery count: at least 1, Azure default 10. ⚠️ No documented upper bound (an int32); none is enforced
 * beyond that. PN comment.
 */
export const maxDeliveryCount = { min: 1, max: 2147483647, default: 10 } as const;

/** Auto-forwarding. SB-FWD (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-auto-forwarding). */
export const forwarding = {
  /** "Don't create a chain that exceeds four hops. Messages that exceed four hops are dead-lettered." SB-FWD. */
  maxHops: 4,
  /** "Autoforwarding isn't supported for session-enabled queues or subscriptions." SB-FWD. */
  sessionsOnSource: false,
  /** "The destination entity must exist at the time the source entity is created." SB-FWD (ordering via dependsOn). */
  targetMustExistFirst: true,
} as const;

/** Names. SB-C and the ARM template reference of each resource type. */
export const names = {
  /** Namespace: 6-50 letters, digits and hyphens, starts with a letter, ends with a letter or digit. SB-C, ARM reference. */
  namespace: azureNameRules.serviceBusNamespace.pattern,
  namespaceRule: azureNameRules.serviceBusNamespace.says,
  /** Geo-DR alias: the same shape (6-50, alphanumerics and hyphens, starts with a letter, ends alphanumeric). ARM reference for disasterRecoveryConfigs. */
  alias: azureNameRules.geoDrAlias.pattern,
  aliasRule: azureNameRules.geoDrAlias.says,
  /** Queue or topic path: up to 260 characters. SB-C. (Map keys are already limited to 63.) */
  maxEntityPath: 260,
  /** Subscription and rule names: up to 50 characters. SB-C. */
  maxSubscriptionName: 50,
  maxRuleName: 50,
} as const;

/** Topic filters and actions. SB-C. */
export const ruleLimits = {
  /** SQL filter expression and SQL action: each at most 1,024 characters. SB-C. */
  maxSqlLength: 1024,
  /** SQL filters per topic. SB-C. */
  maxSqlFiltersPerTopic: 2000,
  /** Correlation filters per topic. SB-C. */
  maxCorrelationFiltersPerTopic: 100000,
  /** Subscriptions per topic (every tier). SB-L. */
  maxSubscriptionsPerTopic: 2000,
  /**
   * The SQL filter the component gives the `$Default` rule to stop it matching (Azure's FalseFilter is `1=0`): a
   * subscription with rules otherwise still receives everything through `$Default`'s TrueFilter.
   */
  matchNothing: "1=0",
} as const;

/** Geo-replication (`geoDataReplication`). PN, https://learn.microsoft.com/azure/service-bus-messaging/service-bus-geo-replication */
export const geoReplication = {
  /** `maxReplicationLagDurationInSeconds`: 0 (synchronous) or 300-86400 (asynchronous). PN. */
  lagSeconds: { synchronous: 0, min: 300, max: 86400 },
  /** "Currently only a single secondary is supported." ⚠️ A preview-era statement; enforced until the docs change. */
  maxSecondaries: 1,
  /** "This feature can't be used in combination with ... Geo-Disaster Recovery." */
  combinableWithGeoDr: false,
  /** "Large message support" is listed as not supported with geo-replication. ⚠️ Preview-era; enforced conservatively. */
  largeMessages: false,
} as const;

/** Minimum TLS versions ARM accepts (PN `TlsVersion`, 2026-01-01 adds 1.3); the component defaults to 1.2. */
export const tlsVersions = ["1.0", "1.1", "1.2", "1.3"] as const;
export type TlsVersion = (typeof tlsVersions)[number];

/** Built-in data-plane roles (RBAC, all ✅); GUIDs live in components/rbac/builtInRoles.ts. */
export const dataRoles = {
  owner: "Azure Service Bus Data Owner",
  sender: "Azure Service Bus Data Sender",
  receiver: "Azure Service Bus Data Receiver",
} as const;

/** Network access facts. */
export const networkFacts = {
  /**
   * With `publicNetworkAccess: Disabled` "the namespace is accessible only through private endpoints": IP and virtual
   * network rules (which filter public traffic) then have no effect, a warning.
   */
  publicAccessDisabledSource: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-ip-filtering",
} as const;

/**
 * Rule filters and actions: `compatibilityLevel` "is reserved for future use ... currently hard-coded to 20" (PN
 * `servicebus.ActionArgs` / `SqlFilterArgs`; REST servicebus.json #/definitions/Action): another value is accepted and
 * has no effect, a warning.
 */
export const sqlCompatibilityLevel = 20;

/**
 * Standard to Premium migration (`migrationConfigurations/$default`). Source:
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-migrate-standard-premium
 */
export const migration = {
  /** "Migration is intended for Service Bus standard namespaces to be upgraded to the premium tier"; no downgrade. */
  sourceTier: "Standard",
  targetTier: "Premium",
  /** "The premium namespace should have no entities in it for the migration to succeed". */
  targetWithoutEntities: true,
  /** "... and should not have partitioning enabled" (premiumMessagingPartitions above 1). */
  targetPartitions: 1,
  /** The configuration's name: "Should always be $default" (PN `MigrationConfigArgs.configName`). */
  configName: "$default",
} as const;
