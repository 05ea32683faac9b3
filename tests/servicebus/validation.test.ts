import * as pulumi from "@pulumi/pulumi";
import { ServiceBusNamespaceArgs, validateServiceBusNamespaceArgs } from "../../components/servicebus/Namespace";
import { PairedNamespacesArgs, validatePairedNamespacesArgs } from "../../components/servicebus/PairedNamespaces";

const base = { resourceGroupName: "rg", location: "westeurope" };
const sender = { role: "Azure Service Bus Data Sender", principalId: "p", principalType: "ServicePrincipal" as const };
const uai = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cmk";

/** [case, args, expected [path, message fragment][]] — an empty list means valid. */
type Case = [string, Partial<ServiceBusNamespaceArgs>, [string, string][]];

describe("validateServiceBusNamespaceArgs: tier rules", () => {
  test.each<Case>([
    [
      "Standard with queues and topics is valid",
      { tier: "Standard", queues: { q: {} }, topics: { t: { subscriptions: { s: {} } } } },
      [],
    ],
    [
      "topics on Basic",
      { tier: "Basic", topics: { t: {} } },
      [["topics.t", "topics are not available on the Basic tier; allowed on Standard, Premium"]],
    ],
    [
      "sessions on Basic",
      { tier: "Basic", queues: { q: { requiresSession: true } } },
      [["queues.q.requiresSession", "sessions are not available on the Basic tier"]],
    ],
    [
      "duplicate detection on Basic",
      { tier: "Basic", queues: { q: { requiresDuplicateDetection: true } } },
      [["queues.q.requiresDuplicateDetection", "duplicate detection is not available on the Basic tier"]],
    ],
    [
      "forwarding on Basic",
      { tier: "Basic", queues: { a: { forwardTo: "b" }, b: {} } },
      [["queues.a.forwardTo", "auto-forwarding is not available on the Basic tier"]],
    ],
    [
      "express on Premium",
      { tier: "Premium", queues: { q: { enableExpress: true } } },
      [["queues.q.enableExpress", "not available on the Premium tier; express entities exist on Basic, Standard"]],
    ],
    ["express on Standard is valid", { tier: "Standard", topics: { t: { enableExpress: true } } }, []],
    [
      "large messages on Standard",
      { tier: "Standard", queues: { q: { maxMessageSizeInKilobytes: 2048 } } },
      [
        [
          "queues.q.maxMessageSizeInKilobytes",
          "not available on the Standard tier (256 KB messages); large messages up to 100 MB need Premium",
        ],
      ],
    ],
    [
      "large messages on Premium up to 100 MB",
      { tier: "Premium", queues: { q: { maxMessageSizeInKilobytes: 102400 } } },
      [],
    ],
    [
      "large messages over 100 MB",
      { tier: "Premium", topics: { t: { maxMessageSizeInKilobytes: 102401 } } },
      [["topics.t.maxMessageSizeInKilobytes", "must be from 1024 to 102400 on the Premium tier"]],
    ],
    [
      "entity partitioning on Premium",
      { tier: "Premium", queues: { q: { enablePartitioning: true } } },
      [["queues.q.enablePartitioning", "Premium partitions the whole namespace (premiumMessagingPartitions)"]],
    ],
    [
      "entity size not in the tier's list",
      { tier: "Standard", queues: { q: { maxSizeInMegabytes: 10240 } } },
      [["queues.q.maxSizeInMegabytes", "allowed: 1024, 2048, 3072, 4096, 5120"]],
    ],
    ["80 GB on Premium", { tier: "Premium", queues: { q: { maxSizeInMegabytes: 81920 } } }, []],
    ["capacity on Standard", { tier: "Standard", capacity: 2 }, [["capacity", "is Premium only"]]],
    [
      "partitions on Standard",
      { tier: "Standard", premiumMessagingPartitions: 2 },
      [["premiumMessagingPartitions", "is Premium only"]],
    ],
    [
      "capacity not a multiple of the partitions",
      { tier: "Premium", premiumMessagingPartitions: 4, capacity: 2 },
      [["capacity", "allowed messaging units: 4, 8, 16, 32, 64"]],
    ],
    ["capacity 3", { tier: "Premium", capacity: 3 }, [["capacity", "allowed messaging units: 1, 2, 4, 8, 16"]]],
    [
      "partitions 3",
      { tier: "Premium", premiumMessagingPartitions: 3 },
      [["premiumMessagingPartitions", "allowed: 1, 2, 4"]],
    ],
    [
      "private endpoints on Standard",
      {
        tier: "Standard",
        privateEndpoints: {
          pe: {
            subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe",
          },
        },
      },
      [["privateEndpoints", "are not available on the Standard tier; allowed on Premium"]],
    ],
    [
      "network rules on Standard",
      { tier: "Standard", networkRuleSet: { ipRules: { office: "203.0.113.0/24" } } },
      [["networkRuleSet", "is not available on the Standard tier"]],
    ],
    [
      "bad IP rule",
      { tier: "Premium", networkRuleSet: { ipRules: { office: "not-an-ip" } } },
      [["networkRuleSet.ipRules.office", "an IPv4 address or CIDR range"]],
    ],
    [
      "CMK on Standard",
      {
        tier: "Standard",
        customerManagedKey: { keyVaultUri: "https://kv", keyName: "k", userAssignedIdentityId: uai },
        managedIdentities: { userAssignedResourceIds: { cmk: uai } },
      },
      [["customerManagedKey", "is not available on the Standard tier"]],
    ],
    [
      "CMK without an identity",
      { tier: "Premium", customerManagedKey: { keyVaultUri: "https://kv", keyName: "k" } },
      [["customerManagedKey.userAssignedIdentityId", "is required unless managedIdentities.systemAssigned is true"]],
    ],
    [
      "CMK identity not attached",
      {
        tier: "Premium",
        customerManagedKey: { keyVaultUri: "https://kv", keyName: "k", userAssignedIdentityId: uai },
      },
      [["customerManagedKey.userAssignedIdentityId", "is not attached to the namespace"]],
    ],
    [
      "bad TLS version",
      { minimumTlsVersion: "1.4" as never },
      [["minimumTlsVersion", 'allowed: "1.0", "1.1", "1.2", "1.3"']],
    ],
    ["bad namespace name", { namespaceName: "1bad" }, [["namespaceName", "6-50 letters, digits and hyphens"]]],
    ["bad tier", { tier: "Gold" as never }, [["tier", 'allowed: "Basic", "Standard", "Premium"']]],
  ])("%s", (_case, extra, expected) => {
    const found = validateServiceBusNamespaceArgs({ ...base, ...extra });
    expect(found.map((v) => [v.path, v.message])).toEqual(expected.map(([p, m]) => [p, expect.stringContaining(m)]));
  });
});

