import type { StackContext, StackRefs } from "../context";

/** What this builder exposes to later builders and to stack outputs. */
export type RbacRefs = Record<string, never>;

/** Builds the `rbac` config section. Not implemented yet. */
export function buildRbac(_ctx: StackContext, _refs: Partial<StackRefs>): RbacRefs {
  return {};
}
