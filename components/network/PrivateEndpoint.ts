import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { throwIfInvalid, Violation } from "../core/errors";
import { childName } from "../core/naming";
import { isKnown, subnetId, violation } from "../core/validate";
import { networkLimits } from "./limits";
import { privateLinkTargets } from "./privateLink";

export interface PrivateEndpointComponentArgs {
  /** Resource group of the endpoint (usually the target's). Required. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Defaults to the resource group's region. */
  readonly location?: pulumi.Input<string>;
  /** ARM id of the resource to connect to. */
  readonly targetId: pulumi.Input<string>;
  /** ARM type of the target, e.g. `Microsoft.EventHub/namespaces`; decides the allowed group ids. */
  readonly targetType: string;
  /** Sub-resource to connect to. Defaults to the target type's only group id; required where there are several. */
  readonly groupId?: string;
  /** Subnet the endpoint's network interface is placed in (ARM id). Required. */
  readonly subnetId: pulumi.Input<string>;
  /**
   * Private DNS zones for the zone group (1-5), normally from the environment's PrivateDnsZoneRegistry. Defaults to
   * none (no zone group: DNS managed elsewhere). Known ids are checked against the group id's zone.
   */
  readonly privateDnsZoneIds?: pulumi.Input<string>[];
  /** Custom NIC name. Defaults to Azure's generated name. */
  readonly customNetworkInterfaceName?: pulumi.Input<string>;
  /** Tags on the endpoint. Defaults to none. */
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

/** The zone name at the end of a private DNS zone id, or undefined when the id has another shape. */
export function zoneNameOfId(id: string): string | undefined {
  return /\/privateDnsZones\/([^/]+)$/i.exec(id)?.[1]?.toLowerCase();
}

/** A zone group config name from a zone id: the zone name with dots as dashes (AVM's convention), else `zone-<i>`. */
function zoneConfigName(id: string, index: number): string {
  return zoneNameOfId(id)?.replace(/\./g, "-") ?? `zone-${index}`;
}

/**
 * Validates PrivateEndpointComponentArgs: the group id for the target type, the number of zones in the zone group, and
 * (for zone ids known now) that each zone is the one the group id resolves through. Pure; exported for tests.
 */
export function validatePrivateEndpointArgs(args: PrivateEndpointComponentArgs): Violation[] {
  const resolved = resolveGroupId("", args.targetType, args.groupId);
  const found: (Violation | undefined)[] = [
    resolved.violation && { ...resolved.violation, path: resolved.violation.path.replace(/^\./, "") },
    subnetId("subnetId", args.subnetId),
  ];
  const zones = args.privateDnsZoneIds ?? [];
  if (zones.length > networkLimits.maxZonesPerZoneGroup) {
    found.push(
      violation(
        "privateDnsZoneIds",
        zones.length,
        `holds ${zones.length} zones; a zone group takes at most ${networkLimits.maxZonesPerZoneGroup}`,
      ),
    );
  }
  const expected = resolved.groupId ? privateLinkTargets[args.targetType].groups[resolved.groupId] : undefined;
  zones.forEach((id, i) => {
    const zone = isKnown(id) ? zoneNameOfId(id) : undefined;
    if (expected && zone && zone !== expected) {
      found.push(
        violation(
          `privateDnsZoneIds[${i}]`,
          id,
          `is the zone ${zone}, but ${args.targetType} group ${resolved.groupId} resolves through ${expected}`,
        ),
      );
    }
  });
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * A private endpoint to one sub-resource of a target, with its DNS zone group. Zones are not created here
 * (AVM RMFR4: a module does not deploy what it depends on): pass ids from the environment's PrivateDnsZoneRegistry
 * (`registry.zoneIdFor(targetType, groupId)`), or none when DNS is managed elsewhere (e.g. by Azure Policy).
 */
export class PrivateEndpoint extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly groupId: string;
  public readonly endpoint: network.PrivateEndpoint;
  /** The zone group, when zones were given. */
  public readonly zoneGroup?: network.PrivateDnsZoneGroup;

  constructor(name: string, args: PrivateEndpointComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:network:PrivateEndpoint", name, {}, opts);
    throwIfInvalid(`azint:network:PrivateEndpoint ${name}`, validatePrivateEndpointArgs(args));
    this.groupId = resolveGroupId(name, args.targetType, args.groupId).groupId!;

    this.endpoint = new network.PrivateEndpoint(
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
      this.zoneGroup = new network.PrivateDnsZoneGroup(
        childName(name, "dns"),
        {
          resourceGroupName: args.resourceGroupName,
          privateEndpointName: this.endpoint.name,
          privateDnsZoneGroupName: "default",
          privateDnsZoneConfigs: args.privateDnsZoneIds.map((id, i) => ({
            name: pulumi.output(id).apply((zoneId) => zoneConfigName(zoneId, i)),
            privateDnsZoneId: id,
          })),
        },
        { parent: this },
      );
    }
    this.id = this.endpoint.id;
    this.registerOutputs({ id: this.id });
  }
}