describe("validateServiceBusNamespaceArgs: entity rules", () => {
  test.each<Case>([
    [
      "detection window in range",
      { queues: { q: { requiresDuplicateDetection: true, duplicateDetectionHistoryTimeWindow: "P7D" } } },
      [],
    ],
    [
      "detection window under 20 s",
      { queues: { q: { requiresDuplicateDetection: true, duplicateDetectionHistoryTimeWindow: "PT10S" } } },
      [["queues.q.duplicateDetectionHistoryTimeWindow", "must be from 20 s to 7 days"]],
    ],
    [
      "detection window over 7 days",
      { topics: { t: { requiresDuplicateDetection: true, duplicateDetectionHistoryTimeWindow: "P8D" } } },
      [["topics.t.duplicateDetectionHistoryTimeWindow", "must be from 20 s to 7 days"]],
    ],
    // A window without detection is a warning (Azure accepts it): tests/core/warnings.test.ts.
    [
      "lock over 5 min",
      { queues: { q: { lockDuration: "PT6M" } } },
      [["queues.q.lockDuration", "must be from 1 s to 5 min"]],
    ],
    [
      "lock not a duration",
      { topics: { t: { subscriptions: { s: { lockDuration: "5m" } } } } },
      [["topics.t.subscriptions.s.lockDuration", "is not an ISO 8601 duration"]],
    ],
    [
      "auto-delete under 5 min",
      { queues: { q: { autoDeleteOnIdle: "PT4M" } } },
      [["queues.q.autoDeleteOnIdle", "must be at least 5 min"]],
    ],
    [
      "max delivery count 0",
      { queues: { q: { maxDeliveryCount: 0 } } },
      [["queues.q.maxDeliveryCount", "must be from 1 to 2147483647"]],
    ],
    [
      "TTL zero",
      { queues: { q: { defaultMessageTimeToLive: "PT0S" } } },
      [["queues.q.defaultMessageTimeToLive", "must be at least 1 s"]],
    ],
    ["queue and topic share a name", { queues: { x: {} }, topics: { x: {} } }, [["topics.x", "is also a queue name"]]],
    [
      "subscription name over 50",
      { topics: { t: { subscriptions: { ["s".repeat(51)]: {} } } } },
      [[`topics.t.subscriptions.${"s".repeat(51)}`, "at most 50"]],
    ],
    [
      "Output values are not checked",
      { queues: { q: { lockDuration: pulumi.output("PT99M"), maxDeliveryCount: pulumi.output(0) } } },
      [],
    ],
  ])("%s", (_case, extra, expected) => {
    const found = validateServiceBusNamespaceArgs({ ...base, ...extra });
    expect(found.map((v) => [v.path, v.message])).toEqual(expected.map(([p, m]) => [p, expect.stringContaining(m)]));
  });
});

