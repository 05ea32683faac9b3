/**
 * Private Link facts per target resource type: the allowed group ids (sub-resources) and the private DNS zone each
 * one resolves through. Source: https://learn.microsoft.com/azure/private-link/private-endpoint-dns (PE-DNS in
 * docs/azure-facts.md).
 *
 * Batch: older copies of PE-DNS gave `{region}.privatelink.batch.azure.com` / `{region}.service.privatelink.batch.azure.com`
 * (hence a ⚠️); the current page (confirmed through search: "Compute" table) gives
 * `privatelink.batch.azure.com` for both `batchAccount` and `nodeManagement`, which is what we use.
 */
export interface PrivateLinkTarget {
  /** Group ids Azure accepts for this resource type, each with its private DNS zone. */
  readonly groups: Readonly<Record<string, string>>;
  /** The group id used when a private endpoint does not name one; undefined where the service has several. */
  readonly defaultGroupId?: string;
  /**
   * The member name of a group's one member, for static IPs (`ipConfigurations[].memberName`), where a public source
   * states it: the `ipConfigurations` examples of the Azure Verified Modules (Azure/bicep-registry-modules,
   * `avm/res/service-bus/namespace`, `avm/res/event-hub/namespace` and `avm/res/batch/batch-account` READMEs;
   * `avm/res/network/private-endpoint` README for storage `blob`) and the Azure quickstart templates for `dfs`. Groups
   * not listed need an explicit member name (`az network private-link-resource list` shows them).
   */
  readonly members?: Readonly<Record<string, string>>;
}

export const privateLinkTargets: Readonly<Record<string, PrivateLinkTarget>> = {
  "Microsoft.EventGrid/topics": { groups: { topic: "privatelink.eventgrid.azure.net" }, defaultGroupId: "topic" },
  "Microsoft.EventGrid/domains": { groups: { domain: "privatelink.eventgrid.azure.net" }, defaultGroupId: "domain" },
  // Event Hubs and Service Bus share one zone: a registry must create it once per environment.
  "Microsoft.EventHub/namespaces": {
    groups: { namespace: "privatelink.servicebus.windows.net" },
    defaultGroupId: "namespace",
    members: { namespace: "namespace" },
  },
  "Microsoft.ServiceBus/namespaces": {
    groups: { namespace: "privatelink.servicebus.windows.net" },
    defaultGroupId: "namespace",
    members: { namespace: "namespace" },
  },
  "Microsoft.Batch/batchAccounts": {
    groups: { batchAccount: "privatelink.batch.azure.com", nodeManagement: "privatelink.batch.azure.com" },
    members: { batchAccount: "batchAccount" },
  },
  "Microsoft.Storage/storageAccounts": {
    groups: {
      blob: "privatelink.blob.core.windows.net",
      blob_secondary: "privatelink.blob.core.windows.net",
      queue: "privatelink.queue.core.windows.net",
      dfs: "privatelink.dfs.core.windows.net",
    },
    members: { blob: "blob", dfs: "dfs" },
  },
};

/**
 * The private DNS zone of a target type's group id (the default group when none is named), or undefined when the
 * type or group is unknown or the type needs an explicit group.
 */
export function privateDnsZoneFor(targetType: string, groupId?: string): string | undefined {
  const target = privateLinkTargets[targetType];
  const group = groupId ?? target?.defaultGroupId;
  return group === undefined ? undefined : target?.groups[group];
}
