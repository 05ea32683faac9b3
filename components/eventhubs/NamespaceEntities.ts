import * as pulumi from "@pulumi/pulumi";
import { throwIfInvalid, Violation } from "../core/errors";
import { CommonResourceArgs } from "../core/interfaces";
import { mapKeys, oneOf, requireValue, violation } from "../core/validate";
import { EventHubsTier, eventHubsTiers, tierLimits } from "./limits";
import { EventHubArgs } from "./args";
import { createEventHub, EventHubResources } from "./eventHub";
import { validateEventHubs } from "./validateEventHub";
import { withConfigKey } from "../core/configKey";

export interface EventHubNamespaceEntitiesArgs extends Pick<CommonResourceArgs, "resourceGroupName" | "protect"> {
  /**
   * Name of the EXISTING namespace the event hubs are attached to (e.g. read from the platform stack's exports).
   * Required. Its resource group is `resourceGroupName`.
   */
  readonly namespaceName: pulumi.Input<string>;
  /**
   * The namespace's tier as this stack expects it. Required and plain: partitions, retention, capture, consumer
   * groups and SAS rules are checked against it before anything is planned. The caller checks it against the
   * namespace's real tier (the stacks do, against the platform export).
   */
  readonly tier: EventHubsTier;
  /** Whether the namespace accepts local (SAS) authentication. Defaults to false: SAS rules are then errors. */
  readonly localAuthEnabled?: boolean;
  /**
   * Principal id of the namespace's system-assigned identity, for captures that write with it (the component grants
   * it "Storage Blob Data Contributor" on the container). Defaults to none: such captures are then errors.
   */
  readonly namespacePrincipalId?: pulumi.Input<string>;
  /** Event hubs keyed by name. Defaults to none. */
  readonly eventHubs?: Record<string, EventHubArgs>;
}

/**
 * Validates EventHubNamespaceEntitiesArgs: the namespace reference and every per-hub rule of the tier. Namespace-wide
 * budgets (hub count on Premium, partitions per PU/CU, units for the declared load) include hubs other stacks own,
 * so they are the namespace owner's to watch; a user-assigned capture identity cannot be checked for being attached
 * to a namespace this stack does not declare (Azure rejects it). Pure; exported for tests.
 */
export function validateEventHubNamespaceEntitiesArgs(args: EventHubNamespaceEntitiesArgs): Violation[] {
  const tierCheck = oneOf("tier", args.tier, eventHubsTiers);
  const found: (Violation | undefined)[] = [
    requireValue("namespaceName", args.namespaceName, "is required: the existing namespace's name"),
    requireValue("resourceGroupName", args.resourceGroupName, "is required: the existing namespace's resource group"),
    tierCheck,
  ];
  if (tierCheck || args.tier === undefined) return found.filter((v): v is Violation => v !== undefined);
  const hubs = args.eventHubs ?? {};
  const limits = tierLimits[args.tier];
  found.push(...mapKeys("eventHubs", hubs));
  const count = Object.keys(hubs).length;
  if (!limits.maxEventHubsPerUnit && count > limits.maxEventHubs) {
    found.push(
      violation(
        "eventHubs",
        count,
        `event hubs exceed the ${args.tier} tier maximum of ${limits.maxEventHubs} per namespace`,
      ),
    );
  }
  found.push(
    ...validateEventHubs(hubs, {
      tier: args.tier,
      localAuth: args.localAuthEnabled === true,
      systemIdentityMissing:
        args.namespacePrincipalId === undefined
          ? "needs the namespace's system-assigned identity: give namespacePrincipalId (the existing namespace's)"
          : undefined,
    }).violations,
  );
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * Event hubs (with capture, consumer groups, checkpoint stores, sender/receiver roles and SAS rules) on an Event Hubs
 * namespace that another stack owns (a team stack on the platform's namespace). Same validation, defaults and
 * least-privilege grants as EventHubNamespace; the namespace, its network, keys and locks stay with its owner.
 */
export class EventHubNamespaceEntities extends pulumi.ComponentResource {
  public readonly eventHubs: Record<string, EventHubResources> = {};

  constructor(name: string, args: EventHubNamespaceEntitiesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:eventhubs:NamespaceEntities", name, {}, opts);
    throwIfInvalid(`azint:eventhubs:NamespaceEntities ${name}`, validateEventHubNamespaceEntitiesArgs(args));
    for (const [key, hub] of Object.entries(args.eventHubs ?? {})) {
      this.eventHubs[key] = withConfigKey(`eventHubs.${key}`, () =>
        createEventHub(name, key, hub, {
          parent: this,
          resourceGroupName: args.resourceGroupName,
          namespaceName: args.namespaceName,
          // Validation guarantees it is given whenever a capture uses it.
          systemPrincipalId: args.namespacePrincipalId ?? "",
          protect: args.protect,
        }),
      );
    }
    this.registerOutputs({
      eventHubIds: Object.fromEntries(Object.entries(this.eventHubs).map(([k, h]) => [k, h.hub.id])),
    });
  }
}
