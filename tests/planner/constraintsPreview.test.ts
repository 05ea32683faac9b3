import * as storage from "@pulumi/azure-native/storage";
import * as resources from "@pulumi/azure-native/resources";
import { nameViolations } from "../../planner/arm/constraints/names";
import { useSimulatedArm } from "../helpers/simulation";

// A preview of a new stack: ids and computed outputs are unknown, so are inputs derived from them.
const sim = useSimulatedArm({ preview: true });

describe("ARM constraints during a preview", () => {
  test("a name known only after apply is skipped; a known auto-name is still checked", async () => {
    const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-app" });
    // Known at preview time only as "some output of the resource group": unknown.
    new storage.StorageAccount("named", {
      resourceGroupName: "rg-app",
      accountName: rg.id.apply((id) => `st${id.length}`),
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
    });
    new storage.StorageAccount("st-auto", {
      resourceGroupName: "rg-app",
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
    });
    await sim.settle();
    const found = sim.arm.armViolations();
    expect(found.filter((v) => v.urn.endsWith("::named"))).toEqual([]);
    expect(found.filter((v) => v.urn.endsWith("::st-auto")).map((v) => v.rule)).toEqual([
      expect.stringContaining("must match ^[a-z0-9]+$"),
    ]);
  });
});

describe("name rules before any resource exists", () => {
  test("a name is checked against its type's table entries for the name input only", () => {
    expect(nameViolations("azure-native:storage:StorageAccount", "stevents01")).toEqual([]);
    expect(nameViolations("azure-native:storage:StorageAccount", "st-Events").map((v) => v.rule)).toEqual([
      "must match ^[a-z0-9]+$",
    ]);
    expect(nameViolations("azure-native:servicebus:Namespace", "sb").map((v) => v.rule)).toEqual([
      "must be at least 6 characters (is 2)",
      expect.stringMatching(/^must match /),
    ]);
    expect(nameViolations("azure-native:servicebus:Namespace", "orders-sb").map((v) => v.rule)).toEqual([
      expect.stringMatching(/^must match /),
    ]);
  });
});