describe("validateServiceBusNamespaceArgs: rules and the $Default rule", () => {
  const sub = (s: object): Partial<ServiceBusNamespaceArgs> => ({ topics: { t: { subscriptions: { s } } } });
  test.each<Case>([
    ["SQL filter with action", sub({ rules: { r: { sqlFilter: "a = 1", action: "SET b = 2" } } }), []],
    [
      "correlation filter on a custom property",
      sub({ rules: { r: { correlationFilter: { properties: { region: "eu" } } } } }),
      [],
    ],
    [
      "both filters",
      sub({ rules: { r: { sqlFilter: "a = 1", correlationFilter: { label: "x" } } } }),
      [["topics.t.subscriptions.s.rules.r", "needs exactly one filter: sqlFilter or correlationFilter (both given)"]],
    ],
    [
      "no filter",
      sub({ rules: { r: { action: "SET b = 2" } } }),
      [["topics.t.subscriptions.s.rules.r", "(neither given)"]],
    ],
    [
      "empty correlation filter",
      sub({ rules: { r: { correlationFilter: {} } } }),
      [["topics.t.subscriptions.s.rules.r.correlationFilter", "matches on nothing"]],
    ],
    [
      "SQL filter over 1,024 characters",
      sub({ rules: { r: { sqlFilter: "a".repeat(1025) } } }),
      [["topics.t.subscriptions.s.rules.r.sqlFilter", "is 1025 characters; at most 1024"]],
    ],
    [
      "SQL action over 1,024 characters",
      sub({ rules: { r: { sqlFilter: "1=1", action: "b".repeat(1025) } } }),
      [["topics.t.subscriptions.s.rules.r.action", "at most 1024"]],
    ],
    [
      "a replacement $Default rule is checked too",
      sub({ defaultRule: { correlationFilter: {} } }),
      [["topics.t.subscriptions.s.defaultRule.correlationFilter", "matches on nothing"]],
    ],
    [
      "an unknown $Default mode",
      sub({ defaultRule: "drop" }),
      [["topics.t.subscriptions.s.defaultRule", 'allowed: "keep", "disable"']],
    ],
    [
      "Data Sender on a subscription",
      sub({ roleAssignments: { app: sender } }),
      [["topics.t.subscriptions.s.roleAssignments.app.role", "cannot be used on a subscription"]],
    ],
    [
      "unknown role on a queue",
      { queues: { q: { roleAssignments: { app: { ...sender, role: "Service Bus Sender" } } } } },
      [["queues.q.roleAssignments.app.role", "is not a known built-in role name"]],
    ],
  ])("%s", (_case, extra, expected) => {
    const found = validateServiceBusNamespaceArgs({ ...base, ...extra });
    expect(found.map((v) => [v.path, v.message])).toEqual(expected.map(([p, m]) => [p, expect.stringContaining(m)]));
  });
});

