import type { ReportViolation } from "@pulumi/policy";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import { identityMissing, requirePrivateEndpoint } from "../lib/checks";
import { diagnosticsRule, localAuthRule, minimumTlsRule, publicNetworkAccessRule } from "../lib/factories";
import { AP, asArray, PackPolicy, Props, resourceRule, same, schema, stackRule, tlsNumber } from "../lib/rule";

/** Every event subscription flavour with the classic delivery shape (destination, dead letter, retry policy). */
export const eventSubscriptionClasses = [
  eventgrid.EventSubscription,
  eventgrid.SystemTopicEventSubscription,
  eventgrid.TopicEventSubscription,
  eventgrid.DomainEventSubscription,
  eventgrid.DomainTopicEventSubscription,
  eventgrid.PartnerTopicEventSubscription,
];

/** The destination a subscription delivers to, and whether it is delivered with a managed identity. */
function destinationOf(p: Props): { destination?: Props; withIdentity: boolean; identity?: Props } {
  const withIdentity = p.deliveryWithResourceIdentity as Props | undefined;
  if (withIdentity) {
    return {
      destination: withIdentity.destination as Props | undefined,
      withIdentity: true,
      identity: withIdentity.identity as Props | undefined,
    };
  }
  return { destination: p.destination as Props | undefined, withIdentity: false };
}

