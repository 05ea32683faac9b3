import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import { CustomRoleDefinitionArgs, validateCustomRoleDefinitionArgs } from "../../components/rbac/CustomRoleDefinition";
import { RoleAssignmentComponentArgs, validateRoleAssignmentComponentArgs } from "../../components/rbac/RoleAssignment";
import { ArgPaths, configPathOf } from "./argPaths";
import { keyed, principalSchema } from "./common";
import { omit, PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import type { StackConfig } from "./schema";

/** A scope in config: the stack's resource group, its subscription, or a full ARM id. */
const scopeSchema = z.union([
  z.enum(["resourceGroup", "subscription"]),
  z
    .string()
    .regex(
      /^\/(subscriptions|providers\/Microsoft\.Management)\/.+/i,
      "expected resourceGroup, subscription or an ARM id",
    ),
]);
export type ScopeConfig = z.infer<typeof scopeSchema>;

/** Custom role definitions and stack-level role assignments (issue: Batch/RBAC/private endpoints). */
export const rbacSchema = z.strictObject({
  /** Custom roles by key; assign them as `role: custom:<key>` anywhere in the stack. */
  customRoles: keyed(
    z.strictObject({
      /** Display name, unique in the tenant. Defaults to `<key> (<environment>)`. */
      roleName: z.string().min(1).max(512).optional(),
      /** What the role is for. Defaults to the role name. */
      description: z.string().optional(),
      /** Where the role is defined: `subscription` (default) or `resourceGroup`. */
      scope: z.enum(["subscription", "resourceGroup"]).optional(),
      /**
       * Control-plane operations `Provider.Namespace/type/.../verb` with `*` wildcards, e.g. `Microsoft.EventGrid/*\/read`;
       * at least one action or data action.
       */
      actions: z.array(z.string()).optional(),
      /** Control-plane operations excluded from `actions` (not a deny). Defaults to none. */
      notActions: z.array(z.string()).optional(),
      /** Data-plane operations, e.g. `Microsoft.EventHub/namespaces/messages/receive/action`. */
      dataActions: z.array(z.string()).optional(),
      /** Data-plane operations excluded from `dataActions` (not a deny). Defaults to none. */
      notDataActions: z.array(z.string()).optional(),
      /** Where it can be assigned. Defaults to `[<scope>]`. */
      assignableScopes: z.array(scopeSchema).optional(),
      /** The role's GUID. Defaults to a deterministic GUID of (scope, key). */
      id: z.string().uuid().optional(),
      /** Accept a bare `*` action or data action. Defaults to false. */
      allowWildcard: z.boolean().optional(),
    }),
  ).optional(),
  /** Role assignments at the resource group, subscription or any ARM id, by key. */
  roleAssignments: keyed(
    z.strictObject({
      /** Built-in role name, GUID, role definition id, or `custom:<key>`. */
      role: z.string().min(1),
      /** Who gets the role: `{ identity: <identities key> }` or `{ principalId, principalType }`. */
      principal: principalSchema,
      /** `resourceGroup`, `subscription` or an ARM id. Defaults to `resourceGroup` (the stack's). */
      scope: scopeSchema.optional(),
      /** Free text shown on the assignment. Defaults to none. */
      description: z.string().optional(),
      /** ABAC condition (conditionVersion 2.0). Defaults to none. */
      condition: z.string().optional(),
    }),
  ).optional(),
});

export type RbacConfig = z.infer<typeof rbacSchema>;

/** Every `role: custom:<key>` anywhere in the config, with its path (for the reference check). */
export function customRoleReferences(config: StackConfig): { path: string; key: string }[] {
  const found: { path: string; key: string }[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === "role" && typeof v === "string" && v.startsWith("custom:")) {
        found.push({ path: [...path, k].join("."), key: v.slice("custom:".length) });
      } else {
        walk(v, [...path, k]);
      }
    }
  };
  walk(config, []);
  return found;
}

/** CustomRoleDefinitionArgs set by other config keys. */
const customRoleArgPaths: ArgPaths = [["roleDefinitionId", "id"]];

/** One `rbac.customRoles.<key>` as CustomRoleDefinitionArgs (the builder with real scopes, the check with placeholders). */
export function customRoleArgs(config: StackConfig, key: string, r: StackResolver): CustomRoleDefinitionArgs {
  const cfg = config.rbac!.customRoles![key];
  const passThrough = omit(cfg, "roleName", "scope", "assignableScopes", "id");
  void (true satisfies PassesThrough<typeof passThrough, CustomRoleDefinitionArgs>);
  return {
    ...passThrough,
    scope: r.scope(cfg.scope ?? "subscription"),
    roleName: cfg.roleName ?? `${key} (${r.environment})`,
    assignableScopes: cfg.assignableScopes?.map((s) => r.scope(s)),
    roleDefinitionId: cfg.id,
  };
}

/**
 * One `rbac.roleAssignments.<key>` as RoleAssignmentComponentArgs: role (`custom:<key>` too) and principal resolved as
 * on every resource's `roleAssignments`, at the given scope.
 */
export function roleAssignmentArgs(config: StackConfig, key: string, r: StackResolver): RoleAssignmentComponentArgs {
  const { scope, ...assignment } = config.rbac!.roleAssignments![key];
  return {
    ...r.roleAssignments({ [key]: assignment }, "rbac.roleAssignments")![key],
    scope: r.scope(scope ?? "resourceGroup"),
  };
}

/** Checks across config sections (references to other keys); run after the schema passed. */
export function rbacCrossCheck(config: StackConfig, check: CheckContext): Violation[] {
  const found: Violation[] = [];
  const r = placeholderResolver(config, check.location, (v) => found.push(v));
  const roles = config.rbac?.customRoles ?? {};
  const names = new Map<string, string>();
  for (const key of Object.keys(roles)) {
    const path = `rbac.customRoles.${key}`;
    const args = customRoleArgs(config, key, r);
    const roleName = args.roleName;
    for (const v of validateCustomRoleDefinitionArgs(args)) {
      found.push({ ...v, path: `${path}.${configPathOf(customRoleArgPaths, v.path)}` });
    }
    const other = names.get(roleName.toLowerCase());
    if (other) {
      found.push({
        path: `${path}.roleName`,
        value: roleName,
        message: `is also the name of rbac.customRoles.${other}; role names are unique in the tenant`,
      });
    }
    names.set(roleName.toLowerCase(), key);
  }
  for (const key of Object.keys(config.rbac?.roleAssignments ?? {})) {
    // The component's own rules (a known built-in role name, GUID or role definition id; the scope), with config paths;
    // the resolver reports an undeclared identity, and `custom:<key>` is checked against rbac.customRoles below.
    for (const v of validateRoleAssignmentComponentArgs(roleAssignmentArgs(config, key, r))) {
      found.push({ ...v, path: `rbac.roleAssignments.${key}.${v.path}` });
    }
  }
  for (const ref of customRoleReferences(config)) {
    if (!roles[ref.key]) {
      found.push({
        path: ref.path,
        value: `custom:${ref.key}`,
        message: `names no custom role declared under 'rbac.customRoles'; declared: ${Object.keys(roles).join(", ") || "(none)"}`,
      });
    }
  }
  return found;
}
