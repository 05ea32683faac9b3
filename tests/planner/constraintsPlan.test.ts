import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT_INVALID_CONFIG, runPlan } from "../../planner/plan";

/**
 * The plan's exit for inputs Azure would refuse, in-process (one plan per Jest file: the Pulumi runtime is global):
 * a throwaway project whose program registers a storage account without a name, which azure-native auto-names
 * as `<logical name><8 hex>` (hyphens, 25 characters), and a queue and a topic sharing one entity path.
 */
describe("npm run plan refuses what ARM would refuse", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-arm-"));
  const sdk = (m: string) => JSON.stringify(require.resolve(`@pulumi/azure-native/${m}`));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: arm-rules\nruntime: nodejs\nmain: program.js\n");
  fs.writeFileSync(path.join(dir, "Pulumi.check.yaml"), "config: {}\n");
  fs.writeFileSync(
    path.join(dir, "program.js"),
    [
      `const storage = require(${sdk("storage")});`,
      `const servicebus = require(${sdk("servicebus")});`,
      'new storage.StorageAccount("st-events-account", { resourceGroupName: "rg", kind: "StorageV2", sku: { name: "Standard_LRS" } });',
      'new servicebus.Queue("q", { resourceGroupName: "rg", namespaceName: "sb-orders-dev", queueName: "audit" });',
      'new servicebus.Topic("t", { resourceGroupName: "rg", namespaceName: "sb-orders-dev", topicName: "Audit" });',
    ].join("\n"),
  );
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("exit 2, one line per refused input: where, the input and value, the rule and its source", async () => {
    const report = await runPlan({ projectDir: dir, stack: "check", policies: [] });
    expect(report.exitCode).toBe(EXIT_INVALID_CONFIG);
    const lines = (report.error ?? "").split("\n").slice(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /Topic::t: a queue and a topic with one entity path in one namespace \(resource .*Queue::q and resource .*Topic::t\)/,
      ),
      expect.stringMatching(
        /StorageAccount::st-events-account \(azure-native:storage:StorageAccount input accountName = "st-events-account[0-9a-f]{8}"\): must be at most 24 characters \(is 25\) \(azure-native's auto-name; set a name\) \[specification\/storage\/resource-manager\/Microsoft\.Storage\/stable\/2024-01-01\/storage\.json #\/parameters\/StorageAccountName \(API version 2024-01-01\)\]$/,
      ),
      expect.stringMatching(/StorageAccount::st-events-account .*: must match \^\[a-z0-9\]\+\$/),
    ]);
  });
});
