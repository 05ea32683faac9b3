import type { PropertyRule, ServiceConstraints, TypeConstraints } from "./types";

/**
 * Resource groups, identities, RBAC, locks, monitoring, networking, private DNS, Key Vault, and the `random`
 * provider. API versions from azure-native `<module>/<resource>.js` ("Uses Azure REST API version ..."); specs in
 * Azure/azure-rest-api-specs. Where a spec's name parameter has no constraints (network, private DNS, managed
 * identity, Key Vault here), the rule comes from Microsoft's resource naming rules page (NAME_RULES) and says so.
 */
const NAME_RULES = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";

const docName = (
  path: string,
  anchor: string,
  entity: string,
  min: number,
  max: number,
  pattern: string,
  words: string,
) =>
  ({
    path,
    definition: entity,
    doc: `${NAME_RULES}#${anchor} (${entity}: ${min}-${max}, ${words})`,
    pattern,
    minLength: min,
    maxLength: max,
  }) satisfies PropertyRule;

// Alphanumerics, underscores, periods, and hyphens; start with alphanumeric; end alphanumeric or underscore.
const NETWORK_NAME = "^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$";
const networkWords =
  "alphanumerics, underscores, periods and hyphens; start alphanumeric; end alphanumeric or underscore";

const resources: TypeConstraints = {
  apiVersion: "2024-03-01",
  spec: "specification/resources/resource-manager/Microsoft.Resources/stable/2024-03-01/resources.json",
  rules: [
    {
      path: "resourceGroupName",
      definition: "parameter resourceGroupName of ResourceGroups_CreateOrUpdate",
      pattern: "^[-\\w\\._\\(\\)]+$",
      minLength: 1,
      maxLength: 90,
    },
    {
      path: "resourceGroupName",
      definition: "resourcegroups",
      doc: `${NAME_RULES}#microsoftresources (resourcegroups: can't end with period)`,
      pattern: "[^.]$",
    },
  ],
};

const network = (spec: string, ...rules: PropertyRule[]): TypeConstraints => ({
  apiVersion: "2024-05-01",
  spec: `specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/${spec}`,
  rules,
});
const privateDns = (...rules: PropertyRule[]): TypeConstraints => ({
  apiVersion: "2024-06-01",
  spec: "specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json",
  rules,
});

