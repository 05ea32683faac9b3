import { StorageAccount, validateStorageAccountArgs } from "../../components/storage/StorageAccount";
import { useSimulatedArm } from "../helpers/simulation";

const sim = useSimulatedArm();

describe("validateStorageAccountArgs", () => {
  test.each([
    ["valid", { accountName: "stevents01", containers: { deadletters: {} } }, []],
    ["uppercase account name", { accountName: "StEvents" }, ["accountName"]],
    ["container name with underscore", { containers: { dead_letters: {} } }, ["containers.dead_letters"]],
    ["queue name too short", { queues: { q: {} } }, ["queues.q"]],
    [
      "container role without principal type",
      { containers: { capture: { roleAssignments: { r: { role: "Storage Blob Data Reader", principalId: "p" } } } } },
      ["containers.capture.roleAssignments.r.principalType"],
    ],
    [
      "queue role that is not a role",
      {
        queues: { work: { roleAssignments: { r: { role: "Queue Reader", principalId: "p", principalType: "User" } } } },
      },
      ["queues.work.roleAssignments.r.role"],
    ],
  ])("%s", (_c, extra, paths) => {
    expect(validateStorageAccountArgs({ resourceGroupName: "rg", ...(extra as object) }).map((v) => v.path)).toEqual(
      paths,
    );
  });
});

describe("StorageAccount", () => {
  test("secure defaults reach azure-native", async () => {
    new StorageAccount("st", {
      resourceGroupName: "rg",
      accountName: "stevents01",
      containers: { deadletters: {} },
      queues: { work: {} },
    });
    await sim.settle();
    expect(sim.one("azure-native:storage:StorageAccount").inputs).toMatchObject({
      accountName: "stevents01",
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      publicNetworkAccess: "Enabled",
    });
    expect(sim.one("azure-native:storage:BlobContainer").inputs).toMatchObject({
      accountName: "stevents01",
      containerName: "deadletters",
      publicAccess: "None",
    });
    expect(sim.one("azure-native:storage:Queue").inputs).toMatchObject({ queueName: "work" });
  });

  test("private endpoints switch public access off and protect reaches stateful children", async () => {
    new StorageAccount("st2", {
      resourceGroupName: "rg",
      accountName: "stevents02",
      protect: true,
      containers: { capture: {} },
      privateEndpoints: {
        blob: {
          subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe",
          groupId: "blob",
        },
      },
    });
    await sim.settle();
    const account = sim.one("azure-native:storage:StorageAccount");
    expect(account.inputs.publicNetworkAccess).toBe("Disabled");
    expect(account.protect).toBe(true);
    expect(sim.one("azure-native:storage:BlobContainer").protect).toBe(true);
    expect(sim.one("azure-native:network:PrivateEndpoint").inputs).toMatchObject({
      privateLinkServiceConnections: [{ groupIds: ["blob"] }],
    });
  });

  test("data roles are scoped to the container or queue, never the account", async () => {
    const principal = { principalId: "pool-pid", principalType: "ServicePrincipal" as const };
    new StorageAccount("st4", {
      resourceGroupName: "rg",
      accountName: "stlake01",
      containers: { capture: { roleAssignments: { read: { role: "Storage Blob Data Reader", ...principal } } } },
      queues: { work: { roleAssignments: { take: { role: "Storage Queue Data Message Processor", ...principal } } } },
    });
    await sim.settle();
    const account =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlake01";
    const roleId = (guid: string) =>
      `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
    expect(sim.one("azure-native:authorization:RoleAssignment", "st4-ra/container/capture/read").inputs).toMatchObject({
      scope: `${account}/blobServices/default/containers/capture`,
      roleDefinitionId: roleId("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"),
      principalId: "pool-pid",
      principalType: "ServicePrincipal",
    });
    expect(sim.one("azure-native:authorization:RoleAssignment", "st4-ra/queue/work/take").inputs).toMatchObject({
      scope: `${account}/queueServices/default/queues/work`,
      roleDefinitionId: roleId("8a0f0c08-91a1-4084-bc3d-661d67233fed"),
    });
  });

  test("a bad input fails before any child is created", async () => {
    expect(() => new StorageAccount("st3", { resourceGroupName: "rg", accountName: "NO" })).toThrow(
      'azint:storage:StorageAccount st3: invalid input\n  - accountName: "NO" must be 3-24 lowercase letters and digits',
    );
    await sim.settle();
    expect(sim.arm.ofType("azure-native:storage:StorageAccount")).toHaveLength(0);
  });
});
