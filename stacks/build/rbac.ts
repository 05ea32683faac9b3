import type * as pulumi from "@pulumi/pulumi";
import { CustomRoleDefinition } from "../../components/rbac/CustomRoleDefinition";
import { RoleAssignment } from "../../components/rbac/RoleAssignment";
import { customRoleArgs, roleAssignmentArgs } from "../config/rbac";
import type { StackContext, StackRefs } from "../context";
import { stackResolver } from "./resolver";
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

  // `custom:<key>` roles resolve to the definitions built first (customRoleIds is filled before any assignment).
  const r = stackResolver(ctx, { ...refs, rbac: { customRoleIds, customRoles } });
  for (const key of Object.keys(cfg.customRoles ?? {})) {
    customRoles[key] = withConfigKey(
      `rbac.customRoles.${key}`,
      // Protection is the stack's, not a config key of the role.
      () => new CustomRoleDefinition(`role-${key}`, { ...customRoleArgs(ctx.config, key, r), protect: ctx.protect }),
    );
    customRoleIds[key] = customRoles[key].roleDefinitionId;
  }
  for (const key of Object.keys(cfg.roleAssignments ?? {})) {
    withConfigKey(
      `rbac.roleAssignments.${key}`,
      () => new RoleAssignment(`rbac-${key}`, roleAssignmentArgs(ctx.config, key, r)),
    );
  }
  return { customRoleIds, customRoles };
}
