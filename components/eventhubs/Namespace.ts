import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as eventhub from "@pulumi/azure-native/eventhub";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, defaultPublicNetworkAccess, validateCommonArgs } from "../core/extensions";
import { toManagedServiceIdentity } from "../core/identity";
import {
  manageWithoutSendAndListen,
  NamespaceKeyArgs,
  toNamespaceEncryption,
  toNamespaceNetworkRules,
  validateNamespaceNetworkRules,
} from "../core/messaging";
import { CommonResourceArgs, PrincipalType, principalTypes } from "../core/interfaces";
import { childName } from "../core/naming";
import { createRoleAssignment } from "../core/roleAssignment";
import { armId, intInRange, isKnown, mapKeys, matches, oneOf, violation } from "../core/validate";
import { EventHubsCluster, EventHubsClusterArgs, validateEventHubsClusterArgs } from "./Cluster";
import { AccessRight, commonLimits, describeTierMaxima, EventHubsTier, eventHubsTiers, tierLimits } from "./limits";
import { EventHubLoad, partitionsNeeded, totalLoad, unitsNeeded } from "./sizing";

/** A principal that gets a data-plane role. */
export interface PrincipalRef {
  /** Object id of the user, group or service principal (managed identity). */
  readonly principalId: pulumi.Input<string>;
  /** Required (no default): `ServicePrincipal` for managed identities. */
  readonly principalType: PrincipalType;
}

/** A shared access (SAS) authorization rule. Allowed only when local auth is enabled (`disableLocalAuth: false`). */
export interface AuthorizationRuleArgs {
  /** Rights: `Send`, `Listen`, `Manage` (Manage requires Send and Listen too). */
  readonly rights: AccessRight[];
}

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
  /** Defaults to true. */
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

export interface ConsumerGroupArgs {
  /** Consumer group name, up to 50 characters. Defaults to the map key. */
  readonly name?: string;
  /** Free text. Defaults to none. */
  readonly userMetadata?: pulumi.Input<string>;
  /** Checkpoint store for this group's processors. Defaults to none. */
  readonly checkpointStore?: CheckpointStoreArgs;
}

export interface EventHubArgs {
  /** Event hub name, up to 256 characters. Defaults to the map key. */
  readonly name?: string;
  /**
   * Partitions, 1 up to the tier maximum (32 / 32 / 100 / 1024). Defaults to what `load` needs, at least 4.
   * It can never be lowered; only Premium and Dedicated can raise it later.
   */
  readonly partitionCount?: number;
  /** Retention. Defaults to Delete after 24 hours (valid on every tier). */
  readonly retention?: RetentionArgs;
  /** Defaults to Azure's (`Active`). */
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

export interface NetworkRuleSetArgs {
  /** Action for traffic no rule matches. Defaults to `Deny` (`Allow` with rules would make them no-ops). */
  readonly defaultAction?: "Allow" | "Deny";
  /** Allowed IPv4 addresses or CIDR ranges, keyed. Defaults to none. */
  readonly ipRules?: Record<string, string>;
  /** Allowed subnets, keyed. Defaults to none. */
  readonly virtualNetworkRules?: Record<
    string,
    { readonly subnetId: pulumi.Input<string>; readonly ignoreMissingVnetServiceEndpoint?: boolean }
  >;
  /** Let trusted Microsoft services bypass the firewall. Defaults to false. */
  readonly trustedServiceAccessEnabled?: boolean;
}

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
  /** Tier of the secondary: Standard → Standard or Dedicated, Premium → Premium, Dedicated → Dedicated. */
  readonly partnerTier: EventHubsTier;
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
  /** Defaults to true. */
  readonly zoneRedundant?: boolean;
  /** `1.0`, `1.1` or `1.2` (Premium: 1.2). Defaults to `1.2`. */
  readonly minimumTlsVersion?: "1.0" | "1.1" | "1.2";
  /** Disable SAS (local) authentication: Entra ID only. Defaults to true. */
  readonly disableLocalAuth?: boolean;
  /** Kafka endpoint (not on Basic). Defaults to true on Standard, Premium and Dedicated, false on Basic. */
  readonly kafkaEnabled?: boolean;
  /** Defaults to Disabled when private endpoints are given and no firewall rules are, else Enabled. */
  readonly publicNetworkAccess?: "Enabled" | "Disabled" | "SecuredByPerimeter";
  /** IP firewall, VNet rules, trusted services (not on Basic). Defaults to none (no rule set resource). */
  readonly networkRuleSet?: NetworkRuleSetArgs;
  /** Customer-managed key (Premium and Dedicated). Defaults to Microsoft-managed keys. */
  readonly customerManagedKey?: CustomerManagedKeyArgs;
  /** Namespace-level SAS rules (need local auth). Defaults to none. */
  readonly authorizationRules?: Record<string, AuthorizationRuleArgs>;
  /** Event hubs keyed by name. Defaults to none. */
  readonly eventHubs?: Record<string, EventHubArgs>;
  /** Geo-DR alias with a secondary namespace (not on Basic). Defaults to none. */
  readonly geoDisasterRecovery?: GeoDisasterRecoveryArgs;
}

