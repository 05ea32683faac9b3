import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import { subnetId } from "../../components/core/validate";
import { resolveGroupId } from "../../components/network/PrivateEndpoint";
import { privateDnsZoneFor } from "../../components/network/privateLink";
import { validateVirtualNetworkArgs } from "../../components/network/VirtualNetwork";
import { keyed } from "./common";
import type { StackConfig } from "./schema";

const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "expected an IPv4 CIDR block such as 10.20.0.0/16");
const armIdString = z
  .string()
  .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i, "expected a full ARM resource id");

/** Virtual network, subnets and the private DNS zone registry of the stack (issue: Batch/RBAC/private endpoints). */
export const networkSchema = z.strictObject({
  /** The stack's virtual network. Defaults to none (then subnets must be existing ids). */
  virtualNetwork: z
    .strictObject({
      /** Azure name. Defaults to `vnet-integration-<environment>`. */
      name: z.string().min(2).max(64).optional(),
      /** IPv4 address prefixes, e.g. `[10.20.0.0/16]`. Required. */
      addressSpace: z.array(cidr).min(1),
    })
    .optional(),
  /**
   * Subnets by key (referenced as `privateEndpoints.<k>.subnet` and Batch pools' `networkConfiguration.subnet`):
   * either created in the stack's network (`addressPrefix`) or an existing subnet (`id`).
   */
  subnets: keyed(
    z.strictObject({
      /** Prefix inside `virtualNetwork.addressSpace`, /2 to /29. */
      addressPrefix: cidr.optional(),
      /** An existing subnet's id (e.g. in a hub network) instead of `addressPrefix`. */
      id: armIdString.optional(),
      /** Azure name. Defaults to the key. */
      name: z.string().min(1).max(80).optional(),
      /** NSG/route-table policies for private endpoints. Defaults to Disabled. */
      privateEndpointNetworkPolicies: z
        .enum(["Enabled", "Disabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled"])
        .optional(),
      /** Implicit outbound internet access. Defaults to false (a private subnet). */
      defaultOutboundAccess: z.boolean().optional(),
      /** Network security group id. Defaults to none. */
      networkSecurityGroupId: armIdString.optional(),
      /** NAT gateway id (outbound for private subnets). Defaults to none. */
      natGatewayId: armIdString.optional(),
    }),
  ).optional(),
  /** The private DNS zone registry: one zone per service domain for this environment. */
  privateDnsZones: z
    .strictObject({
      /**
       * Create zones for every private endpoint declared in this stack (each zone once) and link them to the stack's
       * network. Defaults to true when `virtualNetwork` is set, else false (zones then come from `existing`, or DNS is
       * managed elsewhere, e.g. by Azure Policy).
       */
      manage: z.boolean().optional(),
      /** More zones to create, keyed by zone name. Defaults to none. */
      zones: keyed(z.strictObject({})).optional(),
      /** Zones managed elsewhere (a hub), keyed by zone name; value the zone id. Used instead of creating them. */
      existing: keyed(armIdString).optional(),
      /** More networks to link every created zone to (e.g. a hub), keyed; value the network id. Defaults to none. */
      linkedVirtualNetworks: keyed(armIdString).optional(),
    })
    .optional(),
});

export type NetworkConfig = z.infer<typeof networkSchema>;

/** One private endpoint found anywhere in the config. */
export interface ConfiguredPrivateEndpoint {
  /** Config path of the endpoint, e.g. `eventhubs.namespaces.telemetry.privateEndpoints.main`. */
  readonly path: string;
  readonly subnet: string;
  readonly groupId?: string;
  /** The target type the owning section deploys, when known. */
  readonly targetType?: string;
}

/**
 * Which resource type owns a `privateEndpoints` map, by the config path of the object holding it. Sections are built
 * by other builders; this table only needs their top-level layout (a namespace/topic/account per key).
 */
const endpointOwners: [RegExp, string][] = [
  [/^storage\.[^.]+$/, "Microsoft.Storage/storageAccounts"],
  [/^eventhubs\./, "Microsoft.EventHub/namespaces"],
  [/^servicebus\./, "Microsoft.ServiceBus/namespaces"],
  [/^eventgrid\.topics\.[^.]+$/, "Microsoft.EventGrid/topics"],
  [/^eventgrid\.domains\.[^.]+$/, "Microsoft.EventGrid/domains"],
  [/^batch\.accounts\.[^.]+$/, "Microsoft.Batch/batchAccounts"],
];

