import { VirtualNetwork } from "../../components/network/VirtualNetwork";
import { StorageAccount, validateStorageAccountArgs } from "../../components/storage/StorageAccount";
import { useSimulatedArm } from "../helpers/simulation";

/**
 * The secure defaults the Azure Landing Zones Deny policies require (policies/README.md, "Landing zones"), as the
 * inputs that reach azure-native.
 */
const sim = useSimulatedArm();
const PE = {
  blob: {
    subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe",
    groupId: "blob",
  },
};

describe("StorageAccount guardrail defaults", () => {
  test("copy scope, cross-tenant replication, local users, double encryption, soft delete and versioning", async () => {
    new StorageAccount("st", { resourceGroupName: "rg", accountName: "stguard01", containers: { deadletters: {} } });
    await sim.settle();
    expect(sim.one("azure-native:storage:StorageAccount").inputs).toMatchObject({
      allowedCopyScope: "AAD",
      allowCrossTenantReplication: false,
      isLocalUserEnabled: false,
      isSftpEnabled: false,
      allowSharedKeyAccess: false,
      minimumTlsVersion: "TLS1_2",
      encryption: {
        keySource: "Microsoft.Storage",
        requireInfrastructureEncryption: true,
        services: {
          blob: { enabled: true },
          file: { enabled: true },
          queue: { keyType: "Account" },
          table: { keyType: "Account" },
        },
      },
    });
    expect(sim.one("azure-native:storage:BlobServiceProperties").inputs).toMatchObject({
      accountName: "stguard01",
      blobServicesName: "default",
      deleteRetentionPolicy: { enabled: true, days: 7 },
      containerDeleteRetentionPolicy: { enabled: true, days: 7 },
      isVersioningEnabled: true,
    });
  });

  test("with private endpoints: public access Disabled and no trusted-service bypass; explicit Enabled keeps it", async () => {
    new StorageAccount("st1", { resourceGroupName: "rg", accountName: "stguard02", privateEndpoints: PE });
    new StorageAccount("st2", {
      resourceGroupName: "rg",
      accountName: "stguard03",
      privateEndpoints: PE,
      publicNetworkAccess: "Enabled",
      dataLake: true,
    });
    await sim.settle();
    const [closed, open] = sim.arm.ofType("azure-native:storage:StorageAccount");
    expect(closed.inputs).toMatchObject({
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "None" },
    });
    expect(open.inputs).toMatchObject({
      publicNetworkAccess: "Enabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
    });
    // A data lake keeps soft delete but has no versioning (not available with a hierarchical namespace).
    expect(sim.arm.ofType("azure-native:storage:BlobServiceProperties")[1].inputs.isVersioningEnabled).toBe(false);
  });

  test("bad soft-delete days and versioning on a data lake are config errors with the path", () => {
    expect(
      validateStorageAccountArgs({
        resourceGroupName: "rg",
        softDeleteRetentionDays: 0,
        dataLake: true,
        versioning: true,
      }).map((v) => [v.path, v.message]),
    ).toEqual([
      ["softDeleteRetentionDays", "must be a whole number of days, 1-365"],
      ["versioning", "is not available with a hierarchical namespace (dataLake: true)"],
    ]);
  });
});

describe("VirtualNetwork guardrail defaults", () => {
  test("an NSG per subnet and one route table, except where Azure or the ALZ policies exempt them", async () => {
    new VirtualNetwork("net", {
      resourceGroupName: "rg-net",
      addressSpace: ["10.40.0.0/16"],
      subnets: {
        endpoints: { addressPrefix: "10.40.1.0/24" },
        gateway: { addressPrefix: "10.40.2.0/27", subnetName: "GatewaySubnet" },
        own: {
          addressPrefix: "10.40.3.0/24",
          networkSecurityGroupId:
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/hub",
        },
      },
    });
    await sim.settle();
    const nsgs = sim.arm.ofType("azure-native:network:NetworkSecurityGroup");
    expect(nsgs).toHaveLength(1);
    expect(nsgs[0].inputs.securityRules).toBeUndefined();
    const table = sim.one("azure-native:network:RouteTable");
    const subnet = (name: string) =>
      sim.arm.ofType("azure-native:network:Subnet").find((s) => s.inputs.subnetName === name)!;
    expect(subnet("endpoints").inputs).toMatchObject({
      networkSecurityGroup: { id: nsgs[0].id },
      routeTable: { id: table.id },
    });
    expect(subnet("GatewaySubnet").inputs.networkSecurityGroup).toBeUndefined();
    expect(subnet("GatewaySubnet").inputs.routeTable).toEqual({ id: table.id });
    expect(subnet("own").inputs.networkSecurityGroup).toEqual({
      id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/hub",
    });
  });

  test("both can be turned off", async () => {
    new VirtualNetwork("bare", {
      resourceGroupName: "rg-net",
      addressSpace: ["10.50.0.0/16"],
      subnets: { a: { addressPrefix: "10.50.1.0/24" } },
      networkSecurityGroups: false,
      routeTable: false,
    });
    await sim.settle();
    expect(sim.arm.ofType("azure-native:network:NetworkSecurityGroup")).toEqual([]);
    expect(sim.arm.ofType("azure-native:network:RouteTable")).toEqual([]);
    expect(sim.one("azure-native:network:Subnet").inputs).not.toHaveProperty("networkSecurityGroup");
  });
});
