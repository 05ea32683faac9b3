import * as eventhub from "@pulumi/azure-native/eventhub";
import * as storage from "@pulumi/azure-native/storage";
import type { PolicyPackConfig } from "@pulumi/policy";
import { renderExemptions } from "../../planner/report";
import { RG, ruleHarness } from "./harness";

// Exemptions (`exemptions: [{ resource, reason }]` in a rule's policy config, policies/lib/rule.ts): the named
// resources are not reported, every other resource still is, and a malformed exemption is a config error.

const h = ruleHarness();

const account = (name: string, publicNetworkAccess: "Enabled" | "Disabled") =>
  new storage.StorageAccount(name, {
    resourceGroupName: RG,
    accountName: name.replace(/-/g, ""),
    kind: "StorageV2",
    sku: { name: "Standard_ZRS" },
    publicNetworkAccess,
    networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
  });

const captureTo = (name: string, acct: storage.StorageAccount) => {
  const ns = new eventhub.Namespace(`${name}-ns`, { resourceGroupName: RG, sku: { name: "Standard" } });
  new eventhub.EventHub(`${name}-eh`, {
    resourceGroupName: RG,
    namespaceName: ns.name,
    captureDescription: {
      enabled: true,
      encoding: "Avro",
      destination: {
        name: "EventHubArchive.AzureBlockBlob",
        storageAccountResourceId: acct.id,
        blobContainer: "capture",
        archiveNameFormat: "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
      },
    },
  });
};

const exempt = (rule: string, ...resources: string[]): PolicyPackConfig => ({
  [rule]: {
    enforcementLevel: "mandatory",
    exemptions: resources.map((resource) => ({ resource, reason: "capture sink (test)" })),
  },
});

describe("policy exemptions", () => {
  test("a resource rule skips the exempted resource, with the reason, and still reports the others", async () => {
    const result = await h.evaluate(
      "storage-account-public-network-access-disabled",
      () => {
        account("sink-st", "Enabled");
        account("other-st", "Enabled");
      },
      exempt("storage-account-public-network-access-disabled", "sink-st"),
    );
    expect(result.violations.map((v) => [v.urn?.split("::").pop(), v.enforcementLevel])).toEqual([
      ["other-st", "mandatory"],
    ]);
    expect(result.notApplicable).toContainEqual(
      expect.objectContaining({
        policy: "storage-account-public-network-access-disabled",
        reason: "exempted: capture sink (test)",
      }),
    );
  });

  test("a stack rule drops reports on the exempted resource only", async () => {
    const build = (prefix: string) => () => {
      captureTo(`${prefix}-a`, account(`${prefix}-a-st`, "Disabled"));
      captureTo(`${prefix}-b`, account(`${prefix}-b-st`, "Disabled"));
    };
    const without = await h.evaluate("storage-sink-reachable-by-service", build("x"), {
      "storage-sink-reachable-by-service": "mandatory",
    });
    expect(without.violations.map((v) => v.urn?.split("::").pop()).sort()).toEqual(["x-a-st", "x-b-st"]);
    const withExemption = await h.evaluate(
      "storage-sink-reachable-by-service",
      build("y"),
      exempt("storage-sink-reachable-by-service", "y-a-st"),
    );
    // The harness's ARM keeps the earlier case's resources: only y-a-st is exempted.
    expect(withExemption.violations.map((v) => v.urn?.split("::").pop()).sort()).toEqual([
      "x-a-st",
      "x-b-st",
      "y-b-st",
    ]);
  });

  test.each([
    ["no reason", { resource: "sink-st" }, /exemptions\[0\]\.reason: is required/],
    ["an empty resource", { resource: "", reason: "why" }, /exemptions\[0\]\.resource: shorter than 1/],
    ["an unknown field", { resource: "sink-st", reason: "why", until: "2027" }, /exemptions\[0\]\.until/],
  ])("an exemption with %s is a policy config error", async (_label, exemption, message) => {
    await expect(
      h.evaluate("storage-account-public-network-access-disabled", () => undefined, {
        "storage-account-public-network-access-disabled": { enforcementLevel: "mandatory", exemptions: [exemption] },
      }),
    ).rejects.toThrow(message);
  });

  test("the plan lists every exemption and warns about one that names no resource of the stack", () => {
    const text = renderExemptions([
      { policy: "storage-account-public-network-access-disabled", resource: "st-a", reason: "sink", matched: true },
      { policy: "storage-account-network-exceptions", resource: "st-gone", reason: "sink", matched: false },
    ])!;
    expect(text).toContain("Policy exemptions: 2");
    expect(text).toContain("storage-account-public-network-access-disabled st-a: sink");
    expect(text).toMatch(/no resource of this stack is named st-gone; the exemption has no effect/);
    expect(renderExemptions([])).toBeUndefined();
  });
});
