/**
 * Private Link facts per target resource type: the allowed group ids (sub-resources) and the private DNS zone each
 * one resolves through. Source: https://learn.microsoft.com/azure/private-link/private-endpoint-dns (PE-DNS in
 * shared/reference/azure-limits.md §6).
 *
 * ⚠️ Batch: older copies of PE-DNS give `{region}.privatelink.batch.azure.com` / `{region}.service.privatelink.batch.azure.com`;
 * current docs give `privatelink.batch.azure.com` for both sub-resources, which is what we use.
 */
export interface PrivateLinkTarget {
  /** Group ids Azure accepts for this resource type, each with its private DNS zone. */
  readonly groups: Readonly<Record<string, string>>;
  /** The group id used when a private endpoint does not name one; undefined where the service has several. */
  readonly defaultGroupId?: string;
}

export const privateLinkTargets: Readonly<Record<string, PrivateLinkTarget>> = {
  "Microsoft.EventGrid/topics": { groups: { topic: "privatelink.eventgrid.azure.net" }, defaultGroupId: "topic" },
  "Microsoft.EventGrid/domains": { groups: { domain: "privatelink.eventgrid.azure.net" }, defaultGroupId: "domain" },
  // Event Hubs and Service Bus share one zone: a registry must create it once per environment.
  "Microsoft.EventHub/namespaces": {
    groups: { namespace: "privatelink.servicebus.windows.net" },
    defaultGroupId: "namespace",
  },
  "Microsoft.ServiceBus/namespaces": {
    groups: { namespace: "privatelink.servicebus.windows.net" },
    defaultGroupId: "namespace",
  },
  "Microsoft.Batch/batchAccounts": {
    groups: { batchAccount: "privatelink.batch.azure.com", nodeManagement: "privatelink.batch.azure.com" },
  },
  "Microsoft.Storage/storageAccounts": {
    groups: {
      blob: "privatelink.blob.core.windows.net",
      blob_secondary: "privatelink.blob.core.windows.net",
      queue: "privatelink.queue.core.windows.net",
      dfs: "privatelink.dfs.core.windows.net",
    },
  },
};
