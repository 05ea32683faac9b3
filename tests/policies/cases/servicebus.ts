import * as servicebus from "@pulumi/azure-native/servicebus";
import { fail, pass, RG, RuleCase, SUB } from "../harness";
import { CMK, diagnosticSetting, geoDrPair, privateEndpoint } from "./fixtures";

const secure: servicebus.NamespaceArgs = {
  resourceGroupName: RG,
  sku: { name: "Premium", tier: "Premium", capacity: 1 },
  disableLocalAuth: true,
  publicNetworkAccess: "Disabled",
  minimumTlsVersion: "1.2",
  zoneRedundant: true,
  location: "westeurope",
  identity: { type: "SystemAssigned" },
};
const standard = { sku: { name: "Standard" as const, tier: "Standard" as const } };
const ns = (n: string, args: Partial<servicebus.NamespaceArgs> = {}) =>
  new servicebus.Namespace(`${n}-ns`, { ...secure, namespaceName: `${n}-ns`, ...args });
const queue = (n: string, args: Partial<servicebus.QueueArgs> = {}) =>
  new servicebus.Queue(`${n}-q`, {
    resourceGroupName: RG,
    namespaceName: "x",
    deadLetteringOnMessageExpiration: true,
    maxDeliveryCount: 10,
    ...args,
  });
const subscription = (n: string, args: Partial<servicebus.SubscriptionArgs> = {}) =>
  new servicebus.Subscription(`${n}-s`, {
    resourceGroupName: RG,
    namespaceName: "x",
    topicName: "t",
    deadLetteringOnMessageExpiration: true,
    ...args,
  });

function forwarding(n: string, sameNamespace: boolean) {
  const a = ns(`${n}a`);
  const b = sameNamespace ? a : ns(`${n}b`);
  const target = new servicebus.Queue(`${n}-target`, {
    resourceGroupName: RG,
    namespaceName: b.name,
    queueName: "target",
  });
  new servicebus.Queue(`${n}-src`, {
    resourceGroupName: RG,
    namespaceName: a.name,
    queueName: "src",
    forwardTo: target.name,
  });
}

const drPair = (n: string, secondary: Partial<servicebus.NamespaceArgs>) =>
  geoDrPair(n, ns, servicebus.DisasterRecoveryConfig, secondary);

