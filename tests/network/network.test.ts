import { resolveGroupId, PrivateEndpoint, validatePrivateEndpointArgs } from "../../components/network/PrivateEndpoint";
import {
  PrivateDnsZoneRegistry,
  registryZoneNames,
  validatePrivateDnsZoneRegistryArgs,
} from "../../components/network/PrivateDnsZoneRegistry";
import { privateDnsZoneFor } from "../../components/network/privateLink";
import { validateVirtualNetworkArgs, VirtualNetwork } from "../../components/network/VirtualNetwork";
import { collectPrivateEndpoints, zonesForConfig } from "../../stacks/config/network";
import { validateStackConfig } from "../../stacks/config/load";
import { useSimulatedArm } from "../helpers/simulation";

const sim = useSimulatedArm();
const rgId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net";
const zoneId = (zone: string) => `${rgId}/providers/Microsoft.Network/privateDnsZones/${zone}`;
const vnetId = `${rgId}/providers/Microsoft.Network/virtualNetworks/vnet`;

describe("group id mapping (every target type)", () => {
  test.each([
    ["Microsoft.EventHub/namespaces", undefined, "namespace", "privatelink.servicebus.windows.net"],
    ["Microsoft.ServiceBus/namespaces", undefined, "namespace", "privatelink.servicebus.windows.net"],
    ["Microsoft.EventGrid/topics", undefined, "topic", "privatelink.eventgrid.azure.net"],
    ["Microsoft.EventGrid/domains", undefined, "domain", "privatelink.eventgrid.azure.net"],
    ["Microsoft.Batch/batchAccounts", "batchAccount", "batchAccount", "privatelink.batch.azure.com"],
    ["Microsoft.Batch/batchAccounts", "nodeManagement", "nodeManagement", "privatelink.batch.azure.com"],
    ["Microsoft.Storage/storageAccounts", "blob", "blob", "privatelink.blob.core.windows.net"],
    ["Microsoft.Storage/storageAccounts", "queue", "queue", "privatelink.queue.core.windows.net"],
    ["Microsoft.Storage/storageAccounts", "dfs", "dfs", "privatelink.dfs.core.windows.net"],
  ])("%s group %s -> %s in %s", (type, given, group, zone) => {
    expect(resolveGroupId("pe", type, given)).toEqual({ groupId: group });
    expect(privateDnsZoneFor(type, given)).toBe(zone);
  });

  test.each([
    [
      "Microsoft.EventHub/namespaces",
      "topic",
      "pe.groupId",
      "is not a group id of Microsoft.EventHub/namespaces; allowed: namespace",
    ],
    [
      "Microsoft.EventGrid/topics",
      "domain",
      "pe.groupId",
      "is not a group id of Microsoft.EventGrid/topics; allowed: topic",
    ],
    [
      "Microsoft.Batch/batchAccounts",
      undefined,
      "pe.groupId",
      "is required for Microsoft.Batch/batchAccounts; allowed: batchAccount, nodeManagement",
    ],
    [
      "Microsoft.Storage/storageAccounts",
      "table",
      "pe.groupId",
      "is not a group id of Microsoft.Storage/storageAccounts; allowed: blob, blob_secondary, queue, dfs",
    ],
    ["Microsoft.Web/sites", "sites", "pe.targetType", "has no private link support in this library; supported:"],
  ])("%s group %s is an error", (type, given, path, message) => {
    const v = resolveGroupId("pe", type, given).violation;
    expect(v?.path).toBe(path);
    expect(v?.message).toContain(message);
  });

  test("a zone id of another service is refused; known zones of the right service pass", () => {
    const ok = {
      resourceGroupName: "rg",
      targetId: "t",
      subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe",
    };
    expect(
      validatePrivateEndpointArgs({
        ...ok,
        targetType: "Microsoft.ServiceBus/namespaces",
        privateDnsZoneIds: [zoneId("privatelink.servicebus.windows.net")],
      }),
    ).toEqual([]);
    const [v] = validatePrivateEndpointArgs({
      ...ok,
      targetType: "Microsoft.EventHub/namespaces",
      privateDnsZoneIds: [zoneId("privatelink.blob.core.windows.net")],
    });
    expect(v.path).toBe("privateDnsZoneIds[0]");
    expect(v.message).toBe(
      "is the zone privatelink.blob.core.windows.net, but Microsoft.EventHub/namespaces group namespace resolves through privatelink.servicebus.windows.net",
    );
  });
});

