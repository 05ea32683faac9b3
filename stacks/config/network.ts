import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import { subnetId } from "../../components/core/validate";
import { resolveGroupId } from "../../components/network/PrivateEndpoint";
import { privateDnsZoneFor } from "../../components/network/privateLink";
import { SubnetSpec, validateVirtualNetworkArgs, VirtualNetworkArgs } from "../../components/network/VirtualNetwork";
import { networkLimits } from "../../components/network/limits";
import { hostAddressProblem, parseCidr } from "../../components/network/cidr";
import { sortedEntries } from "../../components/core/collections";
import { keyed } from "./common";
import { ArgPaths, configPathOf } from "./argPaths";
import { omit, PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver, stackLocation } from "./resolver";
import type { StackConfig } from "./schema";

const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "expected an IPv4 CIDR block such as 10.20.0.0/16");
const armIdString = z
  .string()
  .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i, "expected a full ARM resource id");

/** A security rule of a subnet's network security group (`SecurityRuleSpec`; the key is the rule name). */
const securityRuleSchema = z.strictObject({
  /** 100-4096, unique per direction; lower numbers are evaluated first. */
  priority: z.number().int().min(networkLimits.securityRulePriority.min).max(networkLimits.securityRulePriority.max),
  /** Traffic into or out of the subnet. */
  direction: z.enum(["Inbound", "Outbound"]),
  /** Whether matching traffic is allowed or denied. */
  access: z.enum(["Allow", "Deny"]),
  /** Network protocol the rule matches (`*` for any). */
  protocol: z.enum(networkLimits.securityRuleProtocols),
  /** CIDR, IP, service tag (`VirtualNetwork`, `Internet`, `AzureLoadBalancer`, ...) or `*`. */
  sourceAddressPrefix: z.string().min(1).optional(),
  /** Several source prefixes instead of `sourceAddressPrefix` (not both). */
  sourceAddressPrefixes: z.array(z.string().min(1)).optional(),
  /** Port, range (`1024-65535`) or `*`. */
  sourcePortRange: z.string().min(1).optional(),
  /** Several source ports or ranges instead of `sourcePortRange` (not both). */
  sourcePortRanges: z.array(z.string().min(1)).optional(),
  /** CIDR, IP, service tag or `*`, as `sourceAddressPrefix`. */
  destinationAddressPrefix: z.string().min(1).optional(),
  /** Several destination prefixes instead of `destinationAddressPrefix` (not both). */
  destinationAddressPrefixes: z.array(z.string().min(1)).optional(),
  /** Port, range (`443`, `1024-65535`) or `*`. */
  destinationPortRange: z.string().min(1).optional(),
  /** Several destination ports or ranges instead of `destinationPortRange` (not both). */
  destinationPortRanges: z.array(z.string().min(1)).optional(),
  /** Free text. */
  description: z.string().max(networkLimits.securityRuleDescriptionMax).optional(),
});

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
      /**
       * An existing network security group's id. Defaults to a group the stack creates for the subnet (Azure's
       * default rules, plus `networkSecurityGroup.securityRules`).
       */
      networkSecurityGroupId: armIdString.optional(),
      /** The network security group the stack creates for this subnet: `{ name?, securityRules.<rule name> }`. */
      networkSecurityGroup: z
        .strictObject({
          /** Azure name. Defaults to `vnet-<subnet key>-nsg`. */
          name: z.string().min(1).max(80).optional(),
          /** Rules added to Azure's default rules, keyed by rule name. */
          securityRules: keyed(securityRuleSchema).optional(),
        })
        .optional(),
      /**
       * Service endpoints (`Microsoft.ServiceBus`, `Microsoft.EventHub`, `Microsoft.Storage`, ...). A Service Bus or
       * Event Hubs virtual network rule on this subnet needs its service's endpoint. Defaults to none.
       */
      serviceEndpoints: z.array(z.enum(networkLimits.serviceEndpointServices)).optional(),
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

