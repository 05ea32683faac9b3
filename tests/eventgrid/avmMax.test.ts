import { validateStackConfig } from "../../stacks/config/load";
import { PlannedJson as Planned } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";

// Event Grid targets outside the stack (destinations and dead-letter containers by id, with their grants), described
// event types, and the topic kind the deployable API allows: config errors with key paths and the AVM `max`-like
// fixture's inputs on the simulated ARM.

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const lake = `${SUB}/resourceGroups/rg-lake-test/providers/Microsoft.Storage/storageAccounts/stlaketest01`;
const externalQueue = `${SUB}/resourceGroups/rg-billing-test/providers/Microsoft.ServiceBus/namespaces/sb-billing-test/queues/invoices`;

const topicConfig = (topic: Record<string, unknown>) => ({
  environment: "dev",
  eventgrid: {
    topics: {
      orders: {
        ...topic,
        subscriptions: {
          hook: { destination: { kind: "webhook", endpointUrl: "https://x.example" }, deadLetter: false },
        },
      },
    },
  },
});
const errorsAt = (topic: Record<string, unknown>, keyPath: string) =>
  validateStackConfig(topicConfig(topic))
    .violations.filter((v) => v.path === keyPath)
    .map((v) => v.message)
    .join("\n");

describe("Event Grid extras (config)", () => {
  test("kind AzureArc is an error naming the API version that lacks it", () => {
    expect(errorsAt({ kind: "AzureArc" }, "eventgrid.topics.orders.kind")).toContain(
      "cannot be deployed: azure-native v3's eventgrid.Topic uses API 2025-02-15, which has no kind or extendedLocation",
    );
    expect(
      errorsAt({ extendedLocation: { name: `${SUB}/customLocations/x` } }, "eventgrid.topics.orders.extendedLocation"),
    ).toContain("allowed: Azure");
    expect(validateStackConfig(topicConfig({ kind: "Azure" })).violations).toEqual([]);
  });

  test("a dead-letter container id of another type is an error naming the expected shape", () => {
    const raw = topicConfig({ deadLetter: `${lake}/queueServices/default/queues/dl` });
    const v = validateStackConfig(raw).violations.find((x) => x.path === "eventgrid.topics.orders.deadLetter");
    expect(v?.message).toContain("or a container id (/subscriptions/{subscription}/resourceGroups/");
  });

  test("event types are keyed by type name and need no other setting", () => {
    const types = { "Contoso.Orders.OrderCreated": { displayName: "Order created" }, "Contoso.Orders/v2": {} };
    expect(validateStackConfig(topicConfig({ eventTypeInfo: { inlineEventTypes: types } })).violations).toEqual([]);
  });
});

describe("npm run plan: the AVM max-like Event Grid fixture", () => {
  let resources: Planned[] = [];
  let violations: { policy: string; message: string }[] = [];
  beforeAll(() => {
    const r = sharedPlan("tests/fixtures/stacks/Pulumi.avm-max-eventgrid.yaml");
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    ({ resources, violations } = r.plan);
  });
  const one = (type: string, name: string) => {
    const found = resources.filter((x) => x.type === type && x.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const grantsOn = (scope: string) =>
    resources.filter((x) => x.type === "azure-native:authorization:RoleAssignment" && x.inputs.scope === scope);

  test("the topic: identities, IP rules on its public endpoint, described event types", () => {
    expect(one("azure-native:eventgrid:Topic", "eg-orders-topic").inputs).toMatchObject({
      identity: { type: "SystemAssigned, UserAssigned" },
      publicNetworkAccess: "Enabled",
      inboundIpRules: [{ ipMask: "203.0.113.0/24", action: "Allow" }],
      eventTypeInfo: {
        kind: "Inline",
        inlineEventTypes: {
          "Contoso.Orders.OrderCreated": {
            displayName: "Order created",
            dataSchemaUrl: "https://schemas.contoso.example/orders/order-created.json",
          },
          "Contoso.Orders.OrderShipped": { displayName: "Order shipped" },
        },
      },
    });
    expect(one("azure-native:eventgrid:Domain", "egd-partners-domain").inputs).toMatchObject({
      publicNetworkAccess: "Disabled",
      eventTypeInfo: {
        kind: "Inline",
        inlineEventTypes: { "Partner.Confirmed": { displayName: "Partner confirmed" } },
      },
    });
  });

  test("a destination and a dead-letter container outside the stack get the same grants as stack targets", () => {
    const sub = one("azure-native:eventgrid:TopicEventSubscription", "eg-orders-sub/to-external-queue");
    expect(sub.inputs).toMatchObject({
      deliveryWithResourceIdentity: { destination: { endpointType: "ServiceBusQueue", resourceId: externalQueue } },
      deadLetterWithResourceIdentity: {
        deadLetterDestination: { endpointType: "StorageBlob", resourceId: lake, blobContainerName: "deadletters" },
      },
    });
    // Azure Service Bus Data Sender on the queue, Storage Blob Data Contributor on the container: nothing broader.
    expect(grantsOn(externalQueue).map((g) => g.inputs.roleDefinitionId)).toEqual([
      expect.stringMatching(/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39$/),
    ]);
    expect(grantsOn(`${lake}/blobServices/default/containers/deadletters`)).toHaveLength(1);
    expect(grantsOn(`${lake}/queueServices/default/queues/orders`)).toHaveLength(1);
    expect(grantsOn(lake)).toEqual([]);
    const hub = `${SUB}/resourceGroups/rg-analytics-test/providers/Microsoft.EventHub/namespaces/evhns-analytics-test/eventhubs/partners`;
    expect(grantsOn(hub)).toHaveLength(1);
  });

  test("the grants on targets outside the stack are listed for review (advisory), and only those", () => {
    const listed = violations.filter((v) => v.policy === "rbac-grants-outside-stack").map((v) => v.message);
    const outside = [
      externalQueue,
      `${lake}/blobServices/default/containers/deadletters`,
      `${lake}/queueServices/default/queues/orders`,
      `${SUB}/resourceGroups/rg-analytics-test/providers/Microsoft.EventHub/namespaces/evhns-analytics-test/eventhubs/partners`,
    ];
    expect(listed).toHaveLength(outside.length);
    for (const id of outside) expect(listed.filter((m) => m.includes(`on ${id}, which this stack`))).toHaveLength(1);
  });

  test("every destination kind is planned", () => {
    const kinds = resources
      .filter((x) => x.type.endsWith("EventSubscription"))
      .map((x) => {
        const i = x.inputs as {
          destination?: { endpointType: string };
          deliveryWithResourceIdentity?: { destination: { endpointType: string } };
        };
        return (i.deliveryWithResourceIdentity?.destination ?? i.destination)?.endpointType;
      });
    expect(new Set(kinds)).toEqual(
      new Set(["ServiceBusQueue", "ServiceBusTopic", "EventHub", "StorageQueue", "AzureFunction", "WebHook"]),
    );
  });
});