describe("validateServiceBusNamespaceArgs: forwarding", () => {
  const chain = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, i < n - 1 ? { forwardTo: `q${i + 1}` } : {}]));
  test.each<Case>([
    [
      "a queue forwards to a topic, a subscription to a queue",
      { queues: { in: { forwardTo: "t" }, out: {} }, topics: { t: { subscriptions: { s: { forwardTo: "out" } } } } },
      [],
    ],
    ["4 hops are allowed", { queues: chain(5) }, []],
    [
      "5 hops are dead-lettered",
      { queues: chain(6) },
      [
        [
          "queues.q0.forwardTo",
          "starts a forwarding chain of 5 hops (q0 -> q1 -> q2 -> q3 -> q4 -> q5); Service Bus dead-letters messages after 4 hops",
        ],
      ],
    ],
    [
      "target in another namespace",
      { queues: { a: { forwardTo: "elsewhere" } } },
      [
        [
          "queues.a.forwardTo",
          "names no queue or topic of this namespace (forwarding stays within one namespace); declared: a",
        ],
      ],
    ],
    [
      "dead-letter target unknown",
      { queues: { a: { forwardDeadLetteredMessagesTo: "dlq" } } },
      [["queues.a.forwardDeadLetteredMessagesTo", "names no queue or topic of this namespace"]],
    ],
    [
      "forwarding from a session-enabled queue",
      { queues: { a: { requiresSession: true, forwardTo: "b" }, b: {} } },
      [["queues.a.forwardTo", "is not supported on a session-enabled source"]],
    ],
    [
      "dead-letter forwarding from a session-enabled queue is allowed",
      { queues: { a: { requiresSession: true, forwardDeadLetteredMessagesTo: "b" }, b: {} } },
      [],
    ],
    [
      "a loop through a topic",
      { queues: { a: { forwardTo: "t" } }, topics: { t: { subscriptions: { s: { forwardTo: "a" } } } } },
      [
        ["queues.a.forwardTo", "forms a forwarding loop (a -> t -> t/s -> a)"],
        ["topics.t.subscriptions.s.forwardTo", "forms a forwarding loop (t/s -> a -> t -> t/s)"],
      ],
    ],
  ])("%s", (_case, extra, expected) => {
    const found = validateServiceBusNamespaceArgs({ ...base, ...extra });
    expect(found.map((v) => [v.path, v.message])).toEqual(expected.map(([p, m]) => [p, expect.stringContaining(m)]));
  });
});

