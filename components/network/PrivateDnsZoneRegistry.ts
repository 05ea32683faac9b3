import * as pulumi from "@pulumi/pulumi";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { throwIfInvalid, Violation } from "../core/errors";
import { childName } from "../core/naming";
import { armId, mapKeys, matches, violation } from "../core/validate";
import { networkLimits } from "./limits";
import { resolveGroupId } from "./PrivateEndpoint";
import { privateDnsZoneFor } from "./privateLink";

export interface PrivateLinkTargetRef {
  /** ARM type of a private-link target, e.g. `Microsoft.ServiceBus/namespaces` (see privateLink.ts). */
  readonly targetType: string;
  /** Group id. Defaults to the type's only group; required for multi-group types (Batch, Storage). */
  readonly groupId?: string;
}

export interface PrivateDnsZoneRegistryArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /**
   * Private-link targets this environment has endpoints to, keyed by a stable name (e.g. the config path). Each adds
   * the zone of its group id; targets that share a zone (Event Hubs and Service Bus) add it once. Defaults to none.
   */
  readonly targets?: Record<string, PrivateLinkTargetRef>;
  /** More zones, keyed by zone name (e.g. zones used by resources outside this stack). Defaults to none. */
  readonly zones?: Record<string, Record<string, never>>;
  /** Virtual networks every zone is linked to, keyed by a stable name; values are network ids. Defaults to none. */
  readonly virtualNetworks?: Record<string, pulumi.Input<string>>;
  /**
   * Auto-registration of VM records in the zones. Defaults to false: privatelink zones hold endpoint records
   * written by zone groups, and a network can auto-register into one zone only.
   */
  readonly registrationEnabled?: boolean;
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Protect the zones (their records are written by every endpoint's zone group). Defaults to false. */
  readonly protect?: boolean;
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The zone names a registry creates for its targets and extra zones: each zone once, sorted. Pure; for tests. */
export function registryZoneNames(args: Pick<PrivateDnsZoneRegistryArgs, "targets" | "zones">): string[] {
  const names = new Set<string>(Object.keys(args.zones ?? {}));
  for (const t of Object.values(args.targets ?? {})) {
    const zone = privateDnsZoneFor(t.targetType, t.groupId);
    if (zone) names.add(zone);
  }
  return [...names].sort();
}

/** Validates PrivateDnsZoneRegistryArgs. Pure; exported for tests. */
export function validatePrivateDnsZoneRegistryArgs(args: PrivateDnsZoneRegistryArgs): Violation[] {
  const found: (Violation | undefined)[] = [];
  found.push(...mapKeys("targets", args.targets), ...mapKeys("zones", args.zones));
  found.push(...mapKeys("virtualNetworks", args.virtualNetworks));
  for (const [key, t] of Object.entries(args.targets ?? {})) {
    found.push(resolveGroupId(`targets.${key}`, t.targetType, t.groupId).violation);
  }
  for (const zone of Object.keys(args.zones ?? {})) {
    found.push(
      matches(
        `zones.${zone}`,
        zone,
        DNS_NAME,
        'a lowercase DNS zone name such as "privatelink.servicebus.windows.net"',
      ),
    );
  }
  for (const [key, id] of Object.entries(args.virtualNetworks ?? {})) {
    found.push(armId(`virtualNetworks.${key}`, id, "Microsoft.Network/virtualNetworks"));
  }
  if (
    args.registrationEnabled === true &&
    Object.keys(args.virtualNetworks ?? {}).length > 0 &&
    registryZoneNames(args).length > 1
  ) {
    found.push(
      violation(
        "registrationEnabled",
        true,
        "links every network to several zones, but a network can auto-register into one private zone only",
      ),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * The private DNS zones of one environment: each zone created once (Event Hubs and Service Bus share
 * `privatelink.servicebus.windows.net`), linked to the environment's networks. Private endpoints put their records
 * in through zone groups (`zoneIdFor(targetType, groupId)`); zones are never created inside `apply`.
 */
export class PrivateDnsZoneRegistry extends pulumi.ComponentResource {
  /** Zones by zone name. */
  public readonly zones: Record<string, privatedns.PrivateZone> = {};
  /** Zone ids by zone name. */
  public readonly zoneIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: PrivateDnsZoneRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:network:PrivateDnsZoneRegistry", name, {}, opts);
    throwIfInvalid(`azint:network:PrivateDnsZoneRegistry ${name}`, validatePrivateDnsZoneRegistryArgs(args));
    for (const zoneName of registryZoneNames(args)) {
      const zone = new privatedns.PrivateZone(
        childName(name, "zone", zoneName),
        {
          resourceGroupName: args.resourceGroupName,
          privateZoneName: zoneName,
          location: networkLimits.privateDnsLocation,
          tags: args.tags,
        },
        { parent: this, protect: args.protect },
      );
      this.zones[zoneName] = zone;
      this.zoneIds[zoneName] = zone.id;
      for (const [key, networkId] of Object.entries(args.virtualNetworks ?? {})) {
        new privatedns.VirtualNetworkLink(
          childName(name, "link", zoneName, key),
          {
            resourceGroupName: args.resourceGroupName,
            privateZoneName: zone.name,
            virtualNetworkLinkName: `link-${key}`,
            location: networkLimits.privateDnsLocation,
            virtualNetwork: { id: networkId },
            registrationEnabled: args.registrationEnabled ?? false,
            tags: args.tags,
          },
          { parent: this },
        );
      }
    }
    this.registerOutputs({ zoneIds: this.zoneIds });
  }

  /** The id of a zone this registry manages, or undefined. */
  zoneId(zoneName: string): pulumi.Output<string> | undefined {
    return this.zoneIds[zoneName];
  }

  /** The id of the zone a private endpoint to (targetType, groupId) registers in, or undefined when not managed here. */
  zoneIdFor(targetType: string, groupId?: string): pulumi.Output<string> | undefined {
    const zone = privateDnsZoneFor(targetType, groupId);
    return zone ? this.zoneIds[zone] : undefined;
  }
}