/**
 * The subnets the stack creates in its network, as VirtualNetwork `subnets` args: one mapping for the cross-check and
 * the builder. Config differs from the args only in `name` (the arg's `subnetName`) and `id` (an existing subnet, not
 * created); everything else passes through.
 */
export function createdSubnets(net: NetworkConfig | undefined): Record<string, SubnetSpec> {
  return Object.fromEntries(
    Object.entries(net?.subnets ?? {})
      .filter(([, s]) => s.addressPrefix !== undefined)
      .map(([key, { addressPrefix, id: _id, name, ...passThrough }]) => [
        key,
        { ...passThrough, addressPrefix: addressPrefix!, subnetName: name },
      ]),
  );
}

/** VirtualNetworkArgs set by other config keys (relative to `network.virtualNetwork`). */
const virtualNetworkArgPaths: ArgPaths = [["virtualNetworkName", "name"]];

/**
 * `network.virtualNetwork` as VirtualNetworkArgs, for the cross-check (placeholders) and the builder: the default name,
 * the stack's shared defaults (tags, lock, protection; no diagnostics), the created subnets; the rest passes through.
 */
export function virtualNetworkArgs(config: StackConfig, r: StackResolver): VirtualNetworkArgs {
  const net = config.network!;
  const vnet = net.virtualNetwork!;
  const passThrough = omit(vnet, "name");
  void (true satisfies PassesThrough<typeof passThrough, VirtualNetworkArgs>);
  return {
    ...r.common({ diagnostics: false }, "Microsoft.Network/virtualNetworks", true, "network.virtualNetwork."),
    ...passThrough,
    virtualNetworkName: vnet.name ?? r.azureName("virtualNetwork", "integration"),
    subnets: createdSubnets(net),
  };
}