describe("validateServiceBusNamespaceArgs: SAS and geo-replication", () => {
  test.each<Case>([
    [
      "SAS with local auth",
      { disableLocalAuth: false, authorizationRules: { app: { rights: ["Send", "Listen"] } } },
      [],
    ],
    // A SAS rule while local auth is disabled is a loud warning (Azure accepts it): tests/core/warnings.test.ts.
    [
      "Manage without Send and Listen",
      { disableLocalAuth: false, authorizationRules: { admin: { rights: ["Manage"] } } },
      [["authorizationRules.admin.rights", "includes Manage, which Azure accepts only together with Send and Listen"]],
    ],
    [
      "no rights",
      { disableLocalAuth: false, topics: { t: { authorizationRules: { x: { rights: [] } } } } },
      [["topics.t.authorizationRules.x.rights", "must list at least one of Send, Listen, Manage"]],
    ],
    [
      "geo-replication on Premium",
      { tier: "Premium", geoReplication: { secondaryLocation: "northeurope", maxReplicationLagSeconds: 300 } },
      [],
    ],
    [
      "synchronous geo-replication",
      { tier: "Premium", geoReplication: { secondaryLocation: "northeurope", maxReplicationLagSeconds: 0 } },
      [],
    ],
    [
      "geo-replication on Standard",
      { tier: "Standard", geoReplication: { secondaryLocation: "northeurope", maxReplicationLagSeconds: 300 } },
      [["geoReplication", "is not available on the Standard tier"]],
    ],
    [
      "lag between 0 and 300 s",
      { tier: "Premium", geoReplication: { secondaryLocation: "northeurope", maxReplicationLagSeconds: 60 } },
      [["geoReplication.maxReplicationLagSeconds", "must be from 300 to 86400 (or 0 for synchronous replication)"]],
    ],
    [
      "secondary in the same region",
      { tier: "Premium", geoReplication: { secondaryLocation: "West Europe", maxReplicationLagSeconds: 0 } },
      [["geoReplication.secondaryLocation", "is the namespace's own location"]],
    ],
    [
      "large messages with geo-replication",
      {
        tier: "Premium",
        geoReplication: { secondaryLocation: "northeurope", maxReplicationLagSeconds: 0 },
        queues: { q: { maxMessageSizeInKilobytes: 4096 } },
      },
      [["queues.q.maxMessageSizeInKilobytes", "geo-replication does not support"]],
    ],
  ])("%s", (_case, extra, expected) => {
    const found = validateServiceBusNamespaceArgs({ ...base, ...extra });
    expect(found.map((v) => [v.path, v.message])).toEqual(expected.map(([p, m]) => [p, expect.stringContaining(m)]));
  });
});

describe("validatePairedNamespacesArgs", () => {
  const pair: PairedNamespacesArgs = { ...base, alias: "orders-bus", secondaryLocation: "northeurope" };
  test.each<[string, Partial<PairedNamespacesArgs> & Record<string, unknown>, [string, string][]]>([
    ["a valid pair with entities", { capacity: 2, queues: { q: { requiresSession: true } } }, []],
    ["alias too short", { alias: "ab" }, [["alias", "6-50 letters, digits and hyphens, starting with a letter"]]],
    ["alias starting with a digit", { alias: "1orders" }, [["alias", "starting with a letter"]]],
    ["no secondary region", { secondaryLocation: "" }, [["secondaryLocation", "is required"]]],
    [
      "both in one region",
      { secondaryLocation: "westeurope" },
      [["secondaryLocation", "a geo-DR pair needs two regions"]],
    ],
    ["primary region unknown", { location: pulumi.output("westeurope") }, [["primaryLocation", "is required"]]],
    [
      "Premium rules apply (capacity per partitions)",
      { premiumMessagingPartitions: 2, capacity: 1 },
      [["capacity", "allowed messaging units: 2, 4, 8, 16, 32"]],
    ],
    [
      "auto-delete on idle in a pair",
      { topics: { t: { subscriptions: { s: { autoDeleteOnIdle: "PT1H" } } } } },
      [["topics.t.subscriptions.s.autoDeleteOnIdle", "is not allowed in a geo-DR pair"]],
    ],
    [
      "geo-replication with geo-DR",
      { geoReplication: { secondaryLocation: "northeurope", maxReplicationLagSeconds: 0 } },
      [["geoReplication", "cannot be combined with a geo-DR pair"]],
    ],
    [
      "CMK through the system identity",
      { managedIdentities: { systemAssigned: true }, customerManagedKey: { keyVaultUri: "https://kv", keyName: "k" } },
      [["customerManagedKey.userAssignedIdentityId", "is required in a pair"]],
    ],
    [
      "alias equal to a namespace name",
      { alias: "orders-primary", primaryNamespaceName: "orders-primary" },
      [["alias", "equals primaryNamespaceName"]],
    ],
  ])("%s", (_case, extra, expected) => {
    const found = validatePairedNamespacesArgs({ ...pair, ...extra } as PairedNamespacesArgs);
    expect(found.map((v) => [v.path, v.message])).toEqual(expected.map(([p, m]) => [p, expect.stringContaining(m)]));
  });
});
