import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as servicebus from "@pulumi/azure-native/servicebus";
import * as storage from "@pulumi/azure-native/storage";
import { withConfigKey } from "../../components/core/configKey";
import { StorageAccount } from "../../components/storage/StorageAccount";
import { SimulatedArm } from "../../planner/simulatedArm";
import { useSimulatedArm, valueOf } from "../helpers/simulation";

const sim = useSimulatedArm();
const rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg";

describe("simulated ARM resource ids", () => {
  test("nested Event Hubs and Service Bus ids have ARM's shape", async () => {
    const ns = new eventhub.Namespace("ns", {
      resourceGroupName: "rg",
      namespaceName: "ehns",
      sku: { name: "Standard" },
    });
    const hub = new eventhub.EventHub("hub", {
      resourceGroupName: "rg",
      namespaceName: ns.name,
      eventHubName: "telemetry",
    });
    const cg = new eventhub.ConsumerGroup("cg", {
      resourceGroupName: "rg",
      namespaceName: ns.name,
      eventHubName: hub.name,
      consumerGroupName: "alerts",
    });
    const q = new servicebus.Queue("q", { resourceGroupName: "rg", namespaceName: "sbns", queueName: "orders" });
    expect(await valueOf(hub.id)).toBe(`${rg}/providers/Microsoft.EventHub/namespaces/ehns/eventhubs/telemetry`);
    expect(await valueOf(cg.id)).toBe(
      `${rg}/providers/Microsoft.EventHub/namespaces/ehns/eventhubs/telemetry/consumergroups/alerts`,
    );
    expect(await valueOf(q.id)).toBe(`${rg}/providers/Microsoft.ServiceBus/namespaces/sbns/queues/orders`);
    expect(await valueOf(ns.serviceBusEndpoint)).toBe("https://ehns.servicebus.windows.net:443/");
  });

  test("extension resources hang off their scope", async () => {
    const c = new storage.BlobContainer("c", { resourceGroupName: "rg", accountName: "stx", containerName: "dl" });
    const ra = new authorization.RoleAssignment("ra", {
      scope: c.id,
      principalId: "p",
      principalType: "ServicePrincipal",
      roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/x",
      roleAssignmentName: "5f0c0000-0000-5000-a000-000000000000",
    });
    expect(await valueOf(ra.id)).toBe(
      `${rg}/providers/Microsoft.Storage/storageAccounts/stx/blobServices/default/containers/dl/providers/Microsoft.Authorization/roleAssignments/5f0c0000-0000-5000-a000-000000000000`,
    );
  });

  test("system-assigned identities get a deterministic principal id", async () => {
    const mk = (n: string) =>
      new eventhub.Namespace(n, {
        resourceGroupName: "rg",
        namespaceName: "same",
        identity: { type: "SystemAssigned" },
      });
    const a = await valueOf(mk("a").identity);
    const b = await valueOf(mk("b").identity);
    expect(a?.principalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a?.principalId).toBe(b?.principalId);
    const uai = new managedidentity.UserAssignedIdentity("u", { resourceGroupName: "rg", resourceName: "id-app" });
    expect(await valueOf(uai.principalId)).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("missing names are auto-named as azure-native does: random suffix, copy, or GUID by resource kind", async () => {
    // Top-level resources: the logical name + 8 hex characters, no case change or stripping (even where Azure
    // then refuses the name: storage accounts allow no hyphens or upper case).
    const ns = new servicebus.Namespace("sb-Orders", { resourceGroupName: "rg", sku: { name: "Standard" } });
    const st = new storage.StorageAccount("st-Events", {
      resourceGroupName: "rg",
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
    });
    // Child resources: the logical name as is.
    const q = new servicebus.Queue("orders", { resourceGroupName: "rg", namespaceName: "sbns" });
    // Role assignments: a GUID.
    const ra = new authorization.RoleAssignment("grant", {
      scope: "/subscriptions/s",
      principalId: "p",
      roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/x",
    });
    expect(await valueOf(ns.name)).toMatch(/^sb-Orders[0-9a-f]{8}$/);
    expect(await valueOf(st.name)).toMatch(/^st-Events[0-9a-f]{8}$/);
    expect(await valueOf(q.name)).toBe("orders");
    expect(await valueOf(ra.name)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await valueOf(ns.name)).toBe(await valueOf(ns.name));
  });

  test("the auto-name is checked against Azure's rules like a given name", async () => {
    new storage.StorageAccount("st-events-account", {
      resourceGroupName: "rg",
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
    });
    await sim.settle();
    const found = sim.arm.armViolations().filter((v) => v.path === "accountName");
    expect(found.map((v) => v.rule)).toEqual([
      expect.stringMatching(/^must be at most 24 characters \(is 25\).*auto-name/),
      expect.stringMatching(/^must match \^\[a-z0-9\]\+\$.*auto-name/),
    ]);
    expect(found[0].source).toContain("storage.json #/parameters/StorageAccountName (API version 2024-01-01)");
  });

  test("two registrations with one URN are an error naming both, as the engine refuses them", async () => {
    // Two components whose children end up with the same type, parent chain and name.
    const mk = () => {
      const parent = new pulumi.ComponentResource("test:x:Namespace", "orders");
      return new servicebus.Queue("orders-q", { resourceGroupName: "rg", namespaceName: "sbns" }, { parent });
    };
    mk();
    mk();
    await sim.settle();
    const dups = sim.arm.armViolations().filter((v) => v.rule.startsWith("duplicate resource URN"));
    expect(dups.map((v) => v.urn).sort()).toEqual([
      expect.stringMatching(/test:x:Namespace\$azure-native:servicebus:Queue::orders-q$/),
      expect.stringMatching(/test:x:Namespace::orders$/),
    ]);
    expect(dups[0].rule).toContain("registered twice, by no config key and by no config key");
  });

  test("two resources addressing one Azure resource (ids compared case-insensitively) are an error naming both", async () => {
    withConfigKey(
      "servicebus.namespaces.orders.queues.audit",
      () => new servicebus.Queue("q-audit", { resourceGroupName: "rg", namespaceName: "sbns", queueName: "audit" }),
    );
    withConfigKey(
      "servicebus.namespaces.orders.queues.Audit",
      () => new servicebus.Queue("q-Audit", { resourceGroupName: "rg", namespaceName: "sbns", queueName: "Audit" }),
    );
    new servicebus.Queue("q-other", { resourceGroupName: "rg", namespaceName: "sbns", queueName: "other" });
    await sim.settle();
    const shared = sim.arm.armViolations().filter((v) => v.rule.startsWith("one Azure resource"));
    expect(shared).toEqual([
      expect.objectContaining({
        configKey: "servicebus.namespaces.orders.queues.audit",
        rule: expect.stringContaining(
          "managed by config key servicebus.namespaces.orders.queues.Audit and by config key servicebus.namespaces.orders.queues.audit",
        ),
      }),
    ]);
  });

  test("a queue and a topic named alike (in any case) in one namespace are an error naming both", async () => {
    withConfigKey(
      "servicebus.namespaces.orders.queues.audit",
      () => new servicebus.Queue("q-audit", { resourceGroupName: "rg", namespaceName: "sbns", queueName: "audit" }),
    );
    withConfigKey(
      "servicebus.namespaces.orders.topics.Audit",
      () => new servicebus.Topic("t-audit", { resourceGroupName: "rg", namespaceName: "sbns", topicName: "Audit" }),
    );
    new servicebus.Topic("t-other-ns", { resourceGroupName: "rg", namespaceName: "sbns2", topicName: "audit" });
    await sim.settle();
    expect(sim.arm.armViolations().filter((v) => v.rule.startsWith("a queue and a topic"))).toEqual([
      expect.objectContaining({
        configKey: "servicebus.namespaces.orders.topics.Audit",
        rule: expect.stringContaining(
          "(config key servicebus.namespaces.orders.queues.audit and config key servicebus.namespaces.orders.topics.Audit)",
        ),
      }),
    ]);
  });

  test("two product components with one name clash on every resource; each clash names both config keys", async () => {
    const args = { resourceGroupName: "rg", accountName: "stevents01", containers: { deadletters: {} } };
    withConfigKey("storage.accounts.events", () => new StorageAccount("st", args));
    withConfigKey("storage.accounts.audit", () => new StorageAccount("st", args));
    await sim.settle();
    const dups = sim.arm.armViolations().filter((v) => v.rule.startsWith("duplicate resource URN"));
    const clashing = sim.arm.resources.filter((r) => sim.arm.resources.filter((o) => o.urn === r.urn).length === 2);
    expect(dups.length).toBeGreaterThanOrEqual(3); // the component, the account, the container, ...
    expect(dups.map((v) => v.urn).sort()).toEqual([...new Set(clashing.map((r) => r.urn))].sort());
    for (const d of dups) {
      expect(d.rule).toMatch(
        /by config key storage\.accounts\.events\S* and by config key storage\.accounts\.audit\S*;/,
      );
    }
  });

  test("records parent, dependencies and protect for the plan", async () => {
    const parent = new pulumi.ComponentResource("test:x:Parent", "p");
    const ns = new servicebus.Namespace(
      "sb",
      { resourceGroupName: "rg", sku: { name: "Standard" } },
      { parent, protect: true },
    );
    new servicebus.Queue("q2", { resourceGroupName: "rg", namespaceName: ns.name }, { parent, dependsOn: [ns] });
    await sim.settle();
    const nsRec = sim.one("azure-native:servicebus:Namespace");
    const qRec = sim.one("azure-native:servicebus:Queue");
    expect(nsRec.protect).toBe(true);
    expect(nsRec.parent).toMatch(/test:x:Parent::p$/);
    expect(qRec.dependencies).toContain(nsRec.urn);
    expect(qRec.propertyDependencies.namespaceName).toEqual([nsRec.urn]);
  });

  test("secret inputs are recorded as [secret], never in clear", async () => {
    new storage.Queue("sq", { resourceGroupName: "rg", accountName: pulumi.secret("hidden-name"), queueName: "q" });
    await sim.settle();
    expect(sim.one("azure-native:storage:Queue").inputs.accountName).toBe("[secret]");
  });
});

describe("simulated ARM answers", () => {
  const arm = new SimulatedArm({ project: "p", stack: "s", subscriptionId: "abc" });

  test("client config uses the configured subscription", () => {
    expect(arm.call({ token: "azure-native:authorization:getClientConfig", inputs: {} })).toMatchObject({
      subscriptionId: "abc",
    });
  });

  test("an unknown invoke fails with a clear message instead of returning junk", () => {
    expect(() => arm.call({ token: "azure-native:compute:getVirtualMachine", inputs: {} })).toThrow(
      "simulated ARM: invoke azure-native:compute:getVirtualMachine is not simulated",
    );
  });

  test("an unknown resource type fails with a clear message", () => {
    expect(() =>
      arm.newResource({ type: "azure-native:compute:VirtualMachine", name: "vm", inputs: {}, custom: true }),
    ).toThrow("simulated ARM: resource type azure-native:compute:VirtualMachine (vm) is not simulated");
  });

  test("a missing id part is reported, not papered over", () => {
    expect(() =>
      arm.newResource({
        type: "azure-native:eventhub:EventHub",
        name: "h",
        inputs: { resourceGroupName: "rg" },
        custom: true,
      }),
    ).toThrow("has no 'namespaceName' input");
  });

  test("stack references answer from the given outputs, and name the missing stack", () => {
    const withOutputs = new SimulatedArm({ project: "p", stack: "s", stackOutputs: { "org/p/platform": { x: 1 } } });
    expect(
      withOutputs.newResource({
        type: "pulumi:pulumi:StackReference",
        name: "r",
        inputs: { name: "org/p/platform" },
        custom: true,
      }).state,
    ).toMatchObject({
      outputs: { x: 1 },
    });
    expect(() =>
      withOutputs.newResource({
        type: "pulumi:pulumi:StackReference",
        name: "r",
        inputs: { name: "org/p/other" },
        custom: true,
      }),
    ).toThrow('no outputs for referenced stack "org/p/other" (known: org/p/platform)');
  });
});