export const cases: RuleCase[] = [
  pass("servicebus-namespace-local-auth-disabled", "disableLocalAuth true", (n) => ns(n)),
  fail(
    "servicebus-namespace-local-auth-disabled",
    "false",
    (n) => ns(n, { disableLocalAuth: false }),
    /disableLocalAuth is false/,
  ),
  pass("servicebus-namespace-public-network-access-disabled", "Disabled", (n) => ns(n)),
  fail(
    "servicebus-namespace-public-network-access-disabled",
    "unset: the SDK default Enabled",
    (n) => ns(n, { publicNetworkAccess: undefined }),
    /publicNetworkAccess is "Enabled"/,
  ),
  pass(
    "servicebus-network-rule-set-default-deny",
    "public access disabled",
    (n) =>
      new servicebus.NamespaceNetworkRuleSet(`${n}-nrs`, {
        resourceGroupName: RG,
        namespaceName: "x",
        publicNetworkAccess: "Disabled",
      }),
  ),
  fail(
    "servicebus-network-rule-set-default-deny",
    "Allow",
    (n) =>
      new servicebus.NamespaceNetworkRuleSet(`${n}-nrs`, {
        resourceGroupName: RG,
        namespaceName: "x",
        publicNetworkAccess: "Enabled",
        defaultAction: "Allow",
      }),
    /defaultAction is "Allow"/,
  ),
  pass("servicebus-namespace-minimum-tls", "1.3", (n) => ns(n, { minimumTlsVersion: "1.3" })),
  fail("servicebus-namespace-minimum-tls", "1.1", (n) => ns(n, { minimumTlsVersion: "1.1" }), /"1.1"; must be 1.2/),
  pass("servicebus-namespace-customer-managed-key", "Premium with a key", (n) => ns(n, { encryption: CMK })),
  fail(
    "servicebus-namespace-customer-managed-key",
    "Premium with Microsoft-managed keys",
    (n) => ns(n),
    /no encryption block/,
  ),
  pass("servicebus-namespace-infrastructure-encryption", "Premium double encryption", (n) =>
    ns(n, { encryption: { ...CMK, requireInfrastructureEncryption: true } }),
  ),
  fail(
    "servicebus-namespace-infrastructure-encryption",
    "Premium without",
    (n) => ns(n, { encryption: CMK }),
    /requireInfrastructureEncryption is not true/,
  ),
  pass("servicebus-namespace-zone-redundant", "Premium zone redundant", (n) => ns(n)),
  fail(
    "servicebus-namespace-zone-redundant",
    "Premium not zone redundant",
    (n) => ns(n, { zoneRedundant: false }),
    /zoneRedundant is false/,
  ),
  pass("servicebus-namespace-managed-identity", "system-assigned", (n) => ns(n)),
  fail("servicebus-namespace-managed-identity", "none", (n) => ns(n, { identity: undefined }), /identity is not set/),
  pass(
    "servicebus-no-sas-authorization-rules",
    "RootManageSharedAccessKey",
    (n) =>
      new servicebus.NamespaceAuthorizationRule(`${n}-r`, {
        resourceGroupName: RG,
        namespaceName: "x",
        authorizationRuleName: "RootManageSharedAccessKey",
        rights: ["Listen", "Send", "Manage"],
      }),
  ),
  fail(
    "servicebus-no-sas-authorization-rules",
    "queue and topic rules",
    (n) => {
      new servicebus.QueueAuthorizationRule(`${n}-qr`, {
        resourceGroupName: RG,
        namespaceName: "x",
        queueName: "q",
        authorizationRuleName: "sender",
        rights: ["Send"],
      });
      new servicebus.TopicAuthorizationRule(`${n}-tr`, {
        resourceGroupName: RG,
        namespaceName: "x",
        topicName: "t",
        authorizationRuleName: "listener",
        rights: ["Listen"],
      });
    },
    [/"sender" hands out shared keys/, /"listener" hands out shared keys/],
  ),
  pass("servicebus-queue-dead-letter", "dead-letters, 10 deliveries", (n) => queue(n)),
  fail(
    "servicebus-queue-dead-letter",
    "Azure defaults (no dead-lettering) and 100 deliveries",
    (n) => queue(n, { deadLetteringOnMessageExpiration: undefined, maxDeliveryCount: 100 }),
    [/deadLetteringOnMessageExpiration is not true/, /maxDeliveryCount is 100; allowed: 3-30/],
  ),
  fail("servicebus-queue-dead-letter", "bounds from config", (n) => queue(n), /maxDeliveryCount is 10; allowed: 1-5/, {
    "servicebus-queue-dead-letter": { minMaxDeliveryCount: 1, maxMaxDeliveryCount: 5 },
  }),
  pass("servicebus-subscription-dead-letter", "dead-letters expiry, filter errors default", (n) => subscription(n)),
  fail(
    "servicebus-subscription-dead-letter",
    "filter errors off, expiry unset",
    (n) =>
      subscription(n, {
        deadLetteringOnMessageExpiration: undefined,
        deadLetteringOnFilterEvaluationExceptions: false,
      }),
    [/deadLetteringOnMessageExpiration is not true/, /deadLetteringOnFilterEvaluationExceptions is false/],
  ),
  pass("servicebus-forwarding-same-namespace", "to a queue of the same namespace", (n) => forwarding(n, true)),
  pass("servicebus-forwarding-same-namespace", "by plain name to a queue of the same namespace name", (n) => {
    new servicebus.Queue(`${n}-target`, { resourceGroupName: RG, namespaceName: "plain", queueName: "target" });
    new servicebus.Queue(`${n}-src`, { resourceGroupName: RG, namespaceName: "plain", forwardTo: "target" });
  }),
  fail(
    "servicebus-forwarding-same-namespace",
    "to a queue of another namespace",
    (n) => forwarding(n, false),
    /forwardTo targets c\d+-target, which is in another namespace/,
  ),
  fail(
    "servicebus-forwarding-same-namespace",
    "dead letters to a name that is no entity",
    (n) => subscription(n, { forwardDeadLetteredMessagesTo: "nowhere" }),
    /forwardDeadLetteredMessagesTo "nowhere" names no queue or topic of the same namespace/,
  ),
  pass("servicebus-geo-dr-pair", "Premium pair in two regions", (n) => drPair(n, {})),
  fail(
    "servicebus-geo-dr-pair",
    "secondary with public access and TLS 1.1",
    (n) => drPair(n, { publicNetworkAccess: "Enabled", minimumTlsVersion: "1.1" }),
    [/publicNetworkAccess differs/, /minimumTlsVersion differs: primary .* has "1.2", secondary .* has "1.1"/],
  ),
  pass("servicebus-namespace-private-endpoint", "Premium with an endpoint", (n) =>
    privateEndpoint(n, ns(n).id, ["namespace"]),
  ),
  pass("servicebus-namespace-private-endpoint", "Standard is exempt", (n) => ns(n, standard)),
  fail("servicebus-namespace-private-endpoint", "Premium without", (n) => ns(n), /has no private endpoint/),
  pass("servicebus-namespace-diagnostics", "audit logs", (n) =>
    diagnosticSetting(n, ns(n).id, [{ categoryGroup: "audit", enabled: true }]),
  ),
  fail(
    "servicebus-namespace-diagnostics",
    "a setting on another resource",
    (n) => {
      ns(n);
      diagnosticSetting(n, `${SUB}/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/other`, [
        { categoryGroup: "allLogs", enabled: true },
      ]);
    },
    /has no diagnostic setting$/,
  ),
];
