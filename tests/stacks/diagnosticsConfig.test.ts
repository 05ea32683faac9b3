import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { runPlan } from "../../planner/plan";
import type { PlannedResource } from "../../planner/simulatedArm";
import { validateStackConfig } from "../../stacks/config/load";
import { projectDir } from "../helpers/runPlanCli";

/**
 * Named diagnostic settings routed by stack key (workspace, storage, a SIEM event hub) and role assignments and locks
 * on event hubs, consumer groups, queues and topics: config-time errors with key paths, then one plan on the
 * simulated ARM (one per Jest file: the Pulumi runtime is global) checking what reaches azure-native.
 */
const siemNamespace = {
  tier: "Standard",
  disableLocalAuth: false,
  authorizationRules: { diag: { rights: ["Manage", "Send", "Listen"] }, send: { rights: ["Send"] } },
  eventHubs: {
    logs: {
      roleAssignments: { siem: { role: "Azure Event Hubs Data Receiver", principal: { identity: "siem-reader" } } },
      lock: { kind: "CanNotDelete" },
      consumerGroups: {
        sentinel: {
          roleAssignments: { reader: { role: "custom:hub-reader", principal: { identity: "siem-reader" } } },
          lock: { kind: "CanNotDelete", name: "keep-sentinel" },
        },
      },
    },
  },
  // Only individual categories: the diagnostics policy (allLogs or audit) must say so.
  diagnosticSettings: { law: { workspace: "default", logCategories: ["RuntimeAuditLogs"] } },
};
const config = {
  environment: "dev",
  monitoring: { logAnalytics: {} },
  identities: { "siem-reader": {} },
  storage: { archive: {} },
  rbac: {
    customRoles: {
      "hub-reader": { actions: ["Microsoft.EventHub/namespaces/eventhubs/read"], scope: "resourceGroup" },
    },
  },
  eventhubs: {
    namespaces: {
      siem: siemNamespace,
      // Built after `siem`, whose rule it streams with.
      ingest: {
        tier: "Standard",
        diagnosticSettings: { siem: { eventHub: { namespace: "siem", authorizationRule: "diag" } } },
      },
    },
  },
  servicebus: {
    namespaces: {
      orders: {
        tier: "Standard",
        diagnosticSettings: {
          siem: {
            eventHub: { namespace: "siem", authorizationRule: "diag", eventHub: "logs" },
            logCategoryGroups: ["audit"],
          },
          archive: { storage: "archive", logCategories: ["OperationalLogs"], metrics: false },
          law: { workspace: "default", logAnalyticsDestinationType: "Dedicated" },
        },
        queues: { q: { lock: { kind: "ReadOnly" } } },
        topics: { t: { lock: { kind: "CanNotDelete" }, subscriptions: { s: {} } } },
      },
    },
  },
};

type Raw = Record<string, unknown>;
const withOrders = (diag: Raw, extra: Raw = {}): Raw => ({
  ...config,
  ...extra,
  servicebus: { namespaces: { orders: { tier: "Standard", ...diag } } },
});

