import * as eventgrid from "@pulumi/azure-native/eventgrid";
import { fail, pass, RG, RuleCase, SUB } from "../harness";
import { diagnosticSetting, privateEndpoint } from "./fixtures";

const secure = {
  resourceGroupName: RG,
  disableLocalAuth: true,
  publicNetworkAccess: "Disabled",
  minimumTlsVersionAllowed: "1.2",
  identity: { type: "SystemAssigned" },
};
const topic = (n: string, args: Partial<eventgrid.TopicArgs> = {}) =>
  new eventgrid.Topic(`${n}-topic`, { ...secure, topicName: `${n}-topic`, ...args });
const domain = (n: string, args: Partial<eventgrid.DomainArgs> = {}) =>
  new eventgrid.Domain(`${n}-domain`, { ...secure, domainName: `${n}-domain`, ...args });
const egNamespace = (n: string, args: Partial<eventgrid.NamespaceArgs> = {}) =>
  new eventgrid.Namespace(`${n}-egns`, {
    resourceGroupName: RG,
    namespaceName: `${n}-egns`,
    publicNetworkAccess: "Disabled",
    minimumTlsVersionAllowed: "1.2",
    ...args,
  });

const queueId = `${SUB}/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sb/queues/orders`;
const storageId = `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st`;
const identity = { type: "SystemAssigned" };
const deadLetter = {
  deadLetterWithResourceIdentity: {
    identity,
    deadLetterDestination: { endpointType: "StorageBlob" as const, resourceId: storageId, blobContainerName: "dl" },
  },
};
const toQueue = {
  deliveryWithResourceIdentity: {
    identity,
    destination: { endpointType: "ServiceBusQueue" as const, resourceId: queueId },
  },
};
const sub = (n: string, args: Partial<eventgrid.TopicEventSubscriptionArgs> = {}) =>
  new eventgrid.TopicEventSubscription(`${n}-sub`, {
    resourceGroupName: RG,
    topicName: "t",
    ...toQueue,
    ...deadLetter,
    ...args,
  });
const webhook = (extra: Record<string, unknown>) => ({
  deliveryWithResourceIdentity: undefined,
  destination: {
    endpointType: "WebHook" as const,
    endpointUrl: "https://hooks.example.com/events",
    azureActiveDirectoryApplicationIdOrUri: "api://events",
    azureActiveDirectoryTenantId: "11111111-1111-1111-1111-111111111111",
    ...extra,
  },
});