/** Event Grid rules (EG-xx, listed in policies/README.md). */
export const eventGridPolicies: PackPolicy[] = [
  localAuthRule(
    {
      name: "eventgrid-topic-local-auth-disabled",
      configField: "localAuthEnabled: false",
      code: "EG-01",
      description: "Event Grid topics disable local (access key / SAS) authentication.",
      severity: "high",
      anchor: `AP ae9fb87f (${AP}/Event Grid/Topics_DisableLocalAuth_AuditDeny.json); CK CKV_AZURE_192`,
      remediation:
        "Set disableLocalAuth: true (the SDK defaults it to false) and grant EventGrid Data Sender to publishers.",
    },
    [eventgrid.Topic],
  ),
  localAuthRule(
    {
      name: "eventgrid-domain-local-auth-disabled",
      configField: "localAuthEnabled: false",
      code: "EG-02",
      description: "Event Grid domains disable local (access key / SAS) authentication.",
      severity: "high",
      anchor: `AP 8bfadddb (${AP}/Event Grid/Domains_DisableLocalAuth_AuditDeny.json); CK CKV_AZURE_195`,
      remediation:
        "Set disableLocalAuth: true (the SDK defaults it to false) and grant EventGrid Data Sender to publishers.",
    },
    [eventgrid.Domain],
  ),
  publicNetworkAccessRule(
    {
      name: "eventgrid-topic-public-network-access-disabled",
      configField: "publicNetworkAccess: Disabled",
      code: "EG-03",
      description: "Event Grid topics disable public network access.",
      severity: "high",
      anchor: `AP 1adadefe (${AP}/Event Grid/Topics_PublicNetworkAccess_AuditDeny.json); CK CKV_AZURE_193; PS Azure.EventGrid.TopicPublicAccess`,
      remediation:
        "Set publicNetworkAccess: Disabled (the SDK defaults it to Enabled) and publish through a private endpoint.",
    },
    [eventgrid.Topic],
  ),
  publicNetworkAccessRule(
    {
      name: "eventgrid-domain-public-network-access-disabled",
      configField: "publicNetworkAccess: Disabled",
      code: "EG-04",
      description: "Event Grid domains disable public network access.",
      severity: "high",
      anchor: `AP f8f774be (${AP}/Event Grid/Domains_PublicNetworkAccess_AuditDeny.json); CK CKV_AZURE_106`,
      remediation:
        "Set publicNetworkAccess: Disabled (the SDK defaults it to Enabled) and publish through a private endpoint.",
    },
    [eventgrid.Domain],
  ),
  publicNetworkAccessRule(
    {
      name: "eventgrid-namespace-public-network-access-disabled",
      code: "EG-05",
      description: "Event Grid namespaces disable public network access.",
      severity: "medium",
      anchor: `AP 67dcad1a (${AP}/Event Grid/Namespaces_PublicNetworkAccess_AuditDeny.json)`,
      remediation: "Set publicNetworkAccess: Disabled and connect through a private endpoint.",
    },
    [eventgrid.Namespace],
  ),
  minimumTlsRule(
    {
      name: "eventgrid-minimum-tls",
      configField: 'minimumTlsVersion: "1.2"',
      code: "EG-06",
      description: "Event Grid topics, domains and namespaces require TLS 1.2 or later from publishers.",
      severity: "medium",
      anchor:
        "PS Azure.EventGrid.TopicTLS / Azure.EventGrid.NamespaceTLS (unset accepts TLS 1.0); derived: AN TopicArgs.minimumTlsVersionAllowed",
      remediation: "Set minimumTlsVersionAllowed: '1.2'.",
    },
    [eventgrid.Topic, eventgrid.Domain, eventgrid.Namespace],
    { key: "minimumTlsVersionAllowed", azureDefault: "TLS 1.0, 1.1 and 1.2 accepted", requireExplicit: true },
  ),
  resourceRule(
    {
      name: "eventgrid-managed-identity",
      code: "EG-07",
      description:
        "Event Grid topics, domains and system topics have a managed identity (for identity-based delivery).",
      severity: "low",
      anchor: "PS Azure.EventGrid.ManagedIdentity; CK CKV_AZURE_191 / CKV_AZURE_194",
      remediation: "Set identity: { type: SystemAssigned } or a user-assigned identity.",
    },
    [eventgrid.Topic, eventgrid.Domain, eventgrid.SystemTopic],
    (p, _a, report) => {
      if (identityMissing(p.identity as Props | undefined))
        report("identity is not set: deliveries can't use a managed identity");
    },
  ),
  resourceRule(
    {
      name: "eventgrid-public-ip-rules",
      code: "EG-08",
      description: "Event Grid topics, domains and namespaces with public access restrict publishers by IP.",
      severity: "low",
      anchor: "derived: azure-native eventgrid.InboundIpRuleArgs",
      remediation: "Add inboundIpRules for the publishers' ranges, or set publicNetworkAccess: Disabled.",
    },
    [eventgrid.Topic, eventgrid.Domain, eventgrid.Namespace],
    (p, args, report) => {
      if (same(p.publicNetworkAccess, "Disabled")) return args.notApplicable("public network access is disabled");
      if (asArray(p.inboundIpRules).length === 0) {
        report("publicNetworkAccess is not Disabled and inboundIpRules is empty: any internet address can publish");
      }
    },
  ),
  resourceRule(
    {
      name: "eventgrid-subscription-dead-letter",
      configField: "deadLetter: <storage key>/<container key>",
      code: "EG-09",
      description: "Every Event Grid event subscription has a dead-letter destination.",
      severity: "medium",
      anchor:
        "derived: azure-native eventgrid/eventSubscription.d.ts (deadLetterDestination, deadLetterWithResourceIdentity)",
      remediation: "Set deadLetterWithResourceIdentity with a storage blob container destination.",
    },
    eventSubscriptionClasses,
    (p, _a, report) => {
      const withIdentity = (p.deadLetterWithResourceIdentity as Props | undefined)?.deadLetterDestination;
      if (!p.deadLetterDestination && !withIdentity) {
        report("no dead-letter destination: events that exhaust their retries are dropped");
      }
    },
  ),
  resourceRule<{ identityEndpointTypes: string[] }>(
    {
      name: "eventgrid-subscription-identity-delivery",
      code: "EG-10",
      description: "Event Grid delivers to Azure resource destinations with a managed identity.",
      severity: "medium",
      anchor: "derived: azure-native eventgrid DeliveryWithResourceIdentityArgs",
      remediation:
        "Use deliveryWithResourceIdentity (identity + destination) and grant the identity the data-sender role on the destination entity.",
      configSchema: {
        properties: {
          identityEndpointTypes: schema.stringList(
            ["EventHub", "ServiceBusQueue", "ServiceBusTopic", "StorageQueue"],
            "Destination endpoint types that support managed identity delivery.",
          ),
        },
      },
    },
    eventSubscriptionClasses,
    (p, args, report, cfg) => {
      const d = destinationOf(p);
      const type = d.destination?.endpointType;
      if (!cfg.identityEndpointTypes.some((t) => same(type, t))) {
        return args.notApplicable(`destination type ${String(type)} has no identity-based delivery`);
      }
      if (!d.withIdentity) {
        report(
          `the ${String(type)} destination is delivered without a managed identity; use deliveryWithResourceIdentity`,
        );
      } else if (identityMissing(d.identity)) {
        report("deliveryWithResourceIdentity.identity.type is not set");
      }
    },
  ),
  resourceRule<{ minimumVersion: string }>(
    {
      name: "eventgrid-webhook-secure",
      code: "EG-11",
      description: "Event Grid webhook destinations use https, Entra ID authentication and TLS 1.2 or later.",
      severity: "medium",
      anchor: "derived: azure-native eventgrid WebHookEventSubscriptionDestinationArgs",
      remediation:
        "Use an https endpointUrl, set azureActiveDirectoryApplicationIdOrUri and azureActiveDirectoryTenantId, and minimumTlsVersionAllowed '1.2' (or leave it unset to inherit the topic's).",
      configSchema: {
        properties: {
          minimumVersion: schema.string("1.2", "Lowest TLS version the webhook may offer.", [
            "1.0",
            "1.1",
            "1.2",
            "1.3",
          ]),
        },
      },
    },
    eventSubscriptionClasses,
    (p, args, report, cfg) => {
      const d = destinationOf(p).destination;
      if (!d || !same(d.endpointType, "WebHook")) return args.notApplicable("not a webhook destination");
      checkWebhook(d, report, cfg.minimumVersion);
    },
  ),
  resourceRule<{ minMaxDeliveryAttempts: number; maxMaxDeliveryAttempts: number; maxEventTimeToLiveInMinutes: number }>(
    {
      name: "eventgrid-subscription-retry-policy",
      code: "EG-12",
      description: "Event Grid retry policies stay within the configured attempts and time-to-live bounds.",
      severity: "low",
      anchor: "derived: azure-native eventgrid RetryPolicyArgs (the SDK fills in 30 attempts / 1440 minutes)",
      remediation: "Set retryPolicy.maxDeliveryAttempts and eventTimeToLiveInMinutes within the configured bounds.",
      configSchema: {
        properties: {
          minMaxDeliveryAttempts: schema.integer(3, 1, 30, "Lowest allowed maxDeliveryAttempts."),
          maxMaxDeliveryAttempts: schema.integer(30, 1, 30, "Highest allowed maxDeliveryAttempts."),
          maxEventTimeToLiveInMinutes: schema.integer(1440, 1, 1440, "Highest allowed eventTimeToLiveInMinutes."),
        },
      },
    },
    eventSubscriptionClasses,
    (p, _a, report, cfg) => {
      // Azure (and the SDK when retryPolicy is given) default to 30 attempts and 1440 minutes.
      const retry = (p.retryPolicy as Props | undefined) ?? {};
      const attempts = retry.maxDeliveryAttempts ?? 30;
      const ttl = retry.eventTimeToLiveInMinutes ?? 1440;
      if (attempts < cfg.minMaxDeliveryAttempts || attempts > cfg.maxMaxDeliveryAttempts) {
        report(
          `retryPolicy.maxDeliveryAttempts is ${attempts}; allowed: ${cfg.minMaxDeliveryAttempts}-${cfg.maxMaxDeliveryAttempts}`,
        );
      }
      if (ttl > cfg.maxEventTimeToLiveInMinutes) {
        report(`retryPolicy.eventTimeToLiveInMinutes is ${ttl}; at most ${cfg.maxEventTimeToLiveInMinutes}`);
      }
    },
  ),
  stackRule(
    {
      name: "eventgrid-private-endpoint",
      code: "EG-13",
      description: "Event Grid topics, domains and namespaces have a private endpoint.",
      severity: "medium",
      anchor: `AP 4b90e17e (${AP}/Event Grid/Topics_PrivateEndpoint_Audit.json), AP 9830b652 (Domains_PrivateEndpoint_Audit.json)`,
      remediation: "Add a private endpoint (group id topic, domain or topicspace) in the integration subnet.",
    },
    (all, _a, report) => {
      requirePrivateEndpoint(all, [eventgrid.Topic], ["topic"], report);
      requirePrivateEndpoint(all, [eventgrid.Domain], ["domain"], report);
      requirePrivateEndpoint(all, [eventgrid.Namespace], ["topic", "topicspace"], report);
    },
  ),
  diagnosticsRule(
    {
      name: "eventgrid-diagnostics",
      configField: "diagnostics: true",
      code: "EG-14",
      description:
        "Event Grid topics, domains, system topics and namespaces send resource logs to a diagnostic destination.",
      severity: "medium",
      anchor: `AP ${AP}/Monitoring/DS_LA_eventgrid-topics_DINE.json; PS Azure.EventGrid diagnostics`,
      remediation: "Add a diagnostic setting with the allLogs (or audit) category group to the stack's workspace.",
    },
    [eventgrid.Topic, eventgrid.Domain, eventgrid.SystemTopic, eventgrid.Namespace],
  ),
  resourceRule(
    {
      name: "eventgrid-dead-letter-identity",
      code: "EG-15",
      description: "Event Grid dead-letters to storage with a managed identity, not the service's key-based access.",
      severity: "medium",
      anchor: "derived: azure-native eventgrid DeadLetterWithResourceIdentityArgs",
      remediation:
        "Replace deadLetterDestination with deadLetterWithResourceIdentity and grant Storage Blob Data Contributor on the container.",
    },
    eventSubscriptionClasses,
    (p, args, report) => {
      const withIdentity = p.deadLetterWithResourceIdentity as Props | undefined;
      if (p.deadLetterDestination) {
        report("deadLetterDestination is used without a managed identity; use deadLetterWithResourceIdentity");
      } else if (withIdentity) {
        if (identityMissing(withIdentity.identity as Props | undefined)) {
          report("deadLetterWithResourceIdentity.identity.type is not set");
        }
      } else {
        args.notApplicable("no dead-letter destination (see eventgrid-subscription-dead-letter)");
      }
    },
  ),
];

function checkWebhook(d: Props, report: ReportViolation, minimumVersion: string): void {
  const url = d.endpointUrl;
  // The offline plan redacts secret inputs to "[secret]"; the CLI hands policies the plain value.
  if (url !== "[secret]" && (typeof url !== "string" || !/^https:\/\//i.test(url))) {
    report(`webhook endpointUrl ${JSON.stringify(url ?? null)} is not https`);
  }
  if (!d.azureActiveDirectoryApplicationIdOrUri || !d.azureActiveDirectoryTenantId) {
    report(
      "webhook has no Entra ID authentication (azureActiveDirectoryApplicationIdOrUri and azureActiveDirectoryTenantId)",
    );
  }
  const tls = d.minimumTlsVersionAllowed;
  // Unset inherits the topic's minimum (eventgrid-minimum-tls covers it).
  if (tls !== undefined && !(tlsNumber(tls) >= tlsNumber(minimumVersion))) {
    report(`webhook minimumTlsVersionAllowed is ${JSON.stringify(tls)}; must be ${minimumVersion} or later`);
  }
}
