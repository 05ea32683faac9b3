import * as pulumi from "@pulumi/pulumi";
import { isWarning, throwIfInvalid, ValidationError, Violation } from "../../components/core/errors";
import { withConfigKey } from "../../components/core/configKey";
import { warning } from "../../components/core/validate";
import { validateBatchAccountArgs } from "../../components/batch/BatchAccount";
import { validateTopicArgs } from "../../components/eventgrid/Topic";
import { validateDomainArgs } from "../../components/eventgrid/Domain";
import { validateEventHubNamespaceArgs } from "../../components/eventhubs/Namespace";
import { validateServiceBusNamespaceArgs } from "../../components/servicebus/Namespace";
import { validateStackConfig } from "../../stacks/config/load";

// The warnings principle (README "Errors and warnings"): a setting Azure accepts that has no effect is a warning with
// its key path and why; what Azure rejects, what breaks at run time, and what silently weakens security is an error.
// The same rule in Event Hubs, Service Bus, Event Grid and Batch.

const rg = { resourceGroupName: "rg", location: "westeurope" };
const subnetId =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apps";
const firewall = { ipRules: { office: "203.0.113.0/24" }, virtualNetworkRules: { apps: { subnetId } } };
const sas = { app: { rights: ["Send" as const] } };

const split = (found: Violation[]) => ({
  errors: found.filter((v) => !isWarning(v)).map((v) => v.path),
  warnings: found.filter(isWarning).map((v) => [v.path, v.message]),
});

