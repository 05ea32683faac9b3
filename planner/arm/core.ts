import { identityOutputs, rg, SimulatedType } from "./types";

/** Resource groups, identities, RBAC, locks, monitoring, networking, private DNS, storage, random. */
export const coreTypes: Record<string, SimulatedType> = {
  "azure-native:resources:ResourceGroup": {
    nameInput: "resourceGroupName",
    id: "/subscriptions/{sub}/resourceGroups/{name}",
  },
  "azure-native:managedidentity:UserAssignedIdentity": {
    nameInput: "resourceName",
    id: `${rg}/Microsoft.ManagedIdentity/userAssignedIdentities/{name}`,
    diagram: { label: "identity" },
    outputs: (c) => ({ principalId: c.guid("principal"), clientId: c.guid("client"), tenantId: c.tenantId }),
  },
  "azure-native:authorization:RoleAssignment": {
    nameInput: "roleAssignmentName",
    id: "{scope}/providers/Microsoft.Authorization/roleAssignments/{name}",
  },
  "azure-native:authorization:RoleDefinition": {
    nameInput: "roleDefinitionId",
    id: "{scope}/providers/Microsoft.Authorization/roleDefinitions/{name}",
    outputs: (c) => ({ roleName: c.inputs.roleName, type: "Microsoft.Authorization/roleDefinitions" }),
  },
  "azure-native:authorization:ManagementLockByScope": {
    nameInput: "lockName",
    id: "{scope}/providers/Microsoft.Authorization/locks/{name}",
  },
  "azure-native:monitor:DiagnosticSetting": {
    nameInput: "name",
    id: "{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
  },
  "azure-native:operationalinsights:Workspace": {
    nameInput: "workspaceName",
    id: `${rg}/Microsoft.OperationalInsights/workspaces/{name}`,
    outputs: (c) => ({ customerId: c.guid("customer") }),
  },
  "azure-native:network:VirtualNetwork": {
    nameInput: "virtualNetworkName",
    id: `${rg}/Microsoft.Network/virtualNetworks/{name}`,
    outputs: (c) => ({ resourceGuid: c.guid("vnet"), provisioningState: "Succeeded" }),
    diagram: { label: "virtual network", views: ["network"] },
  },
  "azure-native:network:Subnet": {
    nameInput: "subnetName",
    id: `${rg}/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{name}`,
    diagram: {
      label: "subnet",
      views: ["network"],
      detail: (i) => (typeof i.addressPrefix === "string" ? i.addressPrefix : undefined),
      container: { network: (_, id) => id.split("/subnets/")[0] },
    },
  },
  "azure-native:network:NetworkSecurityGroup": {
    nameInput: "networkSecurityGroupName",
    id: `${rg}/Microsoft.Network/networkSecurityGroups/{name}`,
  },
  "azure-native:network:RouteTable": {
    nameInput: "routeTableName",
    id: `${rg}/Microsoft.Network/routeTables/{name}`,
  },
  "azure-native:network:PrivateEndpoint": {
    nameInput: "privateEndpointName",
    id: `${rg}/Microsoft.Network/privateEndpoints/{name}`,
    diagram: {
      label: "private endpoint",
      views: ["network"],
      detail: (i) =>
        (i.privateLinkServiceConnections as { groupIds?: string[] }[] | undefined)
          ?.flatMap((c) => c.groupIds ?? [])
          .join(", "),
      container: { network: (i) => (i.subnet as { id?: string } | undefined)?.id },
      edges: [
        {
          path: "privateLinkServiceConnections.[].privateLinkServiceId",
          direction: "to",
          label: "private link",
          external: true,
        },
      ],
    },
    outputs: (c) => ({
      // ARM lists the endpoint's NIC and, per connection, the approval state (auto-approved in the same tenant).
      networkInterfaces: [
        {
          id: `${c.id.split("/providers/")[0]}/providers/Microsoft.Network/networkInterfaces/${c.name}.nic.${c.guid("nic").slice(0, 8)}`,
        },
      ],
      privateLinkServiceConnections: ((c.inputs.privateLinkServiceConnections as object[] | undefined) ?? []).map(
        (x) => ({
          ...x,
          privateLinkServiceConnectionState: { status: "Approved", description: "Auto-Approved" },
        }),
      ),
    }),
  },
  "azure-native:network:PrivateDnsZoneGroup": {
    nameInput: "privateDnsZoneGroupName",
    id: `${rg}/Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{name}`,
    // Drawn on its endpoint: endpoint -> the zones that get its A records.
    diagram: {
      label: "DNS zone group",
      views: ["network"],
      mergeInto: (_, id) => id.split("/privateDnsZoneGroups/")[0],
      edges: [{ path: "privateDnsZoneConfigs.[].privateDnsZoneId", direction: "to", label: "A record in" }],
    },
  },
  "azure-native:network:PublicIPAddress": {
    nameInput: "publicIpAddressName",
    id: `${rg}/Microsoft.Network/publicIPAddresses/{name}`,
  },
  "azure-native:privatedns:PrivateZone": {
    nameInput: "privateZoneName",
    id: `${rg}/Microsoft.Network/privateDnsZones/{name}`,
    outputs: () => ({ numberOfRecordSets: 1, provisioningState: "Succeeded" }),
    diagram: { label: "private DNS zone", views: ["network"] },
  },
  "azure-native:privatedns:VirtualNetworkLink": {
    nameInput: "virtualNetworkLinkName",
    id: `${rg}/Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{name}`,
    outputs: () => ({ virtualNetworkLinkState: "Completed", provisioningState: "Succeeded" }),
    diagram: {
      label: "virtual network link",
      views: ["network"],
      mergeInto: (_, id) => id.split("/virtualNetworkLinks/")[0],
      edges: [{ path: "virtualNetwork.id", direction: "to", label: "resolves for", dashed: true, external: true }],
    },
  },
  "azure-native:storage:StorageAccount": {
    nameInput: "accountName",
    id: `${rg}/Microsoft.Storage/storageAccounts/{name}`,
    // Drawn so capture, auto-storage and system-topic sources have a node; containers and queues hang off it.
    diagram: { label: "storage account" },
    outputs: (c) => ({
      ...identityOutputs(c),
      primaryEndpoints: {
        blob: `https://${c.name}.blob.core.windows.net/`,
        queue: `https://${c.name}.queue.core.windows.net/`,
        dfs: `https://${c.name}.dfs.core.windows.net/`,
        table: `https://${c.name}.table.core.windows.net/`,
      },
    }),
  },
  "azure-native:storage:BlobServiceProperties": {
    nameInput: "blobServicesName",
    id: `${rg}/Microsoft.Storage/storageAccounts/{accountName}/blobServices/{name}`,
  },
  "azure-native:storage:BlobContainer": {
    nameInput: "containerName",
    id: `${rg}/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{name}`,
    diagram: { label: "blob container", container: { flow: (_, id) => id.split("/blobServices/")[0] } },
  },
  // The container's time-based retention policy (components/storage: created unlocked).
  "azure-native:storage:BlobContainerImmutabilityPolicy": {
    nameInput: "immutabilityPolicyName",
    id: `${rg}/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{containerName}/immutabilityPolicies/{name}`,
  },
  "azure-native:storage:Queue": {
    nameInput: "queueName",
    id: `${rg}/Microsoft.Storage/storageAccounts/{accountName}/queueServices/default/queues/{name}`,
    diagram: { label: "storage queue", container: { flow: (_, id) => id.split("/queueServices/")[0] } },
  },
  "azure-native:keyvault:Vault": {
    nameInput: "vaultName",
    id: `${rg}/Microsoft.KeyVault/vaults/{name}`,
    outputs: (c) => ({
      properties: { ...(c.inputs.properties as object), vaultUri: `https://${c.name}.vault.azure.net/` },
    }),
  },
  // Event Hubs SAS keys exported to a vault outside the stack (components/eventhubs/secretsExport.ts).
  "azure-native:keyvault:Secret": {
    nameInput: "secretName",
    id: `${rg}/Microsoft.KeyVault/vaults/{vaultName}/secrets/{name}`,
  },
  "random:index/randomString:RandomString": { id: "{name}", outputs: () => ({ result: "simulated" }) },
  "random:index/randomUuid:RandomUuid": { id: "{name}", outputs: (c) => ({ result: c.guid("uuid") }) },
};
