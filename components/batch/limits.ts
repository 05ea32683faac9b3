import { azureNameRules } from "../core/azureNames";
/**
 * Azure Batch facts, each with its source. Citation keys are those of docs/azure-facts.md (BATCH
 * the Batch docs and REST reference, PN the azure-native typings); URLs otherwise.
 */

export type OsFamily = "linux" | "windows";

export interface ImageRule {
  /** Marketplace publisher (case-insensitive). */
  readonly publisher: string;
  /** Offer; a RegExp for offer families. */
  readonly offer: RegExp;
  /** Sku; a RegExp. Defaults to any. */
  readonly sku?: RegExp;
  readonly os: OsFamily;
  /** The node agent SKU that matches this image. */
  readonly nodeAgentSkuId: string;
  readonly source: string;
}

/**
 * Marketplace images whose node agent SKU we know. For any other image only the OS family is checked (from the
 * publisher or the agent SKU), and the pairing is left to Azure (`az batch pool supported-images list`).
 */
export const imageRules: readonly ImageRule[] = [
  {
    publisher: "canonical",
    offer: /^0001-com-ubuntu-server-jammy$/i,
    os: "linux",
    nodeAgentSkuId: "batch.node.ubuntu 22.04",
    source: "BATCH (simplified node communication docs and ARM template samples) ✅",
  },
  {
    publisher: "canonical",
    offer: /^ubuntu-24_04-lts$/i,
    sku: /^server$/i,
    os: "linux",
    nodeAgentSkuId: "batch.node.ubuntu 24.04",
    source: "Batch docs pool samples (canonical/ubuntu-24_04-lts/server), confirmed via search",
  },
  {
    publisher: "canonical",
    offer: /^ubuntu-24_04-lts$/i,
    sku: /^server-arm64$/i,
    os: "linux",
    nodeAgentSkuId: "batch.node.ubuntu 24.04-arm64",
    source: "public Batch scripts pairing server-arm64 with this agent, via search ⚠️ (one source)",
  },
  {
    publisher: "microsoft-dsvm",
    offer: /^ubuntu-hpc$/i,
    sku: /^2404$/i,
    os: "linux",
    nodeAgentSkuId: "batch.node.ubuntu 24.04",
    source: "public Batch pool templates (microsoft-dsvm/ubuntu-hpc/2404), confirmed via search",
  },
  {
    publisher: "microsoftwindowsserver",
    offer: /^windowsserver$/i,
    os: "windows",
    nodeAgentSkuId: "batch.node.windows amd64",
    source: "BATCH (@azure/arm-batch samples) ✅",
  },
];

/** Publishers whose images are all of one OS family (for images without a rule above). */
export const publisherOs: Readonly<Record<string, OsFamily>> = {
  canonical: "linux",
  "microsoft-dsvm": "linux", // ⚠️ also publishes Windows DSVM images; only used with ubuntu-* offers in practice
  almalinux: "linux",
  resf: "linux", // Rocky Linux
  debian: "linux",
  microsoftwindowsserver: "windows",
  microsoftwindowsdesktop: "windows",
};

/** Node agent SKUs: `batch.node.windows ...` are Windows, every other `batch.node.*` is Linux (PN; Batch docs). */
export function agentOs(nodeAgentSkuId: string): OsFamily | undefined {
  if (!/^batch\.node\./i.test(nodeAgentSkuId)) return undefined;
  return /^batch\.node\.windows/i.test(nodeAgentSkuId) ? "windows" : "linux";
}

export const batchLimits = {
  /** Account name: 3-24 lowercase letters and digits (PN comment / REST, BATCH ✅). */
  accountName: azureNameRules.batchAccount.pattern,
  /**
   * Pool id: letters, digits, hyphens and underscores, at most 64 characters.
   * Source: Batch REST "Pool - Add" (id). ⚠️ from the REST reference, not re-confirmed through search here.
   */
  poolName: /^[A-Za-z0-9_-]{1,64}$/,
  /** Application id: letters, digits, hyphens and underscores, at most 64 characters (Batch REST). ⚠️ as above. */
  applicationName: /^[A-Za-z0-9_-]{1,64}$/,
  /** Autoscale evaluation interval: 5 min to 168 h (BATCH ✅). Default PT15M. */
  evaluationIntervalSeconds: { min: 5 * 60, max: 168 * 3600 },
  /** Fixed-scale resize timeout: at least 5 min (BATCH, PN). Default PT15M. */
  resizeTimeoutMinSeconds: 5 * 60,
  /** Task slots per node: 1 to min(4 x cores, 256) (PN); the core count is unknown here, so only 256 is checked. */
  taskSlotsPerNode: { min: 1, max: 256 },
  /** At most 10 application package references per pool (PN `PoolArgs.applicationPackages`). */
  maxApplicationPackagesPerPool: 10,
  /**
   * VM sizes Batch does not support: STANDARD_A0 and premium-storage sizes of the GS, DS and DSv2 series
   * (PN `PoolArgs.vmSize`).
   */
  unsupportedVmSizes: [/^standard_a0$/i, /^standard_gs\d+$/i, /^standard_ds\d+(_v2)?(_promo)?$/i],
  /** Start task retries: -1 (unlimited) or more (PN; BATCH). */
  minMaxTaskRetryCount: -1,
  /**
   * Classic node communication is retired on 31 March 2026; Simplified (outbound 443 only) replaces it.
   * Source: https://learn.microsoft.com/azure/batch/simplified-compute-node-communication (confirmed via search).
   * Pools without public IPs need Simplified (same page; batch-pool-no-public-ip-address).
   */
  defaultNodeCommunicationMode: "Simplified",
  /**
   * Node disk encryption targets a marketplace-image pool gets by default (policy batch-pool-disk-encryption, AP
   * 1760f9d4). PN `DiskEncryptionConfigurationArgs`: "On Linux pool, only TemporaryDisk is supported; on Windows pool,
   * OsDisk and TemporaryDisk must be specified", and disk encryption "is not supported on Linux pool created with
   * Virtual Machine Image or Azure Compute Gallery Image" (so pools from an image id get no default).
   */
  defaultDiskEncryptionTargets: { linux: ["TemporaryDisk"], windows: ["OsDisk", "TemporaryDisk"] },
  /** Autoscale formulas decide the pool size by assigning these (BATCH: the autoscale docs). */
  autoscaleTargets: ["$TargetDedicatedNodes", "$TargetLowPriorityNodes"],
  /**
   * Customer-managed key: `keyVaultProperties.keyIdentifier` is the key's full URL, with or without a version
   * (`https://<vault>.vault.azure.net/keys/<name>[/<version>]`), and the account needs an identity granted on it
   * (PN `KeyVaultPropertiesArgs.keyIdentifier`). Only a user-assigned identity can be granted before the account
   * exists, so only it allows the key at creation; a system-assigned one is created with the account
   * (https://learn.microsoft.com/azure/batch/batch-customer-managed-key).
   */
  keyIdentifier: /^https:\/\/[^/]+\/keys\/[^/]+(\/[^/]+)?\/?$/i,
} as const;