describe("settings Azure accepts that have no effect are warnings (path and why), never errors", () => {
  test.each<[string, () => Violation[], string, string]>([
    [
      "Service Bus: a duplicate-detection window while detection is off (Azure's quickstarts set PT10M)",
      () => validateServiceBusNamespaceArgs({ ...rg, queues: { q: { duplicateDetectionHistoryTimeWindow: "PT10M" } } }),
      "queues.q.duplicateDetectionHistoryTimeWindow",
      "has no effect while requiresDuplicateDetection is not true",
    ],
    [
      "Service Bus: the same on a topic",
      () => validateServiceBusNamespaceArgs({ ...rg, topics: { t: { duplicateDetectionHistoryTimeWindow: "PT10M" } } }),
      "topics.t.duplicateDetectionHistoryTimeWindow",
      "has no effect while requiresDuplicateDetection is not true",
    ],
    [
      "Service Bus: a namespace SAS rule while local auth is disabled (AVM max, waf-aligned)",
      () => validateServiceBusNamespaceArgs({ ...rg, authorizationRules: sas }),
      "authorizationRules.app",
      "is a SAS rule that can never be used: local auth is disabled",
    ],
    [
      "Service Bus: a queue SAS rule while local auth is disabled",
      () => validateServiceBusNamespaceArgs({ ...rg, queues: { q: { authorizationRules: sas } } }),
      "queues.q.authorizationRules.app",
      "is a SAS rule that can never be used",
    ],
    [
      "Service Bus: firewall rules while public network access is Disabled",
      () =>
        validateServiceBusNamespaceArgs({
          ...rg,
          tier: "Premium",
          publicNetworkAccess: "Disabled",
          networkRuleSet: firewall,
        }),
      "networkRuleSet",
      "has no effect while publicNetworkAccess is Disabled",
    ],
    [
      "Service Bus: a rule action's reserved compatibility level other than 20",
      () =>
        validateServiceBusNamespaceArgs({
          ...rg,
          topics: {
            t: {
              subscriptions: {
                s: {
                  rules: { r: { sqlFilter: "a = 1", action: { sqlExpression: "SET b = 2", compatibilityLevel: 10 } } },
                },
              },
            },
          },
        }),
      "topics.t.subscriptions.s.rules.r.action.compatibilityLevel",
      "has no effect: the compatibility level is reserved for future use and Service Bus uses 20",
    ],
    [
      "Event Hubs: a namespace SAS rule while local auth is disabled",
      () => validateEventHubNamespaceArgs({ ...rg, tier: "Standard", authorizationRules: sas }),
      "authorizationRules.app",
      "is a SAS rule that can never be used: local auth is disabled",
    ],
    [
      "Event Hubs: an event hub SAS rule while local auth is disabled",
      () => validateEventHubNamespaceArgs({ ...rg, tier: "Standard", eventHubs: { h: { authorizationRules: sas } } }),
      "eventHubs.h.authorizationRules.app",
      "is a SAS rule that can never be used",
    ],
    [
      "Event Hubs: firewall rules while public network access is Disabled",
      () =>
        validateEventHubNamespaceArgs({
          ...rg,
          tier: "Standard",
          publicNetworkAccess: "Disabled",
          networkRuleSet: firewall,
        }),
      "networkRuleSet",
      "has no effect while publicNetworkAccess is Disabled",
    ],
    [
      "Event Grid: topic inbound IP rules while public network access is Disabled",
      () => validateTopicArgs({ ...rg, publicNetworkAccess: "Disabled", inboundIpRules: { office: "203.0.113.0/24" } }),
      "inboundIpRules",
      "has no effect while publicNetworkAccess is Disabled",
    ],
    [
      "Event Grid: domain inbound IP rules while public network access is Disabled",
      () =>
        validateDomainArgs({ ...rg, publicNetworkAccess: "Disabled", inboundIpRules: { office: "203.0.113.0/24" } }),
      "inboundIpRules",
      "has no effect while publicNetworkAccess is Disabled",
    ],
    [
      "Event Grid: more delivery attempts than the event TTL allows",
      () =>
        validateTopicArgs({
          ...rg,
          subscriptions: {
            slow: {
              destination: {
                kind: "eventHub",
                resourceId:
                  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/evhns-a/eventhubs/h",
              },
              deadLetter: false,
              retry: { maxDeliveryAttempts: 30, eventTtlMinutes: 60 },
            },
          },
        }),
      "subscriptions.slow.retry.maxDeliveryAttempts",
      "can never happen with an event TTL of 60 minutes",
    ],
    [
      "Batch: an account network profile while public network access is Disabled",
      () =>
        validateBatchAccountArgs({
          ...rg,
          publicNetworkAccess: "Disabled",
          networkProfile: { accountAccess: { defaultAction: "Deny" } },
        }),
      "networkProfile",
      "has no effect while publicNetworkAccess is Disabled",
    ],
  ])("%s", (_case, validate, path, message) => {
    expect(split(validate())).toEqual({ errors: [], warnings: [[path, expect.stringContaining(message)]] });
  });
});

describe("what Azure rejects or what weakens security stays an error next to those warnings", () => {
  test.each<[string, () => Violation[], string, string]>([
    [
      "a duplicate-detection window out of range, even while detection is off",
      () => validateServiceBusNamespaceArgs({ ...rg, queues: { q: { duplicateDetectionHistoryTimeWindow: "PT5S" } } }),
      "queues.q.duplicateDetectionHistoryTimeWindow",
      "must be from 20 s to 7 days",
    ],
    [
      "duplicate detection on Basic",
      () =>
        validateServiceBusNamespaceArgs({ ...rg, tier: "Basic", queues: { q: { requiresDuplicateDetection: true } } }),
      "queues.q.requiresDuplicateDetection",
      "not available on the Basic tier",
    ],
    [
      "a SAS rule Azure refuses (Manage alone), even while local auth is disabled",
      () => validateServiceBusNamespaceArgs({ ...rg, authorizationRules: { admin: { rights: ["Manage"] } } }),
      "authorizationRules.admin.rights",
      "includes Manage, which Azure accepts only together with Send and Listen",
    ],
    [
      "a Service Bus rule set on Standard (Premium only here)",
      () => validateServiceBusNamespaceArgs({ ...rg, tier: "Standard", networkRuleSet: firewall }),
      "networkRuleSet",
      "is not available on the Standard tier",
    ],
    [
      "Event Hubs: rules made no-ops by defaultAction Allow (looks restricted, is not: weakens security)",
      () =>
        validateEventHubNamespaceArgs({
          ...rg,
          tier: "Standard",
          networkRuleSet: { ...firewall, defaultAction: "Allow" },
        }),
      "networkRuleSet.defaultAction",
      "makes the IP and VNet rules no-ops",
    ],
    [
      "Event Grid: an IP rule that is not an IPv4 range",
      () => validateTopicArgs({ ...rg, publicNetworkAccess: "Disabled", inboundIpRules: { office: "10.0.0.0/33" } }),
      "inboundIpRules.office",
      "must be an IPv4 address or CIDR range",
    ],
    [
      "a migration from a Premium namespace (Service Bus migrates Standard to Premium only)",
      () =>
        validateServiceBusNamespaceArgs({
          ...rg,
          tier: "Premium",
          migrationConfig: {
            targetNamespace:
              "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sb-target-ns",
            postMigrationName: "sb-old-name",
          },
        }),
      "migrationConfig",
      "needs a Standard namespace",
    ],
  ])("%s", (_case, validate, path, message) => {
    const found = validate().filter((v) => v.path === path && !isWarning(v));
    expect(found.map((v) => v.message)).toEqual([expect.stringContaining(message)]);
  });
});