describe("zone deduplication", () => {
  test.each([
    [
      "Event Hubs and Service Bus share one zone",
      { eh: { targetType: "Microsoft.EventHub/namespaces" }, sb: { targetType: "Microsoft.ServiceBus/namespaces" } },
      {},
      ["privatelink.servicebus.windows.net"],
    ],
    [
      "Batch's two sub-resources share one zone",
      {
        a: { targetType: "Microsoft.Batch/batchAccounts", groupId: "batchAccount" },
        n: { targetType: "Microsoft.Batch/batchAccounts", groupId: "nodeManagement" },
      },
      {},
      ["privatelink.batch.azure.com"],
    ],
    [
      "topics and domains share one zone; storage groups each have theirs; extra zones merge",
      {
        t: { targetType: "Microsoft.EventGrid/topics" },
        d: { targetType: "Microsoft.EventGrid/domains" },
        b: { targetType: "Microsoft.Storage/storageAccounts", groupId: "blob" },
        b2: { targetType: "Microsoft.Storage/storageAccounts", groupId: "blob_secondary" },
        q: { targetType: "Microsoft.Storage/storageAccounts", groupId: "queue" },
      },
      { "privatelink.eventgrid.azure.net": {} },
      ["privatelink.blob.core.windows.net", "privatelink.eventgrid.azure.net", "privatelink.queue.core.windows.net"],
    ],
  ])("%s", (_case, targets, zones, expected) => {
    expect(registryZoneNames({ targets, zones })).toEqual(expected);
  });

  test("the registry creates each zone once, links it to every network, and resolves zones by target", async () => {
    const registry = new PrivateDnsZoneRegistry("dns", {
      resourceGroupName: "rg-net",
      targets: {
        eh: { targetType: "Microsoft.EventHub/namespaces" },
        sb: { targetType: "Microsoft.ServiceBus/namespaces" },
        batch: { targetType: "Microsoft.Batch/batchAccounts", groupId: "batchAccount" },
      },
      virtualNetworks: { spoke: vnetId, hub: `${rgId}/providers/Microsoft.Network/virtualNetworks/hub` },
    });
    await sim.settle();
    const zones = sim.arm.ofType("azure-native:privatedns:PrivateZone");
    expect(zones.map((z) => z.inputs.privateZoneName).sort()).toEqual([
      "privatelink.batch.azure.com",
      "privatelink.servicebus.windows.net",
    ]);
    expect(zones[0].inputs.location).toBe("global");
    const link = sim.one("azure-native:privatedns:VirtualNetworkLink", "privatelink.servicebus.windows.net/spoke");
    expect(link.inputs).toMatchObject({
      privateZoneName: "privatelink.servicebus.windows.net",
      virtualNetwork: { id: vnetId },
      registrationEnabled: false,
      location: "global",
    });
    expect(sim.arm.ofType("azure-native:privatedns:VirtualNetworkLink")).toHaveLength(4);
    expect(registry.zoneIdFor("Microsoft.EventHub/namespaces")).toBe(
      registry.zoneIdFor("Microsoft.ServiceBus/namespaces"),
    );
    expect(registry.zoneIdFor("Microsoft.EventGrid/topics")).toBeUndefined();
  });

  test.each([
    ["unknown target type", { targets: { x: { targetType: "Microsoft.Foo/bars" } } }, ["targets.x.targetType"]],
    [
      "multi-group type without a group",
      { targets: { x: { targetType: "Microsoft.Batch/batchAccounts" } } },
      ["targets.x.groupId"],
    ],
    ["zone name not DNS", { zones: { Privatelink_Bad: {} } }, ["zones.Privatelink_Bad"]],
    [
      "network id of another type",
      { virtualNetworks: { a: `${rgId}/providers/Microsoft.Network/subnets/x` } },
      ["virtualNetworks.a"],
    ],
    [
      "auto-registration into several zones",
      {
        registrationEnabled: true,
        virtualNetworks: { a: vnetId },
        zones: { "a.example.com": {}, "b.example.com": {} },
      },
      ["registrationEnabled"],
    ],
  ])("registry validation: %s", (_case, extra, paths) => {
    expect(
      validatePrivateDnsZoneRegistryArgs({ resourceGroupName: "rg", ...(extra as object) }).map((v) => v.path),
    ).toEqual(paths);
  });
});

