import * as pulumi from "@pulumi/pulumi";
import { PrivateDnsZoneRegistry } from "../../components/network/PrivateDnsZoneRegistry";
import { VirtualNetwork } from "../../components/network/VirtualNetwork";
import { managesZones, virtualNetworkArgs, zonesForConfig } from "../config/network";
import type { StackContext, StackRefs } from "../context";
import { stackResolver } from "./resolver";
import { withConfigKey } from "../../components/core/configKey";

/** What this builder exposes to later builders and to stack outputs. */
export interface NetworkRefs {
  /** Subnet ids by `network.subnets` key. */
  readonly subnets: Record<string, pulumi.Output<string>>;
  /** The registry's zone id for a private DNS zone name, or undefined when the stack manages no zones. */
  dnsZoneId(zoneName: string): pulumi.Output<string> | undefined;
  /** The stack's virtual network, when it has one. */
  readonly virtualNetwork?: VirtualNetwork;
  /** The private DNS zone registry, when the stack manages zones. */
  readonly registry?: PrivateDnsZoneRegistry;
}

/**
 * Builds the `network` section: the virtual network and its subnets, existing subnets by id, and the private DNS
 * zone registry. The registry's zones are derived from every private endpoint in the whole config (plus
 * `privateDnsZones.zones`), so each zone exists once per environment however many services use it.
 */
export function buildNetwork(ctx: StackContext, refs: Partial<StackRefs>): NetworkRefs {
  const net = ctx.config.network;
  const subnets: Record<string, pulumi.Output<string>> = {};
  let virtualNetwork: VirtualNetwork | undefined;
  const vnet = net?.virtualNetwork;
  if (vnet) {
    virtualNetwork = withConfigKey(
      "network.virtualNetwork",
      () => new VirtualNetwork("vnet", virtualNetworkArgs(ctx.config, stackResolver(ctx, refs))),
    );
    Object.assign(subnets, virtualNetwork.subnetIds);
  }
  for (const [key, s] of Object.entries(net?.subnets ?? {})) {
    if (s.id !== undefined) subnets[key] = pulumi.output(s.id);
  }

  const existing = net?.privateDnsZones?.existing ?? {};
  let registry: PrivateDnsZoneRegistry | undefined;
  if (managesZones(ctx.config)) {
    const virtualNetworks: Record<string, pulumi.Input<string>> = { ...net?.privateDnsZones?.linkedVirtualNetworks };
    if (virtualNetwork) virtualNetworks.stack = virtualNetwork.id;
    registry = withConfigKey(
      "network.privateDnsZones",
      () =>
        new PrivateDnsZoneRegistry("dns", {
          resourceGroupName: ctx.resourceGroupName,
          zones: Object.fromEntries(zonesForConfig(ctx.config).map((z) => [z, {}])),
          virtualNetworks,
          tags: ctx.tags,
          protect: ctx.protect,
        }),
    );
  }
  return {
    subnets,
    virtualNetwork,
    registry,
    dnsZoneId: (zoneName) =>
      existing[zoneName] !== undefined ? pulumi.output(existing[zoneName]) : registry?.zoneId(zoneName),
  };
}
