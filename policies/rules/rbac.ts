import type { PolicyResource } from "@pulumi/policy";
import * as authorization from "@pulumi/azure-native/authorization";
import * as monitor from "@pulumi/azure-native/monitor";
import * as resources from "@pulumi/azure-native/resources";
import { linked, ofType } from "../lib/graph";
import { AP, asArray, isOfType, PackPolicy, Props, resourceRule, same, schema, stackRule } from "../lib/rule";

/**
 * Built-in roles that control access or everything. GUIDs: learn.microsoft.com/azure/role-based-access-control/built-in-roles
 * (same values as components/rbac/builtInRoles.ts; copied so that the pack stands alone when published).
 */
export const PRIVILEGED_ROLES: Record<string, string> = {
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
};

/**
 * Roles a stack identity must not hold at resource group scope or wider: full control, access control, and the data
 * roles that own or write every entity below the scope. GUIDs: learn.microsoft.com/azure/role-based-access-control/built-in-roles
 * (same values as components/rbac/builtInRoles.ts, checked by tests/policies/factsAgree.test.ts).
 */
export const BROAD_DATA_AND_CONTROL_ROLES: Record<string, string> = {
  ...PRIVILEGED_ROLES,
  Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  "Azure Service Bus Data Owner": "090c5cfd-751d-490a-894a-3ce6f1109419",
  "Azure Event Hubs Data Owner": "f526a384-b230-433a-b45c-95f59c4a2dec",
  "Storage Blob Data Owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
};

/** Subscription, management group or tenant root: scopes where a privileged role controls far more than one estate. */
const BROAD_SCOPE = /^\/(subscriptions\/[^/]+|providers\/Microsoft\.Management\/managementGroups\/[^/]+)?\/?$/i;

/** Resource group, subscription, management group or root scope ids. */
const WIDE_LITERAL_SCOPE =
  /^\/((subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?)|providers\/Microsoft\.Management\/managementGroups\/[^/]+)?\/?$/i;

/** Glob match of ARM operation patterns (`*` spans segments), case-insensitive. */
function globMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );
  return re.test(action);
}

function permissions(p: Props): Props[] {
  return asArray(p.permissions) as Props[];
}

/** Resources that only host access wiring, never consume a principal's access themselves. */
const NOT_CONSUMERS = [authorization.RoleAssignment, authorization.ManagementLockByScope, monitor.DiagnosticSetting];

/** Is `entity` inside `container` (a child linked through a `...Name` input or its parent), up to two levels? */
function isInside(entity: PolicyResource, container: PolicyResource, depth = 2): boolean {
  if (depth === 0 || entity.urn === container.urn) return false;
  const parents = Object.entries(entity.propertyDependencies)
    .filter(([k]) => /Name$/.test(k) && k !== "resourceGroupName")
    .flatMap(([, v]) => v);
  return parents.some((x) => x.urn === container.urn || isInside(x, container, depth - 1));
}

/** The role GUID of an assignment's roleDefinitionId (a full id or a bare GUID), lower-cased. */
/** A value of CrossGuard's preview proxy, or undefined when it is unknown during a preview (reading it throws). */
function knownOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function roleGuid(p: Props): string {
  return (
    String(p.roleDefinitionId ?? "")
      .split("/")
      .pop()
      ?.toLowerCase() ?? ""
  );
}

