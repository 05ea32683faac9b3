import { StorageAccount, validateStorageAccountArgs } from "../../components/storage/StorageAccount";
import { useSimulatedArm } from "../helpers/simulation";

const sim = useSimulatedArm();

describe("validateStorageAccountArgs", () => {
  test.each([
    ["valid", { accountName: "stevents01", containers: { deadletters: {} } }, []],
    ["uppercase account name", { accountName: "StEvents" }, ["accountName"]],
    ["container name with underscore", { containers: { dead_letters: {} } }, ["containers.dead_letters"]],
    ["queue name too short", { queues: { q: {} } }, ["queues.q"]],
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
      privateEndpoints: { blob: { subnetId: "/subnet", groupId: "blob" } },
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

  test("a bad input fails before any child is created", async () => {
    expect(() => new StorageAccount("st3", { resourceGroupName: "rg", accountName: "NO" })).toThrow(
      'azint:storage:StorageAccount st3: invalid input\n  - accountName: "NO" must be 3-24 lowercase letters and digits',
    );
    await sim.settle();
    expect(sim.arm.ofType("azure-native:storage:StorageAccount")).toHaveLength(0);
  });
});
