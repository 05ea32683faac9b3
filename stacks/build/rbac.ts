import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { CustomRoleDefinition } from "../../components/rbac/CustomRoleDefinition";
import { RoleAssignment } from "../../components/rbac/RoleAssignment";
import { ValidationError } from "../../components/core/errors";
import type { ScopeConfig } from "../config/rbac";
import type { StackContext, StackRefs } from "../context";
import { resolvePrincipal } from "./shared";
import { withConfigKey } from "../../components/core/configKey";

/** What this builder exposes: custom role definition ids by `rbac.customRoles` key (for `role: custom:<key>`). */
export interface RbacRefs {
  readonly customRoleIds: Record<string, pulumi.Output<string>>;
  /** The custom role components by key. */
  readonly customRoles?: Record<string, CustomRoleDefinition>;
}

/**
 * Builds the `rbac` section: custom role definitions (subscription or resource-group scope) and stack-level role
 * assignments. Custom roles come before every service, so `role: custom:<key>` works anywhere.
 */
export function buildRbac(ctx: StackContext, refs: Partial<StackRefs>): RbacRefs {
  const cfg = ctx.config.rbac;
  const customRoles: Record<string, CustomRoleDefinition> = {};
  const customRoleIds: Record<string, pulumi.Output<string>> = {};
  if (!cfg?.customRoles && !cfg?.roleAssignments) return { customRoleIds, customRoles };

  let subscription: pulumi.Output<string> | undefined;
  const scopeId = (s: ScopeConfig): pulumi.Input<string> => {
    if (s === "resourceGroup") return refs.foundation!.resourceGroup.id;
    if (s === "subscription") {
      subscription ??= authorization.getClientConfigOutput().subscriptionId.apply((id) => `/subscriptions/${id}`);
      return subscription;
    }
    return s;
  };

  for (const [key, role] of Object.entries(cfg.customRoles ?? {})) {
    customRoles[key] = withConfigKey(
      `rbac.customRoles.${key}`,
      () =>
        new CustomRoleDefinition(`role-${key}`, {
          scope: scopeId(role.scope ?? "subscription"),
          roleName: role.roleName ?? `${key} (${ctx.environment})`,
          description: role.description,
          actions: role.actions,
          notActions: role.notActions,
          dataActions: role.dataActions,
          notDataActions: role.notDataActions,
          assignableScopes: role.assignableScopes?.map(scopeId),
          roleDefinitionId: role.id,
          allowWildcard: role.allowWildcard,
          protect: ctx.protect,
        }),
    );
    customRoleIds[key] = customRoles[key].roleDefinitionId;
  }

  for (const [key, a] of Object.entries(cfg.roleAssignments ?? {})) {
    const path = `rbac.roleAssignments.${key}`;
    const customKey = a.role.startsWith("custom:") ? a.role.slice("custom:".length) : undefined;
    if (customKey && !customRoleIds[customKey]) {
      throw new ValidationError("stack config", [
        { path: `${path}.role`, value: a.role, message: "names no custom role declared under 'rbac.customRoles'" },
      ]);
    }
    withConfigKey(
      path,
      () =>
        new RoleAssignment(`rbac-${key}`, {
          scope: scopeId(a.scope ?? "resourceGroup"),
          role: customKey ? customRoleIds[customKey] : a.role,
          ...resolvePrincipal(refs, a.principal, `${path}.principal.identity`),
          description: a.description,
          condition: a.condition,
        }),
    );
  }
  return { customRoleIds, customRoles };
}
