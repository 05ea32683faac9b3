import * as pulumi from "@pulumi/pulumi";
import type { PrivateEndpoint } from "../network/PrivateEndpoint";
import * as authorization from "@pulumi/azure-native/authorization";
import * as servicebus from "@pulumi/azure-native/servicebus";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, defaultPublicNetworkAccess, validateCommonArgs } from "../core/extensions";
import { toManagedServiceIdentity } from "../core/identity";
import {
  AuthorizationRuleArgs,
  NamespaceKeyArgs,
  NamespaceNetworkRulesArgs,
  toNamespaceEncryption,
  toNamespaceNetworkRules,
  validateAuthorizationRules,
  validateNamespaceKey,
  validateNamespaceNetworkRules,
} from "../core/messaging";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { createServiceBusEntities } from "./NamespaceEntities";
import {
  armId,
  intInRange,
  isKnown,
  matches,
  oneOf,
  requireValue,
  rulesWithoutPublicAccess,
  violation,
} from "../core/validate";
import { ServiceBusQueueArgs, ServiceBusTopicArgs, validateEntities } from "./entities";
import {
  allowedMessagingUnits,
  geoReplication,
  migration,
  names,
  networkFacts,
  premiumPartitions,
  ServiceBusTier,
  serviceBusTiers,
  tierFacts,
  tiersWith,
  TlsVersion,
  tlsVersions,
} from "./limits";

export const SERVICE_BUS_NAMESPACE_TYPE = "Microsoft.ServiceBus/namespaces";

/** The namespace firewall (Premium only): the shape Service Bus shares with Event Hubs. */
export type NetworkRuleSetArgs = NamespaceNetworkRulesArgs;

/**
 * Customer-managed key encryption (Premium only): the shape Service Bus shares with Event Hubs. `userAssignedIdentityId`
 * must be one of `managedIdentities.userAssignedResourceIds`; without it the system-assigned identity reads the key
 * (it must then be enabled and granted access to the vault first).
 */
export type CustomerManagedKeyArgs = NamespaceKeyArgs;

/** Premium geo-replication: metadata AND data replicated to a secondary region (the alternative to a geo-DR pair). */
export interface GeoReplicationArgs {
  /** The secondary region (exactly one is supported today). Must differ from the namespace's `location`. */
  readonly secondaryLocation: string;
  /** Max replication lag: 0 (synchronous) or 300-86400 s (asynchronous). Required: it is the RPO you choose. */
  readonly maxReplicationLagSeconds: number;
}

/**
 * Standard to Premium migration (`migrationConfigurations/$default`, azure-native `servicebus.MigrationConfig`): Service
 * Bus copies this Standard namespace's entities to the target and points this namespace's DNS name at it.
 */
export interface MigrationConfigArgs {
  /** ARM id of the EXISTING Premium namespace to migrate to; it must have no entities and one partition. Required. */
  readonly targetNamespace: pulumi.Input<string>;
  /** The name this Standard namespace stays reachable under after the migration (a namespace name). Required. */
  readonly postMigrationName: pulumi.Input<string>;
}

export interface ServiceBusNamespaceArgs extends CommonResourceArgs {
  /** Globally unique name (6-50 letters, digits, hyphens). Defaults to an auto-name from the component name. */
  readonly namespaceName?: pulumi.Input<string>;
  /** Tier. Defaults to `Standard`. Decides which features are allowed (every tier rule is an error up front). */
  readonly tier?: ServiceBusTier;
  /** Premium messaging units: 1, 2, 4, 8 or 16 times `premiumMessagingPartitions`. Defaults to 1 x partitions. */
  readonly capacity?: number;
  /** Premium namespace partitions: 1, 2 or 4. Immutable after creation. Defaults to 1. */
  readonly premiumMessagingPartitions?: number;
  /** Zone redundancy. Defaults to true on Premium, Azure's default elsewhere. */
  readonly zoneRedundant?: pulumi.Input<boolean>;
  /** Minimum TLS version. Defaults to `1.2`. */
  readonly minimumTlsVersion?: TlsVersion;
  /** Disable SAS (local) authentication. Defaults to true: use Entra ID roles. `authorizationRules` need false. */
  readonly disableLocalAuth?: boolean;
  /** The public endpoint. Defaults to Disabled with private endpoints and no firewall rules, Enabled otherwise. */
  readonly publicNetworkAccess?: "Enabled" | "Disabled" | "SecuredByPerimeter";
  /** IP firewall / VNet rules / trusted services (Premium only). Defaults to none (no rule set resource). */
  readonly networkRuleSet?: NetworkRuleSetArgs;
  /** Customer-managed key (Premium only). Defaults to Microsoft-managed keys. */
  readonly customerManagedKey?: CustomerManagedKeyArgs;
  /** Premium geo-replication. Defaults to none. Not combinable with a geo-DR pair. */
  readonly geoReplication?: GeoReplicationArgs;
  /** Alternate name (used when the namespace name is reused as a geo-DR alias). Defaults to none. */
  readonly alternateName?: pulumi.Input<string>;
  /** Migrate this Standard namespace to a Premium one (starts when created; one-way). Defaults to none. */
  readonly migrationConfig?: MigrationConfigArgs;
  /** SAS policies on the namespace, keyed by policy name. Defaults to none; usable only with `disableLocalAuth: false`. */
  readonly authorizationRules?: Record<string, AuthorizationRuleArgs>;
  /** Queues keyed by queue name. Defaults to none. */
  readonly queues?: Record<string, ServiceBusQueueArgs>;
  /** Topics (with subscriptions and rules) keyed by topic name. Not on Basic. Defaults to none. */
  readonly topics?: Record<string, ServiceBusTopicArgs>;
}

