import type { Violation } from "../../components/core/errors";
import {
  EventHubNamespaceEntities,
  EventHubNamespaceEntitiesArgs,
  validateEventHubNamespaceEntitiesArgs,
} from "../../components/eventhubs/NamespaceEntities";
import {
  ServiceBusNamespaceEntities,
  ServiceBusNamespaceEntitiesArgs,
  validateServiceBusNamespaceEntitiesArgs,
} from "../../components/servicebus/NamespaceEntities";
import { useSimulatedArm } from "../helpers/simulation";

const sim = useSimulatedArm();
const app = { principalId: "pid-app", principalType: "ServicePrincipal" as const };
const nsId = (type: string, name: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/${type}/${name}`;
const container = nsId("Microsoft.Storage/storageAccounts", "st") + "/blobServices/default/containers/capture";
const found = (vs: Violation[], path: string) => vs.find((v) => v.path === path)?.message;

describe("ServiceBusNamespaceEntities (entities on a namespace another stack owns)", () => {
  test("entities go to the existing namespace with the namespace component's defaults, roles scoped to each entity", async () => {
    new ServiceBusNamespaceEntities("team", {
      resourceGroupName: "rg-platform",
      namespaceName: "sb-orders-test",
      tier: "Standard",
      protect: true,
      queues: {
        orders: {
          requiresSession: true,
          roleAssignments: { send: { role: "Azure Service Bus Data Sender", ...app } },
        },
        archive: {},
      },
      topics: {
        events: {
          subscriptions: { billing: { forwardTo: "archive", rules: { eur: { sqlFilter: "currency = 'EUR'" } } } },
        },
      },
    });
    await sim.settle();
    const queue = sim.one("azure-native:servicebus:Queue", "-queue/orders");
    expect(queue.inputs).toMatchObject({
      resourceGroupName: "rg-platform",
      namespaceName: "sb-orders-test",
      queueName: "orders",
      requiresSession: true,
      deadLetteringOnMessageExpiration: true,
    });
    expect(queue.protect).toBe(true);
    expect(sim.one("azure-native:authorization:RoleAssignment", "-ra/queue/orders/send").inputs.scope).toBe(
      nsId("Microsoft.ServiceBus/namespaces", "sb-orders-test") + "/queues/orders",
    );
    // Forwarding targets first (SB-FWD), and $Default narrowed once the rules exist.
    const sub = sim.one("azure-native:servicebus:Subscription", "-sub/events/billing");
    expect(sub.dependencies).toContain(sim.one("azure-native:servicebus:Queue", "-queue/archive").urn);
    expect(sim.one("azure-native:servicebus:DefaultRule").dependencies).toContain(
      sim.one("azure-native:servicebus:Rule").urn,
    );
    // Nothing of the namespace itself: it belongs to the platform.
    expect(sim.arm.ofType("azure-native:servicebus:Namespace")).toEqual([]);
  });

  const base: ServiceBusNamespaceEntitiesArgs = { resourceGroupName: "rg", namespaceName: "ns", tier: "Standard" };
  test.each<[string, Partial<ServiceBusNamespaceEntitiesArgs>, string, string]>([
    ["no namespace name", { namespaceName: "" }, "namespaceName", "is required"],
    ["an unknown tier", { tier: "Gold" as never }, "tier", 'allowed: "Basic", "Standard", "Premium"'],
    ["a topic on Basic", { tier: "Basic", topics: { t: {} } }, "topics.t", "not available on the Basic tier"],
    [
      "SAS without local auth",
      { queues: { q: { authorizationRules: { app: { rights: ["Send"] } } } } },
      "queues.q.authorizationRules.app",
      "local auth is disabled",
    ],
  ])("rejects %s", (_case, over, path, message) => {
    expect(found(validateServiceBusNamespaceEntitiesArgs({ ...base, ...over }), path)).toContain(message);
  });

  test("accepts SAS policies when the namespace has local auth, and a valid Premium entity", () => {
    expect(
      validateServiceBusNamespaceEntitiesArgs({
        ...base,
        tier: "Premium",
        localAuthEnabled: true,
        queues: { q: { maxMessageSizeInKilobytes: 102400, authorizationRules: { app: { rights: ["Send"] } } } },
      }),
    ).toEqual([]);
  });
});

describe("EventHubNamespaceEntities", () => {
  test("capture grants the namespace's identity on the container before the hub; checkpoint grants on the container", async () => {
    new EventHubNamespaceEntities("team", {
      resourceGroupName: "rg-platform",
      namespaceName: "evh-telemetry",
      tier: "Standard",
      namespacePrincipalId: "pid-namespace",
      eventHubs: {
        telemetry: {
          partitionCount: 8,
          capture: {
            storageAccountId: nsId("Microsoft.Storage/storageAccounts", "st"),
            blobContainer: "capture",
            containerId: container,
            identity: { type: "SystemAssigned" },
          },
          consumerGroups: { processing: { checkpointStore: { containerId: container, consumers: { app } } } },
          receivers: { app },
        },
      },
    });
    await sim.settle();
    const grant = sim.one("azure-native:authorization:RoleAssignment", "-capture/telemetry");
    expect(grant.inputs).toMatchObject({ scope: container, principalId: "pid-namespace" });
    const hub = sim.one("azure-native:eventhub:EventHub");
    expect(hub.inputs).toMatchObject({
      namespaceName: "evh-telemetry",
      resourceGroupName: "rg-platform",
      partitionCount: 8,
    });
    expect(hub.dependencies).toContain(grant.urn);
    const checkpoint = sim.one("azure-native:authorization:RoleAssignment", "-checkpoint/telemetry/processing/app");
    // Azure does not need the grant to create the group: no ordering (shorter chain).
    expect(sim.one("azure-native:eventhub:ConsumerGroup").dependencies).not.toContain(checkpoint.urn);
    expect(sim.one("azure-native:authorization:RoleAssignment", "-receiver/telemetry/app").inputs.scope).toBe(
      nsId("Microsoft.EventHub/namespaces", "evh-telemetry") + "/eventhubs/telemetry",
    );
    expect(sim.arm.ofType("azure-native:eventhub:Namespace")).toEqual([]);
  });

  const base: EventHubNamespaceEntitiesArgs = { resourceGroupName: "rg", namespaceName: "ns", tier: "Standard" };
  const capture = {
    storageAccountId: nsId("Microsoft.Storage/storageAccounts", "st"),
    blobContainer: "capture",
    containerId: container,
    identity: { type: "SystemAssigned" as const },
  };
  test.each<[string, Partial<EventHubNamespaceEntitiesArgs>, string, string]>([
    ["an unknown tier", { tier: "Gold" as never }, "tier", "allowed"],
    [
      "a capture by the namespace identity without its principal id",
      { eventHubs: { h: { capture } } },
      "eventHubs.h.capture.identity",
      "give namespacePrincipalId",
    ],
    [
      "capture on Basic",
      { tier: "Basic", namespacePrincipalId: "p", eventHubs: { h: { capture } } },
      "eventHubs.h.capture",
      "Capture is not available on the Basic tier",
    ],
    [
      "too many hubs for the tier",
      { eventHubs: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`h${i}`, {}])) },
      "eventHubs",
      "exceed the Standard tier maximum of 10 per namespace",
    ],
    [
      "a SAS rule without local auth",
      { eventHubs: { h: { authorizationRules: { app: { rights: ["Send"] } } } } },
      "eventHubs.h.authorizationRules.app",
      "local auth is disabled",
    ],
  ])("rejects %s", (_case, over, path, message) => {
    expect(found(validateEventHubNamespaceEntitiesArgs({ ...base, ...over }), path)).toContain(message);
  });
});
