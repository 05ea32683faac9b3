import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as network from "@pulumi/azure-native/network";
import { throwIfInvalid, Violation } from "../core/errors";
import type { PrivateEndpointArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { createRoleAssignment, validateRoleAssignments } from "../core/roleAssignment";
import { isKnown, mapKeys, oneOf, subnetId, violation } from "../core/validate";
import { sortedEntries } from "../core/collections";
import { parseIpv4 } from "./cidr";
import { networkLimits } from "./limits";
import { privateLinkTargets } from "./privateLink";

/**
 * The shared private endpoint shape (`PrivateEndpointArgs`, declared once in components/core/interfaces.ts: name,
 * subnet, group, zones, NIC name, static IPs, tags, lock, role assignments) plus what the owning component fills in.
 */
export interface PrivateEndpointComponentArgs extends PrivateEndpointArgs {
  /** Resource group of the endpoint (usually the target's). Required. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** ARM id of the resource to connect to. */
  readonly targetId: pulumi.Input<string>;
  /** ARM type of the target, e.g. `Microsoft.EventHub/namespaces`; decides the allowed group ids. */
  readonly targetType: string;
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
 * Static IPs: IPv4 addresses, each for the endpoint's group and a member of it (the member named by privateLink.ts
 * where a source states it, else given explicitly), one address per member, no address twice. Whether an address is
 * inside the subnet is checked where the subnet's prefix is known (the stack's network cross-check). Pure.
 */
export function ipConfigurationViolations(
  targetType: string,
  groupId: string | undefined,
  ipConfigurations: PrivateEndpointArgs["ipConfigurations"],
): Violation[] {
  const found: (Violation | undefined)[] = [...mapKeys("ipConfigurations", ipConfigurations)];
  const members = new Map<string, string>();
  const addresses = new Map<string, string>();
  for (const [key, c] of sortedEntries(ipConfigurations)) {
    const at = `ipConfigurations.${key}`;
    if (parseIpv4(c.privateIPAddress) === undefined) {
      found.push(violation(`${at}.privateIPAddress`, c.privateIPAddress, "is not an IPv4 address such as 10.20.1.10"));
    } else if (addresses.has(c.privateIPAddress)) {
      found.push(
        violation(
          `${at}.privateIPAddress`,
          c.privateIPAddress,
          `is also ipConfigurations.${addresses.get(c.privateIPAddress)}`,
        ),
      );
    } else addresses.set(c.privateIPAddress, key);
    if (groupId === undefined) continue; // the group id itself is reported
    if (c.groupId !== undefined && c.groupId !== groupId) {
      found.push(violation(`${at}.groupId`, c.groupId, `is not the endpoint's group id ${groupId}`));
      continue;
    }
    const known = privateLinkTargets[targetType]?.members?.[groupId];
    const member = c.memberName ?? known;
    if (member === undefined) {
      found.push(
        violation(
          `${at}.memberName`,
          undefined,
          `is required for group ${groupId} of ${targetType} (no public source names its members; \`az network private-link-resource list\` shows them)`,
        ),
      );
    } else if (known !== undefined && member !== known) {
      found.push(violation(`${at}.memberName`, member, `is not a member of group ${groupId}; allowed: ${known}`));
    } else if (members.has(member)) {
      found.push(
        violation(`${at}.memberName`, member, `has a static IP already in ipConfigurations.${members.get(member)}`),
      );
    } else members.set(member, key);
  }
  return found.filter((v): v is Violation => v !== undefined);
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
  found.push(...ipConfigurationViolations(args.targetType, resolved.groupId, args.ipConfigurations));
  found.push(...validateRoleAssignments("roleAssignments", args.roleAssignments));
  found.push(...mapKeys("roleAssignments", args.roleAssignments));
  if (args.lock) found.push(oneOf("lock.kind", args.lock.kind, ["CanNotDelete", "ReadOnly"]));
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

    const known = privateLinkTargets[args.targetType].members?.[this.groupId];
    const ipConfigurations = sortedEntries(args.ipConfigurations).map(([key, c]) => ({
      name: key,
      groupId: this.groupId,
      memberName: c.memberName ?? known,
      privateIPAddress: c.privateIPAddress,
    }));
    this.endpoint = new network.PrivateEndpoint(
      childName(name, "pe"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        // Never azure-native's auto-name: it would carry the logical name's '/' (`sb-orders-pe/main`), which ARM
        // reads as a path separator. The default is the logical name with '-' instead, unique within the stack.
        privateEndpointName: args.name ?? name.replace(/\//g, "-"),
        subnet: { id: args.subnetId },
        customNetworkInterfaceName: args.customNetworkInterfaceName,
        ipConfigurations: ipConfigurations.length > 0 ? ipConfigurations : undefined,
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
    const roleAssignments = sortedEntries(args.roleAssignments).map(([key, a]) =>
      createRoleAssignment(childName(name, "ra", key), { ...a, scope: this.endpoint.id }, { parent: this }),
    );
    if (args.lock) {
      // Last, so that it never blocks the zone group or the role assignments.
      new authorization.ManagementLockByScope(
        childName(name, "lock"),
        {
          scope: this.endpoint.id,
          lockName: args.lock.name ?? "lock-private-endpoint",
          level: args.lock.kind,
          notes: args.lock.notes ?? "Managed by Pulumi: the private endpoint of a service component.",
        },
        {
          parent: this,
          dependsOn: [this.endpoint, ...(this.zoneGroup ? [this.zoneGroup] : []), ...roleAssignments],
        },
      );
    }
    this.id = this.endpoint.id;
    this.registerOutputs({ id: this.id });
  }
}