/** One private endpoint found anywhere in the config. */
export interface ConfiguredPrivateEndpoint {
  /** Config path of the endpoint, e.g. `eventhubs.namespaces.telemetry.privateEndpoints.main`. */
  readonly path: string;
  readonly subnet: string;
  readonly groupId?: string;
  /** The target type the owning section deploys, when known. */
  readonly targetType?: string;
  /** Static IPs by IP configuration key. */
  readonly ipConfigurations?: Record<string, { privateIPAddress?: unknown }>;
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
        type Found = {
          subnet?: unknown;
          groupId?: unknown;
          ipConfigurations?: ConfiguredPrivateEndpoint["ipConfigurations"];
        };
        for (const [k, pe] of Object.entries(value as Record<string, Found>)) {
          if (typeof pe?.subnet !== "string") continue;
          found.push({
            path: `${owner}.privateEndpoints.${k}`,
            subnet: pe.subnet,
            groupId: typeof pe.groupId === "string" ? pe.groupId : undefined,
            targetType,
            ipConfigurations: pe.ipConfigurations,
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

/** One Service Bus or Event Hubs virtual network rule found anywhere in the config. */
interface ConfiguredVnetRule {
  /** Config path of the rule, e.g. `servicebus.namespaces.orders.networkRuleSet.virtualNetworkRules.app`. */
  readonly path: string;
  readonly subnet: string;
  readonly ignoreMissingVnetServiceEndpoint?: boolean;
  /** The service endpoint the rule's subnet needs (`networkLimits.vnetRuleServiceEndpoint`). */
  readonly service: string;
}

/** Every namespace virtual network rule in the config (a generic walk, like collectPrivateEndpoints). */
function collectVnetRules(config: StackConfig): ConfiguredVnetRule[] {
  const found: ConfiguredVnetRule[] = [];
  const services: Record<string, string> = networkLimits.vnetRuleServiceEndpoint;
  const walk = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const rules = key === "networkRuleSet" ? (value as { virtualNetworkRules?: unknown })?.virtualNetworkRules : null;
      const targetType = endpointOwners.find(([re]) => re.test(path.join(".")))?.[1];
      const service = targetType ? services[targetType] : undefined;
      if (rules && typeof rules === "object" && service) {
        for (const [k, rule] of Object.entries(rules as Record<string, Record<string, unknown>>)) {
          if (typeof rule?.subnet !== "string") continue;
          found.push({
            path: `${[...path, key].join(".")}.virtualNetworkRules.${k}`,
            subnet: rule.subnet,
            ignoreMissingVnetServiceEndpoint: rule.ignoreMissingVnetServiceEndpoint === true,
            service,
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

/**
 * A namespace's virtual network rule on a subnet the stack creates needs the service's endpoint on that subnet: Azure
 * refuses the rule without it (an error naming both keys), or, with `ignoreMissingVnetServiceEndpoint: true`, stores a
 * rule that admits no traffic (a warning). Existing subnets (by id) cannot be checked offline.
 */
function vnetRuleViolations(config: StackConfig, warn: (w: string) => void): Violation[] {
  const found: Violation[] = [];
  for (const rule of collectVnetRules(config)) {
    const subnet = config.network?.subnets?.[rule.subnet];
    if (!subnet || subnet.addressPrefix === undefined) continue;
    if ((subnet.serviceEndpoints ?? []).includes(rule.service as never)) continue;
    const where = `network.subnets.${rule.subnet}.serviceEndpoints`;
    if (rule.ignoreMissingVnetServiceEndpoint) {
      warn(
        `${rule.path}.ignoreMissingVnetServiceEndpoint: true has the rule stored without effect: ${where} has no ${rule.service} endpoint, so the subnet's traffic is not admitted; add it there`,
      );
      continue;
    }
    found.push({
      path: `${rule.path}.subnet`,
      value: rule.subnet,
      message: `names a subnet without the ${rule.service} service endpoint, and Azure refuses the rule: add ${rule.service} to ${where} (or set ignoreMissingVnetServiceEndpoint: true to store a rule that admits nothing until then)`,
    });
  }
  return found;
}

/**
 * Static private IPs of endpoints in subnets the stack creates: inside the subnet's prefix, not reserved by Azure, and
 * each address once per subnet (Azure refuses a second NIC with the same address). Existing subnets (by id) are
 * checked by Azure only.
 */
function staticIpViolations(config: StackConfig): Violation[] {
  const found: Violation[] = [];
  const used = new Map<string, string>();
  const endpoints = collectPrivateEndpoints(config).sort((a, b) => a.path.localeCompare(b.path));
  for (const pe of endpoints) {
    const prefix = config.network?.subnets?.[pe.subnet]?.addressPrefix;
    const cidr = prefix ? parseCidr(prefix) : undefined;
    if (!cidr) continue;
    for (const [k, c] of sortedEntries(pe.ipConfigurations)) {
      if (typeof c.privateIPAddress !== "string") continue;
      const path = `${pe.path}.ipConfigurations.${k}.privateIPAddress`;
      const problem = hostAddressProblem(c.privateIPAddress, cidr);
      const other = used.get(`${pe.subnet}|${c.privateIPAddress}`);
      if (problem) {
        found.push({
          path,
          value: c.privateIPAddress,
          message: `${problem}: network.subnets.${pe.subnet} is ${prefix}`,
        });
      } else if (other) {
        found.push({ path, value: c.privateIPAddress, message: `is also the address of ${other} in one subnet` });
      } else used.set(`${pe.subnet}|${c.privateIPAddress}`, path);
    }
  }
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
export function networkCrossCheck(config: StackConfig, check?: Pick<CheckContext, "warn">): Violation[] {
  const net = config.network;
  const found: Violation[] = [...vnetRuleViolations(config, (w) => check?.warn(w))];
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
    const r = placeholderResolver(config, stackLocation(config), (x) => found.push(x));
    for (const v of validateVirtualNetworkArgs(virtualNetworkArgs(config, r))) {
      const path = v.path.startsWith("subnets")
        ? `network.${v.path}`
        : `network.virtualNetwork.${configPathOf(virtualNetworkArgPaths, v.path)}`;
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
  found.push(...staticIpViolations(config));
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
