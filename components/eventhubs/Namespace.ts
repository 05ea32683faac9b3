import * as pulumi from "@pulumi/pulumi";
import * as eventhub from "@pulumi/azure-native/eventhub";
import type * as keyvault from "@pulumi/azure-native/keyvault";
import { throwIfInvalid } from "../core/errors";
import { applyExtensions, defaultPublicNetworkAccess } from "../core/extensions";
import { toManagedServiceIdentity } from "../core/identity";
import { toNamespaceEncryption, toNamespaceNetworkRules } from "../core/messaging";
import { childName } from "../core/naming";
import { EventHubNamespaceArgs } from "./args";
import { EventHubsCluster } from "./Cluster";
import { AuthorizationRuleKeys, createEventHub, EventHubResources } from "./eventHub";
import { tierLimits } from "./limits";
import { effectiveCapacity } from "./sizing";
import { createSecretsExport } from "./secretsExport";
import { EVENT_HUBS_NAMESPACE_TYPE, validateEventHubNamespaceArgs } from "./validateNamespace";
import { withConfigKey } from "../core/configKey";

// The argument types, validators and event-hub builder live in their own modules; re-exported here so that
// `components/eventhubs/Namespace` stays the one import for callers.
export * from "./args";
export { createEventHub } from "./eventHub";
export type { AuthorizationRuleKeys, EventHubPlacement, EventHubResources } from "./eventHub";
export { effectiveCapacity, effectivePartitionCount } from "./sizing";
export { validateEventHubs } from "./validateEventHub";
export type { EventHubsValidationContext } from "./validateEventHub";
export { validateEventHubNamespaceArgs } from "./validateNamespace";

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
  /** Ids of the namespace-level rules (a diagnostic setting streams to this namespace with one). */
  public readonly authorizationRuleIds: Record<string, pulumi.Output<string>> = {};
  /** Key Vault secrets of `secretsExport`, keyed `<rule>.<value>` (e.g. `app.primaryConnectionString`). */
  public readonly exportedSecrets: Record<string, keyvault.Secret>;
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
        // Only with auto-inflate: never a forced 0, which would silently turn auto-inflate off.
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
      this.authorizationRuleIds[key] = r.id;
      this.authorizationRuleKeys[key] = pulumi.secret(
        eventhub.listNamespaceKeysOutput(
          { resourceGroupName: args.resourceGroupName, namespaceName: nsName, authorizationRuleName: r.name },
          { parent: this },
        ),
      );
    }

    this.exportedSecrets = createSecretsExport(this, name, args.secretsExport, this.authorizationRuleKeys);

    const allHubResources: pulumi.Resource[] = [];
    for (const [key, hubArgs] of Object.entries(args.eventHubs ?? {})) {
      const res = withConfigKey(`eventHubs.${key}`, () =>
        createEventHub(name, key, hubArgs, {
          parent: this,
          resourceGroupName: args.resourceGroupName,
          namespaceName: nsName,
          systemPrincipalId: this.principalId,
          protect: args.protect,
        }),
      );
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

    applyExtensions(
      this,
      name,
      { id: this.namespace.id, resourceType: EVENT_HUBS_NAMESPACE_TYPE, resource: this.namespace },
      args,
    );
    this.id = this.namespace.id;
    this.name = nsName;
    this.registerOutputs({ id: this.id, name: this.name, principalId: this.principalId });
  }
}
