/** RBAC: the built-in role catalog, custom role definitions and role assignments. */
export * from "./CustomRoleDefinition";
export * from "./RoleAssignment";
export * from "./builtInRoles";
export * from "./actions";
export * from "./limits";
