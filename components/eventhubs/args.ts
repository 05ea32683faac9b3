import * as pulumi from "@pulumi/pulumi";
import { AuthorizationRuleArgs, NamespaceKeyArgs, NamespaceNetworkRulesArgs } from "../core/messaging";
import { CommonResourceArgs, EntityExtensionArgs, PrincipalType } from "../core/interfaces";
import { EventHubsClusterArgs } from "./Cluster";
import { EventHubsTier } from "./limits";
import { EventHubLoad } from "./sizing";
import type { SecretsExportArgs } from "./secretsExport";

export type { RuleSecretNames, SecretsExportArgs } from "./secretsExport";

// The argument types of EventHubNamespace and EventHubNamespaceEntities: what a caller can declare. Validation is in
// validateNamespace.ts / validateEventHub.ts, the resources in Namespace.ts / eventHub.ts.

/** A principal that gets a data-plane role. */
export interface PrincipalRef {
  /** Object id of the user, group or service principal (managed identity). */
  readonly principalId: pulumi.Input<string>;
  /** Required (no default): `ServicePrincipal` for managed identities. */
  readonly principalType: PrincipalType;
}

// SAS rules and the network rule set are the shapes Event Hubs shares with Service Bus (components/core/messaging.ts).
export type { AuthorizationRuleArgs } from "../core/messaging";
/** The IP firewall / VNet rule set (not on Basic). */
export type NetworkRuleSetArgs = NamespaceNetworkRulesArgs;

export interface RetentionArgs {
  /** `Delete` (time-based) or `Compact` (keep the latest event per key). Defaults to `Delete`. */
  readonly cleanupPolicy?: "Delete" | "Compact";
  /** Delete policy: retention in hours, 1 up to the tier maximum (24 / 168 / 2160 / 2160). Defaults to 24. */
  readonly retentionTimeInHours?: number;
  /** Delete policy: retention in days instead of hours (1 / 7 / 90 / 90 days maximum). Defaults to unset. */
  readonly retentionTimeInDays?: number;
  /** Compact policy: how long tombstones are kept, in hours (⚠️ capped at the tier's retention maximum). Defaults to Azure's. */
  readonly tombstoneRetentionTimeInHours?: number;
}

/** Who writes captured files: the namespace's system-assigned identity, or one of its user-assigned identities. */
export type CaptureIdentity =
  | { readonly type: "SystemAssigned" }
  | {
      readonly type: "UserAssigned";
      /** Resource id of the identity; it must also be in `managedIdentities.userAssignedResourceIds`. */
      readonly resourceId: pulumi.Input<string>;
      /** Its principal id, for the role assignment on the container. */
      readonly principalId: pulumi.Input<string>;
    };

/**
 * Event Hubs Capture to a Blob container (Data Lake Storage Gen2 is a Blob destination on an account with a
 * hierarchical namespace; Data Lake Gen1 is retired). Identity-based: the component grants the capturing identity
 * "Storage Blob Data Contributor" on the container (not the account) and creates the event hub after it.
 */
export interface CaptureArgs {
  /** Capture on (`false` keeps the settings and stops writing). Defaults to true. */
  readonly enabled?: boolean;
  /** `Avro` or `AvroDeflate`. Defaults to `Avro`. */
  readonly encoding?: "Avro" | "AvroDeflate";
  /** Time window, 60-900 s. Defaults to 300. */
  readonly intervalInSeconds?: number;
  /** Size window, 10485760-524288000 bytes (10-500 MiB). Defaults to 314572800 (300 MiB). */
  readonly sizeLimitInBytes?: number;
  /** Write no file for an empty window. Defaults to true. */
  readonly skipEmptyArchives?: boolean;
  /** Blob name format with every token `{Namespace}` … `{Second}`. Defaults to Azure's format. */
  readonly archiveNameFormat?: string;
  /** Storage account of the container (ARM id). */
  readonly storageAccountId: pulumi.Input<string>;
  /** Container name. */
  readonly blobContainer: pulumi.Input<string>;
  /** Container ARM id: the scope of the role assignment (least privilege). */
  readonly containerId: pulumi.Input<string>;
  /** Capturing identity. Required; the namespace must carry it (`managedIdentities`). */
  readonly identity: CaptureIdentity;
}

