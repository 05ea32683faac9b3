import { validatePrivateEndpointArgs } from "../../components/network/PrivateEndpoint";
import { validateStackConfig } from "../../stacks/config/load";
import { buildStack } from "../../stacks/program";
import { useSimulatedArm } from "../helpers/simulation";

// Private endpoint options of the shared shape (issue 13, item 3): Azure name, NIC name, static IPs, tags, a lock and
// role assignments on the endpoint, on any service (here Service Bus and storage).

const READER = "6f0e3c1a-2b4d-4e8f-9a1b-3c5d7e9f1a2b";
const sbEndpoint = {
  subnet: "endpoints",
  name: "pe-sb-orders",
  customNetworkInterfaceName: "nic-pe-sb-orders",
  ipConfigurations: { primary: { privateIPAddress: "10.40.1.10" } },
  tags: { owner: "network-team" },
  lock: { kind: "CanNotDelete" },
  roleAssignments: {
    ops: { role: "Reader", principal: { principalId: READER, principalType: "Group" } },
    app: { role: "Reader", principal: { identity: "orders-app" } },
  },
};
const stack = {
  environment: "test",
  tags: { costCenter: "cc-1" },
  identities: { "orders-app": {} },
  network: {
    virtualNetwork: { addressSpace: ["10.40.0.0/16"] },
    subnets: { endpoints: { addressPrefix: "10.40.1.0/24" } },
  },
  servicebus: { namespaces: { orders: { tier: "Premium", capacity: 1, privateEndpoints: { main: sbEndpoint } } } },
  storage: {
    events: {
      privateEndpoints: {
        blob: {
          subnet: "endpoints",
          groupId: "blob",
          ipConfigurations: { blob: { privateIPAddress: "10.40.1.11" } },
        },
      },
    },
  },
};

const sim = useSimulatedArm({
  config: Object.fromEntries(
    Object.entries({ ...stack, location: "westeurope" }).map(([k, v]) => [
      `azure-integration:${k}`,
      typeof v === "string" ? v : JSON.stringify(v),
    ]),
  ),
});

describe("private endpoint options reach azure-native", () => {
  test("name, NIC name, static IP with the group's member, tags on top of the resource's, lock and roles on the endpoint", async () => {
    buildStack();
    await sim.settle();
    const endpoints = sim.arm.ofType("azure-native:network:PrivateEndpoint");
    const sb = endpoints.find((e) => e.inputs.privateEndpointName === "pe-sb-orders")!;
    expect(sb.inputs).toMatchObject({
      customNetworkInterfaceName: "nic-pe-sb-orders",
      ipConfigurations: [
        { name: "primary", groupId: "namespace", memberName: "namespace", privateIPAddress: "10.40.1.10" },
      ],
      tags: { costCenter: "cc-1", environment: "test", owner: "network-team" },
    });
    // Storage: the member is the group id; without its own tags the endpoint carries the account's.
    const blob = endpoints.find((e) => e !== sb)!;
    expect(blob.inputs.ipConfigurations).toEqual([
      { name: "blob", groupId: "blob", memberName: "blob", privateIPAddress: "10.40.1.11" },
    ]);
    expect(blob.inputs.tags).toMatchObject({ costCenter: "cc-1", environment: "test" });
    expect((blob.inputs.tags as Record<string, string>).owner).toBeUndefined();

    // The lock and role assignments are scoped to the endpoint, the lock after the roles.
    const scoped = (type: string) => sim.arm.ofType(type).filter((r) => r.propertyDependencies.scope?.includes(sb.urn));
    const lock = scoped("azure-native:authorization:ManagementLockByScope");
    expect(lock).toHaveLength(1);
    expect(lock[0].inputs).toMatchObject({ level: "CanNotDelete", lockName: "lock-private-endpoint" });
    const roles = scoped("azure-native:authorization:RoleAssignment");
    expect(roles.map((r) => r.inputs.principalType).sort()).toEqual(["Group", "ServicePrincipal"]);
    for (const role of roles) expect(lock[0].dependencies).toContain(role.urn);
  });
});

describe("validation with config key paths", () => {
  const withEndpoint = (extra: object) => ({
    ...stack,
    servicebus: {
      namespaces: {
        orders: { ...stack.servicebus.namespaces.orders, privateEndpoints: { main: { ...sbEndpoint, ...extra } } },
      },
    },
  });
  const at = "servicebus.namespaces.orders.privateEndpoints.main";

  test.each([
    [
      "an IP outside the subnet",
      { ipConfigurations: { p: { privateIPAddress: "10.40.2.10" } } },
      `${at}.ipConfigurations.p.privateIPAddress`,
      "is outside the subnet's prefix: network.subnets.endpoints is 10.40.1.0/24",
    ],
    [
      "an address Azure reserves",
      { ipConfigurations: { p: { privateIPAddress: "10.40.1.3" } } },
      `${at}.ipConfigurations.p.privateIPAddress`,
      "is one of the five addresses Azure reserves",
    ],
    [
      "the storage endpoint's address",
      { ipConfigurations: { p: { privateIPAddress: "10.40.1.11" } } },
      "storage.events.privateEndpoints.blob.ipConfigurations.blob.privateIPAddress",
      `is also the address of ${at}.ipConfigurations.p.privateIPAddress in one subnet`,
    ],
    [
      "another group id",
      { ipConfigurations: { p: { privateIPAddress: "10.40.1.10", groupId: "topic" } } },
      `${at}.ipConfigurations.p.groupId`,
      "is not the endpoint's group id namespace",
    ],
    [
      "a member the group does not have",
      { ipConfigurations: { p: { privateIPAddress: "10.40.1.10", memberName: "ns" } } },
      `${at}.ipConfigurations.p.memberName`,
      "is not a member of group namespace; allowed: namespace",
    ],
    [
      "a role without a declared identity",
      { roleAssignments: { r: { role: "Reader", principal: { identity: "nobody" } } } },
      `${at}.roleAssignments.r.principal.identity`,
      "names no identity",
    ],
    [
      "a role that is not a role",
      { roleAssignments: { r: { role: "Readers", principal: { principalId: READER, principalType: "User" } } } },
      `${at}.roleAssignments.r.role`,
      "",
    ],
  ])("%s", (_c, extra, path, message) => {
    const { violations } = validateStackConfig(withEndpoint(extra));
    expect(violations).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });

  test("an address twice in one endpoint, and an unknown key in the shape", () => {
    const twice = validateStackConfig(
      withEndpoint({
        ipConfigurations: { a: { privateIPAddress: "10.40.1.10" }, b: { privateIPAddress: "10.40.1.10" } },
      }),
    );
    expect(twice.violations.map((v) => v.path)).toContain(`${at}.ipConfigurations.b.privateIPAddress`);
    expect(validateStackConfig(withEndpoint({ nicName: "x" })).violations.map((v) => v.path)).toEqual([
      `${at}.nicName`,
    ]);
  });

  test("a group without a known member needs memberName (Batch nodeManagement); given, it passes", () => {
    const args = {
      resourceGroupName: "rg",
      targetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/b",
      targetType: "Microsoft.Batch/batchAccounts",
      groupId: "nodeManagement",
      subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
    };
    const missing = validatePrivateEndpointArgs({ ...args, ipConfigurations: { n: { privateIPAddress: "10.0.0.9" } } });
    expect(missing).toEqual([expect.objectContaining({ path: "ipConfigurations.n.memberName" })]);
    const given = { n: { privateIPAddress: "10.0.0.9", memberName: "nodeManagement" } };
    expect(validatePrivateEndpointArgs({ ...args, ipConfigurations: given })).toEqual([]);
  });
});