/** Namespace-level rules (tier, capacity, network, CMK, geo-replication, SAS). Entity rules are in entities.ts. */
function validateNamespaceLevel(args: ServiceBusNamespaceArgs, tier: ServiceBusTier): (Violation | undefined)[] {
  const facts = tierFacts[tier];
  const found: (Violation | undefined)[] = [];
  found.push(oneOf("tier", args.tier, serviceBusTiers));
  found.push(matches("namespaceName", args.namespaceName, names.namespace, names.namespaceRule));
  found.push(oneOf("minimumTlsVersion", args.minimumTlsVersion, tlsVersions));
  if (!facts.messagingUnits) {
    if (args.capacity !== undefined) {
      found.push(
        violation(
          "capacity",
          args.capacity,
          `(messaging units) is Premium only; the ${tier} tier has no capacity setting`,
        ),
      );
    }
    if (args.premiumMessagingPartitions !== undefined) {
      found.push(
        violation(
          "premiumMessagingPartitions",
          args.premiumMessagingPartitions,
          `is Premium only; on ${tier} partition entities instead (enablePartitioning)`,
        ),
      );
    }
  } else {
    const partitions = args.premiumMessagingPartitions ?? 1;
    const p = oneOf("premiumMessagingPartitions", args.premiumMessagingPartitions, premiumPartitions);
    found.push(p);
    const allowed = allowedMessagingUnits(p ? 1 : partitions);
    if (args.capacity !== undefined && !allowed.includes(args.capacity)) {
      found.push(
        violation(
          "capacity",
          args.capacity,
          `is not allowed with ${partitions} partition(s); allowed messaging units: ${allowed.join(", ")} (1, 2, 4, 8, 16 per partition)`,
        ),
      );
    }
  }
  if (!facts.privateEndpoints && Object.keys(args.privateEndpoints ?? {}).length > 0) {
    found.push(
      violation(
        "privateEndpoints",
        Object.keys(args.privateEndpoints!),
        `are not available on the ${tier} tier; allowed on ${tiersWith("privateEndpoints").join(", ")}`,
      ),
    );
  }
  const nrs = args.networkRuleSet;
  if (nrs) {
    if (!facts.networkRuleSet) {
      found.push(
        violation(
          "networkRuleSet",
          nrs,
          `is not available on the ${tier} tier (IP firewall, VNet rules); allowed on ${tiersWith("networkRuleSet").join(", ")}`,
        ),
      );
    }
    found.push(...validateNamespaceNetworkRules(nrs));
    found.push(
      rulesWithoutPublicAccess(
        "networkRuleSet",
        [...Object.keys(nrs.ipRules ?? {}), ...Object.keys(nrs.virtualNetworkRules ?? {})],
        args.publicNetworkAccess,
        networkFacts.publicAccessDisabledSource,
      ),
    );
  }
  const cmk = args.customerManagedKey;
  if (cmk) {
    if (!facts.customerManagedKey) {
      found.push(
        violation(
          "customerManagedKey",
          cmk,
          `is not available on the ${tier} tier; allowed on ${tiersWith("customerManagedKey").join(", ")}`,
        ),
      );
    }
    found.push(...validateNamespaceKey(cmk, args.managedIdentities));
  }
  const geo = args.geoReplication;
  if (geo) {
    if (!facts.geoReplication) {
      found.push(
        violation(
          "geoReplication",
          geo,
          `is not available on the ${tier} tier; allowed on ${tiersWith("geoReplication").join(", ")}`,
        ),
      );
    }
    const lag = geo.maxReplicationLagSeconds;
    if (lag !== geoReplication.lagSeconds.synchronous) {
      found.push(
        intInRange(
          "geoReplication.maxReplicationLagSeconds",
          lag,
          geoReplication.lagSeconds.min,
          geoReplication.lagSeconds.max,
          "(or 0 for synchronous replication)",
        ),
      );
    }
    if (!isKnown(args.location)) {
      found.push(
        violation(
          "location",
          args.location,
          "must be a known region name with geoReplication (it becomes the Primary replica location)",
        ),
      );
    } else if (
      geo.secondaryLocation?.toLowerCase().replace(/\s/g, "") === args.location.toLowerCase().replace(/\s/g, "")
    ) {
      found.push(
        violation(
          "geoReplication.secondaryLocation",
          geo.secondaryLocation,
          "is the namespace's own location; the secondary must be another region",
        ),
      );
    }
  }
  found.push(
    ...validateAuthorizationRules("authorizationRules", args.authorizationRules, args.disableLocalAuth === false),
  );
  found.push(...validateMigration(args, tier));
  return found;
}

