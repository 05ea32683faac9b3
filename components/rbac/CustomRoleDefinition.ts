import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { throwIfInvalid, Violation } from "../core/errors";
import { childName, deterministicGuid, isGuid } from "../core/naming";
import { isKnown, requireValue, violation } from "../core/validate";
import { validateOperations } from "./actions";
import { rbacLimits } from "./limits";

const SUBSCRIPTION_SCOPE = /^\/subscriptions\/[^/]+$/i;
const RESOURCE_GROUP_SCOPE = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i;
const RESOURCE_SCOPE = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i;
const MANAGEMENT_GROUP_SCOPE = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i;

export interface CustomRoleDefinitionArgs {
  /**
   * Where the role is defined: a subscription (`/subscriptions/{id}`) or a resource group id. Required.
   * Checked when known; an Output is left to Azure.
   */
  readonly scope: pulumi.Input<string>;
  /** Display name, unique in the tenant (e.g. "Event grid read only role"). Required. */
  readonly roleName: string;
  /** Free text shown with the role. Defaults to the role name. */
  readonly description?: pulumi.Input<string>;
  /** Control-plane operations granted, e.g. `Microsoft.EventGrid/*\/read`. Defaults to none (then dataActions are required). */
  readonly actions?: string[];
  /** Control-plane operations excluded from `actions`. Defaults to none. */
  readonly notActions?: string[];
  /** Data-plane operations granted, e.g. `Microsoft.EventHub/namespaces/messages/send/action`. Defaults to none. */
  readonly dataActions?: string[];
  /** Data-plane operations excluded from `dataActions`. Defaults to none. */
  readonly notDataActions?: string[];
  /**
   * Scopes the role can be assigned at (subscriptions, resource groups, resources, at most one management group).
   * Defaults to `[scope]`. Known values are checked; Outputs are left to Azure.
   */
  readonly assignableScopes?: pulumi.Input<string>[];
  /**
   * The role's GUID. Defaults to a deterministic GUID of (scope, component name), so re-deploying never creates a
   * second role and renaming the display name never replaces it.
   */
  readonly roleDefinitionId?: string;
  /** Accept a bare `*` in `actions` or `dataActions` (full access). Defaults to false: it is refused. */
  readonly allowWildcard?: boolean;
  /** Protect the role definition from deletion and replacement. Defaults to false. */
  readonly protect?: boolean;
}

/** Validates CustomRoleDefinitionArgs. Pure; exported for tests and for the stack config's cross-checks. */
export function validateCustomRoleDefinitionArgs(args: CustomRoleDefinitionArgs): Violation[] {
  const found: (Violation | undefined)[] = [];
  const wildcard = args.allowWildcard === true;
  found.push(
    requireValue("roleName", args.roleName?.trim(), "is required (the role's display name, unique in the tenant)"),
  );
  if (isKnown(args.scope) && !SUBSCRIPTION_SCOPE.test(args.scope) && !RESOURCE_GROUP_SCOPE.test(args.scope)) {
    found.push(
      violation(
        "scope",
        args.scope,
        "must be a subscription (/subscriptions/{id}) or a resource group (/subscriptions/{id}/resourceGroups/{name}) id",
      ),
    );
  }
  if ((args.actions ?? []).length === 0 && (args.dataActions ?? []).length === 0) {
    found.push(
      violation("actions", args.actions, "is empty and so is dataActions: a role must grant at least one operation"),
    );
  }
  found.push(...validateOperations("actions", args.actions, wildcard));
  found.push(...validateOperations("notActions", args.notActions, true));
  found.push(...validateOperations("dataActions", args.dataActions, wildcard));
  found.push(...validateOperations("notDataActions", args.notDataActions, true));
  if (args.roleDefinitionId !== undefined && !isGuid(args.roleDefinitionId)) {
    found.push(violation("roleDefinitionId", args.roleDefinitionId, "must be a GUID"));
  }
  let managementGroups = 0;
  (args.assignableScopes ?? []).forEach((s, i) => {
    if (!isKnown(s)) return;
    const path = `assignableScopes[${i}]`;
    if (s === rbacLimits.rootScope) {
      found.push(
        violation(path, s, "is the root scope, which custom roles cannot use; name subscriptions or resource groups"),
      );
    } else if (MANAGEMENT_GROUP_SCOPE.test(s)) {
      managementGroups++;
      if (managementGroups > rbacLimits.maxManagementGroupScopes) {
        found.push(violation(path, s, "is a second management group; a custom role allows at most one"));
      }
      if ((args.dataActions ?? []).length > 0) {
        found.push(violation(path, s, "is a management group, where roles with dataActions cannot be assigned"));
      }
    } else if (!SUBSCRIPTION_SCOPE.test(s) && !RESOURCE_GROUP_SCOPE.test(s) && !RESOURCE_SCOPE.test(s)) {
      found.push(violation(path, s, "is not a subscription, resource group, resource or management group id"));
    }
  });
  if (args.assignableScopes !== undefined && args.assignableScopes.length === 0) {
    found.push(violation("assignableScopes", [], "is empty; leave it out to default to the definition's scope"));
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** `/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}`: the form role assignments take. */
export function customRoleDefinitionId(scope: string, guid: string): string {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return `${sub ? `/subscriptions/${sub}` : ""}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/**
 * A custom Azure role at subscription or resource-group scope (AVM's pattern covers management groups only), with
 * validated operation strings and a deterministic role GUID.
 */
export class CustomRoleDefinition extends pulumi.ComponentResource {
  /** ARM id of the definition resource (at its scope). */
  public readonly id: pulumi.Output<string>;
  /** The id role assignments take: `/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}`. */
  public readonly roleDefinitionId: pulumi.Output<string>;
  /** The role's GUID. */
  public readonly guid: pulumi.Output<string>;
  public readonly definition: authorization.RoleDefinition;

  constructor(name: string, args: CustomRoleDefinitionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:rbac:CustomRoleDefinition", name, {}, opts);
    throwIfInvalid(`azint:rbac:CustomRoleDefinition ${name}`, validateCustomRoleDefinitionArgs(args));
    // Unique per stack: two stacks (dev and test in one subscription) never manage one role definition.
    const stack = `${pulumi.getProject()}/${pulumi.getStack()}`;
    this.guid = pulumi
      .output(args.scope)
      .apply((scope) => args.roleDefinitionId ?? deterministicGuid("azint-custom-role", stack, scope, name));
    this.definition = new authorization.RoleDefinition(
      childName(name, "role"),
      {
        scope: args.scope,
        roleDefinitionId: this.guid,
        roleName: args.roleName,
        description: args.description ?? args.roleName,
        roleType: "CustomRole",
        permissions: [
          {
            actions: args.actions ?? [],
            notActions: args.notActions ?? [],
            dataActions: args.dataActions ?? [],
            notDataActions: args.notDataActions ?? [],
          },
        ],
        assignableScopes: args.assignableScopes ?? [args.scope],
      },
      { parent: this, protect: args.protect },
    );
    this.id = this.definition.id;
    // Derived through the definition's own id, so assignments that use it are ordered after the role exists.
    this.roleDefinitionId = pulumi
      .all([args.scope, this.guid, this.definition.id])
      .apply(([scope, guid]) => customRoleDefinitionId(scope, guid));
    this.registerOutputs({ id: this.id, roleDefinitionId: this.roleDefinitionId, guid: this.guid });
  }
}
