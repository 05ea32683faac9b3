import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, validateCommonArgs } from "../core/extensions";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { armId, mapKeys, oneOf, violation } from "../core/validate";
import { cidrContains, cidrsOverlap, parseCidr } from "./cidr";
import { networkLimits } from "./limits";
import { sortedEntries } from "../core/collections";
import { NetworkSecurityGroupSpec, validateNetworkSecurityGroupSpec } from "./securityRules";

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
  /**
   * Network security group id. Defaults to one the component creates for this subnet (Azure's default rules only),
   * except on GatewaySubnet, AzureFirewallSubnet, AzureFirewallManagementSubnet and RouteServerSubnet, where Azure
   * refuses or the ALZ policies exempt an NSG.
   */
  readonly networkSecurityGroupId?: pulumi.Input<string>;
  /**
   * The network security group the component creates for this subnet, with its own security rules (not with
   * `networkSecurityGroupId`). Defaults to one with Azure's default rules only (see `networkSecurityGroupId`).
   */
  readonly networkSecurityGroup?: NetworkSecurityGroupSpec;
  /**
   * Service endpoints of the subnet by service name (`Microsoft.ServiceBus`, `Microsoft.EventHub`, `Microsoft.Storage`,
   * ...: `networkLimits.serviceEndpointServices`). A Service Bus or Event Hubs virtual network rule needs its
   * service's endpoint on the subnet. Defaults to none: private endpoints are the estate's way in (ALZ
   * Deny-Service-Endpoints).
   */
  readonly serviceEndpoints?: string[];
  /** Route table id. Defaults to the network's route table (created by the component, no routes of its own). */
  readonly routeTableId?: pulumi.Input<string>;
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
  /**
   * Create a network security group for every subnet without `networkSecurityGroupId`. Defaults to true: the Azure
   * Landing Zones policy Deny-Subnet-Without-Nsg (Enforce-Guardrails-Network) refuses subnets without one.
   */
  readonly networkSecurityGroups?: boolean;
  /**
   * Create one route table for the network and associate it with every subnet without `routeTableId`. Defaults to
   * true: the ALZ policy Deny-Subnet-Without-Udr refuses subnets without one. It holds no routes (system routes apply)
   * until the platform adds a default route to its firewall.
   */
  readonly routeTable?: boolean;
}

/** Subnets that take no NSG (Azure refuses it or the ALZ policy exempts it: Deny-Subnet-Without-Nsg's default list). */
const NO_NSG_SUBNETS = ["GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet", "RouteServerSubnet"];
/** Subnets that take no route table of ours (Deny-Subnet-Without-Udr's default exclusions). */
const NO_ROUTE_TABLE_SUBNETS = ["AzureBastionSubnet", "RouteServerSubnet"];

/** A subnet's own NSG and service endpoints. */
function subnetSecurityViolations(key: string, s: SubnetSpec): Violation[] {
  const found: Violation[] = [];
  const at = `subnets.${key}`;
  if (s.networkSecurityGroup) {
    if (s.networkSecurityGroupId !== undefined) {
      found.push(
        violation(
          `${at}.networkSecurityGroup`,
          s.networkSecurityGroup,
          "is given together with networkSecurityGroupId; a subnet has one network security group: give one",
        ),
      );
    }
    const azureName = typeof (s.subnetName ?? key) === "string" ? String(s.subnetName ?? key) : "";
    if (NO_NSG_SUBNETS.includes(azureName)) {
      found.push(
        violation(
          `${at}.networkSecurityGroup`,
          s.networkSecurityGroup,
          `is not allowed on ${azureName}: Azure refuses or the ALZ policies deny a network security group there`,
        ),
      );
    }
    found.push(...validateNetworkSecurityGroupSpec(`${at}.networkSecurityGroup`, s.networkSecurityGroup));
  }
  const services = s.serviceEndpoints ?? [];
  services.forEach((service, i) => {
    const known: readonly string[] = networkLimits.serviceEndpointServices;
    if (!known.includes(service)) {
      found.push(
        violation(`${at}.serviceEndpoints[${i}]`, service, `is not a service endpoint; allowed: ${known.join(", ")}`),
      );
    } else if (services.indexOf(service) !== i) {
      found.push(violation(`${at}.serviceEndpoints[${i}]`, service, "is listed twice"));
    }
  });
  return found;
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
    found.push(...subnetSecurityViolations(key, s));
    found.push(armId(`subnets.${key}.routeTableId`, s.routeTableId, "Microsoft.Network/routeTables"));
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
  /** Network security groups the component created, by subnet key. */
  public readonly networkSecurityGroups: Record<string, network.NetworkSecurityGroup> = {};
  /** The network's route table, when the component created one. */
  public readonly routeTable?: network.RouteTable;

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
    const subnetNameOf = (key: string) => {
      const n = args.subnets![key].subnetName ?? key;
      return typeof n === "string" ? n : undefined;
    };
    const keys = Object.keys(args.subnets ?? {}).sort();
    const wantsRouteTable = (key: string) =>
      args.subnets![key].routeTableId === undefined && !NO_ROUTE_TABLE_SUBNETS.includes(subnetNameOf(key) ?? "");
    if (args.routeTable !== false && keys.some(wantsRouteTable)) {
      this.routeTable = new network.RouteTable(
        childName(name, "rt"),
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          // Explicit: an auto-name from the logical name would carry its '/' (not allowed in network names).
          routeTableName: `${name}-rt`,
          tags: args.tags,
        },
        { parent: this },
      );
    }
    let previous: pulumi.Resource = this.network;
    for (const key of keys) {
      const s = args.subnets![key];
      let nsgId = s.networkSecurityGroupId;
      const wantsNsg =
        s.networkSecurityGroup !== undefined ||
        (args.networkSecurityGroups !== false && !NO_NSG_SUBNETS.includes(subnetNameOf(key) ?? ""));
      if (nsgId === undefined && wantsNsg) {
        // Azure's default rules (inbound from the virtual network and the load balancer, nothing from the internet),
        // plus the subnet's own rules.
        const rules = sortedEntries(s.networkSecurityGroup?.securityRules);
        this.networkSecurityGroups[key] = new network.NetworkSecurityGroup(
          childName(name, "nsg", key),
          {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            networkSecurityGroupName: s.networkSecurityGroup?.name ?? `${name}-${key}-nsg`,
            securityRules: rules.length > 0 ? rules.map(([ruleName, r]) => ({ name: ruleName, ...r })) : undefined,
            tags: args.tags,
          },
          { parent: this },
        );
        nsgId = this.networkSecurityGroups[key].id;
      }
      const routeTableId = s.routeTableId ?? (wantsRouteTable(key) ? this.routeTable?.id : undefined);
      const subnet = new network.Subnet(
        childName(name, "subnet", key),
        {
          resourceGroupName: args.resourceGroupName,
          virtualNetworkName: this.network.name,
          subnetName: s.subnetName ?? key,
          addressPrefix: s.addressPrefix,
          privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies ?? "Disabled",
          defaultOutboundAccess: s.defaultOutboundAccess ?? false,
          networkSecurityGroup: nsgId ? { id: nsgId } : undefined,
          routeTable: routeTableId ? { id: routeTableId } : undefined,
          natGateway: s.natGatewayId ? { id: s.natGatewayId } : undefined,
          serviceEndpoints: s.serviceEndpoints?.length
            ? [...new Set(s.serviceEndpoints)].sort().map((service) => ({ service }))
            : undefined,
          delegations: s.delegations
            ? sortedEntries(s.delegations).map(([dName, serviceName]) => ({ name: dName, serviceName }))
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