describe("VirtualNetwork", () => {
  test.each([
    ["valid", ["10.20.0.0/16"], { a: "10.20.1.0/24", b: "10.20.2.0/24" }, []],
    ["not a CIDR", ["10.20.0.0/16"], { a: "10.20.1.0" }, ["subnets.a.addressPrefix"]],
    ["host bits set", ["10.20.0.1/16"], {}, ["addressSpace[0]"]],
    ["outside the address space", ["10.20.0.0/16"], { a: "10.30.1.0/24" }, ["subnets.a.addressPrefix"]],
    ["overlapping subnets", ["10.20.0.0/16"], { a: "10.20.0.0/23", b: "10.20.1.0/24" }, ["subnets.b.addressPrefix"]],
    ["too small", ["10.20.0.0/16"], { a: "10.20.1.0/30" }, ["subnets.a.addressPrefix"]],
    ["no address space", [], {}, ["addressSpace"]],
  ])("%s", (_case, space, subnets, paths) => {
    const args = {
      resourceGroupName: "rg",
      addressSpace: space,
      subnets: Object.fromEntries(Object.entries(subnets).map(([k, p]) => [k, { addressPrefix: p }])),
    };
    expect(validateVirtualNetworkArgs(args).map((v) => v.path)).toEqual(paths);
  });

  test("subnets are private by default and created one after another", async () => {
    const vnet = new VirtualNetwork("net", {
      resourceGroupName: "rg-net",
      virtualNetworkName: "vnet",
      addressSpace: ["10.20.0.0/16"],
      subnets: { endpoints: { addressPrefix: "10.20.1.0/24" }, batch: { addressPrefix: "10.20.2.0/24" } },
    });
    await sim.settle();
    expect(sim.one("azure-native:network:VirtualNetwork").inputs).toMatchObject({
      virtualNetworkName: "vnet",
      addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
    });
    const endpoints = sim.one("azure-native:network:Subnet", "endpoints");
    expect(endpoints.inputs).toMatchObject({
      virtualNetworkName: "vnet",
      subnetName: "endpoints",
      addressPrefix: "10.20.1.0/24",
      privateEndpointNetworkPolicies: "Disabled",
      defaultOutboundAccess: false,
    });
    // Sorted keys: batch first, then endpoints after it (ARM rejects concurrent subnet writes).
    expect(endpoints.dependencies).toContain(sim.one("azure-native:network:Subnet", "batch").urn);
    expect(Object.keys(vnet.subnetIds).sort()).toEqual(["batch", "endpoints"]);
  });
});

describe("PrivateEndpoint with a registry zone", () => {
  test("the endpoint connects the group id and registers in the registry's zone", async () => {
    const registry = new PrivateDnsZoneRegistry("dns", {
      resourceGroupName: "rg-net",
      targets: { sb: { targetType: "Microsoft.ServiceBus/namespaces" } },
    });
    new PrivateEndpoint("sb-pe", {
      resourceGroupName: "rg-net",
      targetId: `${rgId}/providers/Microsoft.ServiceBus/namespaces/sb`,
      targetType: "Microsoft.ServiceBus/namespaces",
      subnetId: `${vnetId}/subnets/endpoints`,
      privateDnsZoneIds: [registry.zoneIdFor("Microsoft.ServiceBus/namespaces")!],
    });
    await sim.settle();
    expect(sim.one("azure-native:network:PrivateEndpoint").inputs).toMatchObject({
      subnet: { id: `${vnetId}/subnets/endpoints` },
      privateLinkServiceConnections: [
        { groupIds: ["namespace"], privateLinkServiceId: `${rgId}/providers/Microsoft.ServiceBus/namespaces/sb` },
      ],
    });
    expect(sim.one("azure-native:network:PrivateDnsZoneGroup").inputs).toMatchObject({
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [
        { name: "privatelink-servicebus-windows-net", privateDnsZoneId: zoneId("privatelink.servicebus.windows.net") },
      ],
    });
  });

  test("a wrong group id fails before any child", async () => {
    expect(
      () =>
        new PrivateEndpoint("bad", {
          resourceGroupName: "rg",
          targetId: "t",
          targetType: "Microsoft.EventGrid/topics",
          groupId: "namespace",
          subnetId: "s",
        }),
    ).toThrow(
      'azint:network:PrivateEndpoint bad: invalid input\n  - groupId: "namespace" is not a group id of Microsoft.EventGrid/topics; allowed: topic',
    );
    await sim.settle();
    expect(sim.arm.ofType("azure-native:network:PrivateEndpoint")).toHaveLength(0);
  });
});

