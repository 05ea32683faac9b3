import * as pulumi from "@pulumi/pulumi";
import { ServiceBusNamespace } from "../../components/servicebus/Namespace";
import { PairedNamespaces } from "../../components/servicebus/PairedNamespaces";
import { useSimulatedArm, valueOf } from "../helpers/simulation";

const sim = useSimulatedArm();
const sub = "00000000-0000-0000-0000-000000000000";
const app = { principalId: "pid-app", principalType: "ServicePrincipal" as const };
const T = (name: string) => `azure-native:servicebus:${name}`;

describe("ServiceBusNamespace", () => {
  test("secure defaults and queue/topic settings reach azure-native", async () => {
    new ServiceBusNamespace("sb", {
      resourceGroupName: "rg",
      namespaceName: "sb-orders-dev",
      queues: { orders: { requiresSession: true, requiresDuplicateDetection: true, lockDuration: "PT2M" } },
      topics: { events: { requiresDuplicateDetection: true, duplicateDetectionHistoryTimeWindow: "PT1H" } },
    });
    await sim.settle();
    expect(sim.one(T("Namespace")).inputs).toMatchObject({
      namespaceName: "sb-orders-dev",
      sku: { name: "Standard", tier: "Standard" },
      disableLocalAuth: true,
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Enabled",
    });
    expect(sim.one(T("Namespace")).inputs).not.toHaveProperty("premiumMessagingPartitions");
    expect(sim.one(T("Queue")).inputs).toMatchObject({
      namespaceName: "sb-orders-dev",
      queueName: "orders",
      requiresSession: true,
      requiresDuplicateDetection: true,
      // Explicit default: the docs disagree on Azure's own (10 min vs 1 min).
      duplicateDetectionHistoryTimeWindow: "PT10M",
      deadLetteringOnMessageExpiration: true,
      lockDuration: "PT2M",
      enableBatchedOperations: true,
    });
    expect(sim.one(T("Topic")).inputs).toMatchObject({
      topicName: "events",
      duplicateDetectionHistoryTimeWindow: "PT1H",
    });
  });

  test("rules: SQL filter + action, correlation filter, and the $Default rule handled explicitly", async () => {
    new ServiceBusNamespace("sb", {
      resourceGroupName: "rg",
      namespaceName: "sb-rules",
      topics: {
        orders: {
          subscriptions: {
            big: { rules: { large: { sqlFilter: "amount > 1000", action: "SET priority = 'high'" } } },
            eu: { rules: { eu: { correlationFilter: { label: "order.created", properties: { region: "eu" } } } } },
            all: {},
            mixed: { rules: { r: { sqlFilter: "a = 1" } }, defaultRule: "keep" },
            custom: { defaultRule: { correlationFilter: { contentType: "application/json" } } },
          },
        },
      },
    });
    await sim.settle();
    expect(sim.one(T("Rule"), "/big/large").inputs).toMatchObject({
      topicName: "orders",
      subscriptionName: "big",
      ruleName: "large",
      filterType: "SqlFilter",
      sqlFilter: { sqlExpression: "amount > 1000" },
      action: { sqlExpression: "SET priority = 'high'" },
    });
    const eu = sim.one(T("Rule"), "/eu/eu").inputs;
    expect(eu).toMatchObject({
      filterType: "CorrelationFilter",
      correlationFilter: { label: "order.created", properties: { region: "eu" } },
    });
    expect(eu).not.toHaveProperty("sqlFilter");
    expect(eu).not.toHaveProperty("action");
    // With rules, $Default is narrowed to match nothing, after the rules exist.
    const big = sim.one(T("DefaultRule"), "/big");
    expect(big.inputs).toMatchObject({
      filterType: "SqlFilter",
      sqlFilter: { sqlExpression: "1=0" },
      subscriptionName: "big",
    });
    expect(big.dependencies).toContain(sim.one(T("Rule"), "/big/large").urn);
    expect(sim.one(T("DefaultRule"), "/custom").inputs).toMatchObject({
      filterType: "CorrelationFilter",
      correlationFilter: { contentType: "application/json" },
    });
    // No rules, or "keep": Azure's TrueFilter stays untouched.
    const defaults = sim.arm.ofType(T("DefaultRule")).map((r) => r.inputs.subscriptionName);
    expect(defaults.sort()).toEqual(["big", "custom", "eu"]);
  });

  test("forwarding: targets are created first (dependsOn), whatever the declaration order", async () => {
    new ServiceBusNamespace("sb", {
      resourceGroupName: "rg",
      namespaceName: "sb-fwd",
      queues: {
        inbox: { forwardTo: "work", forwardDeadLetteredMessagesTo: "poison" },
        work: { forwardTo: "fanout" },
        poison: {},
      },
      topics: { fanout: { subscriptions: { audit: { forwardTo: "poison" } } } },
    });
    await sim.settle();
    const inbox = sim.one(T("Queue"), "/inbox");
    const work = sim.one(T("Queue"), "/work");
    const poison = sim.one(T("Queue"), "/poison");
    const fanout = sim.one(T("Topic"), "/fanout");
    expect(inbox.inputs).toMatchObject({ forwardTo: "work", forwardDeadLetteredMessagesTo: "poison" });
    expect(inbox.dependencies).toEqual(expect.arrayContaining([work.urn, poison.urn]));
    expect(work.dependencies).toContain(fanout.urn);
    const audit = sim.one(T("Subscription"), "/audit");
    expect(audit.inputs).toMatchObject({ topicName: "fanout", forwardTo: "poison" });
    expect(audit.dependencies).toEqual(expect.arrayContaining([poison.urn, fanout.urn]));
    // Registration order follows: a target is registered before its source.
    const order = sim.arm.resources.map((r) => r.urn);
    expect(order.indexOf(work.urn)).toBeLessThan(order.indexOf(inbox.urn));
  });

  test("data-plane roles are scoped to the entity, not the namespace", async () => {
    new ServiceBusNamespace("sb", {
      resourceGroupName: "rg",
      namespaceName: "sb-rbac",
      queues: { orders: { roleAssignments: { send: { ...app, role: "Azure Service Bus Data Sender" } } } },
      topics: {
        events: {
          subscriptions: { s: { roleAssignments: { receive: { ...app, role: "Azure Service Bus Data Receiver" } } } },
        },
      },
    });
    await sim.settle();
    const ns = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sb-rbac`;
    const send = sim.one("azure-native:authorization:RoleAssignment", "/queue/orders/send");
    expect(send.inputs).toMatchObject({
      scope: `${ns}/queues/orders`,
      principalId: "pid-app",
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39`,
    });
    expect(sim.one("azure-native:authorization:RoleAssignment", "/sub/events/s/receive").inputs).toMatchObject({
      scope: `${ns}/topics/events/subscriptions/s`,
      roleDefinitionId: expect.stringMatching(/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0$/),
    });
  });

  test("SAS policies with local auth: connection strings are secrets", async () => {
    const ns = new ServiceBusNamespace("sb", {
      resourceGroupName: "rg",
      namespaceName: "sb-sas",
      disableLocalAuth: false,
      authorizationRules: { listen: { rights: ["Listen"] } },
      queues: { q: { authorizationRules: { send: { rights: ["Send"] } } } },
    });
    await sim.settle();
    expect(sim.one(T("Namespace")).inputs.disableLocalAuth).toBe(false);
    expect(sim.one(T("NamespaceAuthorizationRule")).inputs).toMatchObject({
      authorizationRuleName: "listen",
      rights: ["Listen"],
    });
    expect(sim.one(T("QueueAuthorizationRule")).inputs).toMatchObject({ queueName: "q", rights: ["Send"] });
    expect(Object.keys(ns.connectionStrings).sort()).toEqual(["namespace/listen", "queues/q/send"]);
    expect(await pulumi.isSecret(ns.connectionStrings["queues/q/send"])).toBe(true);
    expect(await valueOf(ns.connectionStrings["namespace/listen"])).toContain("SharedAccessKeyName=listen");
  });

  test("Premium: messaging units, partitions, zone redundancy, network rules, CMK, geo-replication, protect", async () => {
    const uai = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cmk";
    new ServiceBusNamespace("sb", {
      resourceGroupName: "rg",
      location: "westeurope",
      namespaceName: "sb-premium",
      tier: "Premium",
      premiumMessagingPartitions: 2,
      protect: true,
      managedIdentities: { userAssignedResourceIds: { cmk: uai } },
      customerManagedKey: {
        keyVaultUri: "https://kv.vault.azure.net/",
        keyName: "k",
        userAssignedIdentityId: uai,
      },
      geoReplication: { secondaryLocation: "northeurope", maxReplicationLagSeconds: 300 },
      networkRuleSet: { ipRules: { office: "203.0.113.0/24" } },
      privateEndpoints: {
        main: {
          subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe",
        },
      },
      queues: { q: { maxMessageSizeInKilobytes: 1024 } },
    });
    await sim.settle();
    const ns = sim.one(T("Namespace"));
    expect(ns.inputs).toMatchObject({
      sku: { name: "Premium", tier: "Premium", capacity: 2 },
      premiumMessagingPartitions: 2,
      zoneRedundant: true,
      // Firewall rules keep public access on (they filter it); private endpoints alone would switch it off.
      publicNetworkAccess: "Enabled",
      identity: { type: "UserAssigned", userAssignedIdentities: [uai] },
      encryption: {
        keySource: "Microsoft.KeyVault",
        keyVaultProperties: [{ keyName: "k", identity: { userAssignedIdentity: uai } }],
      },
      geoDataReplication: {
        locations: [
          { locationName: "westeurope", roleType: "Primary" },
          { locationName: "northeurope", roleType: "Secondary" },
        ],
        maxReplicationLagDurationInSeconds: 300,
      },
    });
    expect(ns.protect).toBe(true);
    expect(sim.one(T("Queue")).protect).toBe(true);
    expect(sim.one(T("NamespaceNetworkRuleSet")).inputs).toMatchObject({
      defaultAction: "Deny",
      publicNetworkAccess: "Enabled",
      ipRules: [{ ipMask: "203.0.113.0/24", action: "Allow" }],
    });
    expect(sim.one("azure-native:network:PrivateEndpoint").inputs).toMatchObject({
      privateLinkServiceConnections: [{ groupIds: ["namespace"] }],
    });
  });

  test("a tier violation fails before any child is created", async () => {
    expect(() => new ServiceBusNamespace("bad", { resourceGroupName: "rg", tier: "Basic", topics: { t: {} } })).toThrow(
      'azint:servicebus:Namespace bad: invalid input\n  - topics.t: "t" topics are not available on the Basic tier; allowed on Standard, Premium',
    );
    await sim.settle();
    expect(sim.arm.ofType(T("Namespace"))).toHaveLength(0);
  });
});

