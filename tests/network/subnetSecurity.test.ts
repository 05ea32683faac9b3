import { validateVirtualNetworkArgs, VirtualNetwork } from "../../components/network/VirtualNetwork";
import { validateStackConfig } from "../../stacks/config/load";
import { buildStack } from "../../stacks/program";
import { useSimulatedArm } from "../helpers/simulation";

// Subnet service endpoints, network security groups with their own rules, and the namespace virtual network rules
// that need a service endpoint on their subnet (issue 13, item 3).

const network = {
  virtualNetwork: { addressSpace: ["10.30.0.0/16"] },
  subnets: {
    apps: {
      addressPrefix: "10.30.1.0/24",
      serviceEndpoints: ["Microsoft.ServiceBus", "Microsoft.EventHub"],
      networkSecurityGroup: {
        name: "nsg-apps",
        securityRules: {
          "allow-https-from-vnet": {
            priority: 200,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: "VirtualNetwork",
            sourcePortRange: "*",
            destinationAddressPrefix: "VirtualNetwork",
            destinationPortRange: "443",
          },
          "deny-internet-out": {
            priority: 4000,
            direction: "Outbound",
            access: "Deny",
            protocol: "*",
            sourceAddressPrefix: "*",
            sourcePortRange: "*",
            destinationAddressPrefix: "Internet",
            destinationPortRanges: ["80", "443"],
          },
        },
      },
    },
    plain: { addressPrefix: "10.30.2.0/24" },
  },
};
const servicebus = {
  namespaces: {
    orders: {
      tier: "Premium",
      capacity: 1,
      networkRuleSet: { defaultAction: "Deny", virtualNetworkRules: { apps: { subnet: "apps" } } },
    },
  },
};
const stack = { environment: "test", network, servicebus };

const sim = useSimulatedArm({
  config: Object.fromEntries(
    Object.entries({ ...stack, location: "westeurope" }).map(([k, v]) => [
      `azure-integration:${k}`,
      typeof v === "string" ? v : JSON.stringify(v),
    ]),
  ),
});

describe("subnet service endpoints and network security groups", () => {
  test("reach azure-native from the stack config: endpoints sorted, the NSG with its rules on the subnet", async () => {
    buildStack();
    await sim.settle();
    const apps = sim.one("azure-native:network:Subnet", "apps");
    expect(apps.inputs.serviceEndpoints).toEqual([
      { service: "Microsoft.EventHub" },
      { service: "Microsoft.ServiceBus" },
    ]);
    const nsg = sim.one("azure-native:network:NetworkSecurityGroup", "apps");
    expect(nsg.inputs).toMatchObject({
      networkSecurityGroupName: "nsg-apps",
      securityRules: [
        {
          name: "allow-https-from-vnet",
          priority: 200,
          direction: "Inbound",
          access: "Allow",
          protocol: "Tcp",
          destinationPortRange: "443",
        },
        { name: "deny-internet-out", priority: 4000, direction: "Outbound", destinationPortRanges: ["80", "443"] },
      ],
    });
    expect((apps.inputs.networkSecurityGroup as { id: string }).id).toMatch(/networkSecurityGroups\/nsg-apps$/);
    // A subnet without settings keeps the default: its own NSG with Azure's default rules, no service endpoints.
    const plain = sim.one("azure-native:network:Subnet", "plain");
    expect(plain.inputs.serviceEndpoints).toBeUndefined();
    expect(sim.one("azure-native:network:NetworkSecurityGroup", "plain").inputs.securityRules).toBeUndefined();
    // The namespace's rule points at the subnet and keeps Azure's check for the endpoint.
    expect(sim.one("azure-native:servicebus:NamespaceNetworkRuleSet").inputs.virtualNetworkRules).toEqual([
      { subnet: { id: expect.stringMatching(/\/subnets\/apps$/) }, ignoreMissingVnetServiceEndpoint: false },
    ]);
  });
});

