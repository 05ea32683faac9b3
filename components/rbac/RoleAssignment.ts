import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { throwIfInvalid, Violation } from "../core/errors";
import { RoleAssignmentArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { createRoleAssignment, validateRoleAssignments } from "../core/roleAssignment";
import { isKnown, violation } from "../core/validate";

export interface RoleAssignmentComponentArgs extends RoleAssignmentArgs {
  /**
   * ARM id the assignment applies to: a subscription, resource group, resource or management group. Required; use
   * the narrowest scope that grants what is needed. Checked when known; an Output is left to Azure.
   */
  readonly scope: pulumi.Input<string>;
}

const SCOPE =
  /^(\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+(\/providers\/.+)?)?|\/providers\/Microsoft\.Management\/managementGroups\/[^/]+)$/i;

/** Validates RoleAssignmentComponentArgs. Pure; exported for tests. */
export function validateRoleAssignmentComponentArgs(args: RoleAssignmentComponentArgs): Violation[] {
  const found: (Violation | undefined)[] = [];
  // The shared validator works on keyed maps; give it a one-entry map and strip the key from the paths.
  for (const v of validateRoleAssignments("assignment", { a: args })) {
    found.push({ ...v, path: v.path.replace(/^assignment\.a\./, "") });
  }
  if (isKnown(args.scope) && !SCOPE.test(args.scope)) {
    found.push(
      violation("scope", args.scope, "is not a subscription, resource group, resource or management group id"),
    );
  }
  if (isKnown(args.principalId) && args.principalId.trim() === "") {
    found.push(violation("principalId", args.principalId, "is required (object id of the user, group or identity)"));
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * One role assignment at any scope (stack-level grants such as a custom role on the resource group). The principal
 * type is required (ARM's silent `User` default breaks service principals), the name is a deterministic GUID of
 * (scope, principal, role), and an ABAC condition sets conditionVersion 2.0.
 */
export class RoleAssignment extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly assignment: authorization.RoleAssignment;

  constructor(name: string, args: RoleAssignmentComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:rbac:RoleAssignment", name, {}, opts);
    throwIfInvalid(`azint:rbac:RoleAssignment ${name}`, validateRoleAssignmentComponentArgs(args));
    this.assignment = createRoleAssignment(childName(name, "ra"), args, { parent: this });
    this.id = this.assignment.id;
    this.registerOutputs({ id: this.id });
  }
}
