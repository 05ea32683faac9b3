import * as network from "@pulumi/azure-native/network";
import { asArray, has, PackPolicy, Props, resourceRule, same, schema } from "../lib/rule";

/** ALZ: Azure/Enterprise-Scale custom definitions (src/resources/Microsoft.Authorization/policyDefinitions/<name>.json). */
const ALZ = "Azure/Enterprise-Scale src/resources/Microsoft.Authorization/policyDefinitions";

/** Subnets Azure reserves for gateways, firewalls and route servers (the ALZ policies' default exclusions). */
const NSG_EXEMPT = ["GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet", "RouteServerSubnet"];
const UDR_EXEMPT = ["AzureBastionSubnet", "RouteServerSubnet"];

/** Subnets: standalone Subnet resources and the inline `subnets` of a VirtualNetwork. */
function subnetsOf(p: Props, type: string): { name: string; props: Props }[] {
  if (type.includes(":Subnet")) return [{ name: String(p.subnetName ?? p.name ?? ""), props: p }];
  return (asArray(p.subnets) as Props[]).map((s) => ({ name: String(s.name ?? ""), props: s }));
}

const subnetClasses = [network.Subnet, network.VirtualNetwork];

/** Does a port range ("22", "20-30", "*") cover `port`? */
function covers(range: unknown, port: number): boolean {
  if (typeof range !== "string") return false;
  if (range === "*") return true;
  const [lo, hi] = range.split("-").map(Number);
  return hi === undefined ? lo === port : lo <= port && port <= hi;
}

/** Inbound Allow rules of an NSG (inline `securityRules`) or a standalone SecurityRule. */
function inboundAllowRules(p: Props, type: string): Props[] {
  const rules: Props[] = type.endsWith(":SecurityRule")
    ? [p]
    : (asArray(p.securityRules) as Props[]).map((r) => ({ name: r.name, ...((r.properties as Props) ?? r) }));
  return rules.filter((r) => same(r.access, "Allow") && same(r.direction, "Inbound"));
}

const ruleName = (r: Props) => JSON.stringify(r.name ?? r.securityRuleName ?? null);

