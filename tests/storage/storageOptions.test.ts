import { validateStorageAccountArgs } from "../../components/storage/StorageAccount";
import { validateStackConfig } from "../../stacks/config/load";
import { buildStack } from "../../stacks/program";
import { useSimulatedArm } from "../helpers/simulation";

// Storage options (issue 13, item 7): access tier, premium SKUs, per-account tags, blob service properties and
// container immutability where dead-letters and captures are kept.

const storage = {
  archive: {
    sku: "Standard_GZRS",
    accessTier: "Cool",
    tags: { dataClass: "confidential" },
    softDeleteRetentionDays: 14,
    containerSoftDeleteRetentionDays: 30,
    changeFeed: { enabled: true, retentionInDays: 90 },
    containers: {
      deadletters: { immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 30 } },
      capture: {},
    },
  },
  hot: { sku: "Premium_ZRS", containers: { ingest: {} } },
};
const stack = { environment: "test", tags: { costCenter: "cc-1" }, storage };

const sim = useSimulatedArm({
  config: Object.fromEntries(
    Object.entries({ ...stack, location: "westeurope" }).map(([k, v]) => [
      `azure-integration:${k}`,
      typeof v === "string" ? v : JSON.stringify(v),
    ]),
  ),
});

describe("storage options reach azure-native from the stack config", () => {
  test("access tier, tags, soft delete, change feed, container immutability; premium SKUs are block blob accounts", async () => {
    buildStack();
    await sim.settle();
    const accounts = sim.arm.ofType("azure-native:storage:StorageAccount");
    const archive = accounts.find((a) => a.configKey === "storage.archive")!;
    expect(archive.inputs).toMatchObject({
      kind: "StorageV2",
      sku: { name: "Standard_GZRS" },
      accessTier: "Cool",
      tags: { costCenter: "cc-1", environment: "test", dataClass: "confidential" },
    });
    const services = sim.arm.ofType("azure-native:storage:BlobServiceProperties");
    const archiveService = services.find((b) => b.configKey === "storage.archive")!;
    expect(archiveService.inputs).toMatchObject({
      deleteRetentionPolicy: { enabled: true, days: 14 },
      containerDeleteRetentionPolicy: { enabled: true, days: 30 },
      isVersioningEnabled: true,
      changeFeed: { enabled: true, retentionInDays: 90 },
    });
    const policies = sim.arm.ofType("azure-native:storage:BlobContainerImmutabilityPolicy");
    expect(policies).toHaveLength(1);
    expect(policies[0].inputs).toMatchObject({
      containerName: "deadletters",
      immutabilityPolicyName: "default",
      immutabilityPeriodSinceCreationInDays: 30,
    });
    expect(policies[0].configKey).toBe("storage.archive.containers.deadletters");

    const hot = accounts.find((a) => a.configKey === "storage.hot")!;
    expect(hot.inputs).toMatchObject({ kind: "BlockBlobStorage", sku: { name: "Premium_ZRS" } });
    expect(hot.inputs.accessTier).toBeUndefined();
    expect(Object.keys((hot.inputs.encryption as { services: object }).services)).toEqual(["blob"]);
    // Unset options keep the defaults: soft delete 7 days for both, versioning on, no change feed.
    expect(services.find((b) => b.configKey === "storage.hot")!.inputs).toMatchObject({
      deleteRetentionPolicy: { days: 7 },
      containerDeleteRetentionPolicy: { days: 7 },
      isVersioningEnabled: true,
    });
    expect(services.find((b) => b.configKey === "storage.hot")!.inputs.changeFeed).toBeUndefined();
  });
});

describe("validation with config key paths", () => {
  const withAccount = (extra: object) => ({ ...stack, storage: { ...storage, hot: { ...storage.hot, ...extra } } });

  test.each([
    ["an access tier on a premium account", { accessTier: "Hot" }, "storage.hot.accessTier", "its tier is Premium"],
    ["queues on a premium account", { queues: { work: {} } }, "storage.hot.queues", "holds blobs only"],
    [
      "a change feed on a data lake",
      { sku: "Standard_ZRS", dataLake: true, changeFeed: { enabled: true } },
      "storage.hot.changeFeed.enabled",
      "hierarchical namespace",
    ],
    [
      "a change feed kept longer than Azure allows",
      { sku: "Standard_ZRS", changeFeed: { enabled: true, retentionInDays: 146001 } },
      "storage.hot.changeFeed.retentionInDays",
      /146000/,
    ],
    [
      "container soft delete beyond 365 days",
      { containerSoftDeleteRetentionDays: 366 },
      "storage.hot.containerSoftDeleteRetentionDays",
      /365/,
    ],
    [
      "an immutability period of 0 days",
      { containers: { ingest: { immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 0 } } } },
      "storage.hot.containers.ingest.immutabilityPolicy.immutabilityPeriodSinceCreationInDays",
      /minimum is 1|1-146000/,
    ],
    [
      "both protected-append options",
      {
        containers: {
          ingest: {
            immutabilityPolicy: {
              immutabilityPeriodSinceCreationInDays: 7,
              allowProtectedAppendWrites: true,
              allowProtectedAppendWritesAll: true,
            },
          },
        },
      },
      "storage.hot.containers.ingest.immutabilityPolicy.allowProtectedAppendWritesAll",
      "exclusive",
    ],
    ["an unknown access tier", { sku: "Standard_ZRS", accessTier: "Archive" }, "storage.hot.accessTier", ""],
  ])("%s", (_c, extra, path, message) => {
    const { violations } = validateStackConfig(withAccount(extra));
    // The range may be refused by the schema (its message) or by the component (its own): both name the limit.
    expect(violations).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });

  test("a queue endpoint on a premium account (component)", () => {
    const subnetId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe";
    const found = validateStorageAccountArgs({
      resourceGroupName: "rg",
      sku: "Premium_LRS",
      privateEndpoints: { q: { subnetId, groupId: "queue" } },
    });
    expect(found.map((v) => v.path)).toEqual(["privateEndpoints.q.groupId"]);
  });
});
