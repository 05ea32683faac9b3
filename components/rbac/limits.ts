/**
 * Azure RBAC facts for custom role definitions and role assignments, each with its source. Citation keys are those of
 * docs/azure-facts.md; URLs otherwise.
 */
export const rbacLimits = {
  /**
   * Operation strings: `{Company}.{ProviderName}/{resourceType}/{action}`, where `*` matches any part, e.g.
   * `Microsoft.EventGrid/*\/read`, `*\/read`, `Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read`.
   * Source: https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions-format
   * ⚠️ Conservative: the last segment must be `read`, `write`, `delete`, `action` or contain `*`; every operation the
   * resource providers publish ends in one of these, but this is our reading of the format, not a documented rule.
   */
  operationVerbs: ["read", "write", "delete", "action"] as const,
  /**
   * A bare `*` action grants everything (Owner-like); a bare `*` data action grants every data operation. Refused
   * unless explicitly allowed (Checkov CKV_AZURE_39; policy rules RB-02/RB-03 in policies/rules/rbac.ts).
   */
  bareWildcard: "*",
  /**
   * Custom roles cannot use the root scope `/` as an assignable scope (only built-in roles are defined there).
   * Source: https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits
   * ⚠️ Not re-confirmed through search here; refusing `/` is the conservative side.
   */
  rootScope: "/",
  /**
   * Only one management group may appear in the assignable scopes, and custom roles with data actions cannot be
   * assigned at management-group scope. Source: custom-roles#custom-role-limits. ⚠️ Not re-confirmed through search.
   */
  maxManagementGroupScopes: 1,
  /** Role names are unique per tenant (display name); max length 512 is not enforced here (left to Azure). */
  roleAssignmentConditionVersion: "2.0",
} as const;
