import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { validateStackConfig } from "../../stacks/config/load";
import { builtInRoles } from "../../components/rbac/builtInRoles";
import { projectDir, runPlanCli } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";
import { Diagram } from "../planner/diagramModel";

type Raw = Record<string, unknown>;
const devFile = path.join(projectDir, "stacks", "Pulumi.dev.yaml");

/** The dev stack's config without the project prefix: a realistic base whose other sections the references hit. */
function devConfig(): Raw {
  const doc = parse(fs.readFileSync(devFile, "utf8")) as { config: Raw };
  return Object.fromEntries(
    Object.entries(doc.config)
      .filter(([k]) => k.startsWith("azure-integration:"))
      .map(([k, v]) => [k.slice("azure-integration:".length), v]),
  );
}

/** The dev config with a change to its eventgrid section. */
function withEventGrid(change: (eg: Raw & { topics: Record<string, Raw> }) => void): Raw {
  const raw = devConfig();
  change(raw.eventgrid as Raw & { topics: Record<string, Raw> });
  return raw;
}

const sub = (eg: { topics: Record<string, Raw> }, key: string) =>
  (eg.topics.orders.subscriptions as Record<string, Raw>)[key];

describe("eventgrid stack config (pure validateStackConfig)", () => {
  test("the dev stack's eventgrid section is valid", () => {
    expect(validateStackConfig(devConfig()).violations).toEqual([]);
  });

  test.each<[string, (eg: Raw & { topics: Record<string, Raw> }) => void, string, string]>([
    [
      "unknown key in a subscription",
      (eg) => (sub(eg, "order-telemetry").retries = 3),
      "eventgrid.topics.orders.subscriptions.order-telemetry.retries",
      "is not a known key; allowed keys here: name, destination,",
    ],
    [
      "queue that the servicebus section does not declare",
      (eg) => ((sub(eg, "high-value-orders").destination as Raw).queue = "nope"),
      "eventgrid.topics.orders.subscriptions.high-value-orders.destination",
      "names no queue declared under servicebus.namespaces.orders.queues",
    ],
    [
      "event hub that the eventhubs section does not declare",
      (eg) => ((sub(eg, "order-telemetry").destination as Raw).eventHub = "nope"),
      "eventgrid.topics.orders.subscriptions.order-telemetry.destination",
      "names no event hub declared under eventhubs.namespaces.telemetry.eventHubs",
    ],
    [
      "session queue without a SessionId mapping",
      (eg) => delete (sub(eg, "high-value-orders").destination as Raw).deliveryProperties,
      "eventgrid.topics.orders.subscriptions.high-value-orders.destination.deliveryProperties",
      "must map a 'SessionId' property: the Service Bus queue requires sessions",
    ],
    [
      "operator / value mismatch",
      (eg) => ((sub(eg, "high-value-orders").advancedFilters as Record<string, Raw>).large.value = "1000"),
      "eventgrid.topics.orders.subscriptions.high-value-orders.advancedFilters.large.value",
      "must be a number: NumberGreaterThanOrEquals takes one number in 'value'",
    ],
    [
      "list where a single value is expected",
      (eg) =>
        ((sub(eg, "high-value-orders").advancedFilters as Record<string, Raw>).large = {
          operator: "NumberGreaterThan",
          key: "data.amount",
          values: [1, 2],
        }),
      "eventgrid.topics.orders.subscriptions.high-value-orders.advancedFilters.large.values",
      "is not allowed: NumberGreaterThan takes one number in 'value'",
    ],
    [
      "CloudEvents input delivered in the Event Grid schema",
      (eg) => (sub(eg, "order-telemetry").deliverySchema = "EventGridSchema"),
      "eventgrid.topics.orders.subscriptions.order-telemetry.deliverySchema",
      "cannot be delivered from input schema CloudEventSchemaV1_0",
    ],
    [
      "retry out of range",
      (eg) => (sub(eg, "order-telemetry").retry = { maxDeliveryAttempts: 40 }),
      "eventgrid.topics.orders.subscriptions.order-telemetry.retry.maxDeliveryAttempts",
      "is too large; the maximum is 30",
    ],
    [
      "webhook over http",
      (eg) => (sub(eg, "order-telemetry").destination = { kind: "webhook", endpointUrl: "http://example.com/hook" }),
      "eventgrid.topics.orders.subscriptions.order-telemetry.destination.endpointUrl",
      "must be an https:// URL",
    ],
    [
      "dead-letter container that storage does not declare",
      (eg) => (eg.deadLetter = "events/nope"),
      "eventgrid.deadLetter",
      "names no container declared under 'storage'",
    ],
    [
      "no dead-letter anywhere",
      (eg) => delete eg.deadLetter,
      "eventgrid.topics.orders.subscriptions.high-value-orders.deadLetter",
      "is required: dead-lettering is on by default",
    ],
    [
      "two system topics on one source",
      (eg) => ((eg.systemTopics as Record<string, Raw>).again = { source: { kind: "storageAccount", key: "events" } }),
      "eventgrid.systemTopics.again.source",
      "is also the source of system topic 'events-storage': Azure allows one system topic per source",
    ],
    [
      "system topic on an unknown storage account",
      (eg) =>
        ((eg.systemTopics as Record<string, Raw>)["events-storage"].source = { kind: "storageAccount", key: "x" }),
      "eventgrid.systemTopics.events-storage.source.key",
      "names no storageAccount declared under 'storage'",
    ],
    [
      "publisher identity that is not declared",
      (eg) => (eg.topics.orders.publishers = { x: { identity: "ghost" } }),
      "eventgrid.topics.orders.publishers.x.identity",
      "names no identity declared under 'identities'",
    ],
    [
      "user-assigned delivery identity the topic does not have",
      (eg) => (sub(eg, "order-telemetry").identity = { userAssigned: "orders-app" }),
      "eventgrid.topics.orders.subscriptions.order-telemetry.identity.userAssigned",
      "names no user-assigned identity of the topic",
    ],
  ])("%s", (_c, change, expectedPath, message) => {
    const { config, violations } = validateStackConfig(withEventGrid(change));
    expect(config).toBeUndefined();
    const v = violations.find((x) => x.path === expectedPath);
    expect(violations.map((x) => `${x.path}: ${x.message}`)).toContainEqual(expect.stringContaining(expectedPath));
    expect(v?.message).toContain(message);
  });
});