/** Every private endpoint in the config, with the target type of its owner (a generic walk over all sections). */
export function collectPrivateEndpoints(config: StackConfig): ConfiguredPrivateEndpoint[] {
  const found: ConfiguredPrivateEndpoint[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === "privateEndpoints" && value && typeof value === "object") {
        const owner = path.join(".");
        const targetType = endpointOwners.find(([re]) => re.test(owner))?.[1];
        for (const [k, pe] of Object.entries(value as Record<string, { subnet?: unknown; groupId?: unknown }>)) {
          if (typeof pe?.subnet !== "string") continue;
          found.push({
            path: `${owner}.privateEndpoints.${k}`,
            subnet: pe.subnet,
            groupId: typeof pe.groupId === "string" ? pe.groupId : undefined,
            targetType,
          });
        }
      } else {
        walk(value, [...path, key]);
      }
    }
  };
  walk(config, []);
  return found;
}

/** The zones the stack's registry creates: one per zone any endpoint resolves through, plus extra zones. Sorted. */
export function zonesForConfig(config: StackConfig): string[] {
  const zones = new Set(Object.keys(config.network?.privateDnsZones?.zones ?? {}));
  for (const pe of collectPrivateEndpoints(config)) {
    const zone = pe.targetType ? privateDnsZoneFor(pe.targetType, pe.groupId) : undefined;
    if (zone) zones.add(zone);
  }
  for (const existing of Object.keys(config.network?.privateDnsZones?.existing ?? {})) zones.delete(existing);
  return [...zones].sort();
}

/** Whether the stack creates its zones (the registry). */
export function managesZones(config: StackConfig): boolean {
  return config.network?.privateDnsZones?.manage ?? config.network?.virtualNetwork !== undefined;
}

/** Checks across config sections (references to other keys); run after the schema passed. */
export function networkCrossCheck(config: StackConfig): Violation[] {
  const net = config.network;
  const found: Violation[] = [];
  const subnets = net?.subnets ?? {};
  for (const [key, s] of Object.entries(subnets)) {
    const path = `network.subnets.${key}`;
    if ((s.addressPrefix === undefined) === (s.id === undefined)) {
      found.push({
        path,
        value: s,
        message: "needs exactly one of addressPrefix (a new subnet) or id (an existing one)",
      });
    }
    if (s.addressPrefix !== undefined && !net?.virtualNetwork) {
      found.push({
        path: `${path}.addressPrefix`,
        value: s.addressPrefix,
        message: "needs network.virtualNetwork to create the subnet in (or give an existing subnet's id)",
      });
    }
    const badId = s.id === undefined ? undefined : subnetId(`${path}.id`, s.id);
    if (badId) found.push(badId);
  }
  if (net?.virtualNetwork) {
    // The component's own rules (CIDRs, containment, overlap, sizes), reported with config paths.
    const created = Object.fromEntries(
      Object.entries(subnets)
        .filter(([, s]) => s.addressPrefix !== undefined)
        .map(([k, s]) => [k, { addressPrefix: s.addressPrefix! }]),
    );
    for (const v of validateVirtualNetworkArgs({
      resourceGroupName: "config",
      addressSpace: net.virtualNetwork.addressSpace,
      subnets: created,
    })) {
      const path = v.path.startsWith("addressSpace") ? `network.virtualNetwork.${v.path}` : `network.${v.path}`;
      found.push({ ...v, path });
    }
  }
  const declared = Object.keys(subnets);
  for (const pe of collectPrivateEndpoints(config)) {
    if (pe.subnet.startsWith("/subscriptions/")) {
      const bad = subnetId(`${pe.path}.subnet`, pe.subnet);
      if (bad) found.push(bad);
    } else if (!subnets[pe.subnet]) {
      found.push({
        path: `${pe.path}.subnet`,
        value: pe.subnet,
        message: `names no subnet declared under 'network.subnets' and is not a subnet id; declared: ${declared.join(", ") || "(none)"}`,
      });
    }
    if (pe.targetType) {
      const v = resolveGroupId(pe.path, pe.targetType, pe.groupId).violation;
      if (v) found.push(v);
    }
  }
  const manage = managesZones(config);
  if (net?.privateDnsZones?.manage === true && !net.virtualNetwork && !net.privateDnsZones.linkedVirtualNetworks) {
    found.push({
      path: "network.privateDnsZones.manage",
      value: true,
      message:
        "creates zones linked to no network: set network.virtualNetwork or privateDnsZones.linkedVirtualNetworks",
    });
  }
  if (!manage && Object.keys(net?.privateDnsZones?.zones ?? {}).length > 0) {
    found.push({
      path: "network.privateDnsZones.zones",
      value: Object.keys(net!.privateDnsZones!.zones!),
      message: "lists zones to create, but the stack manages no zones (privateDnsZones.manage is false)",
    });
  }
  return found;
}