/** The migration's own rules: a Standard source, a namespace id as target, a valid and distinct post-migration name. */
function validateMigration(args: ServiceBusNamespaceArgs, tier: ServiceBusTier): (Violation | undefined)[] {
  const m = args.migrationConfig;
  if (!m) return [];
  return [
    tier === migration.sourceTier
      ? undefined
      : violation(
          "migrationConfig",
          tier,
          `needs a ${migration.sourceTier} namespace (Service Bus migrates Standard to Premium only); this one is ${tier}`,
        ),
    requireValue("migrationConfig.targetNamespace", m.targetNamespace),
    armId("migrationConfig.targetNamespace", m.targetNamespace, SERVICE_BUS_NAMESPACE_TYPE),
    requireValue("migrationConfig.postMigrationName", m.postMigrationName),
    matches("migrationConfig.postMigrationName", m.postMigrationName, names.namespace, names.namespaceRule),
    isKnown(m.postMigrationName) &&
    isKnown(args.namespaceName) &&
    m.postMigrationName.toLowerCase() === args.namespaceName.toLowerCase()
      ? violation(
          "migrationConfig.postMigrationName",
          m.postMigrationName,
          "is the namespace's own name; after the migration that name points at the Premium namespace, so the old one needs another",
        )
      : undefined,
  ];
}

/** Validates ServiceBusNamespaceArgs: shared interface, tier rules, entities, forwarding. Pure; exported for tests. */
export function validateServiceBusNamespaceArgs(
  args: ServiceBusNamespaceArgs,
  context: { inGeoDrPair?: boolean } = {},
): Violation[] {
  const tier = args.tier && serviceBusTiers.includes(args.tier) ? args.tier : "Standard";
  return [
    ...validateCommonArgs(args, SERVICE_BUS_NAMESPACE_TYPE),
    ...validateNamespaceLevel(args, tier),
    ...validateEntities(
      {
        tier,
        localAuth: args.disableLocalAuth === false,
        inGeoDrPair: context.inGeoDrPair,
        geoReplicated: !!args.geoReplication,
      },
      args.queues,
      args.topics,
    ),
  ].filter((v): v is Violation => v !== undefined);
}

/**
 * A Service Bus namespace (Basic, Standard or Premium) with its queues, topics, subscriptions and rules, SAS policies
 * (only with local auth), data-plane role assignments scoped to each entity, network rules, CMK and geo-replication.
 * Secure defaults: local auth disabled, TLS 1.2, public access Disabled with private endpoints, zone redundancy on
 * Premium. Forwarding targets are created before their sources (SB-FWD).
 *
 * `opts.dependsOn` is also applied to the namespace resource itself (the geo-DR pair orders the primary after the
 * secondary's private endpoints this way).
 */