/** RBAC rules (RB-xx). */
export const rbacPolicies: PackPolicy[] = [
  resourceRule<{ minimumDescriptionLength: number }>(
    {
      name: "rbac-custom-role-review",
      code: "RB-01",
      description: "Custom role definitions record why they exist (a description), as their review trail.",
      severity: "low",
      anchor: `AP a451c1ef (${AP}/General/Subscription_AuditCustomRBACRoles_Audit.json: audit custom roles)`,
      remediation: "Prefer a built-in role; otherwise describe the role's purpose and owner in its description.",
      configSchema: {
        properties: { minimumDescriptionLength: schema.integer(20, 1, 1000, "Shortest acceptable description.") },
      },
    },
    [authorization.RoleDefinition],
    (p, _a, report, cfg) => {
      const d = typeof p.description === "string" ? p.description.trim() : "";
      if (d.length < cfg.minimumDescriptionLength) {
        report(
          `custom role ${JSON.stringify(p.roleName ?? null)} has ${d ? `a ${d.length}-character` : "no"} description; describe why no built-in role fits (at least ${cfg.minimumDescriptionLength} characters)`,
        );
      }
    },
  ),
  resourceRule(
    {
      name: "rbac-custom-role-no-wildcard-actions",
      code: "RB-02",
      description: "Custom roles do not grant every action ('*').",
      severity: "critical",
      anchor: `AP 10ee2ea2 (${AP}/General/CustomSubscription_OwnerRole_Audit.json, deprecated); CK CKV_AZURE_39`,
      remediation: "List the exact operations the role needs instead of '*'.",
    },
    [authorization.RoleDefinition],
    (p, _a, report) => {
      permissions(p).forEach((perm, i) => {
        if (asArray(perm.actions).some((a) => a === "*")) {
          report(`permissions[${i}].actions contains '*': the role is equivalent to Owner`);
        }
      });
    },
  ),
  resourceRule<{ deniedActions: string[] }>(
    {
      name: "rbac-custom-role-no-wildcard-data-actions",
      code: "RB-03",
      description: "Custom roles grant no '*' data actions and no access-control operations.",
      severity: "high",
      anchor: "derived from CK CKV_AZURE_39",
      remediation: "List the exact data actions; remove Microsoft.Authorization write operations from the role.",
      configSchema: {
        properties: {
          deniedActions: schema.stringList(
            [
              "Microsoft.Authorization/*",
              "Microsoft.Authorization/roleAssignments/write",
              "Microsoft.Authorization/roleDefinitions/write",
            ],
            "Operations (globs) no custom role may grant.",
          ),
        },
      },
    },
    [authorization.RoleDefinition],
    (p, _a, report, cfg) => {
      permissions(p).forEach((perm, i) => {
        if (asArray(perm.dataActions).some((a) => a === "*")) report(`permissions[${i}].dataActions contains '*'`);
        for (const action of asArray(perm.actions).map(String)) {
          if (action === "*") continue; // rbac-custom-role-no-wildcard-actions
          const denied = cfg.deniedActions.find((d) => globMatches(action, d) || globMatches(d, action));
          if (denied) report(`permissions[${i}].actions grants ${action}, which covers the denied ${denied}`);
        }
      });
    },
  ),
  stackRule<{ roleIds: string[] }>(
    {
      name: "rbac-no-privileged-assignment-at-broad-scope",
      code: "RB-04",
      description:
        "No Owner, User Access Administrator or RBAC Administrator assignment at subscription or management group scope.",
      severity: "high",
      anchor:
        "PS Azure.Subscription RBAC.LimitOwner / LimitMGDelegation; AP Security Center/ASC_DesignateLessThanXOwners_Audit.json",
      remediation: "Assign a narrower role, or scope the assignment to the resource group or resource that needs it.",
      configSchema: {
        properties: {
          roleIds: schema.stringList(Object.values(PRIVILEGED_ROLES), "Role definition GUIDs that are privileged."),
        },
      },
    },
    (all, _a, report, cfg) => {
      for (const ra of ofType(all, [authorization.RoleAssignment])) {
        // Scoped to a resource of this stack: not a subscription or management group (and its id is unknown in preview).
        if (linked(ra, "scope").length > 0) continue;
        const p = ra.props as Props;
        if (typeof p.scope !== "string" || !BROAD_SCOPE.test(p.scope)) continue;
        const role =
          String(p.roleDefinitionId ?? "")
            .split("/")
            .pop()
            ?.toLowerCase() ?? "";
        if (cfg.roleIds.some((id) => id.toLowerCase() === role)) {
          const name = Object.keys(PRIVILEGED_ROLES).find((k) => PRIVILEGED_ROLES[k] === role) ?? role;
          report(`${ra.name} assigns ${name} at ${p.scope === "/" ? "the tenant root" : p.scope}`, ra.urn);
        }
      }
    },
  ),
  resourceRule(
    {
      name: "rbac-assignment-principal-type-not-user",
      code: "RB-05",
      description:
        "Role assignments go to groups or service principals, not individual users (principalType defaults to User).",
      severity: "low",
      anchor: "PS Azure.Subscription RBAC.UseGroups",
      remediation:
        "Assign the role to an Entra ID group (principalType: Group) or a managed identity (ServicePrincipal).",
    },
    [authorization.RoleAssignment],
    (p, _a, report) => {
      if (same(p.principalType ?? "User", "User")) {
        report(
          `principalType is ${JSON.stringify(p.principalType ?? "User")}: assign to a group or a managed identity instead`,
        );
      }
    },
  ),
  stackRule(
    {
      name: "rbac-assignment-narrowest-scope",
      code: "RB-06",
      description:
        "Role assignments for wiring in this stack are scoped no wider than the entity the principal is wired to.",
      severity: "medium",
      anchor: "derived: least privilege (Azure RBAC best practices); linked through property dependencies",
      remediation:
        "Scope the assignment to the queue, topic, event hub or container the principal uses (pass that entity's id).",
    },
    (all, _a, report) => {
      for (const ra of ofType(all, [authorization.RoleAssignment])) {
        const principals = linked(ra, "principalId");
        if (principals.length === 0) continue; // an external principal: nothing in the stack shows what it needs
        const scopes = linked(ra, "scope");
        // Everything wired to the principal: the principal's own resource and resources computed from it.
        const consumers = all.filter(
          (c) =>
            c.urn !== ra.urn &&
            !isOfType(c.type, NOT_CONSUMERS) &&
            principals.some((pr) => pr.urn === c.urn || linked(c).some((x) => x.urn === pr.urn)),
        );
        const entities = consumers.flatMap((c) => linked(c)).filter((e) => !principals.some((pr) => pr.urn === e.urn));
        // A literal scope (no resource of this stack) is wide when it names a resource group or subscription.
        const literalWide = scopes.length === 0 && WIDE_LITERAL_SCOPE.test(String((ra.props as Props).scope ?? ""));
        if (literalWide || scopes.some((s) => isOfType(s.type, [resources.ResourceGroup]))) {
          if (consumers.length > 0) {
            report(
              `${ra.name} grants a principal of this stack access at resource group or subscription scope`,
              ra.urn,
            );
          }
          continue;
        }
        for (const scope of scopes) {
          const inner = entities.find((e) => isInside(e, scope));
          if (inner) {
            report(
              `${ra.name} is scoped to ${scope.name}, but the principal is wired to ${inner.name} inside it; scope it to ${inner.name}`,
              ra.urn,
            );
          }
        }
      }
    },
  ),
  stackRule<{ roleIds: string[] }>(
    {
      name: "rbac-stack-identity-no-broad-role",
      code: "RB-07",
      description:
        "Identities of this stack hold no Owner, Contributor, access-administration or data-owner role at resource group scope or wider.",
      severity: "high",
      anchor:
        "PS Azure.RBAC.LimitOwner / Azure.RBAC.LimitMGDelegation; derived: least privilege (learn.microsoft.com/azure/role-based-access-control/best-practices)",
      remediation:
        "Grant the narrow data role (Sender, Receiver, Blob Data Reader/Contributor) on the entity or container the identity uses.",
      configSchema: {
        properties: {
          roleIds: schema.stringList(
            Object.values(BROAD_DATA_AND_CONTROL_ROLES),
            "Role definition GUIDs no stack identity may hold at resource group scope or wider.",
          ),
        },
      },
    },
    (all, _a, report, cfg) => {
      for (const ra of ofType(all, [authorization.RoleAssignment])) {
        // A stack identity: the principal id is computed from a resource of this stack (known by link in preview).
        if (linked(ra, "principalId").length === 0) continue;
        const p = ra.props as Props;
        const scopes = linked(ra, "scope");
        const wide =
          scopes.length === 0
            ? typeof p.scope === "string" && WIDE_LITERAL_SCOPE.test(p.scope)
            : scopes.some((x) => isOfType(x.type, [resources.ResourceGroup]));
        // A custom role of this stack (its id is unknown in a preview) is no built-in broad role: RB-02/RB-03 judge it.
        if (!wide || linked(ra, "roleDefinitionId").length > 0) continue;
        const role = roleGuid(p);
        if (cfg.roleIds.some((id) => id.toLowerCase() === role)) {
          const name = Object.keys(BROAD_DATA_AND_CONTROL_ROLES).find((k) => BROAD_DATA_AND_CONTROL_ROLES[k] === role);
          const where = scopes.length ? `resource group ${scopes[0].name}` : String(p.scope);
          report(`${ra.name} grants ${name ?? role} at ${where} to an identity of this stack`, ra.urn);
        }
      }
    },
  ),
  stackRule(
    {
      name: "rbac-grants-outside-stack",
      code: "RB-08",
      description:
        "Role assignments on resources outside this stack (targets given by ARM id) are listed for review: the stack grants access to what it does not manage.",
      severity: "medium",
      anchor:
        "derived: least privilege (learn.microsoft.com/azure/role-based-access-control/best-practices); targets outside the stack (stacks/README.md)",
      remediation:
        "Confirm the owner of the resource agrees to the grant (and that the deploying principal may make it there), or give a target of this stack.",
    },
    (all, _a, report) => {
      for (const ra of ofType(all, [authorization.RoleAssignment])) {
        // Scopes computed from a resource of this stack, and resource group or wider scopes (RB-06 and RB-07 judge
        // those) are not a resource outside the stack.
        if (linked(ra, "scope").length > 0) continue;
        const scope = knownOrUndefined(() => (ra.props as Props).scope as unknown);
        // Unknown in a preview without a link: computed from an invoke (the subscription), never an id given by config.
        if (typeof scope !== "string" || WIDE_LITERAL_SCOPE.test(scope)) continue;
        const who = linked(ra, "principalId").length > 0 ? "an identity of this stack" : "a principal";
        report(
          `${ra.name} grants ${who} role ${roleGuid(ra.props as Props)} on ${scope}, which this stack does not manage`,
          ra.urn,
        );
      }
    },
  ),
];