export const cases: RuleCase[] = [
  pass("eventgrid-topic-local-auth-disabled", "disabled", (n) => topic(n)),
  fail(
    "eventgrid-topic-local-auth-disabled",
    "unset: the SDK default false",
    (n) => topic(n, { disableLocalAuth: undefined }),
    /disableLocalAuth is false/,
  ),
  pass("eventgrid-domain-local-auth-disabled", "disabled", (n) => domain(n)),
  fail(
    "eventgrid-domain-local-auth-disabled",
    "unset: the SDK default false",
    (n) => domain(n, { disableLocalAuth: undefined }),
    /disableLocalAuth is false/,
  ),
  pass("eventgrid-topic-public-network-access-disabled", "Disabled", (n) => topic(n)),
  fail(
    "eventgrid-topic-public-network-access-disabled",
    "unset: the SDK default Enabled",
    (n) => topic(n, { publicNetworkAccess: undefined }),
    /publicNetworkAccess is "Enabled"/,
  ),
  pass("eventgrid-domain-public-network-access-disabled", "Disabled", (n) => domain(n)),
  fail(
    "eventgrid-domain-public-network-access-disabled",
    "Enabled",
    (n) => domain(n, { publicNetworkAccess: "Enabled" }),
    /publicNetworkAccess is "Enabled"/,
  ),
  pass("eventgrid-namespace-public-network-access-disabled", "Disabled", (n) => egNamespace(n)),
  fail(
    "eventgrid-namespace-public-network-access-disabled",
    "unset (no SDK default for namespaces)",
    (n) => egNamespace(n, { publicNetworkAccess: undefined }),
    /publicNetworkAccess is null/,
  ),
  pass("eventgrid-minimum-tls", "1.2 on topic, domain and namespace", (n) => {
    topic(n);
    domain(n);
    egNamespace(n);
  }),
  fail(
    "eventgrid-minimum-tls",
    "unset on a topic (accepts TLS 1.0), 1.1 on a domain",
    (n) => {
      topic(n, { minimumTlsVersionAllowed: undefined });
      domain(n, { minimumTlsVersionAllowed: "1.1" });
    },
    [/minimumTlsVersionAllowed is not set/, /minimumTlsVersionAllowed is "1.1"/],
  ),
  pass("eventgrid-managed-identity", "topic with identity", (n) => topic(n)),
  fail(
    "eventgrid-managed-identity",
    "system topic without identity",
    (n) =>
      new eventgrid.SystemTopic(`${n}-st`, {
        resourceGroupName: RG,
        source: storageId,
        topicType: "Microsoft.Storage.StorageAccounts",
      }),
    /identity is not set/,
  ),
  pass("eventgrid-public-ip-rules", "public topic with IP rules", (n) =>
    topic(n, { publicNetworkAccess: "Enabled", inboundIpRules: [{ ipMask: "203.0.113.0/24", action: "Allow" }] }),
  ),
  fail(
    "eventgrid-public-ip-rules",
    "public domain without IP rules",
    (n) => domain(n, { publicNetworkAccess: "Enabled" }),
    /inboundIpRules is empty/,
  ),
  pass("eventgrid-subscription-dead-letter", "dead-letter with identity", (n) => sub(n)),
  fail(
    "eventgrid-subscription-dead-letter",
    "no dead-letter destination (system topic subscription)",
    (n) =>
      new eventgrid.SystemTopicEventSubscription(`${n}-sub`, {
        resourceGroupName: RG,
        systemTopicName: "st",
        ...toQueue,
      }),
    /no dead-letter destination/,
  ),
  pass("eventgrid-subscription-identity-delivery", "Service Bus queue with identity", (n) => sub(n)),
  fail(
    "eventgrid-subscription-identity-delivery",
    "Event Hub destination without identity",
    (n) =>
      sub(n, {
        deliveryWithResourceIdentity: undefined,
        destination: { endpointType: "EventHub", resourceId: `${SUB}/x/eventhubs/h` },
      }),
    /the EventHub destination is delivered without a managed identity/,
  ),
  fail(
    "eventgrid-subscription-identity-delivery",
    "identity block without a type",
    (n) =>
      sub(n, {
        deliveryWithResourceIdentity: {
          identity: {},
          destination: { endpointType: "StorageQueue", resourceId: storageId },
        },
      }),
    /deliveryWithResourceIdentity.identity.type is not set/,
  ),
  pass("eventgrid-webhook-secure", "https + Entra ID, TLS inherited", (n) => sub(n, webhook({}))),
  fail(
    "eventgrid-webhook-secure",
    "http, no Entra ID, TLS 1.0",
    (n) =>
      sub(
        n,
        webhook({
          endpointUrl: "http://hooks.example.com/events",
          azureActiveDirectoryApplicationIdOrUri: undefined,
          minimumTlsVersionAllowed: "1.0",
        }),
      ),
    [
      /endpointUrl "http:\/\/hooks.example.com\/events" is not https/,
      /no Entra ID authentication/,
      /"1.0"; must be 1.2/,
    ],
  ),
  pass("eventgrid-subscription-retry-policy", "SDK defaults for a given retryPolicy (30 / 1440)", (n) =>
    sub(n, { retryPolicy: {} }),
  ),
  fail(
    "eventgrid-subscription-retry-policy",
    "one attempt",
    (n) => sub(n, { retryPolicy: { maxDeliveryAttempts: 1, eventTimeToLiveInMinutes: 60 } }),
    /maxDeliveryAttempts is 1; allowed: 3-30/,
  ),
  fail(
    "eventgrid-subscription-retry-policy",
    "time to live above the configured maximum",
    (n) => sub(n, { retryPolicy: { eventTimeToLiveInMinutes: 1440 } }),
    /eventTimeToLiveInMinutes is 1440; at most 120/,
    { "eventgrid-subscription-retry-policy": { maxEventTimeToLiveInMinutes: 120 } },
  ),
  pass("eventgrid-private-endpoint", "topic with a topic endpoint", (n) => privateEndpoint(n, topic(n).id, ["topic"])),
  fail(
    "eventgrid-private-endpoint",
    "domain and namespace without",
    (n) => {
      domain(n);
      egNamespace(n);
    },
    [
      /c\d+-domain has no private endpoint \(group id domain\)/,
      /c\d+-egns has no private endpoint \(group id topic or topicspace\)/,
    ],
  ),
  pass("eventgrid-diagnostics", "system topic with allLogs", (n) => {
    const st = new eventgrid.SystemTopic(`${n}-st`, {
      resourceGroupName: RG,
      source: storageId,
      topicType: "Microsoft.Storage.StorageAccounts",
      identity,
    });
    diagnosticSetting(n, st.id, [{ categoryGroup: "allLogs", enabled: true }]);
  }),
  fail(
    "eventgrid-diagnostics",
    "disabled log entry",
    (n) => diagnosticSetting(n, topic(n).id, [{ categoryGroup: "allLogs", enabled: false }]),
    /no diagnostic setting with a destination that sends the log category group/,
  ),
  pass("eventgrid-dead-letter-identity", "with identity", (n) => sub(n)),
  fail(
    "eventgrid-dead-letter-identity",
    "key-based dead-letter destination",
    (n) =>
      sub(n, {
        deadLetterWithResourceIdentity: undefined,
        deadLetterDestination: { endpointType: "StorageBlob", resourceId: storageId, blobContainerName: "dl" },
      }),
    /deadLetterDestination is used without a managed identity/,
  ),
];