export const coreConstraints: ServiceConstraints = {
  "azure-native:resources:ResourceGroup": resources,
  "azure-native:managedidentity:UserAssignedIdentity": {
    apiVersion: "2023-01-31",
    spec: "specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/ManagedIdentity.json",
    rules: [
      docName(
        "resourceName",
        "microsoftmanagedidentity",
        "userAssignedIdentities",
        3,
        128,
        "^[a-zA-Z0-9][a-zA-Z0-9_-]*$",
        "alphanumerics, hyphens and underscores; start with letter or number",
      ),
    ],
  },
  "azure-native:authorization:RoleAssignment": {
    apiVersion: "2022-04-01",
    spec: "specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json",
    rules: [
      // The parameter's description: "The name of the role assignment. It can be any valid GUID."
      { path: "roleAssignmentName", definition: "#/parameters/RoleAssignmentNameParameter", format: "uuid" },
      { path: "roleDefinitionId", definition: "#/definitions/RoleAssignmentProperties", required: true },
      { path: "principalId", definition: "#/definitions/RoleAssignmentProperties", required: true },
      {
        path: "principalType",
        definition: "#/definitions/RoleAssignmentProperties",
        enum: ["User", "Group", "ServicePrincipal", "ForeignGroup"],
        extensible: true,
      },
    ],
  },
  // RoleDefinitionProperties states no required property and no constraint beyond the permission shape.
  "azure-native:authorization:RoleDefinition": {
    apiVersion: "2022-05-01-preview",
    spec: "specification/authorization/resource-manager/Microsoft.Authorization/preview/2022-05-01-preview/authorization-RoleDefinitionsCalls.json",
    rules: [
      {
        path: "permissions[]",
        definition:
          "specification/authorization/resource-manager/Microsoft.Authorization/preview/2022-05-01-preview/common-types.json #/definitions/Permission",
        properties: ["actions", "notActions", "dataActions", "notDataActions"],
      },
    ],
  },
  "azure-native:authorization:ManagementLockByScope": {
    apiVersion: "2020-05-01",
    spec: "specification/resources/resource-manager/Microsoft.Authorization/stable/2020-05-01/locks.json",
    rules: [
      { path: "level", definition: "#/definitions/ManagementLockProperties", required: true },
      {
        path: "level",
        definition: "#/definitions/ManagementLockProperties",
        enum: ["NotSpecified", "CanNotDelete", "ReadOnly"],
        extensible: true,
      },
    ],
  },
  "azure-native:monitor:DiagnosticSetting": {
    apiVersion: "2021-05-01-preview",
    spec: "specification/monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json",
    rules: [
      { path: "logs[].enabled", definition: "#/definitions/LogSettings", required: true },
      {
        path: "logs[]",
        definition: "#/definitions/LogSettings",
        properties: ["category", "categoryGroup", "enabled", "retentionPolicy"],
      },
      { path: "metrics[].enabled", definition: "#/definitions/MetricSettings", required: true },
      {
        path: "metrics[]",
        definition: "#/definitions/MetricSettings",
        properties: ["timeGrain", "category", "enabled", "retentionPolicy"],
      },
      { path: "metrics[].timeGrain", definition: "#/definitions/MetricSettings", format: "duration" },
      ...["logs[]", "metrics[]"].flatMap((p): PropertyRule[] => [
        { path: `${p}.retentionPolicy.enabled`, definition: "#/definitions/RetentionPolicy", required: true },
        { path: `${p}.retentionPolicy.days`, definition: "#/definitions/RetentionPolicy", required: true, minimum: 0 },
      ]),
    ],
  },
  "azure-native:operationalinsights:Workspace": {
    apiVersion: "2023-09-01",
    spec: "specification/operationalinsights/resource-manager/Microsoft.OperationalInsights/stable/2023-09-01/Workspaces.json",
    rules: [
      {
        path: "workspaceName",
        definition:
          "specification/operationalinsights/resource-manager/common/v1/types.json #/parameters/WorkspaceNameParameter",
        pattern: "^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$",
        minLength: 4,
        maxLength: 63,
      },
      { path: "sku.name", definition: "#/definitions/WorkspaceSku", required: true },
      {
        path: "sku.name",
        definition: "#/definitions/WorkspaceSku",
        enum: ["Free", "Standard", "Premium", "PerNode", "PerGB2018", "Standalone", "CapacityReservation", "LACluster"],
        extensible: true,
      },
      { path: "identity.type", definition: "#/definitions/Identity", required: true },
      { path: "identity.type", definition: "#/definitions/Identity", enum: ["SystemAssigned", "UserAssigned", "None"] },
    ],
  },
  "azure-native:network:VirtualNetwork": network(
    "virtualNetwork.json",
    docName("virtualNetworkName", "microsoftnetwork", "virtualNetworks", 2, 64, NETWORK_NAME, networkWords),
  ),
  "azure-native:network:Subnet": network(
    "virtualNetwork.json",
    docName("subnetName", "microsoftnetwork", "virtualnetworks / subnets", 1, 80, NETWORK_NAME, networkWords),
  ),
  "azure-native:network:NetworkSecurityGroup": network(
    "networkSecurityGroup.json",
    docName("networkSecurityGroupName", "microsoftnetwork", "networkSecurityGroups", 1, 80, NETWORK_NAME, networkWords),
  ),
  "azure-native:network:RouteTable": network(
    "routeTable.json",
    docName("routeTableName", "microsoftnetwork", "routeTables", 1, 80, NETWORK_NAME, networkWords),
  ),
  // The spec's privateEndpointName / privateDnsZoneGroupName parameters carry no constraints, nor does the page.
  "azure-native:network:PrivateEndpoint": network("privateEndpoint.json"),
  "azure-native:network:PrivateDnsZoneGroup": network("privateEndpoint.json"),
  "azure-native:network:PublicIPAddress": network(
    "publicIpAddress.json",
    docName("publicIpAddressName", "microsoftnetwork", "publicIPAddresses", 1, 80, NETWORK_NAME, networkWords),
  ),
  "azure-native:privatedns:PrivateZone": privateDns({
    path: "privateZoneName",
    definition: "privateDnsZones",
    doc: `${NAME_RULES}#microsoftnetwork (privateDnsZones: 2 to 34 labels of 1-63 alphanumerics, underscores and hyphens, separated by periods)`,
    pattern: "^[a-zA-Z0-9_-]{1,63}(\\.[a-zA-Z0-9_-]{1,63}){1,33}$",
  }),
  "azure-native:privatedns:VirtualNetworkLink": privateDns(
    docName(
      "virtualNetworkLinkName",
      "microsoftnetwork",
      "privateDnsZones / virtualNetworkLinks",
      1,
      80,
      NETWORK_NAME,
      networkWords,
    ),
  ),
  "azure-native:keyvault:Vault": {
    apiVersion: "2024-11-01",
    spec: "specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/keyvault.json",
    rules: [
      docName(
        "vaultName",
        "microsoftkeyvault",
        "vaults",
        3,
        24,
        "^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$",
        "alphanumerics and hyphens; start with letter; end with letter or digit; no consecutive hyphens",
      ),
    ],
  },
  // Event Hubs SAS keys exported to a vault (components/eventhubs/secretsExport.ts).
  "azure-native:keyvault:Secret": {
    apiVersion: "2024-11-01",
    spec: "specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/secrets.json",
    rules: [
      { path: "vaultName", definition: "Secrets_CreateOrUpdate parameter vaultName", pattern: "^[a-zA-Z0-9-]{3,24}$" },
      {
        path: "secretName",
        definition: "Secrets_CreateOrUpdate parameter secretName",
        pattern: "^[a-zA-Z0-9-]{1,127}$",
      },
      { path: "properties", definition: "#/definitions/SecretCreateOrUpdateParameters", required: true },
    ],
  },
  "random:index/randomString:RandomString": { apiVersion: "", spec: "", rules: [], notArm: "the random provider" },
  "random:index/randomUuid:RandomUuid": { apiVersion: "", spec: "", rules: [], notArm: "the random provider" },
};
