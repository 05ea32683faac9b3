/**
 * Azure Storage facts the StorageAccount component checks, each with its source. Spec: Azure/azure-rest-api-specs
 * specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01 (the API version azure-native uses).
 */
export const storageLimits = {
  /** Standard (general-purpose v2, kind `StorageV2`) replication SKUs. */
  standardSkus: ["Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"],
  /**
   * Premium block blob SKUs: they need kind `BlockBlobStorage`, which holds blobs only (no queues, tables or files)
   * and has no access tier. Source: https://learn.microsoft.com/azure/storage/common/storage-account-overview
   * ("Premium block blobs": BlockBlobStorage, LRS and ZRS, Blob Storage including Data Lake Storage) and
   * `StorageAccountPropertiesCreateParameters.accessTier` in storage.json ("The 'Premium' access tier is the default
   * value for premium block blobs storage account type and it cannot be changed").
   */
  premiumSkus: ["Premium_LRS", "Premium_ZRS"],
  premiumKind: "BlockBlobStorage",
  /**
   * Default access tiers of a general-purpose v2 account. Source:
   * https://learn.microsoft.com/azure/storage/blobs/access-tiers-overview ("the default access tier ... hot, cool, or
   * cold"; archive is per blob only) and the `AccessTier` enum of storage.json (Hot, Cool, Premium, Cold).
   */
  accessTiers: ["Hot", "Cool", "Cold"],
  /** Blob and container soft delete: 1-365 days (`DeleteRetentionPolicy.days`, common.json). */
  deleteRetentionDays: { min: 1, max: 365 },
  /**
   * Change feed retention: 1-146000 days, none for ever (`ChangeFeed.retentionInDays`, blob.json). Not available with
   * a hierarchical namespace. Source: https://learn.microsoft.com/azure/storage/blobs/storage-blob-change-feed
   * ("Enable and disable the change feed": not supported for accounts with a hierarchical namespace).
   */
  changeFeedRetentionDays: { min: 1, max: 146000 },
  /**
   * Container-level time-based retention (WORM): 1-146000 days; general-purpose v2 and premium block blob accounts,
   * with or without a hierarchical namespace; a locked policy can never be shortened or removed, so the component
   * creates unlocked policies only. Sources: https://learn.microsoft.com/azure/storage/blobs/immutable-container-level-worm-policies
   * and https://learn.microsoft.com/azure/storage/blobs/immutable-time-based-retention-policy-overview;
   * `ImmutabilityPolicyProperty` in blob.json (`allowProtectedAppendWrites` and `allowProtectedAppendWritesAll` are
   * mutually exclusive).
   */
  immutabilityPeriodDays: { min: 1, max: 146000 },
} as const;

export type StorageSku = (typeof storageLimits.standardSkus)[number] | (typeof storageLimits.premiumSkus)[number];
export type StorageAccessTier = (typeof storageLimits.accessTiers)[number];
