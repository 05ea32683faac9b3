import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, validateCommonArgs } from "../core/extensions";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { armId, mapKeys, oneOf, violation } from "../core/validate";
import { cidrContains, cidrsOverlap, parseCidr } from "./cidr";
import { networkLimits } from "./limits";

export interface SubnetSpec {
  /** IPv4 prefix inside the address space, /2 to /29 (e.g. `10.20.1.0/24`). Required. */
  readonly addressPrefix: string;
  /** Azure name. Defaults to the map key. */
  readonly subnetName?: pulumi.Input<string>;
  /**
   * Network policies (NSG / route table) for private endpoints in this subnet. Defaults to `Disabled` (Azure's
   * default); set `Enabled` to filter endpoint traffic with NSGs.
   */
  readonly privateEndpointNetworkPolicies?:
    "Enabled" | "Disabled" | "NetworkSecurityGroupEnabled" | "RouteTableEnabled";
  /**
   * Implicit outbound internet access for VMs without a public IP. Defaults to false (a private subnet): outbound
   * goes through a NAT gateway, a firewall, or private endpoints. Batch pools with `NoPublicIPAddresses` reach the
   * Batch service through the `nodeManagement` private endpoint.
   */
  readonly defaultOutboundAccess?: boolean;
  /** Network security group id. Defaults to none. */
  readonly networkSecurityGroupId?: pulumi.Input<string>;
  /** NAT gateway id. Defaults to none. */
  readonly natGatewayId?: pulumi.Input<string>;
  /** Subnet delegations keyed by a name, value the service (e.g. `Microsoft.Web/serverFarms`). Defaults to none. */
  readonly delegations?: Record<string, pulumi.Input<string>>;
}

export interface VirtualNetworkArgs extends CommonResourceArgs {
  /** Azure name. Defaults to an auto-name from the component name. */
  readonly virtualNetworkName?: pulumi.Input<string>;
  /** IPv4 address prefixes of the network (e.g. `["10.20.0.0/16"]`). Required, at least one. */
  readonly addressSpace: string[];
  /** Subnets keyed by a stable name; each must sit inside the address space and not overlap another. */
  readonly subnets?: Record<string, SubnetSpec>;
}

/** Validates VirtualNetworkArgs. Pure; exported for tests and for the stack config's cross-checks. */
export function validateVirtualNetworkArgs(args: VirtualNetworkArgs): Violation[] {
  const found: (Violation | undefined)[] = [...validateCommonArgs(args, "Microsoft.Network/virtualNetworks")];
  const space = (args.addressSpace ?? []).map((text, i) => {
    const c = parseCidr(text);
    if (!c) found.push(violation(`addressSpace[${i}]`, text, 'is not an IPv4 CIDR block such as "10.20.0.0/16"'));
    return c;
  });
  if ((args.addressSpace ?? []).length === 0) {
    found.push(violation("addressSpace", args.addressSpace, "needs at least one IPv4 CIDR block"));
  }
  found.push(...mapKeys("subnets", args.subnets));
  const parsed: [string, NonNullable<ReturnType<typeof parseCidr>>][] = [];
  const { min, max } = networkLimits.subnetPrefixLength;
  for (const [key, s] of Object.entries(args.subnets ?? {})) {
    const path = `subnets.${key}.addressPrefix`;
    const c = parseCidr(s.addressPrefix);
    if (!c) {
      found.push(
        violation(
          path,
          s.addressPrefix,
          'is not an IPv4 CIDR block (network address/prefix length) such as "10.20.1.0/24"',
        ),
      );
      continue;
    }
    if (c.prefix < min || c.prefix > max) {
      found.push(
        violation(path, s.addressPrefix, `has prefix length /${c.prefix}; Azure subnets are /${min} to /${max}`),
      );
    }
    if (space.every((a) => a !== undefined) && !space.some((a) => a && cidrContains(a, c))) {
      found.push(violation(path, s.addressPrefix, `is outside the address space ${args.addressSpace.join(", ")}`));
    }
    const clash = parsed.find(([, other]) => cidrsOverlap(other, c));
    if (clash) found.push(violation(path, s.addressPrefix, `overlaps subnets.${clash[0]}`));
    parsed.push([key, c]);
    found.push(
      oneOf(`subnets.${key}.privateEndpointNetworkPolicies`, s.privateEndpointNetworkPolicies, [
        "Enabled",
        "Disabled",
        "NetworkSecurityGroupEnabled",
        "RouteTableEnabled",
      ]),
    );
    found.push(
      armId(
        `subnets.${key}.networkSecurityGroupId`,
        s.networkSecurityGroupId,
        "Microsoft.Network/networkSecurityGroups",
      ),
    );
    found.push(armId(`subnets.${key}.natGatewayId`, s.natGatewayId, "Microsoft.Network/natGateways"));
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * A virtual network and its subnets (for private endpoints and Batch pools). Subnets are separate resources,
 * created one after another: ARM rejects concurrent writes to subnets of one network (AnotherOperationInProgress).
 */
export class VirtualNetwork extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly network: network.VirtualNetwork;
  /** Subnets by key. */
  public readonly subnets: Record<string, network.Subnet> = {};
  /** Subnet ids by key. */
  public readonly subnetIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: VirtualNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:network:VirtualNetwork", name, {}, opts);
    throwIfInvalid(`azint:network:VirtualNetwork ${name}`, validateVirtualNetworkArgs(args));
    // No `subnets` input here: subnets are their own resources, and azure-native keeps them when the network is
    // updated without that input.
    this.network = new network.VirtualNetwork(
      childName(name, "vnet"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        virtualNetworkName: args.virtualNetworkName,
        addressSpace: { addressPrefixes: args.addressSpace },
        tags: args.tags,
      },
      { parent: this, protect: args.protect },
    );
    let previous: pulumi.Resource = this.network;
    for (const key of Object.keys(args.subnets ?? {}).sort()) {
      const s = args.subnets![key];
      const subnet = new network.Subnet(
        childName(name, "subnet", key),
        {
          resourceGroupName: args.resourceGroupName,
          virtualNetworkName: this.network.name,
          subnetName: s.subnetName ?? key,
          addressPrefix: s.addressPrefix,
          privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies ?? "Disabled",
          defaultOutboundAccess: s.defaultOutboundAccess ?? false,
          networkSecurityGroup: s.networkSecurityGroupId ? { id: s.networkSecurityGroupId } : undefined,
          natGateway: s.natGatewayId ? { id: s.natGatewayId } : undefined,
          delegations: s.delegations
            ? Object.entries(s.delegations).map(([dName, serviceName]) => ({ name: dName, serviceName }))
            : undefined,
        },
        { parent: this, protect: args.protect, dependsOn: [previous] },
      );
      this.subnets[key] = subnet;
      this.subnetIds[key] = subnet.id;
      previous = subnet;
    }
    applyExtensions(
      this,
      name,
      { id: this.network.id, resourceType: "Microsoft.Network/virtualNetworks", resource: this.network },
      args,
    );
    this.id = this.network.id;
    this.name = this.network.name;
    this.registerOutputs({ id: this.id, name: this.name, subnetIds: this.subnetIds });
  }
}
