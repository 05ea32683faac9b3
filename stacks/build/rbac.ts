import type * as pulumi from "@pulumi/pulumi";
import type { StackContext, StackRefs } from "../context";

/** What this builder exposes: custom role definition ids by `rbac.customRoles` key (for `role: custom:<key>`). */
export interface RbacRefs {
  readonly customRoleIds: Record<string, pulumi.Output<string>>;
}

/** Builds the `rbac` config section. Not implemented yet. */
export function buildRbac(_ctx: StackContext, _refs: Partial<StackRefs>): RbacRefs {
  return { customRoleIds: {} };
}
