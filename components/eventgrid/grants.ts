import * as pulumi from "@pulumi/pulumi";
import type * as authorization from "@pulumi/azure-native/authorization";
import { childName, stableSuffix } from "../core/naming";
import { createRoleAssignment } from "../core/roleAssignment";

// The role assignments a component's subscriptions need (delivery identity on the destination entity, dead-letter
// identity on the container), made once per grant however many subscriptions ask for it.

/**
 * A stable text for one part of a grant's target: a string as it is; an Output by the resources it is derived
 * from (type and logical name, unique in a stack). Never by construction order, so that which subscription comes
 * first in the config decides nothing. Undefined for an Output that names no resource.
 */
function stablePart(x: unknown): string | undefined {
  if (typeof x === "string") return `s:${x.toLowerCase()}`;
  if (pulumi.Output.isInstance(x)) {
    // `resources()` is the Output's own (synchronous) record of the resources it was derived from.
    const from = (x as unknown as { resources?: () => Set<pulumi.Resource> }).resources?.();
    if (!from || from.size === 0) return undefined;
    return `r:${[...from]
      .map((r) => `${pulumi.resourceType(r)}::${pulumi.resourceName(r)}`)
      .sort()
      .join("+")}`;
  }
  return undefined;
}

/**
 * Role assignments a component makes for its subscriptions, de-duplicated: two subscriptions delivering to the same
 * entity with the same identity share one assignment (ARM names assignments by scope, principal and role, so a second
 * one would collide). The shared assignment is named after what it grants (purpose, identity, role, target), never
 * after the subscription that happened to ask first: reordering, adding or removing subscriptions never moves it to
 * another URN, which would make `pulumi up` delete the live assignment after re-creating it.
 */
export class GrantRegistry {
  private readonly objectIds = new WeakMap<object, number>();
  private nextId = 0;
  private readonly made = new Map<string, authorization.RoleAssignment>();

  constructor(private readonly component: pulumi.ComponentResource) {}

  /** Parts no stable text exists for are told apart by object identity (their name then depends on order). */
  private keyOf(x: unknown): string {
    const stable = stablePart(x);
    if (stable !== undefined) return stable;
    if (x !== null && typeof x === "object") {
      let n = this.objectIds.get(x);
      if (n === undefined) {
        n = this.nextId++;
        this.objectIds.set(x, n);
      }
      return `o:${n}`;
    }
    return `v:${String(x)}`;
  }

  grant(
    purpose: string,
    a: {
      role: string;
      identity: string;
      scopeParts: unknown[];
      scope: pulumi.Input<string>;
      principalId: pulumi.Input<string>;
      description: string;
    },
  ): authorization.RoleAssignment {
    const key = [a.role, a.identity, ...a.scopeParts.map((p) => this.keyOf(p))].join("|");
    const existing = this.made.get(key);
    if (existing) return existing;
    const ra = createRoleAssignment(
      childName(pulumi.resourceName(this.component), "ra", purpose, stableSuffix(12, key)),
      {
        scope: a.scope,
        role: a.role,
        principalId: a.principalId,
        principalType: "ServicePrincipal",
        description: a.description,
      },
      { parent: this.component },
    );
    this.made.set(key, ra);
    return ra;
  }
}
