import * as network from "@pulumi/azure-native/network";
import { fail, pass, RG, RuleCase, SUB } from "../harness";

// Subnet and NSG rule cases (the ALZ network guardrails).

const NSG = `${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkSecurityGroups/nsg`;
const RT = `${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/routeTables/rt`;
const subnet = (n: string, args: Partial<network.SubnetArgs> = {}) =>
  new network.Subnet(`${n}-snet`, {
    resourceGroupName: RG,
    virtualNetworkName: "vnet",
    subnetName: `${n}-snet`,
    addressPrefix: "10.0.0.0/24",
    networkSecurityGroup: { id: NSG },
    routeTable: { id: RT },
    ...args,
  });
const nsgRule = (n: string, args: Partial<network.SecurityRuleArgs> = {}) =>
  new network.SecurityRule(`${n}-rule`, {
    resourceGroupName: RG,
    networkSecurityGroupName: "nsg",
    securityRuleName: `${n}-rule`,
    priority: 100,
    access: "Allow",
    direction: "Inbound",
    protocol: "Tcp",
    sourceAddressPrefix: "VirtualNetwork",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "443",
    ...args,
  });

export const cases: RuleCase[] = [
  pass("subnet-network-security-group", "NSG associated", (n) => subnet(n)),
  pass("subnet-network-security-group", "created by the stack (id unknown in preview)", (n) => {
    const nsg = new network.NetworkSecurityGroup(`${n}-nsg`, { resourceGroupName: RG });
    subnet(n, { networkSecurityGroup: { id: nsg.id } });
  }),
  fail(
    "subnet-network-security-group",
    "no NSG",
    (n) => subnet(n, { networkSecurityGroup: undefined }),
    /subnet c\d+-snet has no network security group/,
  ),
  fail(
    "subnet-network-security-group",
    "inline subnet of a virtual network without an NSG",
    (n) =>
      new network.VirtualNetwork(`${n}-vnet`, {
        resourceGroupName: RG,
        addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
        subnets: [{ name: "apps", addressPrefix: "10.0.1.0/24" }],
      }),
    /subnet apps has no network security group/,
  ),
  pass("subnet-route-table", "route table associated", (n) => subnet(n)),
  fail(
    "subnet-route-table",
    "no route table",
    (n) => subnet(n, { routeTable: undefined }),
    /subnet c\d+-snet has no route table/,
  ),
  pass("subnet-no-service-endpoints", "none", (n) => subnet(n)),
  fail(
    "subnet-no-service-endpoints",
    "a storage service endpoint",
    (n) => subnet(n, { serviceEndpoints: [{ service: "Microsoft.Storage" }] }),
    /service endpoints Microsoft.Storage/,
  ),
  pass("nsg-no-management-ports-inbound", "https only", (n) => nsgRule(n)),
  fail(
    "nsg-no-management-ports-inbound",
    "SSH from anywhere",
    (n) => nsgRule(n, { destinationPortRange: "22", sourceAddressPrefix: "*" }),
    /allows inbound 22/,
  ),
  fail(
    "nsg-no-management-ports-inbound",
    "a range covering RDP inline in an NSG",
    (n) =>
      new network.NetworkSecurityGroup(`${n}-nsg`, {
        resourceGroupName: RG,
        securityRules: [
          {
            name: "wide",
            priority: 100,
            access: "Allow",
            direction: "Inbound",
            protocol: "*",
            sourceAddressPrefix: "Internet",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRanges: ["3000-4000"],
          },
        ],
      }),
    /security rule "wide" allows inbound 3389/,
  ),
  pass("nsg-no-inbound-from-internet", "from the virtual network only", (n) => nsgRule(n)),
  pass("nsg-no-inbound-from-internet", "a Deny from the internet", (n) =>
    nsgRule(n, { access: "Deny", sourceAddressPrefix: "Internet" }),
  ),
  fail(
    "nsg-no-inbound-from-internet",
    "HTTPS from anywhere",
    (n) => nsgRule(n, { sourceAddressPrefix: "*" }),
    /allows inbound from \*/,
  ),
  fail(
    "nsg-no-inbound-from-internet",
    "the Internet tag in a prefix list, inline in an NSG",
    (n) =>
      new network.NetworkSecurityGroup(`${n}-nsg`, {
        resourceGroupName: RG,
        securityRules: [
          {
            name: "partners",
            priority: 200,
            access: "Allow",
            direction: "Inbound",
            protocol: "Tcp",
            sourceAddressPrefixes: ["10.1.0.0/16", "internet"],
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRange: "443",
          },
        ],
      }),
    /security rule "partners" allows inbound from internet/,
  ),
];