describe("PairedNamespaces", () => {
  test("the secondary mirrors what geo-DR does not replicate, stays empty, and is paired by the alias", async () => {
    const uai = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cmk";
    const pair = new PairedNamespaces("dr", {
      resourceGroupName: "rg",
      location: "westeurope",
      secondaryLocation: "northeurope",
      alias: "orders-bus",
      primaryNamespaceName: "sb-orders-weu",
      secondaryNamespaceName: "sb-orders-neu",
      capacity: 4,
      premiumMessagingPartitions: 2,
      protect: true,
      managedIdentities: { userAssignedResourceIds: { cmk: uai } },
      customerManagedKey: {
        keyVaultUri: "https://kv.vault.azure.net/",
        keyName: "k",
        userAssignedIdentityId: uai,
      },
      networkRuleSet: { trustedServiceAccessEnabled: true },
      privateEndpoints: {
        weu: {
          subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe-weu",
        },
      },
      roleAssignments: {
        ops: { role: "Azure Service Bus Data Owner", principalId: "pid-ops", principalType: "Group" },
      },
      queues: { orders: { roleAssignments: { send: { ...app, role: "Azure Service Bus Data Sender" } } } },
    });
    await sim.settle();
    const [primary, secondary] = ["-primary-namespace", "-secondary-namespace"].map((s) => sim.one(T("Namespace"), s));
    const mirrored = {
      sku: { name: "Premium", tier: "Premium", capacity: 4 },
      premiumMessagingPartitions: 2,
      zoneRedundant: true,
      disableLocalAuth: true,
      minimumTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      identity: { type: "UserAssigned", userAssignedIdentities: [uai] },
      encryption: { keyVaultProperties: [{ keyName: "k", identity: { userAssignedIdentity: uai } }] },
    };
    expect(primary.inputs).toMatchObject({ ...mirrored, namespaceName: "sb-orders-weu", location: "westeurope" });
    expect(secondary.inputs).toMatchObject({ ...mirrored, namespaceName: "sb-orders-neu", location: "northeurope" });

    // Entities only on the primary (the secondary must be empty to pair).
    expect(sim.one(T("Queue")).inputs.namespaceName).toBe("sb-orders-weu");
    // Network rules, private endpoints (same subnet, its own region), namespace roles: on both.
    const rules = sim.arm.ofType(T("NamespaceNetworkRuleSet"));
    expect(rules.map((r) => [r.inputs.namespaceName, r.inputs.trustedServiceAccessEnabled])).toEqual(
      expect.arrayContaining([
        ["sb-orders-weu", true],
        ["sb-orders-neu", true],
      ]),
    );
    const pes = sim.arm.ofType("azure-native:network:PrivateEndpoint");
    expect(pes.map((p) => [p.inputs.location, (p.inputs.subnet as { id: string }).id])).toEqual([
      ["westeurope", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe-weu"],
      ["westeurope", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe-weu"],
    ]);
    const ns = (n: string) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/${n}`;
    expect(sim.one("azure-native:authorization:RoleAssignment", "secondary-ra/ops").inputs.scope).toBe(
      ns("sb-orders-neu"),
    );

    const alias = sim.one(T("DisasterRecoveryConfig"));
    expect(alias.inputs).toMatchObject({
      alias: "orders-bus",
      namespaceName: "sb-orders-weu",
      partnerNamespace: ns("sb-orders-neu"),
    });
    expect(alias.protect).toBe(true);
    // Pairing waits for both namespaces and both sides' private endpoints (SB-GEO), and for nothing else.
    const peUrns = sim.arm.ofType("azure-native:network:PrivateEndpoint").map((p) => p.urn);
    expect(peUrns).toHaveLength(2);
    expect([...alias.dependencies].sort()).toEqual([primary.urn, secondary.urn, ...peUrns].sort());
    expect(primary.dependencies).not.toContain(secondary.urn);

    // Entity roles are mirrored onto the secondary's replicated entity, after pairing.
    const mirroredRole = sim.one("azure-native:authorization:RoleAssignment", "dr-secondary-ra/queues/orders/send");
    expect(mirroredRole.inputs.scope).toBe(`${ns("sb-orders-neu")}/queues/orders`);
    expect(mirroredRole.dependencies).toContain(alias.urn);
    expect(await valueOf(pair.aliasEndpoint)).toBe("sb://orders-bus.servicebus.windows.net/");
  });
});