export class ServiceBusNamespace extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  /** `https://<name>.servicebus.windows.net:443/`. */
  public readonly endpoint: pulumi.Output<string>;
  public readonly tier: ServiceBusTier;
  public readonly namespace: servicebus.Namespace;
  public readonly queues: Record<string, servicebus.Queue> = {};
  public readonly topics: Record<string, servicebus.Topic> = {};
  /** Subscriptions by topic key, then subscription key. */
  public readonly subscriptions: Record<string, Record<string, servicebus.Subscription>> = {};
  /** Data-plane role assignments on entities, keyed `<queue|topic|sub>-<entity>-<assignment>`. */
  public readonly entityRoleAssignments: Record<string, authorization.RoleAssignment> = {};
  /** Private endpoints of the namespace, by key (a geo-DR pairing needs them on both sides first). */
  public readonly privateEndpoints: Record<string, PrivateEndpoint> = {};
  /**
   * Primary connection strings of the SAS policies, as Pulumi secrets, keyed `namespace/<rule>`, `queues/<q>/<rule>`,
   * `topics/<t>/<rule>`. Empty unless local auth is enabled and policies are declared.
   */
  public readonly connectionStrings: Record<string, pulumi.Output<string>> = {};
  /** The Standard to Premium migration, when `migrationConfig` is given. */
  public readonly migrationConfig?: servicebus.MigrationConfig;

  constructor(name: string, args: ServiceBusNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:servicebus:Namespace", name, {}, opts);
    throwIfInvalid(`azint:servicebus:Namespace ${name}`, validateServiceBusNamespaceArgs(args));
    const tier = args.tier ?? "Standard";
    this.tier = tier;
    const premium = tier === "Premium";
    const partitions = args.premiumMessagingPartitions ?? 1;
    const nrs = args.networkRuleSet;
    const hasFirewallRules =
      Object.keys(nrs?.ipRules ?? {}).length + Object.keys(nrs?.virtualNetworkRules ?? {}).length > 0;
    const publicNetworkAccess =
      args.publicNetworkAccess === "SecuredByPerimeter"
        ? args.publicNetworkAccess
        : defaultPublicNetworkAccess(
            args.publicNetworkAccess,
            Object.keys(args.privateEndpoints ?? {}).length > 0,
            hasFirewallRules,
          );
    const cmk = args.customerManagedKey;
    const geo = args.geoReplication;
    const rg = args.resourceGroupName;
    const stateful = { parent: this, protect: args.protect };

    this.namespace = new servicebus.Namespace(
      childName(name, "namespace"),
      {
        resourceGroupName: rg,
        location: args.location,
        namespaceName: args.namespaceName,
        sku: { name: tier, tier, capacity: premium ? (args.capacity ?? partitions) : undefined },
        premiumMessagingPartitions: premium ? partitions : undefined,
        zoneRedundant: args.zoneRedundant ?? (premium ? true : undefined),
        minimumTlsVersion: args.minimumTlsVersion ?? "1.2",
        disableLocalAuth: args.disableLocalAuth ?? true,
        publicNetworkAccess,
        identity: toManagedServiceIdentity(args.managedIdentities),
        encryption: toNamespaceEncryption(cmk),
        geoDataReplication: geo
          ? {
              locations: [
                { locationName: args.location, roleType: "Primary" },
                { locationName: geo.secondaryLocation, roleType: "Secondary" },
              ],
              maxReplicationLagDurationInSeconds: geo.maxReplicationLagSeconds,
            }
          : undefined,
        alternateName: args.alternateName,
        tags: args.tags,
      },
      { ...stateful, dependsOn: opts?.dependsOn },
    );
    const ns = { resourceGroupName: rg, namespaceName: this.namespace.name };

    if (nrs) {
      new servicebus.NamespaceNetworkRuleSet(
        childName(name, "network"),
        {
          ...ns,
          ...toNamespaceNetworkRules(nrs),
          // The rule set carries its own publicNetworkAccess; it must agree with the namespace's or it resets it.
          publicNetworkAccess: publicNetworkAccess === "SecuredByPerimeter" ? undefined : publicNetworkAccess,
        },
        { parent: this },
      );
    }

    for (const [key, rule] of Object.entries(args.authorizationRules ?? {})) {
      const r = new servicebus.NamespaceAuthorizationRule(
        childName(name, "sas", key),
        { ...ns, authorizationRuleName: key, rights: rule.rights },
        { parent: this },
      );
      this.connectionStrings[`namespace/${key}`] = pulumi.secret(
        servicebus.listNamespaceKeysOutput({ ...ns, authorizationRuleName: r.name }, { parent: this })
          .primaryConnectionString,
      );
    }

    const entities = createServiceBusEntities(this, name, ns, args, stateful);
    Object.assign(this.queues, entities.queues);
    Object.assign(this.topics, entities.topics);
    Object.assign(this.subscriptions, entities.subscriptions);
    Object.assign(this.entityRoleAssignments, entities.entityRoleAssignments);
    Object.assign(this.connectionStrings, entities.connectionStrings);
    if (args.migrationConfig) {
      // Started once the entities exist: the migration copies what the Standard namespace holds then.
      this.migrationConfig = new servicebus.MigrationConfig(
        childName(name, "migration"),
        {
          ...ns,
          configName: migration.configName,
          targetNamespace: args.migrationConfig.targetNamespace,
          postMigrationName: args.migrationConfig.postMigrationName,
        },
        {
          parent: this,
          dependsOn: [...Object.values(entities.queues), ...Object.values(entities.topics)],
        },
      );
    }
    const extensions = applyExtensions(
      this,
      name,
      { id: this.namespace.id, resourceType: SERVICE_BUS_NAMESPACE_TYPE, resource: this.namespace },
      args,
    );
    Object.assign(this.privateEndpoints, extensions.privateEndpoints);

    this.id = this.namespace.id;
    this.name = this.namespace.name;
    this.endpoint = this.namespace.serviceBusEndpoint;
    this.registerOutputs({
      id: this.id,
      name: this.name,
      endpoint: this.endpoint,
      connectionStrings: this.connectionStrings,
    });
  }
}