describe("the stack reports a component's warnings with the config key path and stays valid (exit 0)", () => {
  test("a warning is not a violation; it starts with the full config key path", () => {
    const at = "servicebus.namespaces.orders.queues.audit.duplicateDetectionHistoryTimeWindow";
    const { config, violations, warnings } = validateStackConfig({
      environment: "dev",
      servicebus: { namespaces: { orders: { queues: { audit: { duplicateDetectionHistoryTimeWindow: "PT10M" } } } } },
    });
    expect(violations).toEqual([]);
    expect(config).toBeDefined();
    expect(warnings).toEqual([
      expect.stringContaining(`${at}: "PT10M" has no effect while requiresDuplicateDetection`),
    ]);
    expect(warnings[0].startsWith(at)).toBe(true);
  });

  test("an error next to a warning still fails, with only the error", () => {
    const { config, violations, warnings } = validateStackConfig({
      environment: "dev",
      servicebus: {
        namespaces: {
          orders: {
            queues: { audit: { duplicateDetectionHistoryTimeWindow: "PT10M", lockDuration: "PT6M" } },
          },
        },
      },
    });
    expect(config).toBeUndefined();
    expect(violations.map((v) => v.path)).toEqual(["servicebus.namespaces.orders.queues.audit.lockDuration"]);
    expect(warnings).toHaveLength(1);
  });
});

describe("throwIfInvalid: warnings are logged once with the config key path; only errors throw", () => {
  test("warnings alone do not throw and are logged once, qualified by the config key being built", () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const w = warning("queues.q.window", "PT10M", "has no effect (test-once)");
      withConfigKey("servicebus.namespaces.test-once", () => {
        expect(() => throwIfInvalid("azint:servicebus:Namespace a", [w, undefined])).not.toThrow();
        expect(() => throwIfInvalid("azint:servicebus:Namespace a", [w])).not.toThrow();
      });
      const logged = warn.mock.calls.map(([m]) => String(m)).filter((m) => m.includes("test-once"));
      expect(logged).toEqual([
        'azint:servicebus:Namespace a: servicebus.namespaces.test-once.queues.q.window: "PT10M" has no effect (test-once)',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  test("errors throw a ValidationError that lists the errors only", () => {
    const err = { path: "capacity", value: 3, message: "is not allowed" };
    const w = warning("queues.q.window", "PT10M", "has no effect (test-throw)");
    let thrown: unknown;
    try {
      throwIfInvalid("azint:servicebus:Namespace b", [w, err]);
    } catch (e) {
      thrown = e;
    }
    expect(ValidationError.isInstance(thrown)).toBe(true);
    expect((thrown as ValidationError).violations).toEqual([err]);
  });
});
