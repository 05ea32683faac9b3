import * as pulumi from "@pulumi/pulumi";

// The shared interface every service component takes (Azure Verified Modules' names: tags, lock, roleAssignments,
// privateEndpoints, diagnosticSettings, managedIdentities), defined once here and implemented once in extensions.ts.

export type LockKind = "CanNotDelete" | "ReadOnly";

export interface LockArgs {
  /** `CanNotDelete` (read and modify, no delete) or `ReadOnly` (also blocks writes such as listing keys). */
  readonly kind: LockKind;
  /** Lock name. Defaults to `lock-<component name>`. */
  readonly name?: string;
  /** Why the lock exists; shown in the portal. Defaults to a note naming the component. */
  readonly notes?: string;
}

/** Principal types ARM accepts on a role assignment. Required: ARM's silent `User` default breaks service principals. */
export type PrincipalType = "User" | "Group" | "ServicePrincipal" | "ForeignGroup" | "Device";
export const principalTypes: readonly PrincipalType[] = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"];

export interface RoleAssignmentArgs {
  /** A built-in role name from the catalog (`components/rbac/builtInRoles.ts`), a role GUID, or a full role definition id. */
  readonly role: pulumi.Input<string>;
  /** Object id of the user, group or service principal (managed identity). */
  readonly principalId: pulumi.Input<string>;
  /** Required (no default: ARM's silent `User` default breaks service principals): `ServicePrincipal` for managed identities. */
  readonly principalType: PrincipalType;
  /** Free text shown on the assignment. Defaults to none. */
  readonly description?: pulumi.Input<string>;
  /** ABAC condition. Defaults to none. `conditionVersion` is then set to "2.0". */
  readonly condition?: pulumi.Input<string>;
}

/** A static private IP of a private endpoint: one per member of the group it connects to. */
export interface PrivateEndpointIpConfigurationArgs {
  /** IPv4 address inside the endpoint's subnet, not one of the five Azure reserves in every subnet. Required. */
  readonly privateIPAddress: string;
  /** Group id. Defaults to the endpoint's (an endpoint connects to one group). */
  readonly groupId?: string;
  /**
   * Member of the group. Defaults to the group's member where `components/network/privateLink.ts` names it (Service
   * Bus and Event Hubs `namespace`, storage `blob` and `dfs`, Batch `batchAccount`); required for the other groups.
   */
  readonly memberName?: string;
}

export interface PrivateEndpointArgs {
  /** Azure name of the endpoint. Defaults to the endpoint component's logical name with `-` for `/` (`sb-orders-pe-main`). */
  readonly name?: pulumi.Input<string>;
  /** Subnet the endpoint's NIC is placed in (ARM id). */
  readonly subnetId: pulumi.Input<string>;
  /**
   * Sub-resource (group id) to connect to. Defaults to the resource type's only group (`namespace`, `topic`, `domain`);
   * required for multi-group services (Batch: `batchAccount` or `nodeManagement`).
   */
  readonly groupId?: string;
  /** Private DNS zone ids to register the endpoint in (a zone group). Defaults to none: DNS is then managed elsewhere (e.g. by Azure Policy). */
  readonly privateDnsZoneIds?: pulumi.Input<string>[];
  /** Location of the endpoint. Defaults to the component's location. */
  readonly location?: pulumi.Input<string>;
  /** Custom NIC name. Defaults to Azure's generated name (`<endpoint name>.nic.<guid>`). */
  readonly customNetworkInterfaceName?: pulumi.Input<string>;
  /** Static private IPs keyed by IP configuration name. Defaults to none: Azure assigns dynamic IPs. */
  readonly ipConfigurations?: Record<string, PrivateEndpointIpConfigurationArgs>;
  /** Tags on the endpoint. Defaults to the component's tags. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Management lock on the endpoint. Defaults to none. */
  readonly lock?: LockArgs;
  /** Role assignments scoped to the endpoint, keyed by a stable name. Defaults to none. */
  readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
}

