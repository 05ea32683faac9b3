import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { builtInRoles } from "../rbac/builtInRoles";
import { Violation } from "./errors";
import { PrincipalType, principalTypes, RoleAssignmentArgs } from "./interfaces";
import { deterministicGuid, isGuid } from "./naming";
import { isKnown, violation } from "./validate";

const ROLE_DEFINITION_ID =
  /^(\/subscriptions\/[^/]+)?\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i;

/** Checks a role reference: a catalog name, a GUID, or a full role definition id. */
export function validateRoleReference(path: string, role: pulumi.Input<string>): Violation | undefined {
  if (!isKnown(role)) return undefined;
  if (role in builtInRoles || isGuid(role) || ROLE_DEFINITION_ID.test(role)) return undefined;
  return violation(
    path,
    role,
    `is not a known built-in role name, a role GUID or a role definition id; known names: ${Object.keys(builtInRoles).join(", ")}`,
  );
}

export function validateRoleAssignments(
  path: string,
  assignments: Record<string, RoleAssignmentArgs> | undefined,
): Violation[] {
  const found: (Violation | undefined)[] = [];
  for (const [key, a] of Object.entries(assignments ?? {})) {
    found.push(validateRoleReference(`${path}.${key}.role`, a.role));
    found.push(validatePrincipalType(`${path}.${key}.principalType`, a.principalType));
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** A grantee's `principalType`: required (ARM cannot infer it before the principal replicates), one of the known types. */
export function validatePrincipalType(path: string, principalType: unknown): Violation | undefined {
  return principalTypes.includes(principalType as (typeof principalTypes)[number])
    ? undefined
    : violation(path, principalType, `is required; allowed: ${principalTypes.join(", ")}`);
}

/**
 * Full role definition id for a role reference, in the subscription of the scope (ARM requires the subscription form
 * for assignments below a subscription). Management-group scopes get the tenant form.
 */
export function roleDefinitionIdFor(role: string, scope: string): string {
  if (role.startsWith("/")) return role;
  const guid = isGuid(role) ? role : builtInRoles[role as keyof typeof builtInRoles];
  if (!guid) throw new Error(`unknown role ${JSON.stringify(role)} (validateRoleReference should have caught it)`);
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return `${sub ? `/subscriptions/${sub}` : ""}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

export interface ScopedRoleAssignment {
  /** ARM id the assignment is scoped to: the narrowest entity that grants what is needed. */
  readonly scope: pulumi.Input<string>;
  readonly role: pulumi.Input<string>;
  readonly principalId: pulumi.Input<string>;
  readonly principalType: PrincipalType;
  readonly description?: pulumi.Input<string>;
  readonly condition?: pulumi.Input<string>;
}

/**
 * Creates one role assignment whose name is a deterministic GUID of (scope, principal, role), as AVM's
 * `guid(scope, principalId, roleDefinitionId)`: re-running never duplicates it and two stacks never collide.
 */
export function createRoleAssignment(
  logicalName: string,
  a: ScopedRoleAssignment,
  opts: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
  const roleDefinitionId = pulumi.all([a.role, a.scope]).apply(([role, scope]) => roleDefinitionIdFor(role, scope));
  return new authorization.RoleAssignment(
    logicalName,
    {
      scope: a.scope,
      principalId: a.principalId,
      principalType: a.principalType,
      roleDefinitionId,
      roleAssignmentName: pulumi
        .all([a.scope, a.principalId, roleDefinitionId])
        .apply(([scope, principal, role]) => deterministicGuid(scope, principal, role)),
      description: a.description,
      condition: a.condition,
      conditionVersion: a.condition === undefined ? undefined : "2.0",
    },
    opts,
  );
}