describe("network stack config", () => {
  const base = {
    environment: "test",
    network: {
      virtualNetwork: { addressSpace: ["10.20.0.0/16"] },
      subnets: { endpoints: { addressPrefix: "10.20.1.0/24" } },
    },
  };

  test("zones come from every endpoint in the config, each once", () => {
    const { config, violations } = validateStackConfig({
      ...base,
      storage: { st: { privateEndpoints: { b: { subnet: "endpoints", groupId: "blob" } } } },
      network: { ...base.network, privateDnsZones: { zones: { "privatelink.eventgrid.azure.net": {} } } },
    });
    expect(violations).toEqual([]);
    // Sections of other issues are found by the generic walk (here: a config object shaped like theirs).
    const withServices = {
      ...config!,
      eventhubs: { namespaces: { a: { privateEndpoints: { m: { subnet: "endpoints" } } } } },
      servicebus: { namespaces: { b: { privateEndpoints: { m: { subnet: "endpoints" } } } } },
    } as never;
    expect(collectPrivateEndpoints(withServices).map((p) => [p.path, p.targetType])).toEqual([
      ["storage.st.privateEndpoints.b", "Microsoft.Storage/storageAccounts"],
      ["eventhubs.namespaces.a.privateEndpoints.m", "Microsoft.EventHub/namespaces"],
      ["servicebus.namespaces.b.privateEndpoints.m", "Microsoft.ServiceBus/namespaces"],
    ]);
    expect(zonesForConfig(withServices)).toEqual([
      "privatelink.blob.core.windows.net",
      "privatelink.eventgrid.azure.net",
      "privatelink.servicebus.windows.net",
    ]);
  });

  test.each([
    [
      "an endpoint in an undeclared subnet",
      { storage: { st: { privateEndpoints: { b: { subnet: "nope", groupId: "blob" } } } } },
      "storage.st.privateEndpoints.b.subnet",
      "names no subnet declared under 'network.subnets' and is not a subnet id; declared: endpoints",
    ],
    [
      "overlapping subnets",
      {
        network: {
          ...base.network,
          subnets: { a: { addressPrefix: "10.20.0.0/16" }, b: { addressPrefix: "10.20.1.0/24" } },
        },
      },
      "network.subnets.b.addressPrefix",
      "overlaps subnets.a",
    ],
    [
      "a subnet outside the address space",
      { network: { ...base.network, subnets: { a: { addressPrefix: "10.99.0.0/24" } } } },
      "network.subnets.a.addressPrefix",
      "is outside the address space 10.20.0.0/16",
    ],
    [
      "an endpoint whose subnet is a virtual network id (Azure needs the subnet's id)",
      { storage: { st: { privateEndpoints: { b: { subnet: vnetId, groupId: "blob" } } } } },
      "storage.st.privateEndpoints.b.subnet",
      "is not a subnet id",
    ],
    [
      "an existing subnet given by its virtual network's id",
      { network: { ...base.network, subnets: { hub: { id: vnetId } } } },
      "network.subnets.hub.id",
      "is not a subnet id",
    ],
    [
      "a subnet with both a prefix and an id",
      { network: { ...base.network, subnets: { a: { addressPrefix: "10.20.1.0/24", id: `${vnetId}/subnets/a` } } } },
      "network.subnets.a",
      "needs exactly one of addressPrefix (a new subnet) or id (an existing one)",
    ],
  ])("%s", (_case, extra, path, message) => {
    const { violations } = validateStackConfig({ ...base, ...(extra as object) });
    expect(violations).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });
});