export interface DiagnosticSettingArgs {
  /** Log Analytics workspace id. At least one destination (workspace, storage account, event hub or partner) is required. */
  readonly workspaceId?: pulumi.Input<string>;
  /** Storage account id for archiving (same region as the resource; trusted Microsoft services must pass its firewall). */
  readonly storageAccountId?: pulumi.Input<string>;
  /**
   * Event Hubs namespace authorization rule id for streaming (central SIEM routing): a namespace rule with Manage, Send
   * and Listen rights, in the resource's region.
   */
  readonly eventHubAuthorizationRuleId?: pulumi.Input<string>;
  /** Event hub in that namespace. Defaults to Azure's: one event hub per log category, created by Azure Monitor. */
  readonly eventHubName?: pulumi.Input<string>;
  /** ARM id of an Azure Monitor partner solution resource (Azure Native ISV Services) to send to. Defaults to none. */
  readonly marketplacePartnerId?: pulumi.Input<string>;
  /**
   * Log category groups to send: `allLogs`, `audit`. Defaults to `["allLogs"]` unless `logCategories` is given; `[]`
   * sends no logs. Exclusive with `logCategories` (Azure: a setting selects groups or categories).
   */
  readonly logCategoryGroups?: string[];
  /**
   * Individual log categories to send (per resource type, e.g. `RuntimeAuditLogs`, `OperationalLogs` on Event Hubs and
   * Service Bus namespaces; Azure checks the names). Exclusive with `logCategoryGroups`. Defaults to none.
   */
  readonly logCategories?: string[];
  /** Send the `AllMetrics` category. Defaults to true. */
  readonly metrics?: boolean;
  /**
   * `Dedicated`: resource-specific tables in the Log Analytics workspace instead of the legacy `AzureDiagnostics`
   * table. Only with `workspaceId`. Defaults to Azure's (`AzureDiagnostics`).
   */
  readonly logAnalyticsDestinationType?: "Dedicated";
}

export interface ManagedIdentitiesArgs {
  /** Enable the system-assigned identity. Defaults to false unless a component says otherwise. */
  readonly systemAssigned?: boolean;
  /** User-assigned identity resource ids, keyed so that reordering changes nothing. Defaults to none. */
  readonly userAssignedResourceIds?: Record<string, pulumi.Input<string>>;
}

/**
 * The shared interface of a child entity (event hub, consumer group, queue, topic): role assignments and a lock scoped
 * to the entity's ARM id, resolved and validated as the main resource's.
 */
export interface EntityExtensionArgs {
  /** Role assignments scoped to this entity, keyed by a stable name. Defaults to none. */
  readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
  /** Management lock on this entity (a namespace lock already covers its children). Defaults to none. */
  readonly lock?: LockArgs;
}

/** Arguments every service component accepts. */
export interface CommonResourceArgs {
  /** Resource group to deploy into. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure region. Defaults to the resource group's region (azure-native's behaviour). */
  readonly location?: pulumi.Input<string>;
  /** Tags applied to every taggable child. Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Management lock on the main resource. Defaults to none. */
  readonly lock?: LockArgs;
  /** Role assignments scoped to the main resource, keyed by a stable name. Defaults to none. */
  readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
  /** Private endpoints to the main resource. Defaults to none; when given, public network access defaults to Disabled. */
  readonly privateEndpoints?: Record<string, PrivateEndpointArgs>;
  /** Diagnostic settings on the main resource. Defaults to none. */
  readonly diagnosticSettings?: Record<string, DiagnosticSettingArgs>;
  /** Managed identities of the main resource. Defaults per component. */
  readonly managedIdentities?: ManagedIdentitiesArgs;
  /**
   * Protect stateful children (namespaces, entities, accounts) from `pulumi destroy` and replacement.
   * Defaults to false; the stacks set it from the environment (true in prod).
   */
  readonly protect?: boolean;
}

/** What the main resource of a component exposes to the shared extensions. */
export interface ExtensionTarget {
  /** ARM id of the main resource. */
  readonly id: pulumi.Output<string>;
  /** ARM resource type, e.g. `Microsoft.EventHub/namespaces` (decides private-link group ids and DNS zones). */
  readonly resourceType: string;
  /** The child resource itself, so extensions depend on it. */
  readonly resource: pulumi.Resource;
}