describe("diagnostics and entity roles/locks in config: errors with key paths", () => {
  const p = "servicebus.namespaces.orders.";
  test.each([
    [
      "diagnostics and diagnosticSettings together",
      withOrders({ diagnostics: true, diagnosticSettings: { a: { workspace: "default" } } }),
      `${p}diagnostics`,
      "cannot be set together with",
    ],
    [
      "the stack's workspace without monitoring",
      withOrders({ diagnosticSettings: { a: { workspace: "default" } } }, { monitoring: undefined }),
      `${p}diagnosticSettings.a.workspace`,
      "'monitoring.logAnalytics' is not configured",
    ],
    [
      "an undeclared storage account",
      withOrders({ diagnosticSettings: { a: { storage: "logs" } } }),
      `${p}diagnosticSettings.a.storage`,
      "names no storage account declared under 'storage' and is not a storage account id; declared: archive",
    ],
    [
      "a storage account whose firewall keeps Azure Monitor out",
      withOrders(
        { diagnosticSettings: { a: { storage: "archive" } } },
        { storage: { archive: { publicNetworkAccess: "Disabled" } } },
      ),
      `${p}diagnosticSettings.a.storage`,
      "public network access Disabled",
    ],
    [
      "a rule without Manage",
      withOrders({ diagnosticSettings: { a: { eventHub: { namespace: "siem", authorizationRule: "send" } } } }),
      `${p}diagnosticSettings.a.eventHub.authorizationRule`,
      "Azure Monitor streams with Manage, Send and Listen (missing Manage, Listen)",
    ],
    [
      "an undeclared event hub",
      withOrders({
        diagnosticSettings: { a: { eventHub: { namespace: "siem", authorizationRule: "diag", eventHub: "x" } } },
      }),
      `${p}diagnosticSettings.a.eventHub.eventHub`,
      "names no event hub under eventhubs.namespaces.siem.eventHubs; declared: logs",
    ],
    [
      "an event hub namespace in another region",
      withOrders(
        { diagnosticSettings: { a: { eventHub: { namespace: "siem", authorizationRule: "diag" } } } },
        { eventhubs: { namespaces: { siem: { ...siemNamespace, location: "northeurope" } } } },
      ),
      `${p}diagnosticSettings.a.eventHub.namespace`,
      "Azure requires the same region",
    ],
    [
      "groups and categories in one setting (the component's rule, with the config path)",
      withOrders({
        diagnosticSettings: { a: { workspace: "default", logCategoryGroups: ["audit"], logCategories: ["x"] } },
      }),
      `${p}diagnosticSettings.a.logCategories`,
      "cannot be combined with logCategoryGroups",
    ],
    [
      "an unknown key in a setting",
      withOrders({ diagnosticSettings: { a: { workspaceId: "/subscriptions/x" } } }),
      `${p}diagnosticSettings.a.workspaceId`,
      "is not a known key",
    ],
    [
      "an event hub role naming an undeclared identity",
      {
        ...config,
        eventhubs: {
          namespaces: {
            siem: {
              ...siemNamespace,
              eventHubs: { logs: { roleAssignments: { x: { role: "Reader", principal: { identity: "nobody" } } } } },
            },
          },
        },
      },
      "eventhubs.namespaces.siem.eventHubs.logs.roleAssignments.x.principal.identity",
      "names no identity declared under 'identities'",
    ],
    [
      "a consumer group role with a misspelt built-in role",
      {
        ...config,
        eventhubs: {
          namespaces: {
            siem: {
              ...siemNamespace,
              eventHubs: {
                logs: {
                  consumerGroups: {
                    g: {
                      roleAssignments: {
                        x: { role: "Azure Event Hubs Data Recever", principal: { identity: "siem-reader" } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "eventhubs.namespaces.siem.eventHubs.logs.consumerGroups.g.roleAssignments.x.role",
      "is not a known built-in role name",
    ],
    [
      "an Event Hubs namespace streaming to itself (no build order)",
      {
        ...config,
        eventhubs: {
          namespaces: {
            siem: {
              ...siemNamespace,
              diagnosticSettings: { a: { eventHub: { namespace: "siem", authorizationRule: "diag" } } },
            },
          },
        },
      },
      "eventhubs.namespaces.siem.diagnosticSettings.a.eventHub.namespace",
      "streams in a cycle of Event Hubs namespaces (siem -> siem",
    ],
    [
      "a queue lock of an unknown kind",
      withOrders({ queues: { q: { lock: { kind: "Delete" } } } }),
      `${p}queues.q.lock.kind`,
      "",
    ],
  ])("%s", (_case, raw, at, message) => {
    const { config: valid, violations } = validateStackConfig(raw);
    expect(valid).toBeUndefined();
    expect(violations.find((v) => v.path === at)).toMatchObject({
      path: at,
      message: expect.stringContaining(message),
    });
  });

  test("the config above is valid", () => {
    expect(validateStackConfig(config).violations).toEqual([]);
  });
});

describe("on the simulated ARM", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diag-"));
  const file = path.join(dir, "Pulumi.diag.yaml");
  const prefixed = Object.fromEntries(Object.entries(config).map(([k, v]) => [`azure-integration:${k}`, v]));
  fs.writeFileSync(file, stringify({ config: { "azure-native:location": "westeurope", ...prefixed } }));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let resources: PlannedResource[] = [];
  let violations: { policy: string; message: string }[] = [];
  beforeAll(async () => {
    const report = await runPlan({ projectDir, stack: "diag", configFile: file });
    expect(report.error).toBeUndefined();
    resources = report.resources;
    violations = report.violations;
  }, 180_000);

  const one = (type: string, configKey: string) => {
    const found = resources.filter((r) => r.type === `azure-native:${type}` && r.configKey === configKey);
    expect(found.map((r) => r.configKey)).toEqual([configKey]);
    return found[0];
  };
  const idOf = (type: string, configKey: string) => one(type, configKey).id;
  /** Children the component does not attribute to a key of their own, by logical name. */
  const idByName = (type: string, name: string) => {
    const found = resources.filter((r) => r.type === `azure-native:${type}` && r.name === name);
    expect(found.map((r) => r.name)).toEqual([name]);
    return found[0].id;
  };

  test("named settings: ARM name from the key, destinations resolved from stack keys, selection passed through", () => {
    const ns = idOf("servicebus:Namespace", "servicebus.namespaces.orders");
    const siem = one("monitor:DiagnosticSetting", "servicebus.namespaces.orders.diagnosticSettings.siem").inputs;
    expect(siem).toMatchObject({
      name: "siem",
      resourceUri: ns,
      eventHubAuthorizationRuleId: idByName("eventhub:NamespaceAuthorizationRule", "evhns-siem-rule/diag"),
      eventHubName: "logs",
      logs: [{ categoryGroup: "audit", enabled: true }],
    });
    expect(siem.workspaceId).toBeUndefined();
    expect(
      one("monitor:DiagnosticSetting", "servicebus.namespaces.orders.diagnosticSettings.archive").inputs,
    ).toMatchObject({
      name: "archive",
      storageAccountId: idOf("storage:StorageAccount", "storage.archive"),
      logs: [{ category: "OperationalLogs", enabled: true }],
      metrics: [],
    });
    expect(
      one("monitor:DiagnosticSetting", "servicebus.namespaces.orders.diagnosticSettings.law").inputs,
    ).toMatchObject({
      workspaceId: idOf("operationalinsights:Workspace", "monitoring.logAnalytics"),
      logAnalyticsDestinationType: "Dedicated",
      logs: [{ categoryGroup: "allLogs", enabled: true }],
    });
    // The explicit map replaces the default setting: no `workspace` setting on the namespace.
    expect(
      resources.filter((r) => r.configKey === "servicebus.namespaces.orders.diagnosticSettings.workspace"),
    ).toEqual([]);
  });

  test("an Event Hubs namespace streams to another namespace of the stack, built before it", () => {
    const rule = resources.find(
      (r) => r.type === "azure-native:eventhub:NamespaceAuthorizationRule" && r.name === "evhns-siem-rule/diag",
    )!;
    const setting = one("monitor:DiagnosticSetting", "eventhubs.namespaces.ingest.diagnosticSettings.siem");
    expect(setting.inputs).toMatchObject({
      resourceUri: idOf("eventhub:Namespace", "eventhubs.namespaces.ingest"),
      eventHubAuthorizationRuleId: rule.id,
    });
    expect(setting.dependencies).toContain(rule.urn);
    expect(setting.inputs.eventHubName).toBeUndefined();
  });

  test("roles and locks on an event hub and a consumer group are scoped to them", () => {
    const hub = idOf("eventhub:EventHub", "eventhubs.namespaces.siem.eventHubs.logs");
    const group = idByName("eventhub:ConsumerGroup", "evhns-siem-cg/logs/sentinel");
    const k = "eventhubs.namespaces.siem.eventHubs.logs";
    expect(one("authorization:RoleAssignment", `${k}.roleAssignments.siem`).inputs).toMatchObject({
      scope: hub,
      principalType: "ServicePrincipal",
      roleDefinitionId: expect.stringMatching(/roleDefinitions\/a638d3c7-ab3a-418d-83e6-5f17a39d4fde$/),
    });
    expect(one("authorization:ManagementLockByScope", `${k}.lock`).inputs).toMatchObject({
      scope: hub,
      level: "CanNotDelete",
    });
    const cg = `${k}.consumerGroups.sentinel`;
    expect(one("authorization:RoleAssignment", `${cg}.roleAssignments.reader`).inputs).toMatchObject({
      scope: group,
      // The stack's custom role (by GUID; the assignment names it at subscription level).
      roleDefinitionId: expect.stringMatching(
        new RegExp(
          `roleDefinitions/${idOf("authorization:RoleDefinition", "rbac.customRoles.hub-reader")!.split("/").pop()}$`,
        ),
      ),
    });
    expect(one("authorization:ManagementLockByScope", `${cg}.lock`).inputs).toMatchObject({
      scope: group,
      lockName: "keep-sentinel",
    });
  });

  test("locks on a queue and a topic are scoped to them; the topic's waits for its subscription", () => {
    const q = "servicebus.namespaces.orders.queues.q";
    const t = "servicebus.namespaces.orders.topics.t";
    expect(one("authorization:ManagementLockByScope", `${q}.lock`).inputs).toMatchObject({
      scope: idOf("servicebus:Queue", q),
      level: "ReadOnly",
      lockName: "lock-q",
    });
    const topicLock = one("authorization:ManagementLockByScope", `${t}.lock`);
    expect(topicLock.inputs).toMatchObject({ scope: idOf("servicebus:Topic", t), level: "CanNotDelete" });
    expect(topicLock.dependencies).toContain(one("servicebus:Subscription", `${t}.subscriptions.s`).urn);
  });

  test("the diagnostics policy understands named settings: categories only are reported as such", () => {
    const eh = violations.filter((v) => v.policy === "eventhub-namespace-diagnostics");
    expect(eh).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          "has diagnostic settings that send only the individual categories RuntimeAuditLogs; none sends the log category group allLogs or audit",
        ),
      }),
    ]);
    // The Service Bus namespace's `siem` setting sends the audit group to a destination: no finding.
    expect(violations.filter((v) => v.policy === "servicebus-namespace-diagnostics")).toEqual([]);
  });
});