/** A blob container where a consumer group's processors keep checkpoints and ownership. */
export interface CheckpointStoreArgs {
  /** Container ARM id: the scope of the role assignments. */
  readonly containerId: pulumi.Input<string>;
  /** Processors that checkpoint: each gets "Storage Blob Data Contributor" on the container. Defaults to none. */
  readonly consumers?: Record<string, PrincipalRef>;
}

export interface ConsumerGroupArgs extends EntityExtensionArgs {
  /** Consumer group name, up to 50 characters. Defaults to the map key. */
  readonly name?: string;
  /** Free text. Defaults to none. */
  readonly userMetadata?: pulumi.Input<string>;
  /** Checkpoint store for this group's processors. Defaults to none. */
  readonly checkpointStore?: CheckpointStoreArgs;
}

export interface EventHubArgs extends EntityExtensionArgs {
  /** Event hub name, up to 256 characters. Defaults to the map key. */
  readonly name?: string;
  /**
   * Partitions, 1 up to the tier maximum (32 / 32 / 100 / 1024). Defaults to what `load` needs, at least 4.
   * It can never be lowered; only Premium and Dedicated can raise it later.
   */
  readonly partitionCount?: number;
  /** Retention. Defaults to Delete after 24 hours (valid on every tier). */
  readonly retention?: RetentionArgs;
  /** Whether the hub takes events (`SendDisabled` stops publishers only). Defaults to Azure's (`Active`). */
  readonly status?: pulumi.Input<"Active" | "Disabled" | "SendDisabled">;
  /** Free text. Defaults to none. */
  readonly userMetadata?: pulumi.Input<string>;
  /** Capture (not on Basic). Defaults to none. */
  readonly capture?: CaptureArgs;
  /** Consumer groups besides `$Default` (which counts towards the tier cap of 1 / 20 / 100 / 1000). Defaults to none. */
  readonly consumerGroups?: Record<string, ConsumerGroupArgs>;
  /** Principals that get "Azure Event Hubs Data Sender" on this event hub. Defaults to none. */
  readonly senders?: Record<string, PrincipalRef>;
  /** Principals that get "Azure Event Hubs Data Receiver" on this event hub. Defaults to none. */
  readonly receivers?: Record<string, PrincipalRef>;
  /** SAS rules on this event hub (needs local auth). Defaults to none. */
  readonly authorizationRules?: Record<string, AuthorizationRuleArgs>;
  /** Expected peak load: sizes the namespace's units and this hub's partitions, and rejects what cannot carry it. */
  readonly load?: EventHubLoad;
}

/** Placement on a Dedicated cluster: an existing cluster, or one this component creates. */
export type DedicatedClusterArgs =
  | {
      /** ARM id of an existing cluster. */
      readonly clusterId: pulumi.Input<string>;
      /** Its capacity units, if known: lets sizing and the partition budget be checked. Defaults to unknown. */
      readonly capacityUnits?: number;
    }
  | {
      /** Create the cluster as a child of this namespace component. */
      readonly create: Omit<EventHubsClusterArgs, "resourceGroupName" | "location" | "tags" | "protect">;
    };

/** A customer-managed key (the shared namespace shape), with the user-assigned identity required. */
export interface CustomerManagedKeyArgs extends NamespaceKeyArgs {
  /**
   * User-assigned identity with key access; it must be in `managedIdentities.userAssignedResourceIds`. Required: a
   * system-assigned identity does not exist before the namespace does, so it cannot be granted the key in advance.
   */
  readonly userAssignedIdentityId: pulumi.Input<string>;
}

