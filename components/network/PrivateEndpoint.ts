import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { throwIfInvalid, Violation } from "../core/errors";
import { childName } from "../core/naming";
import { violation } from "../core/validate";
import { privateLinkTargets } from "./privateLink";

export interface PrivateEndpointComponentArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Defaults to the resource group's region. */
  readonly location?: pulumi.Input<string>;
  /** ARM id of the resource to connect to. */
  readonly targetId: pulumi.Input<string>;
  /** ARM type of the target, e.g. `Microsoft.EventHub/namespaces`; decides the allowed group ids. */
  readonly targetType: string;
  /** Sub-resource to connect to. Defaults to the target type's only group id; required where there are several. */
  readonly groupId?: string;
  readonly subnetId: pulumi.Input<string>;
  /** Private DNS zones for the zone group. Defaults to none (no zone group: DNS managed elsewhere). */
  readonly privateDnsZoneIds?: pulumi.Input<string>[];
  readonly customNetworkInterfaceName?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Resolves and checks the group id for a target type. Internal; exported for tests. */
export function resolveGroupId(
  path: string,
  targetType: string,
  groupId: string | undefined,
): { groupId?: string; violation?: Violation } {
  const target = privateLinkTargets[targetType];
  if (!target) {
    return {
      violation: violation(
        `${path}.targetType`,
        targetType,
        `has no private link support in this library; supported: ${Object.keys(privateLinkTargets).join(", ")}`,
      ),
    };
  }
  const allowed = Object.keys(target.groups);
  const chosen = groupId ?? target.defaultGroupId;
  if (chosen === undefined) {
    return {
      violation: violation(`${path}.groupId`, groupId, `is required for ${targetType}; allowed: ${allowed.join(", ")}`),
    };
  }
  if (!allowed.includes(chosen)) {
    return {
      violation: violation(
        `${path}.groupId`,
        chosen,
        `is not a group id of ${targetType}; allowed: ${allowed.join(", ")}`,
      ),
    };
  }
  return { groupId: chosen };
}

/**
 * A private endpoint to one sub-resource of a target, with its DNS zone group. Zones are not created here
 * (AVM RMFR4: a module does not deploy what it depends on); pass the ids of zones from a shared registry.
 */
export class PrivateEndpoint extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly groupId: string;

  constructor(name: string, args: PrivateEndpointComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:network:PrivateEndpoint", name, {}, opts);
    const resolved = resolveGroupId(name, args.targetType, args.groupId);
    throwIfInvalid(`azint:network:PrivateEndpoint ${name}`, [resolved.violation]);
    this.groupId = resolved.groupId!;

    const endpoint = new network.PrivateEndpoint(
      childName(name, "pe"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        subnet: { id: args.subnetId },
        customNetworkInterfaceName: args.customNetworkInterfaceName,
        privateLinkServiceConnections: [
          { name: `${name}-${this.groupId}`, privateLinkServiceId: args.targetId, groupIds: [this.groupId] },
        ],
        tags: args.tags,
      },
      { parent: this },
    );
    if (args.privateDnsZoneIds && args.privateDnsZoneIds.length > 0) {
      new network.PrivateDnsZoneGroup(
        childName(name, "dns"),
        {
          resourceGroupName: args.resourceGroupName,
          privateEndpointName: endpoint.name,
          privateDnsZoneGroupName: "default",
          privateDnsZoneConfigs: args.privateDnsZoneIds.map((id, i) => ({ name: `zone-${i}`, privateDnsZoneId: id })),
        },
        { parent: this },
      );
    }
    this.id = endpoint.id;
    this.registerOutputs({ id: this.id });
  }
}
