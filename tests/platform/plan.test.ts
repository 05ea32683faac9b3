import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlannedJson as Planned, runPlanCli } from "../helpers/runPlanCli";
import { SharedPlan, sharedPlan } from "../helpers/sharedPlans";

// The platform's shared plan (its outputs and --json; tests/helpers/sharedPlans.ts) and two CLI spawns: a team
// planned with the platform first (child process), and a team whose platform export lacks what it references (exit 2).
const REF = "organization/azure-integration/platform";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-platform-"));
const file = (name: string) => path.join(tmp, name);
const readJson = (name: string) => JSON.parse(fs.readFileSync(file(name), "utf8"));
const one = (plan: { resources: Planned[] }, type: string, suffix: string): Planned => {
  const found = plan.resources.filter((r) => r.type === type && r.name.endsWith(suffix));
  expect(found.map((r) => r.name)).toHaveLength(1);
  return found[0];
};

let platform: SharedPlan;
beforeAll(() => {
  platform = sharedPlan("stacks/Pulumi.platform.yaml");
});
const platformOutputs = () => JSON.parse(fs.readFileSync(platform.outputs.stack, "utf8"));

describe("platform and team stacks in the offline plan", () => {
  test("the platform plans (exit 0) and exports the versioned document with the ids it created", () => {
    expect(platform.status).toBe(0);
    const doc = platformOutputs().platform;
    const plan = platform.plan;
    expect(doc.version).toBe(1);
    const eh = one(plan, "azure-native:eventhub:Namespace", "evhns-telemetry-namespace");
    expect(doc.eventhubs.telemetry).toMatchObject({
      name: eh.inputs.namespaceName,
      resourceGroupName: "rg-integration-platform-test",
      tier: "Standard",
      localAuth: false,
    });
    expect(doc.eventhubs.telemetry.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.servicebus.orders).toMatchObject({ sku: "Standard", resourceGroupName: "rg-integration-platform-test" });
    expect(doc.servicebus.orders.id).toMatch(/\/providers\/Microsoft\.ServiceBus\/namespaces\/[^/]+$/);
    expect(Object.keys(doc.network.subnets).sort()).toEqual(["apps", "endpoints"]);
    expect(doc.network.privateDnsZones["privatelink.servicebus.windows.net"]).toMatch(/privateDnsZones/);
    expect(doc.identities["telemetry-processor"].principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.storage.events.containers.checkpoints.id).toMatch(/\/containers\/checkpoints$/);
  });

  test("a team stack plans the platform first and attaches only its entities, with roles for its identities", () => {
    const r = runPlanCli(["--stack", "team-telemetry", "--platform-stack", "platform", "--json", file("team.json")]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const doc = platformOutputs().platform;
    const plan = readJson("team.json");
    expect(plan.resources.filter((x: Planned) => /:(eventhub|servicebus):Namespace$/.test(x.type))).toEqual([]);
    const hub = one(plan, "azure-native:eventhub:EventHub", "-hub/device-telemetry");
    expect(hub.inputs).toMatchObject({
      namespaceName: doc.eventhubs.telemetry.name,
      resourceGroupName: doc.eventhubs.telemetry.resourceGroupName,
    });
    // Capture writes with the platform namespace's identity, to the platform's container, granted before the hub.
    const capture = one(plan, "azure-native:authorization:RoleAssignment", "-capture/device-telemetry");
    expect(capture.inputs).toMatchObject({
      principalId: doc.eventhubs.telemetry.principalId,
      scope: doc.storage.events.containers.capture.id,
    });
    expect(hub.dependencies).toContain(capture.urn);
    // The platform's shared identity checkpoints in the platform's container; the team's own in its own storage.
    const shared = one(
      plan,
      "azure-native:authorization:RoleAssignment",
      "-checkpoint/device-telemetry/stream-processing/processor",
    );
    expect(shared.inputs).toMatchObject({
      principalId: doc.identities["telemetry-processor"].principalId,
      scope: doc.storage.events.containers.checkpoints.id,
    });
    const own = one(
      plan,
      "azure-native:authorization:RoleAssignment",
      "-checkpoint/device-telemetry/alerting/alerting",
    );
    expect(own.inputs.scope).toMatch(/\/containers\/checkpoints$/);
    expect(own.inputs.scope).not.toBe(doc.storage.events.containers.checkpoints.id);
    expect(
      one(plan, "azure-native:authorization:RoleAssignment", "-sender/device-telemetry/devices").inputs.scope,
    ).toBe(`${doc.eventhubs.telemetry.id}/eventhubs/device-telemetry`);
    expect(one(plan, "azure-native:resources:ResourceGroup", "rg").inputs.resourceGroupName).toBe(
      "rg-integration-test-telemetry",
    );
  });

  test("a team stack that references a missing platform export exits 2 with the key path", () => {
    const outputs = platformOutputs();
    delete outputs.platform.servicebus.orders;
    fs.writeFileSync(file("missing.json"), JSON.stringify({ [REF]: outputs }));
    const r = runPlanCli(["--stack", "team-orders", "--stack-outputs", file("missing.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `platform.servicebus.orders: "orders" names no Service Bus namespace that platform stack '${REF}' exports; exported: (none)`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
    expect(r.stdout).toContain("Result: invalid configuration (exit 2)");
  });
});