describe("npm run plan with Event Grid (two CLI spawns)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-eventgrid-"));

  test("a bad eventgrid config exits 2 with the config path", () => {
    const raw = withEventGrid((eg) => ((sub(eg, "high-value-orders").destination as Raw).queue = "nope"));
    const config = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`azure-integration:${k}`, v]));
    const file = path.join(tmp, "Pulumi.bad-eventgrid.yaml");
    fs.writeFileSync(file, stringify({ config: { "azure-native:location": "westeurope", ...config } }));
    const r = runPlanCli(["--config", file, "--quiet"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'eventgrid.topics.orders.subscriptions.high-value-orders.destination: "orders/nope" names no queue declared under servicebus.namespaces.orders.queues',
    );
  });

  test("the dev stack plans with scoped role assignments in --json and publisher -> topic -> filter -> destination in --diagram", () => {
    const r = sharedPlan("stacks/Pulumi.dev.yaml");
    const diagram = r.outputs.flow;
    expect(r.status).toBe(0);
    const plan = r.plan as unknown as {
      resources: { type: string; name: string; urn: string; inputs: Raw; dependencies: string[] }[];
    };
    const one = (type: string, name: string) => {
      const found = plan.resources.filter((x) => x.type === type && x.name === name);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const ra = (name: string) => one("azure-native:authorization:RoleAssignment", name);
    // Delivery and dead-letter grants are named after what they grant (shared by subscriptions), found by scope.
    const grant = (purpose: "delivery" | "deadletter", scope: RegExp) => {
      const found = plan.resources.filter(
        (x) => x.name.startsWith(`eg-orders-ra/${purpose}/`) && scope.test(String(x.inputs.scope)),
      );
      expect(found).toHaveLength(1);
      return found[0];
    };
    const role = (n: keyof typeof builtInRoles) => expect.stringMatching(new RegExp(`${builtInRoles[n]}$`));

    const queue = one("azure-native:servicebus:Queue", "sb-orders-queue/orders");
    const hub = one("azure-native:eventhub:EventHub", "evhns-telemetry-hub/telemetry");
    const toQueue = grant("delivery", /\/queues\/orders$/);
    const toHub = grant("delivery", /\/eventhubs\/telemetry$/);
    const deadLetter = grant("deadletter", /\/containers\/deadletters$/);
    // Scoped to the entity (queue, event hub, container), never to the namespace or account.
    expect(toQueue.inputs).toMatchObject({ roleDefinitionId: role("Azure Service Bus Data Sender") });
    expect(String(toQueue.inputs.scope)).toMatch(/\/Microsoft\.ServiceBus\/namespaces\/[^/]+\/queues\/orders$/);
    expect(toHub.inputs).toMatchObject({ roleDefinitionId: role("Azure Event Hubs Data Sender") });
    expect(String(toHub.inputs.scope)).toMatch(/\/Microsoft\.EventHub\/namespaces\/[^/]+\/eventhubs\/telemetry$/);
    expect(deadLetter.inputs).toMatchObject({ roleDefinitionId: role("Storage Blob Data Contributor") });
    expect(String(deadLetter.inputs.scope)).toMatch(/\/blobServices\/default\/containers\/deadletters$/);
    expect(ra("eg-orders-publisher/orders-app").inputs).toMatchObject({
      roleDefinitionId: role("EventGrid Data Sender"),
    });

    const subscription = one("azure-native:eventgrid:TopicEventSubscription", "eg-orders-sub/high-value-orders");
    expect(subscription.dependencies).toEqual(expect.arrayContaining([toQueue.urn, deadLetter.urn, queue.urn]));
    expect(subscription.inputs).toMatchObject({
      deliveryWithResourceIdentity: {
        identity: { type: "SystemAssigned" },
        destination: { endpointType: "ServiceBusQueue" },
      },
      filter: {
        advancedFilters: [
          { operatorType: "NumberGreaterThanOrEquals", key: "data.amount", value: 1000 },
          { operatorType: "StringIn" },
        ],
      },
    });
    expect(one("azure-native:eventgrid:TopicEventSubscription", "eg-orders-sub/order-telemetry").dependencies).toEqual(
      expect.arrayContaining([toHub.urn, hub.urn]),
    );
    expect(one("azure-native:eventgrid:SystemTopic", "egst-events-storage-systemtopic").inputs).toMatchObject({
      topicType: "Microsoft.Storage.StorageAccounts",
    });
    one("azure-native:eventgrid:Domain", "egd-partners-domain");
    one("azure-native:eventgrid:DomainTopicEventSubscription", "egd-partners-topic/contoso-sub/contoso-confirmed");

    // The event-flow view (planner/diagram.ts), read back as a person reads it.
    const d = new Diagram(fs.readFileSync(diagram, "utf8"));
    const identity = d.node("identity", /^id-orders-app/);
    const topic = d.node("event grid topic", /^evgt-orders-dev/);
    const filter = d.node("event subscription", /^high-value-orders\ntypes: Orders\.OrderCreated; data\.amount ≥ 1000/);
    expect(d.labels(identity, topic)).toContain("publishes");
    expect(d.inside(filter, topic)).toBe(true);
    const target = (label: string) =>
      d.nodes.find((n) => n.id === d.edges.find((e) => e.from === filter && e.label === label)?.to);
    expect(target("delivers with identity")).toMatchObject({ kind: "Service Bus queue", text: "orders" });
    expect(target("dead-letter")).toMatchObject({ kind: "blob container", text: "deadletters" });
    expect(d.edges.find((e) => e.from === filter && e.label === "dead-letter")?.dashed).toBe(true);
  });
});