const NS_TYPE = "Microsoft.EventHub/namespaces";
const EVENT_HUB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

function tierMaxMessage(tier: EventHubsTier, what: string, max: number, pick: (t: EventHubsTier) => number): string {
  const others = eventHubsTiers
    .filter((t) => t !== tier && pick(t) > max)
    .map((t) => `${t} ${pick(t)}`)
    .join(", ");
  return `exceeds the ${tier} tier maximum of ${max} ${what}${others ? ` (${others.replace(/ (\d)/g, " allows $1")})` : ""}`;
}

function notOnTier(tier: EventHubsTier, feature: string, allowed: (l: (typeof tierLimits)[EventHubsTier]) => boolean) {
  const ok = eventHubsTiers.filter((t) => allowed(tierLimits[t])).join(", ");
  return `${feature} is not available on the ${tier} tier; available on: ${ok}`;
}

function validateRules(
  path: string,
  rules: Record<string, AuthorizationRuleArgs> | undefined,
  localAuth: boolean,
): Violation[] {
  const found: (Violation | undefined)[] = [...mapKeys(path, rules)];
  const keys = Object.keys(rules ?? {});
  if (keys.length === 0) return [];
  if (!localAuth) {
    found.push(
      violation(
        path,
        keys,
        "SAS rules need local (SAS) authentication, which is disabled: set disableLocalAuth: false for clients " +
          "that cannot use Entra ID, or grant them a data-plane role (senders / receivers) instead",
      ),
    );
  }
  if (keys.length > commonLimits.maxAuthorizationRules) {
    found.push(violation(path, keys.length, `rules; at most ${commonLimits.maxAuthorizationRules} are allowed`));
  }
  for (const [key, rule] of Object.entries(rules ?? {})) {
    found.push(
      matches(
        `${path}.${key}`,
        key,
        commonLimits.authorizationRuleName,
        "a rule name: 1-256 letters, digits, '.', '-' or '_'",
      ),
    );
    const rights = rule.rights ?? [];
    if (rights.length === 0) {
      found.push(
        violation(`${path}.${key}.rights`, rights, `must name at least one of ${commonLimits.accessRights.join(", ")}`),
      );
    }
    for (const r of rights) found.push(oneOf(`${path}.${key}.rights`, r, commonLimits.accessRights));
    if (manageWithoutSendAndListen(rights)) {
      found.push(violation(`${path}.${key}.rights`, rights, "Manage requires Send and Listen as well"));
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}

function validatePrincipals(path: string, principals: Record<string, PrincipalRef> | undefined): Violation[] {
  const found: Violation[] = [...mapKeys(path, principals)];
  for (const [key, p] of Object.entries(principals ?? {})) {
    if (!principalTypes.includes(p.principalType)) {
      found.push(
        violation(
          `${path}.${key}.principalType`,
          p.principalType,
          `is required; allowed: ${principalTypes.join(", ")}`,
        ),
      );
    }
  }
  return found;
}

/** The identity ids attached to the namespace, when all are known now (undefined if any is an Output). */
function knownUserIdentityIds(args: EventHubNamespaceArgs): string[] | undefined {
  const ids = Object.values(args.managedIdentities?.userAssignedResourceIds ?? {});
  return ids.every((id) => isKnown(id)) ? (ids as string[]).map((id) => id.toLowerCase()) : undefined;
}

/** The capacity the namespace gets: explicit, else what the load needs, else 1 (undefined on Dedicated). */
export function effectiveCapacity(
  args: Pick<EventHubNamespaceArgs, "tier" | "capacity" | "eventHubs">,
): number | undefined {
  if (args.tier === "Dedicated") return undefined;
  if (args.capacity !== undefined) return args.capacity;
  const loads = Object.values(args.eventHubs ?? {}).map((h) => h.load);
  if (loads.every((l) => l === undefined)) return 1;
  return unitsNeeded(args.tier, totalLoad(loads)).units ?? 1;
}

/** The partition count an event hub gets: explicit, else what its load needs, at least the default 4. */
export function effectivePartitionCount(hub: EventHubArgs): number {
  if (hub.partitionCount !== undefined) return hub.partitionCount;
  const needed = hub.load ? partitionsNeeded(hub.load).partitions : 0;
  return Math.max(commonLimits.defaultPartitionCount, needed);
}

function dedicatedCapacityUnits(args: EventHubNamespaceArgs): number | undefined {
  const c = args.dedicatedCluster;
  if (!c) return undefined;
  return "create" in c ? (c.create.capacityUnits ?? 1) : c.capacityUnits;
}

/** What validating event hubs needs to know about their namespace (created here, or an existing one). */
export interface EventHubsValidationContext {
  readonly tier: EventHubsTier;
  /** SAS rules are allowed only with local (SAS) authentication. */
  readonly localAuth: boolean;
  /** Why a capture cannot use the namespace's system-assigned identity; undefined when it can. */
  readonly systemIdentityMissing?: string;
  /** User-assigned identity ids attached to the namespace (lowercase); undefined when unknown (not checked). */
  readonly attachedUserIds?: string[];
}

/**
 * Validates event hubs against their namespace's tier, one hub at a time (name, partitions, load, retention, capture,
 * consumer groups, principals, SAS rules). Namespace-wide budgets are the caller's. Pure; exported for tests.
 */
export function validateEventHubs(
  hubs: Record<string, EventHubArgs>,
  ctx: EventHubsValidationContext,
): { violations: Violation[]; totalPartitions: number } {
  const found: (Violation | undefined)[] = [];
  const { tier, localAuth } = ctx;
  const limits = tierLimits[tier];
  let totalPartitions = 0;
  for (const [key, hub] of Object.entries(hubs)) {
    const p = `eventHubs.${key}`;
    const name = hub.name ?? key;
    if (name.length > commonLimits.eventHubNameMaxLength || !EVENT_HUB_NAME.test(name)) {
      found.push(
        violation(
          `${p}.name`,
          name,
          `must be 1-${commonLimits.eventHubNameMaxLength} letters, digits, '.', '-' or '_', starting and ending with a letter or digit`,
        ),
      );
    }
    // Partitions.
    const partitions = effectivePartitionCount(hub);
    totalPartitions += partitions;
    if (hub.partitionCount !== undefined) {
      if (!Number.isInteger(hub.partitionCount) || hub.partitionCount < 1) {
        found.push(
          violation(
            `${p}.partitionCount`,
            hub.partitionCount,
            `must be a whole number from 1 to ${limits.maxPartitionsPerHub} on the ${tier} tier`,
          ),
        );
      } else if (hub.partitionCount > limits.maxPartitionsPerHub) {
        found.push(
          violation(
            `${p}.partitionCount`,
            hub.partitionCount,
            tierMaxMessage(
              tier,
              "partitions per event hub",
              limits.maxPartitionsPerHub,
              (t) => tierLimits[t].maxPartitionsPerHub,
            ),
          ),
        );
      }
    }
    if (hub.load) {
      for (const [f, v] of Object.entries(hub.load)) {
        if (typeof v !== "number" || !(v >= 0)) found.push(violation(`${p}.load.${f}`, v, "must be a number ≥ 0"));
      }
      const need = partitionsNeeded(hub.load);
      if (need.partitions > limits.maxPartitionsPerHub) {
        found.push(
          violation(
            `${p}.load`,
            hub.load,
            `needs ${need.partitions} partitions (${need.reason}), above the ${tier} tier maximum of ${limits.maxPartitionsPerHub} per event hub; ${describeTierMaxima((l) => l.maxPartitionsPerHub)}; or split the stream over several event hubs`,
          ),
        );
      } else if (
        hub.partitionCount !== undefined &&
        Number.isInteger(hub.partitionCount) &&
        hub.partitionCount < need.partitions
      ) {
        found.push(
          violation(
            `${p}.partitionCount`,
            hub.partitionCount,
            `cannot carry the declared load: ${need.reason} needs at least ${need.partitions} partitions (~1 MB/s each); set partitionCount to ${need.partitions} or more`,
          ),
        );
      }
    }
    // Retention.
    const r = hub.retention;
    if (r) {
      found.push(oneOf(`${p}.retention.cleanupPolicy`, r.cleanupPolicy, ["Delete", "Compact"]));
      const maxH = limits.maxRetentionHours;
      if ((r.cleanupPolicy ?? "Delete") === "Delete") {
        if (r.retentionTimeInHours !== undefined && r.retentionTimeInDays !== undefined) {
          found.push(violation(`${p}.retention`, r, "sets both retentionTimeInHours and retentionTimeInDays; set one"));
        }
        if (r.tombstoneRetentionTimeInHours !== undefined) {
          found.push(
            violation(
              `${p}.retention.tombstoneRetentionTimeInHours`,
              r.tombstoneRetentionTimeInHours,
              "applies only to cleanupPolicy Compact",
            ),
          );
        }
        const where = `on the ${tier} tier (max ${maxH / 24} day${maxH === 24 ? "" : "s"}; ${describeTierMaxima((l) => l.maxRetentionHours / 24, " d")})`;
        found.push(
          intInRange(
            `${p}.retention.retentionTimeInHours`,
            r.retentionTimeInHours,
            commonLimits.minRetentionHours,
            maxH,
            where,
          ),
        );
        found.push(intInRange(`${p}.retention.retentionTimeInDays`, r.retentionTimeInDays, 1, maxH / 24, where));
      } else if (r.cleanupPolicy === "Compact") {
        if (!limits.compaction)
          found.push(
            violation(
              `${p}.retention.cleanupPolicy`,
              "Compact",
              notOnTier(tier, "Log compaction", (l) => l.compaction),
            ),
          );
        if (r.retentionTimeInHours !== undefined || r.retentionTimeInDays !== undefined) {
          found.push(
            violation(
              `${p}.retention`,
              r,
              "sets a retention time, which applies only to cleanupPolicy Delete; a compacted hub keeps the latest event per key",
            ),
          );
        }
        found.push(
          intInRange(
            `${p}.retention.tombstoneRetentionTimeInHours`,
            r.tombstoneRetentionTimeInHours,
            1,
            maxH,
            `on the ${tier} tier`,
          ),
        );
      }
    }
    // Capture.
    const c = hub.capture;
    if (c) {
      if (!limits.capture)
        found.push(
          violation(
            `${p}.capture`,
            "(set)",
            notOnTier(tier, "Capture", (l) => l.capture),
          ),
        );
      found.push(oneOf(`${p}.capture.encoding`, c.encoding, ["Avro", "AvroDeflate"]));
      const iv = commonLimits.captureIntervalSeconds;
      const sz = commonLimits.captureSizeLimitBytes;
      found.push(intInRange(`${p}.capture.intervalInSeconds`, c.intervalInSeconds, iv.min, iv.max, "seconds"));
      found.push(intInRange(`${p}.capture.sizeLimitInBytes`, c.sizeLimitInBytes, sz.min, sz.max, "bytes (10-500 MiB)"));
      if (c.archiveNameFormat !== undefined) {
        const missing = commonLimits.captureArchiveTokens.filter((t) => !c.archiveNameFormat!.includes(t));
        if (missing.length > 0) {
          found.push(
            violation(
              `${p}.capture.archiveNameFormat`,
              c.archiveNameFormat,
              `is missing ${missing.join(", ")}; every one of ${commonLimits.captureArchiveTokens.join(" ")} is required`,
            ),
          );
        }
      }
      found.push(armId(`${p}.capture.storageAccountId`, c.storageAccountId, "Microsoft.Storage/storageAccounts"));
      if (c.identity?.type === "SystemAssigned") {
        if (ctx.systemIdentityMissing !== undefined) {
          found.push(violation(`${p}.capture.identity`, "SystemAssigned", ctx.systemIdentityMissing));
        }
      } else if (c.identity?.type === "UserAssigned") {
        const attached = ctx.attachedUserIds;
        if (isKnown(c.identity.resourceId) && attached && !attached.includes(c.identity.resourceId.toLowerCase())) {
          found.push(
            violation(
              `${p}.capture.identity.resourceId`,
              c.identity.resourceId,
              "is not attached to the namespace: add it to managedIdentities.userAssignedResourceIds",
            ),
          );
        }
      } else {
        found.push(
          violation(
            `${p}.capture.identity`,
            c.identity,
            'is required: { type: "SystemAssigned" } or { type: "UserAssigned", resourceId, principalId } (capture is identity-based)',
          ),
        );
      }
    }
    // Consumer groups ($Default always exists and counts towards the cap).
    const groups = hub.consumerGroups ?? {};
    const groupKeys = Object.keys(groups);
    found.push(...mapKeys(`${p}.consumerGroups`, groups));
    if (groupKeys.length + 1 > limits.maxConsumerGroupsPerHub) {
      found.push(
        violation(
          `${p}.consumerGroups`,
          groupKeys,
          `${groupKeys.length} consumer groups plus $Default exceed the ${tier} tier maximum of ${limits.maxConsumerGroupsPerHub} per event hub (${describeTierMaxima((l) => l.maxConsumerGroupsPerHub)})`,
        ),
      );
    }
    for (const [gk, g] of Object.entries(groups)) {
      const gname = g.name ?? gk;
      if (gname.length > commonLimits.consumerGroupNameMaxLength || gname.toLowerCase() === "$default") {
        found.push(
          violation(
            `${p}.consumerGroups.${gk}.name`,
            gname,
            `must be at most ${commonLimits.consumerGroupNameMaxLength} characters (the AMQP limit) and not $Default, which always exists`,
          ),
        );
      }
      found.push(
        ...validatePrincipals(`${p}.consumerGroups.${gk}.checkpointStore.consumers`, g.checkpointStore?.consumers),
      );
    }
    found.push(
      ...validatePrincipals(`${p}.senders`, hub.senders),
      ...validatePrincipals(`${p}.receivers`, hub.receivers),
    );
    found.push(...validateRules(`${p}.authorizationRules`, hub.authorizationRules, localAuth));
  }
  return { violations: found.filter((v): v is Violation => v !== undefined), totalPartitions };
}

/**
 * Validates EventHubNamespaceArgs: every tier rule, capture, consumer groups, SAS rules, sizing and geo-DR.
 * Pure; exported for tests. Values given as Outputs (ids, locations) are skipped and left to Azure.
 */
export function validateEventHubNamespaceArgs(args: EventHubNamespaceArgs): Violation[] {
  const found: (Violation | undefined)[] = [];
  const tierCheck = oneOf("tier", args.tier, eventHubsTiers);
  if (tierCheck) return [tierCheck]; // every other rule depends on the tier
  const tier = args.tier;
  const limits = tierLimits[tier];
  const localAuth = args.disableLocalAuth === false;

  // Shared interface, with the tier gate on private endpoints first (a clearer message than a group-id error).
  found.push(...validateCommonArgs(args, NS_TYPE));
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

  // Capacity by tier.
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
  } else {
    if (args.dedicatedCluster) {
      found.push(violation("dedicatedCluster", "(set)", `is only for the Dedicated tier; this namespace is ${tier}`));
    }
    if (tier === "Premium") {
      found.push(oneOf("capacity", args.capacity, limits.allowedUnits, "on the Premium tier (processing units)"));
    } else {
      const u = limits.allowedUnits;
      found.push(
        intInRange("capacity", args.capacity, u[0], u[u.length - 1], `on the ${tier} tier (throughput units)`),
      );
    }
  }
  if (args.autoInflate) {
    if (!limits.autoInflate) {
      found.push(
        violation(
          "autoInflate",
          args.autoInflate,
          notOnTier(tier, "Auto-inflate", (l) => l.autoInflate) +
            (tier === "Premium" ? "; Premium scales by processing units (capacity)" : ""),
        ),
      );
    } else {
      const max = args.autoInflate.maximumThroughputUnits;
      const u = limits.allowedUnits;
      found.push(intInRange("autoInflate.maximumThroughputUnits", max, u[0], u[u.length - 1], "throughput units"));
      const capacity = effectiveCapacity(args) ?? 1;
      if (Number.isInteger(max) && max < capacity) {
        found.push(
          violation("autoInflate.maximumThroughputUnits", max, `must be at least the capacity (${capacity} TU)`),
        );
      }
    }
  }

  // Namespace features by tier.
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
  const nrs = args.networkRuleSet;
  if (nrs) {
    if (!limits.networkIsolation) {
      found.push(
        violation(
          "networkRuleSet",
          "(set)",
          notOnTier(tier, "The IP firewall / VNet rule set", (l) => l.networkIsolation),
        ),
      );
    }
    found.push(...validateNamespaceNetworkRules(nrs));
    const ipCount = Object.keys(nrs.ipRules ?? {}).length;
    const vnetCount = Object.keys(nrs.virtualNetworkRules ?? {}).length;
    if (ipCount > commonLimits.maxIpRules)
      found.push(violation("networkRuleSet.ipRules", ipCount, `rules; at most ${commonLimits.maxIpRules} are allowed`));
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
  }
  const cmk = args.customerManagedKey;
  if (cmk) {
    if (!limits.customerManagedKey) {
      found.push(
        violation(
          "customerManagedKey",
          "(set)",
          notOnTier(tier, "A customer-managed key", (l) => l.customerManagedKey),
        ),
      );
    }
    found.push(
      matches(
        "customerManagedKey.keyVaultUri",
        cmk.keyVaultUri,
        /^https:\/\/[^/]+/,
        "an https:// Key Vault or managed HSM URI",
      ),
    );
    const attached = knownUserIdentityIds(args);
    if (
      isKnown(cmk.userAssignedIdentityId) &&
      attached &&
      !attached.includes(cmk.userAssignedIdentityId.toLowerCase())
    ) {
      found.push(
        violation(
          "customerManagedKey.userAssignedIdentityId",
          cmk.userAssignedIdentityId,
          "is not attached to the namespace: add it to managedIdentities.userAssignedResourceIds",
        ),
      );
    }
  }
  found.push(...validateRules("authorizationRules", args.authorizationRules, localAuth));

  // Event hubs.
  const hubs = args.eventHubs ?? {};
  const hubKeys = Object.keys(hubs);
  found.push(...mapKeys("eventHubs", hubs));
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
    localAuth,
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

  // Sizing: the namespace's units are shared by all its event hubs.
  const loads = Object.values(hubs).map((h) => h.load);
  if (loads.some((l) => l !== undefined)) {
    const need = unitsNeeded(tier, totalLoad(loads));
    const maxUnits = limits.allowedUnits[limits.allowedUnits.length - 1];
    const unitPath = tier === "Dedicated" ? "dedicatedCluster" : "capacity";
    if (need.units === undefined) {
      found.push(
        violation(
          unitPath,
          units,
          `cannot carry the declared load: ${need.reason} needs ${Math.ceil(need.exact)} ${limits.unitName}, above the ${tier} maximum of ${maxUnits}; ${tier === "Dedicated" ? "split the load over clusters" : "use a higher tier (Premium or Dedicated)"}`,
        ),
      );
    } else if (tier === "Standard" && args.autoInflate) {
      const max = args.autoInflate.maximumThroughputUnits;
      if (Number.isInteger(max) && max < need.units) {
        found.push(
          violation(
            "autoInflate.maximumThroughputUnits",
            max,
            `cannot carry the declared load: ${need.reason} needs ${need.units} TU; set maximumThroughputUnits to ${need.units} or more`,
          ),
        );
      }
    } else if (units !== undefined && Number.isInteger(units) && units < need.units) {
      found.push(
        violation(
          unitPath,
          units,
          `${limits.unitName} cannot carry the declared load: ${need.reason} needs ${need.units}; set ${tier === "Dedicated" ? "the cluster's capacityUnits" : "capacity"} to ${need.units}${tier === "Standard" ? " or enable autoInflate" : ""}`,
        ),
      );
    }
  }

  // Geo-disaster recovery.
  const dr = args.geoDisasterRecovery;
  if (dr) {
    if (limits.geoDrPartners.length === 0) {
      found.push(
        violation(
          "geoDisasterRecovery",
          "(set)",
          notOnTier(tier, "Geo-disaster recovery", (l) => l.geoDrPartners.length > 0),
        ),
      );
    } else if (!limits.geoDrPartners.includes(dr.partnerTier)) {
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
    found.push(armId("geoDisasterRecovery.partnerNamespaceId", dr.partnerNamespaceId, NS_TYPE));
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
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** A SAS rule's keys and connection strings, always wrapped as Pulumi secrets. */
export type AuthorizationRuleKeys = pulumi.Output<{
  primaryConnectionString: string;
  secondaryConnectionString: string;
  primaryKey: string;
  secondaryKey: string;
}>;

export interface EventHubResources {
  readonly hub: eventhub.EventHub;
  readonly consumerGroups: Record<string, eventhub.ConsumerGroup>;
  /** SAS keys of the hub's rules (secrets). */
  readonly authorizationRuleKeys: Record<string, AuthorizationRuleKeys>;
  /** The capture role assignment, when capture is configured. */
  readonly captureRoleAssignment?: authorization.RoleAssignment;
}

/**
 * An Event Hubs namespace by tier (Basic / Standard / Premium, or on a Dedicated cluster) with its event hubs,
 * consumer groups, capture, checkpoint stores, data-plane roles scoped to each event hub, SAS rules (only with local
 * auth), network rule set and geo-DR alias. Every tier rule is checked before anything is created.
 */
export class EventHubNamespace extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly namespace: eventhub.Namespace;
  /** Principal id of the system-assigned identity (empty when there is none). */
  public readonly principalId: pulumi.Output<string>;
  public readonly cluster?: EventHubsCluster;
  public readonly eventHubs: Record<string, EventHubResources> = {};
  /** SAS keys of the namespace-level rules (secrets). */
  public readonly authorizationRuleKeys: Record<string, AuthorizationRuleKeys> = {};
  public readonly disasterRecoveryConfig?: eventhub.DisasterRecoveryConfig;

  constructor(name: string, args: EventHubNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:eventhubs:Namespace", name, {}, opts);
    throwIfInvalid(`azint:eventhubs:Namespace ${name}`, validateEventHubNamespaceArgs(args));
    const tier = args.tier;
    const limits = tierLimits[tier];
    const stateful = { parent: this, protect: args.protect };

    let clusterId: pulumi.Input<string> | undefined;
    if (args.dedicatedCluster && "create" in args.dedicatedCluster) {
      this.cluster = new EventHubsCluster(
        childName(name, "cluster"),
        {
          ...args.dedicatedCluster.create,
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          tags: args.tags,
          protect: args.protect,
        },
        { parent: this },
      );
      clusterId = this.cluster.id;
    } else if (args.dedicatedCluster) {
      clusterId = args.dedicatedCluster.clusterId;
    }

    const hasPe = Object.keys(args.privateEndpoints ?? {}).length > 0;
    const hasFirewall =
      Object.keys(args.networkRuleSet?.ipRules ?? {}).length +
        Object.keys(args.networkRuleSet?.virtualNetworkRules ?? {}).length >
      0;
    const publicNetworkAccess =
      args.publicNetworkAccess === "SecuredByPerimeter"
        ? "SecuredByPerimeter"
        : defaultPublicNetworkAccess(args.publicNetworkAccess, hasPe, hasFirewall);
    const cmk = args.customerManagedKey;
    this.namespace = new eventhub.Namespace(
      childName(name, "namespace"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        namespaceName: args.namespaceName,
        // ⚠️ A namespace on a Dedicated cluster is created with the Standard SKU and the cluster's id, as in Azure's
        // quickstart template (eventhubs-create-cluster-namespace-eventhub); the cluster, not the SKU, sets capacity.
        sku:
          tier === "Dedicated"
            ? { name: "Standard", tier: "Standard", capacity: 1 }
            : { name: tier, tier, capacity: effectiveCapacity(args) },
        clusterArmId: clusterId,
        isAutoInflateEnabled: args.autoInflate !== undefined,
        // Only with auto-inflate (no forced 0 otherwise: the anchors' silent coercion is not repeated).
        maximumThroughputUnits: args.autoInflate?.maximumThroughputUnits,
        kafkaEnabled: args.kafkaEnabled ?? limits.kafka,
        zoneRedundant: args.zoneRedundant ?? true,
        minimumTlsVersion: args.minimumTlsVersion ?? "1.2",
        disableLocalAuth: args.disableLocalAuth ?? true,
        publicNetworkAccess,
        identity: toManagedServiceIdentity(args.managedIdentities),
        encryption: toNamespaceEncryption(
          cmk && { ...cmk, requireInfrastructureEncryption: cmk.requireInfrastructureEncryption ?? false },
        ),
        tags: args.tags,
      },
      stateful,
    );
    const nsName = this.namespace.name;
    this.principalId = this.namespace.identity.apply((i) => i?.principalId ?? "");

    const nrs = args.networkRuleSet;
    if (nrs) {
      new eventhub.NamespaceNetworkRuleSet(
        childName(name, "network"),
        {
          resourceGroupName: args.resourceGroupName,
          namespaceName: nsName,
          ...toNamespaceNetworkRules(nrs),
          publicNetworkAccess,
        },
        { parent: this },
      );
    }

    for (const [key, rule] of Object.entries(args.authorizationRules ?? {})) {
      const r = new eventhub.NamespaceAuthorizationRule(
        childName(name, "rule", key),
        {
          resourceGroupName: args.resourceGroupName,
          namespaceName: nsName,
          authorizationRuleName: key,
          rights: rule.rights,
        },
        { parent: this },
      );
      this.authorizationRuleKeys[key] = pulumi.secret(
        eventhub.listNamespaceKeysOutput(
          { resourceGroupName: args.resourceGroupName, namespaceName: nsName, authorizationRuleName: r.name },
          { parent: this },
        ),
      );
    }

    const allHubResources: pulumi.Resource[] = [];
    for (const [key, hubArgs] of Object.entries(args.eventHubs ?? {})) {
      const res = createEventHub(name, key, hubArgs, {
        parent: this,
        resourceGroupName: args.resourceGroupName,
        namespaceName: nsName,
        systemPrincipalId: this.principalId,
        protect: args.protect,
      });
      this.eventHubs[key] = res;
      allHubResources.push(res.hub, ...Object.values(res.consumerGroups));
    }

    const dr = args.geoDisasterRecovery;
    if (dr) {
      // Paired last: the alias replicates the primary's metadata (hubs, groups) into the empty secondary.
      this.disasterRecoveryConfig = new eventhub.DisasterRecoveryConfig(
        childName(name, "geodr"),
        {
          resourceGroupName: args.resourceGroupName,
          namespaceName: nsName,
          alias: dr.alias,
          partnerNamespace: dr.partnerNamespaceId,
          alternateName: dr.alternateName,
        },
        { ...stateful, dependsOn: allHubResources },
      );
    }

    applyExtensions(this, name, { id: this.namespace.id, resourceType: NS_TYPE, resource: this.namespace }, args);
    this.id = this.namespace.id;
    this.name = nsName;
    this.registerOutputs({ id: this.id, name: this.name, principalId: this.principalId });
  }
}

/** Where event hubs are created: the namespace (created by a component, or an existing one) and their parent. */
export interface EventHubPlacement {
  readonly parent: pulumi.ComponentResource;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly namespaceName: pulumi.Input<string>;
  /** Principal id of the namespace's system-assigned identity: the grantee of captures that use it. */
  readonly systemPrincipalId: pulumi.Input<string>;
  /** Protect the event hubs and consumer groups. */
  readonly protect?: boolean;
}

/**
 * Creates one event hub with its capture grant (on the container, before the hub), consumer groups (after their
 * checkpoint grants), sender/receiver roles scoped to the hub and SAS rules. Validate with validateEventHubs first.
 */
export function createEventHub(name: string, key: string, hub: EventHubArgs, at: EventHubPlacement): EventHubResources {
  const rg = at.resourceGroupName;
  const c = hub.capture;
  let captureRoleAssignment: authorization.RoleAssignment | undefined;
  if (c) {
    // Least privilege: the capturing identity may write to this one container, and the hub waits for the grant.
    captureRoleAssignment = createRoleAssignment(
      childName(name, "capture", key),
      {
        scope: c.containerId,
        role: "Storage Blob Data Contributor",
        principalId: c.identity.type === "SystemAssigned" ? at.systemPrincipalId : c.identity.principalId,
        principalType: "ServicePrincipal",
        description: `Event Hubs Capture of ${key} writes to this container.`,
      },
      { parent: at.parent },
    );
  }
  const retention = hub.retention ?? {};
  const compact = retention.cleanupPolicy === "Compact";
  const eh = new eventhub.EventHub(
    childName(name, "hub", key),
    {
      resourceGroupName: rg,
      namespaceName: at.namespaceName,
      eventHubName: hub.name ?? key,
      partitionCount: effectivePartitionCount(hub),
      // Only retentionDescription is set, never the legacy messageRetentionInDays as well (⚠️ whether both
      // conflict is unverified, so the question never arises).
      retentionDescription: compact
        ? { cleanupPolicy: "Compact", tombstoneRetentionTimeInHours: retention.tombstoneRetentionTimeInHours }
        : {
            cleanupPolicy: "Delete",
            retentionTimeInHours:
              retention.retentionTimeInHours ??
              (retention.retentionTimeInDays !== undefined
                ? retention.retentionTimeInDays * 24
                : commonLimits.defaultRetentionHours),
          },
      status: hub.status,
      userMetadata: hub.userMetadata,
      captureDescription: c
        ? {
            enabled: c.enabled ?? true,
            encoding: c.encoding ?? "Avro",
            intervalInSeconds: c.intervalInSeconds ?? commonLimits.captureIntervalSeconds.default,
            sizeLimitInBytes: c.sizeLimitInBytes ?? commonLimits.captureSizeLimitBytes.default,
            skipEmptyArchives: c.skipEmptyArchives ?? true,
            destination: {
              name: commonLimits.captureDestinationName,
              storageAccountResourceId: c.storageAccountId,
              blobContainer: c.blobContainer,
              archiveNameFormat: c.archiveNameFormat ?? commonLimits.defaultArchiveNameFormat,
              identity:
                c.identity.type === "SystemAssigned"
                  ? { type: "SystemAssigned" }
                  : { type: "UserAssigned", userAssignedIdentity: c.identity.resourceId },
            },
          }
        : undefined,
    },
    { parent: at.parent, protect: at.protect, dependsOn: captureRoleAssignment ? [captureRoleAssignment] : [] },
  );

  const consumerGroups: Record<string, eventhub.ConsumerGroup> = {};
  for (const [gk, g] of Object.entries(hub.consumerGroups ?? {})) {
    for (const [ck, consumer] of Object.entries(g.checkpointStore?.consumers ?? {})) {
      createRoleAssignment(
        childName(name, "checkpoint", key, gk, ck),
        {
          scope: g.checkpointStore!.containerId,
          role: "Storage Blob Data Contributor",
          principalId: consumer.principalId,
          principalType: consumer.principalType,
          description: `Checkpoint store of consumer group ${gk} on ${key}.`,
        },
        { parent: at.parent },
      );
    }
    consumerGroups[gk] = new eventhub.ConsumerGroup(
      childName(name, "cg", key, gk),
      {
        resourceGroupName: rg,
        namespaceName: at.namespaceName,
        eventHubName: eh.name,
        consumerGroupName: g.name ?? gk,
        userMetadata: g.userMetadata,
      },
      // No dependsOn on the checkpoint grants: Azure does not need them to create the group (shorter chain).
      { parent: at.parent, protect: at.protect },
    );
  }

  // Data-plane roles scoped to the event hub, not the namespace.
  const grant = (kind: "sender" | "receiver", role: string, principals: Record<string, PrincipalRef> | undefined) => {
    for (const [pk, p] of Object.entries(principals ?? {})) {
      createRoleAssignment(
        childName(name, kind, key, pk),
        { scope: eh.id, role, principalId: p.principalId, principalType: p.principalType },
        { parent: at.parent },
      );
    }
  };
  grant("sender", "Azure Event Hubs Data Sender", hub.senders);
  grant("receiver", "Azure Event Hubs Data Receiver", hub.receivers);

  const authorizationRuleKeys: Record<string, AuthorizationRuleKeys> = {};
  for (const [rk, rule] of Object.entries(hub.authorizationRules ?? {})) {
    const r = new eventhub.EventHubAuthorizationRule(
      childName(name, "rule", key, rk),
      {
        resourceGroupName: rg,
        namespaceName: at.namespaceName,
        eventHubName: eh.name,
        authorizationRuleName: rk,
        rights: rule.rights,
      },
      { parent: at.parent },
    );
    authorizationRuleKeys[rk] = pulumi.secret(
      eventhub.listEventHubKeysOutput(
        {
          resourceGroupName: rg,
          namespaceName: at.namespaceName,
          eventHubName: eh.name,
          authorizationRuleName: r.name,
        },
        { parent: at.parent },
      ),
    );
  }
  return { hub: eh, consumerGroups, authorizationRuleKeys, captureRoleAssignment };
}