export interface GeoDisasterRecoveryArgs {
  /** Alias name, 6-50 letters, digits and hyphens, starting with a letter; clients connect to it. */
  readonly alias: string;
  /** ARM id of the secondary namespace (empty: geo-DR replicates metadata into it). */
  readonly partnerNamespaceId: pulumi.Input<string>;
  /**
   * Tier of the secondary: Standard → Standard or Dedicated, Premium → Premium, Dedicated → Dedicated. Defaults to
   * unknown (a secondary outside the program): the pair is then left to Azure, which refuses a disallowed one.
   */
  readonly partnerTier?: EventHubsTier;
  /** Region of the secondary; must differ from this namespace's. Checked when both are known. */
  readonly partnerLocation?: pulumi.Input<string>;
  /** Cluster of a Dedicated secondary; must differ from this namespace's cluster. Checked when both are known. */
  readonly partnerClusterId?: pulumi.Input<string>;
  /** Required when the alias equals the namespace name. Defaults to none. */
  readonly alternateName?: string;
}

export interface EventHubNamespaceArgs extends CommonResourceArgs {
  /** Namespace name, 6-50 letters, digits and hyphens, starting with a letter. Defaults to an auto-name. */
  readonly namespaceName?: pulumi.Input<string>;
  /** Basic, Standard, Premium, or Dedicated (placement on a cluster). The tier cannot be changed after creation. */
  readonly tier: EventHubsTier;
  /**
   * Throughput units (Basic/Standard: 1-40) or processing units (Premium: 1, 2, 4, 8, 16). Not used on Dedicated
   * (the cluster's capacity units). Defaults to what the event hubs' `load` needs, else 1.
   */
  readonly capacity?: number;
  /** Auto-inflate (Standard only): grow TUs up to `maximumThroughputUnits` (1-40, ≥ capacity). Defaults to off. */
  readonly autoInflate?: { readonly maximumThroughputUnits: number };
  /** Required on Dedicated, not allowed elsewhere. */
  readonly dedicatedCluster?: DedicatedClusterArgs;
  /** Spread over the region's availability zones. Defaults to true. */
  readonly zoneRedundant?: boolean;
  /** `1.0`, `1.1` or `1.2` (Premium: 1.2). Defaults to `1.2`. */
  readonly minimumTlsVersion?: "1.0" | "1.1" | "1.2";
  /** Disable SAS (local) authentication: Entra ID only. Defaults to true. */
  readonly disableLocalAuth?: boolean;
  /** Kafka endpoint (not on Basic). Defaults to true on Standard, Premium and Dedicated, false on Basic. */
  readonly kafkaEnabled?: boolean;
  /** The public endpoint. Defaults to Disabled when private endpoints are given and no firewall rules are, else Enabled. */
  readonly publicNetworkAccess?: "Enabled" | "Disabled" | "SecuredByPerimeter";
  /** IP firewall, VNet rules, trusted services (not on Basic). Defaults to none (no rule set resource). */
  readonly networkRuleSet?: NetworkRuleSetArgs;
  /** Customer-managed key (Premium and Dedicated). Defaults to Microsoft-managed keys. */
  readonly customerManagedKey?: CustomerManagedKeyArgs;
  /** Namespace-level SAS rules (need local auth). Defaults to none. */
  readonly authorizationRules?: Record<string, AuthorizationRuleArgs>;
  /**
   * Connection strings and keys of namespace-level SAS rules written to a Key Vault as secrets (needs local auth; the
   * deploying principal needs to write secrets in the vault). Defaults to none.
   */
  readonly secretsExport?: SecretsExportArgs;
  /** Event hubs keyed by name. Defaults to none. */
  readonly eventHubs?: Record<string, EventHubArgs>;
  /** Geo-DR alias with a secondary namespace (not on Basic). Defaults to none. */
  readonly geoDisasterRecovery?: GeoDisasterRecoveryArgs;
}
