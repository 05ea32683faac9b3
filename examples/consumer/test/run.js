/*
 * Runs the consumer program under Pulumi's runtime mocks and checks the inputs that reach azure-native.
 *
 *   node test/run.js compiled   plain node on the JavaScript tsc emitted (bin/index.js)
 *   node test/run.js pulumi     Pulumi's own loader on index.ts: @pulumi/pulumi/cmd/run/run.js, which the nodejs
 *                               language host runs for `pulumi up`, registers its ts-node (typescript: true in
 *                               Pulumi.yaml sets PULUMI_NODEJS_TYPESCRIPT) and requires the package's main
 *
 * Exits 0 when every check passes, 1 with the failed check otherwise. Run from the example's directory.
 */
"use strict";
const assert = require("assert/strict");
const path = require("path");
const pulumi = require("@pulumi/pulumi");

const mode = process.argv[2];
if (mode !== "compiled" && mode !== "pulumi") {
  console.error("usage: node test/run.js compiled|pulumi");
  process.exit(2);
}
const subscription = "00000000-0000-0000-0000-000000000000";

/** Every resource the program registers, as the engine would receive it. */
const registered = [];
pulumi.runtime.setMocks(
  {
    newResource(args) {
      const group = args.inputs.resourceGroupName ?? "rg";
      const id = `/subscriptions/${subscription}/resourceGroups/${group}/providers/${args.type}/${args.name}`;
      registered.push({ type: args.type, name: args.name, inputs: args.inputs, id });
      // The output properties the components export, as Azure returns them.
      const outputs = {
        "azure-native:servicebus:Namespace": {
          serviceBusEndpoint: `https://${args.inputs.namespaceName}.servicebus.windows.net:443/`,
        },
        "azure-native:eventgrid:Topic": {
          endpoint: `https://${args.inputs.topicName}.westeurope-1.eventgrid.azure.net/api/events`,
        },
      }[args.type];
      return { id, state: { ...args.inputs, name: args.name, ...outputs } };
    },
    call(args) {
      if (args.token === "azure-native:authorization:getClientConfig") {
        return { subscriptionId: subscription, tenantId: subscription, clientId: "c", objectId: "o" };
      }
      return args.inputs;
    },
  },
  "azint-consumer-example",
  "test",
  false,
);

async function runProgram() {
  if (mode === "compiled") {
    return pulumi.runtime.runInPulumiStack(async () => require(path.resolve("bin", "index.js")));
  }
  process.env.PULUMI_NODEJS_TYPESCRIPT = "true";
  // The project is type-checked with tsc beforehand (`PULUMI_NODEJS_TRANSPILE_ONLY`, as the README recommends).
  process.env.PULUMI_NODEJS_TRANSPILE_ONLY ??= "true";
  // run.js requires its CLI entry (cmd/run/index.js), which parses process.argv and connects to the engine when
  // loaded; outside the language host only the constant run.js reads from it is provided.
  const Module = require("module");
  const entry = require.resolve("@pulumi/pulumi/cmd/run/index.js");
  const stub = new Module(entry);
  stub.filename = entry;
  stub.loaded = true;
  stub.exports = { nodeJSProcessExitedAfterLoggingUserActionableMessage: 32 };
  require.cache[entry] = stub;
  const { run } = require("@pulumi/pulumi/cmd/run/run");
  const errors = [];
  // argv as the language host passes it: the program directory; run() reads package.json's main (index.ts).
  const outputs = await run(
    { _: ["."] },
    () => undefined,
    (e) => errors.push(e),
    () => false,
  );
  if (errors.length > 0) throw errors[0];
  return outputs;
}

function one(type, predicate = () => true) {
  const found = registered.filter((r) => r.type === type && predicate(r));
  assert.equal(found.length, 1, `expected one ${type}, found ${found.map((r) => r.name).join(", ") || "none"}`);
  return found[0];
}

async function main() {
  const outputs = await runProgram();
  await pulumi.runtime.waitForRPCs();

  // Service Bus: secure defaults and the queue's data role, scoped to the queue itself.
  const ns = one("azure-native:servicebus:Namespace");
  assert.equal(ns.inputs.namespaceName, "sb-orders-consumer");
  assert.deepEqual(ns.inputs.sku, { name: "Standard", tier: "Standard" });
  assert.equal(ns.inputs.disableLocalAuth, true);
  assert.equal(ns.inputs.minimumTlsVersion, "1.2");
  const queue = one("azure-native:servicebus:Queue");
  assert.equal(queue.inputs.queueName, "orders");
  assert.equal(queue.inputs.requiresSession, true);
  const grant = one("azure-native:authorization:RoleAssignment", (r) => r.inputs.principalId.endsWith("a1"));
  assert.equal(grant.inputs.scope, queue.id, "the receiver's role is scoped to the queue");
  // Azure Service Bus Data Receiver (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
  assert.match(grant.inputs.roleDefinitionId, /4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0$/);
  assert.equal(grant.inputs.principalType, "ServicePrincipal");

  // Event Hubs: capacity sized from the declared load, retention as given.
  const hubs = one("azure-native:eventhub:Namespace");
  assert.equal(hubs.inputs.sku.name, "Standard");
  assert.ok(hubs.inputs.sku.capacity >= 3, `2.5 MB/s ingress needs 3 TUs, got ${hubs.inputs.sku.capacity}`);
  const hub = one("azure-native:eventhub:EventHub");
  assert.equal(hub.inputs.retentionDescription.retentionTimeInHours, 72);

  // Event Grid: the topic delivers to the queue's id with the topic's identity, which is granted Data Sender.
  const topic = one("azure-native:eventgrid:Topic");
  assert.equal(topic.inputs.topicName, "evgt-events-consumer");
  assert.equal(topic.inputs.disableLocalAuth, true);
  const sub = one("azure-native:eventgrid:TopicEventSubscription");
  const destination = sub.inputs.deliveryWithResourceIdentity.destination;
  assert.equal(destination.endpointType, "ServiceBusQueue");
  assert.equal(destination.resourceId, queue.id, "the subscription delivers to the queue");
  // Azure Service Bus Data Sender for the topic identity that delivers.
  const sender = one("azure-native:authorization:RoleAssignment", (r) =>
    r.inputs.roleDefinitionId.endsWith("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"),
  );
  assert.equal(sender.inputs.scope, queue.id, "Event Grid's Data Sender role is scoped to the queue");

  assert.equal(outputs?.serviceBusEndpoint, "https://sb-orders-consumer.servicebus.windows.net:443/");
  assert.match(outputs?.topicEndpoint ?? "", /^https:\/\/evgt-events-consumer\./);
  console.log(`consumer example (${mode}): ${registered.length} resources registered, all checks passed`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`consumer example (${mode}) failed: ${e?.stack ?? e}`);
    process.exit(1);
  },
);