describe("validation with config key paths", () => {
  const withRule = (rule: object, subnet: object = network.subnets.plain) => ({
    ...stack,
    network: { ...network, subnets: { ...network.subnets, plain: subnet } },
    servicebus: {
      namespaces: {
        orders: { ...servicebus.namespaces.orders, networkRuleSet: { virtualNetworkRules: { r: rule } } },
      },
    },
  });

  test("a Service Bus rule on a stack subnet without the endpoint is an error naming both keys", () => {
    const { violations } = validateStackConfig(withRule({ subnet: "plain" }));
    expect(violations).toEqual([
      expect.objectContaining({
        path: "servicebus.namespaces.orders.networkRuleSet.virtualNetworkRules.r.subnet",
        message: expect.stringContaining("network.subnets.plain.serviceEndpoints"),
      }),
    ]);
  });

  test("with ignoreMissingVnetServiceEndpoint: true it is a warning (stored, admits nothing), exit 0", () => {
    const { violations, warnings } = validateStackConfig(
      withRule({ subnet: "plain", ignoreMissingVnetServiceEndpoint: true }),
    );
    expect(violations).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^servicebus\.namespaces\.orders\.networkRuleSet\.virtualNetworkRules\.r\.ignoreMissingVnetServiceEndpoint: .*network\.subnets\.plain\.serviceEndpoints has no Microsoft\.ServiceBus endpoint/,
      ),
    ]);
  });

  test("the endpoint of the other service does not count; the right one passes", () => {
    const eventHubOnly = { ...network.subnets.plain, serviceEndpoints: ["Microsoft.EventHub"] };
    expect(validateStackConfig(withRule({ subnet: "plain" }, eventHubOnly)).violations).toHaveLength(1);
    const serviceBus = { ...network.subnets.plain, serviceEndpoints: ["Microsoft.ServiceBus"] };
    expect(validateStackConfig(withRule({ subnet: "plain" }, serviceBus)).violations).toEqual([]);
  });

  test.each([
    [
      "an unknown service endpoint",
      { serviceEndpoints: ["Microsoft.ServiceBuss"] },
      "network.subnets.plain.serviceEndpoints.0",
    ],
    [
      "an NSG together with an NSG id",
      {
        networkSecurityGroupId:
          "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg",
        networkSecurityGroup: {},
      },
      "network.subnets.plain.networkSecurityGroup",
    ],
  ])("%s", (_c, extra, path) => {
    const { violations } = validateStackConfig(withRule({ subnet: "apps" }, { ...network.subnets.plain, ...extra }));
    expect(violations.map((v) => v.path)).toEqual([path]);
  });
});

describe("VirtualNetwork security rules (component)", () => {
  const rule = {
    priority: 300,
    direction: "Inbound" as const,
    access: "Allow" as const,
    protocol: "Tcp" as const,
    sourceAddressPrefix: "10.0.0.0/8",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "443",
  };
  const validate = (rules: Record<string, object>, subnetName?: string) =>
    validateVirtualNetworkArgs({
      resourceGroupName: "rg",
      addressSpace: ["10.0.0.0/16"],
      subnets: {
        a: { addressPrefix: "10.0.1.0/24", subnetName, networkSecurityGroup: { securityRules: rules as never } },
      },
    }).map((v) => `${v.path}: ${v.message}`);

  test.each([
    [
      "priority out of range",
      { r: { ...rule, priority: 99 } },
      ["subnets.a.networkSecurityGroup.securityRules.r.priority: must be a whole number from 100 to 4096"],
    ],
    [
      "two rules with one priority in one direction",
      { a: rule, b: { ...rule } },
      [
        "subnets.a.networkSecurityGroup.securityRules.b.priority: is also the priority of Inbound rule a; Azure refuses two",
      ],
    ],
    ["one priority in both directions is fine", { a: rule, b: { ...rule, direction: "Outbound" } }, []],
    [
      "a port and a port list",
      { r: { ...rule, destinationPortRanges: ["80"] } },
      [
        "subnets.a.networkSecurityGroup.securityRules.r: needs exactly one of destinationPortRange and destinationPortRanges",
      ],
    ],
    [
      "no source address",
      { r: { ...rule, sourceAddressPrefix: undefined } },
      [
        "subnets.a.networkSecurityGroup.securityRules.r: needs exactly one of sourceAddressPrefix and sourceAddressPrefixes",
      ],
    ],
    [
      "a port above 65535",
      { r: { ...rule, destinationPortRange: "443-70000" } },
      ["subnets.a.networkSecurityGroup.securityRules.r.destinationPortRange: is not a port range within 0-65535"],
    ],
  ])("%s", (_c, rules, expected) => {
    expect(validate(rules)).toEqual(expected);
  });

  test("no NSG on GatewaySubnet", () => {
    expect(validate({}, "GatewaySubnet")).toEqual([
      expect.stringContaining("subnets.a.networkSecurityGroup: is not allowed on GatewaySubnet"),
    ]);
  });

  test("an explicit NSG is created even with networkSecurityGroups: false", async () => {
    new VirtualNetwork("net", {
      resourceGroupName: "rg",
      addressSpace: ["10.0.0.0/16"],
      networkSecurityGroups: false,
      subnets: { a: { addressPrefix: "10.0.1.0/24", networkSecurityGroup: { securityRules: { r: rule } } } },
    });
    await sim.settle();
    expect(sim.one("azure-native:network:NetworkSecurityGroup").inputs).toMatchObject({
      networkSecurityGroupName: "net-a-nsg",
      securityRules: [{ name: "r", priority: 300 }],
    });
  });
});