/** Subnet and network security group rules (NW-xx): the ALZ network guardrails that apply to this estate. */
export const subnetPolicies: PackPolicy[] = [
  resourceRule<{ exempt: string[] }>(
    {
      name: "subnet-network-security-group",
      code: "NW-01",
      description: "Subnets have a network security group (gateway, firewall and route server subnets excepted).",
      severity: "medium",
      anchor: `ALZ Deny-Subnet-Without-Nsg (${ALZ}/Deny-Subnet-Without-Nsg.json; Deny in Enforce-Guardrails-Network); CK CKV2_AZURE_31`,
      remediation:
        "Associate a network security group with the subnet (the VirtualNetwork component creates one per subnet).",
      configSchema: {
        properties: { exempt: schema.stringList(NSG_EXEMPT, "Subnet names without an NSG requirement.") },
      },
    },
    subnetClasses,
    (p, args, report, cfg) => {
      const subnets = subnetsOf(p, args.type).filter((s) => !cfg.exempt.some((e) => same(s.name, e)));
      if (subnets.length === 0) return args.notApplicable("no subnet that needs a network security group");
      // Presence only: the NSG's id is unknown in a preview when the NSG is created in the same stack.
      for (const s of subnets) {
        if (!has(s.props, "networkSecurityGroup")) report(`subnet ${s.name} has no network security group`);
      }
    },
  ),
  resourceRule<{ exempt: string[] }>(
    {
      name: "subnet-route-table",
      code: "NW-02",
      description: "Subnets have a route table (user-defined routes; Bastion and route server subnets excepted).",
      severity: "low",
      anchor: `ALZ Deny-Subnet-Without-Udr (${ALZ}/Deny-Subnet-Without-Udr.json; Deny in Enforce-Guardrails-Network)`,
      remediation:
        "Associate a route table with the subnet (the VirtualNetwork component creates one for the network; the platform adds routes to its firewall).",
      configSchema: {
        properties: { exempt: schema.stringList(UDR_EXEMPT, "Subnet names without a route table requirement.") },
      },
    },
    subnetClasses,
    (p, args, report, cfg) => {
      const subnets = subnetsOf(p, args.type).filter((s) => !cfg.exempt.some((e) => same(s.name, e)));
      if (subnets.length === 0) return args.notApplicable("no subnet that needs a route table");
      for (const s of subnets) {
        if (!has(s.props, "routeTable")) report(`subnet ${s.name} has no route table`);
      }
    },
  ),
  resourceRule(
    {
      name: "subnet-no-service-endpoints",
      code: "NW-03",
      description: "Subnets use private endpoints, not service endpoints.",
      severity: "low",
      anchor: `ALZ Deny-Service-Endpoints (${ALZ}/Deny-Service-Endpoints.json; Deny in Enforce-Guardrails-Network)`,
      remediation: "Remove serviceEndpoints and reach the service through a private endpoint.",
    },
    subnetClasses,
    (p, args, report) => {
      for (const s of subnetsOf(p, args.type)) {
        const services = (asArray(s.props.serviceEndpoints) as Props[]).map((e) => String(e.service));
        if (services.length > 0) report(`subnet ${s.name} has service endpoints ${services.join(", ")}`);
      }
    },
  ),
  resourceRule<{ ports: string[] }>(
    {
      name: "nsg-no-management-ports-inbound",
      code: "NW-04",
      description: "Network security groups allow no inbound traffic to management ports (SSH 22, RDP 3389).",
      severity: "high",
      anchor: `ALZ Deny-MgmtPorts-From-Internet (${ALZ}/Deny-MgmtPorts-From-Internet.json); CK CKV_AZURE_9 / CKV_AZURE_10`,
      remediation: "Remove the rule; reach nodes through Azure Bastion or the Batch service, never an open port.",
      configSchema: { properties: { ports: schema.stringList(["22", "3389"], "Management ports.") } },
    },
    [network.NetworkSecurityGroup, network.SecurityRule],
    (p, args, report, cfg) => {
      for (const r of inboundAllowRules(p, args.type)) {
        const ranges = [r.destinationPortRange, ...asArray(r.destinationPortRanges)];
        const open = cfg.ports.filter((port) => ranges.some((x) => covers(x, Number(port))));
        if (open.length > 0) report(`security rule ${ruleName(r)} allows inbound ${open.join(", ")}`);
      }
    },
  ),
  resourceRule<{ sources: string[] }>(
    {
      name: "nsg-no-inbound-from-internet",
      code: "NW-05",
      description: "Network security groups allow no inbound traffic from the internet (any port).",
      severity: "high",
      anchor:
        "derived: learn.microsoft.com/azure/virtual-network/network-security-groups-overview (the default rule DenyAllInBound admits nothing from the internet; an Allow rule from Internet or * overrides it for every subnet of the group); CK CKV_AZURE_77 / CKV_AZURE_160",
      remediation:
        "Allow inbound from VirtualNetwork, AzureLoadBalancer or named private prefixes only (network.subnets.<key>.networkSecurityGroup.securityRules): the estate is reached through private endpoints, never from the internet.",
      configSchema: {
        properties: {
          sources: schema.stringList(["*", "Internet", "0.0.0.0/0", "Any"], "Source prefixes that mean the internet."),
        },
      },
    },
    [network.NetworkSecurityGroup, network.SecurityRule],
    (p, args, report, cfg) => {
      for (const r of inboundAllowRules(p, args.type)) {
        const sources = [r.sourceAddressPrefix, ...asArray(r.sourceAddressPrefixes)].filter((x) => x !== undefined);
        const open = sources.filter((x) => cfg.sources.some((s) => same(x, s)));
        if (open.length > 0) report(`security rule ${ruleName(r)} allows inbound from ${open.join(", ")}`);
      }
    },
  ),
];
