import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { applyEntityExtensions, applyExtensions, validateCommonArgs } from "../../components/core";
import type { DiagnosticSettingArgs } from "../../components/core";
import { useSimulatedArm } from "../helpers/simulation";

const sim = useSimulatedArm();
const sub = "00000000-0000-0000-0000-000000000000";
const WS = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w";
const ST = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/starchive";
const RULE = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/siem/authorizationRules/diag";

const check = (settings: Record<string, DiagnosticSettingArgs>) =>
  validateCommonArgs({ diagnosticSettings: settings }, "Microsoft.ServiceBus/namespaces");

describe("diagnostic settings: validation", () => {
  test.each([
    ["a workspace with groups", { a: { workspaceId: WS, logCategoryGroups: ["audit"] } }, []],
    ["individual categories to an event hub", { a: { eventHubAuthorizationRuleId: RULE, logCategories: ["x"] } }, []],
    ["a partner destination alone", { a: { marketplacePartnerId: "/subscriptions/0/p" } }, []],
    ["no destination", { a: { logCategories: ["RuntimeAuditLogs"] } }, ["diagnosticSettings.a"]],
    [
      "categories and groups in one setting",
      { a: { workspaceId: WS, logCategories: ["x"], logCategoryGroups: ["allLogs"] } },
      ["diagnosticSettings.a.logCategories"],
    ],
    [
      "an unknown category group",
      { a: { workspaceId: WS, logCategoryGroups: ["all"] } },
      ["diagnosticSettings.a.logCategoryGroups.0"],
    ],
    [
      "a category twice",
      { a: { workspaceId: WS, logCategories: ["Ops", "ops"] } },
      ["diagnosticSettings.a.logCategories.1"],
    ],
    [
      "an event hub name without a rule",
      { a: { workspaceId: WS, eventHubName: "logs" } },
      ["diagnosticSettings.a.eventHubName"],
    ],
    [
      "an event hub's own rule instead of the namespace's",
      { a: { eventHubAuthorizationRuleId: RULE.replace("/authorizationRules/", "/eventhubs/h/authorizationRules/") } },
      ["diagnosticSettings.a.eventHubAuthorizationRuleId"],
    ],
    [
      "a destination type without a workspace (a warning)",
      { a: { storageAccountId: ST, logAnalyticsDestinationType: "Dedicated" as const } },
      ["diagnosticSettings.a.logAnalyticsDestinationType"],
    ],
    [
      "six settings on one resource",
      Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k) => [k, { workspaceId: WS }])),
      ["diagnosticSettings"],
    ],
  ])("%s", (_case, settings, paths) => {
    expect(check(settings as Record<string, DiagnosticSettingArgs>).map((v) => v.path)).toEqual(paths);
  });

  test("a destination type without a workspace is a warning, not an error", () => {
    const [v] = check({ a: { storageAccountId: ST, logAnalyticsDestinationType: "Dedicated" } });
    expect(v).toMatchObject({ severity: "warning", message: expect.stringContaining("has no effect") });
  });

  test("the limit names its source", () => {
    const [v] = check(Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k) => [k, { workspaceId: WS }])));
    expect(v.message).toContain("at most 5 per resource (https://learn.microsoft.com/azure/azure-monitor/");
  });
});

class Host extends pulumi.ComponentResource {
  constructor(name: string, args: Parameters<typeof applyExtensions>[3]) {
    super("test:core:Host", name, {}, {});
    const rg = new resources.ResourceGroup(`${name}-rg`, { resourceGroupName: "rg-x" }, { parent: this });
    applyExtensions(this, name, { id: rg.id, resourceType: "Microsoft.EventHub/namespaces", resource: rg }, args);
    // An entity of the host: role assignments and a lock scoped to it, the lock after the entity's children.
    const entity = new resources.ResourceGroup(`${name}-entity`, { resourceGroupName: "rg-e" }, { parent: this });
    const child = new resources.ResourceGroup(`${name}-child`, { resourceGroupName: "rg-c" }, { parent: this });
    applyEntityExtensions(
      this,
      name,
      "hub",
      ["orders"],
      { id: entity.id, resource: entity },
      {
        roleAssignments: {
          reader: { role: "Azure Event Hubs Data Receiver", principalId: "pid-2", principalType: "ServicePrincipal" },
        },
        lock: { kind: "ReadOnly" },
      },
      [child],
    );
    this.registerOutputs({});
  }
}

describe("diagnostic settings and entity extensions on the simulated ARM", () => {
  test("named settings reach azure-native: the key is the ARM name, categories or groups, destinations", async () => {
    new Host("ns", {
      resourceGroupName: "rg-x",
      diagnosticSettings: {
        siem: { eventHubAuthorizationRuleId: RULE, eventHubName: "logs", logCategories: ["RuntimeAuditLogs"] },
        archive: { storageAccountId: ST, logCategoryGroups: ["audit"], metrics: false },
        law: { workspaceId: WS, logAnalyticsDestinationType: "Dedicated" },
      },
    });
    await sim.settle();
    const scope = `/subscriptions/${sub}/resourceGroups/rg-x`;
    expect(sim.one("azure-native:monitor:DiagnosticSetting", "diag/siem").inputs).toMatchObject({
      name: "siem",
      resourceUri: scope,
      eventHubAuthorizationRuleId: RULE,
      eventHubName: "logs",
      logs: [{ category: "RuntimeAuditLogs", enabled: true }],
      metrics: [{ category: "AllMetrics", enabled: true }],
    });
    const archive = sim.one("azure-native:monitor:DiagnosticSetting", "diag/archive").inputs;
    expect(archive).toMatchObject({
      name: "archive",
      storageAccountId: ST,
      logs: [{ categoryGroup: "audit", enabled: true }],
      metrics: [],
    });
    expect(archive.workspaceId).toBeUndefined();
    expect(sim.one("azure-native:monitor:DiagnosticSetting", "diag/law").inputs).toMatchObject({
      name: "law",
      workspaceId: WS,
      logAnalyticsDestinationType: "Dedicated",
      logs: [{ categoryGroup: "allLogs", enabled: true }],
    });
  });

  test("an entity's role assignment and lock are scoped to the entity, the lock after its children", async () => {
    new Host("eh", { resourceGroupName: "rg-x" });
    await sim.settle();
    const entity = `/subscriptions/${sub}/resourceGroups/rg-e`;
    const ra = sim.one("azure-native:authorization:RoleAssignment", "eh-hub-ra/orders/reader");
    expect(ra.inputs).toMatchObject({ scope: entity, principalId: "pid-2", principalType: "ServicePrincipal" });
    const lock = sim.one("azure-native:authorization:ManagementLockByScope", "eh-hub-lock/orders");
    expect(lock.inputs).toMatchObject({ scope: entity, level: "ReadOnly", lockName: "lock-orders" });
    expect(lock.dependencies).toContain(ra.urn);
    expect(lock.dependencies).toContain(sim.one("azure-native:resources:ResourceGroup", "eh-child").urn);
  });
});
