import * as path from "path";
import { PlannedJson, projectDir } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";

// The AVM `max`-like Service Bus fixture plans with exit 0 (the run's shared plan): every feature reaches azure-native as
// declared, and the settings Azure accepts without effect are printed as warnings with their config key paths.
const fixture = path.join(projectDir, "tests/fixtures/stacks/Pulumi.avm-max-servicebus.yaml");
const result = sharedPlan(fixture);
const output = `${result.stdout}\n${result.stderr}`;
const resources = (): PlannedJson[] => result.plan.resources;
const one = (type: string, name: string): PlannedJson => {
  const found = resources().filter((r) => r.type === `azure-native:servicebus:${type}` && r.name === name);
  expect(found.map((r) => r.name)).toEqual([name]);
  return found[0];
};

test("plans with exit 0", () => {
  expect([result.status, result.stderr.includes("invalid")]).toEqual([0, false]);
});

test.each([
  ["servicebus.namespaces.orders.networkRuleSet", "has no effect while publicNetworkAccess is Disabled"],
  ["servicebus.namespaces.orders.authorizationRules.ops", "is a SAS rule that can never be used"],
  ["servicebus.namespaces.orders.queues.orders.authorizationRules.app", "is a SAS rule that can never be used"],
  [
    "servicebus.namespaces.orders.queues.audit.duplicateDetectionHistoryTimeWindow",
    "has no effect while requiresDuplicateDetection is not true",
  ],
])("warns once at %s", (key, why) => {
  const lines = output.split("\n").filter((l) => l.includes(`${key}: `));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(why);
});

test("the namespace: Premium, zone redundant, CMK, both identity kinds, public access off, alternate name", () => {
  expect(one("Namespace", "sb-orders-namespace").inputs).toMatchObject({
    namespaceName: "sb-avm-max-orders",
    sku: { name: "Premium", capacity: 2 },
    zoneRedundant: true,
    disableLocalAuth: true,
    publicNetworkAccess: "Disabled",
    minimumTlsVersion: "1.2",
    alternateName: "sb-avm-max-orders-alt",
    identity: { type: "SystemAssigned, UserAssigned" },
    encryption: { keySource: "Microsoft.KeyVault", requireInfrastructureEncryption: true },
  });
  // The firewall rules and SAS rules Azure accepts are created as declared (with the warnings above), not dropped.
  const rules = resources().filter((r) => r.type === "azure-native:servicebus:NamespaceNetworkRuleSet");
  expect(rules.map((r) => r.inputs)).toEqual([
    expect.objectContaining({
      defaultAction: "Deny",
      ipRules: [{ ipMask: "203.0.113.0/24", action: "Allow" }],
      virtualNetworkRules: [expect.objectContaining({ ignoreMissingVnetServiceEndpoint: true })],
    }),
  ]);
  expect(one("NamespaceAuthorizationRule", "sb-orders-sas/ops").inputs).toMatchObject({ rights: ["Listen", "Send"] });
  expect(one("Queue", "sb-orders-queue/audit").inputs).toMatchObject({
    requiresDuplicateDetection: false,
    duplicateDetectionHistoryTimeWindow: "PT10M",
  });
});

test("the private endpoint, lock, role assignments and diagnostics of the namespace", () => {
  const id = one("Namespace", "sb-orders-namespace").inputs.namespaceName as string;
  const on = (type: string) =>
    resources().filter((r) => r.type === type && JSON.stringify(r.inputs).includes(`/namespaces/${id}`));
  expect(on("azure-native:network:PrivateEndpoint")).toHaveLength(1);
  expect(on("azure-native:authorization:ManagementLockByScope").map((r) => r.inputs.level)).toEqual(["CanNotDelete"]);
  expect(on("azure-native:monitor:DiagnosticSetting")).toHaveLength(1);
  // The namespace's operators and the entity-scoped sender / receiver grants.
  expect(on("azure-native:authorization:RoleAssignment").length).toBeGreaterThanOrEqual(4);
});

test("rule actions with their options, and a client-affine subscription", () => {
  expect(one("Rule", "sb-orders-rule/order-events/billing/paid").inputs.action).toEqual({
    sqlExpression: "SET priority = 'high'",
    compatibilityLevel: 20,
    requiresPreprocessing: false,
  });
  expect(one("Rule", "sb-orders-rule/order-events/jms-orders/eu").inputs.action).toMatchObject({
    sqlExpression: "SET sys.Label = 'eu'",
  });
  expect(one("Subscription", "sb-orders-sub/order-events/jms-orders").inputs).toMatchObject({
    isClientAffine: true,
    clientAffineProperties: { clientId: "orders-jms-client", isDurable: true, isShared: false },
  });
  expect(one("Subscription", "sb-orders-sub/order-events/billing").inputs.isClientAffine).toBeUndefined();
});

test("the Standard namespace migrates to the empty Premium namespace of the stack, after its entities exist", () => {
  const target = one("Namespace", "sb-next-namespace");
  const migration = one("MigrationConfig", "sb-legacy-migration");
  expect(migration.inputs).toMatchObject({
    configName: "$default",
    namespaceName: "sb-avm-max-legacy",
    postMigrationName: "sb-avm-max-legacy-old",
    targetNamespace: expect.stringMatching(/\/providers\/Microsoft\.ServiceBus\/namespaces\/sb-avm-max-next$/),
  });
  expect(migration.dependencies).toEqual(
    expect.arrayContaining([target.urn, one("Queue", "sb-legacy-queue/inbound").urn]),
  );
});
