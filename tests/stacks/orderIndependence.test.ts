/** @slow plans every stack and fixture in-process with its maps reversed (tests/helpers/testSequencer.cjs) */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installSimulatedArm, PlannedResource } from "../../planner/simulatedArm";
import { readStackFile } from "../../planner/stackFile";
import { azureNameRules } from "../../components/core/azureNames";
import { buildStack } from "../../stacks/program";
import { PlannedJson } from "../helpers/runPlanCli";
import { platformOf, sharedPlan, shippedStackFiles, stackNameOf } from "../helpers/sharedPlans";

// Reordering the keys of any map in a stack file must change nothing Pulumi or Azure sees: no URN (a moved URN is a
// delete of the live resource after the "new" one is created), no input (a spurious update). Each stack runs
// in-process on the simulated ARM with every map (and the config keys) in reverse order, and is compared with the
// run's shared plan of the file as written (tests/helpers/sharedPlans.ts: `npm run plan -- --json`).

const root = path.resolve(__dirname, "../..");

function reverseMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseMaps);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseMaps(v)]),
    );
  }
  return value;
}

function reversedConfig(config: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .reverse()
      .map(([k, v]) => {
        try {
          return [k, JSON.stringify(reverseMaps(JSON.parse(v)))];
        } catch {
          return [k, v];
        }
      }),
  );
}

/** Outputs the team stacks' StackReference reads: the platform stack's, as a plan would give them. */
async function resolveDeep(v: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(v)) return resolveDeep(await new Promise((r) => (v as pulumi.Output<unknown>).apply(r)));
  if (v instanceof Promise) return resolveDeep(await v);
  if (Array.isArray(v)) return Promise.all(v.map(resolveDeep));
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = await resolveDeep(x);
    return out;
  }
  return v;
}

async function plan(
  stack: string,
  config: Record<string, string>,
  secretKeys: string[],
  stackOutputs?: Record<string, Record<string, unknown>>,
): Promise<{ resources: PlannedResource[]; outputs: Record<string, unknown> }> {
  const arm = installSimulatedArm({
    project: "azure-integration",
    stack,
    config,
    secretKeys,
    stackOutputs,
    subscriptionId: config["azure-native:subscriptionId"],
  });
  const exported = buildStack();
  const outputs = (await resolveDeep(exported)) as Record<string, unknown>;
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return { resources: [...arm.resources], outputs };
}

// The CLI runs the program inside the Stack resource (runInPulumiStack); the in-process plan does not.
const byUrn = (rs: readonly (PlannedResource | PlannedJson)[]) =>
  JSON.parse(
    JSON.stringify(
      Object.fromEntries(
        rs
          .filter((r) => r.type !== "pulumi:pulumi:Stack")
          .map((r) => [r.urn, r.inputs])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      ),
    ),
  );

describe("plans do not depend on the order of keys in the stack file", () => {
  for (const file of shippedStackFiles) {
    test(`${file}: reversed maps give the same URNs and inputs`, async () => {
      const { config, secretKeys } = readStackFile(path.join(root, file));
      // A team stack reads its platform's outputs: those of the platform's shared plan.
      const reference = platformOf(file);
      const platform =
        reference && sharedPlan(path.join(path.dirname(file), `Pulumi.${reference.split("/").pop()}.yaml`));
      const stackOutputs = platform
        ? { [reference]: JSON.parse(fs.readFileSync(platform.outputs.stack, "utf8")) as Record<string, unknown> }
        : undefined;
      const reversed = await plan(stackNameOf(file), reversedConfig(config), secretKeys, stackOutputs);
      const asWritten = sharedPlan(file).plan;
      expect(asWritten.resources.length).toBeGreaterThan(0);
      expect(byUrn(reversed.resources)).toEqual(byUrn(asWritten.resources));
    });
  }

  test("key paths that joined to one logical name in 0.1.0 (order-events/eu-created, order/events-eu-created) plan as two", async () => {
    const { config, secretKeys } = readStackFile(path.join(root, "stacks/Pulumi.dev.yaml"));
    const servicebus = JSON.parse(config["azure-integration:servicebus"]) as {
      namespaces: Record<string, { topics?: Record<string, unknown> }>;
    };
    servicebus.namespaces.orders.topics = {
      ...servicebus.namespaces.orders.topics,
      "order-events": { subscriptions: { "eu-created": {} } },
      order: { subscriptions: { "events-eu-created": {} } },
    };
    const { resources } = await plan(
      "dev",
      { ...config, "azure-integration:servicebus": JSON.stringify(servicebus) },
      secretKeys,
    );
    const subs = resources.filter(
      (r) =>
        r.type === "azure-native:servicebus:Subscription" &&
        ["eu-created", "events-eu-created"].includes(String(r.inputs.subscriptionName)),
    );
    expect(subs.map((r) => r.configKey).sort()).toEqual([
      "servicebus.namespaces.orders.topics.order-events.subscriptions.eu-created",
      "servicebus.namespaces.orders.topics.order.subscriptions.events-eu-created",
    ]);
    expect(new Set(subs.map((r) => r.urn)).size).toBe(2);
    expect(new Set(resources.map((r) => r.urn)).size).toBe(resources.length);
  });

  test("every Azure name the product chooses for a globally unique resource obeys its rule", async () => {
    const { config, secretKeys } = readStackFile(path.join(root, "stacks/Pulumi.dev.yaml"));
    const { [`azure-integration:storage`]: storage, ...rest } = config;
    // Without explicit names: storage accounts take the naming policy's names.
    const unnamed = JSON.stringify(
      Object.fromEntries(
        Object.entries(JSON.parse(storage) as Record<string, Record<string, unknown>>).map(([k, v]) => {
          const { name: _name, ...withoutName } = v;
          return [k, withoutName];
        }),
      ),
    );
    const { resources } = await plan("dev", { ...rest, "azure-integration:storage": unnamed }, secretKeys);
    const checks: [string, string, RegExp][] = [
      ["azure-native:storage:StorageAccount", "accountName", azureNameRules.storageAccount.pattern],
      ["azure-native:batch:BatchAccount", "accountName", azureNameRules.batchAccount.pattern],
      ["azure-native:servicebus:Namespace", "namespaceName", azureNameRules.serviceBusNamespace.pattern],
      ["azure-native:eventhub:Namespace", "namespaceName", azureNameRules.eventHubsNamespace.pattern],
      ["azure-native:eventgrid:Topic", "topicName", azureNameRules.eventGridTopic.pattern],
      ["azure-native:eventgrid:Domain", "domainName", azureNameRules.eventGridDomain.pattern],
    ];
    for (const [type, input, pattern] of checks) {
      const of = resources.filter((r) => r.type === type);
      expect(of.length).toBeGreaterThan(0);
      for (const r of of) expect(String(r.inputs[input])).toMatch(pattern);
    }
  });
});
