import type { PropertyRule, ServiceConstraints, TypeConstraints } from "./types";

/**
 * Event Grid at API version 2025-02-15 (azure-native `eventgrid/*.js`: "Uses Azure REST API version 2025-02-15").
 * Spec: Azure/azure-rest-api-specs
 * specification/eventgrid/resource-manager/Microsoft.EventGrid/stable/2025-02-15/EventGrid.json. Its name path
 * parameters carry no length or pattern, so the name rules come from Microsoft's resource naming rules
 * (NAME_RULES below); system and partner topic names are not listed there and are not checked.
 * Event subscriptions: #/definitions/EventSubscriptionProperties and the objects it references. The retry policy
 * has no minimum or maximum in the spec (the components' limits table holds Event Grid's documented ranges).
 * Topics and domains: their shared identity and inbound-IP-rule definitions, and the domain's own enums.
 * Not yet transcribed: the topic's own properties, destination and advanced-filter shapes.
 */
const apiVersion = "2025-02-15";
const spec = "specification/eventgrid/resource-manager/Microsoft.EventGrid/stable/2025-02-15/EventGrid.json";
const NAME_RULES =
  "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsofteventgrid";

const named = (path: string, entity: string, max: number): PropertyRule => ({
  path,
  definition: entity,
  doc: `${NAME_RULES} (${entity}: 3-${max}, alphanumerics and hyphens)`,
  pattern: "^[a-zA-Z0-9-]+$",
  minLength: 3,
  maxLength: max,
});
const topicName = named("topicName", "topics", 50);
const domainName = named("domainName", "domains", 50);
const eventSubscriptionName = named("eventSubscriptionName", "eventSubscriptions", 64);

const entry = (...rules: PropertyRule[]): TypeConstraints => ({ apiVersion, spec, rules });

/** Definitions topics and domains share: their identity and inbound IP rules. */
const publisherBody: PropertyRule[] = [
  {
    path: "identity",
    definition: "#/definitions/IdentityInfo",
    properties: ["type", "principalId", "tenantId", "userAssignedIdentities"],
  },
  {
    path: "identity.type",
    definition: "#/definitions/IdentityInfo",
    enum: ["None", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned"],
    extensible: true,
  },
  { path: "inboundIpRules[]", definition: "#/definitions/InboundIpRule", properties: ["ipMask", "action"] },
  { path: "inboundIpRules[].action", definition: "#/definitions/InboundIpRule", enum: ["Allow"], extensible: true },
];

/** The event subscription body, the same for every kind of subscription. */
const subscriptionBody: PropertyRule[] = [
  {
    path: "eventDeliverySchema",
    definition: "#/definitions/EventSubscriptionProperties",
    enum: ["EventGridSchema", "CustomInputSchema", "CloudEventSchemaV1_0"],
    extensible: true,
  },
  {
    path: "filter",
    definition: "#/definitions/EventSubscriptionFilter",
    properties: [
      "subjectBeginsWith",
      "subjectEndsWith",
      "includedEventTypes",
      "isSubjectCaseSensitive",
      "enableAdvancedFilteringOnArrays",
      "advancedFilters",
    ],
  },
  {
    path: "retryPolicy",
    definition: "#/definitions/RetryPolicy",
    properties: ["maxDeliveryAttempts", "eventTimeToLiveInMinutes"],
  },
];
const subscription = (...rules: PropertyRule[]) => entry(...rules, eventSubscriptionName, ...subscriptionBody);

export const eventGridConstraints: ServiceConstraints = {
  "azure-native:eventgrid:Topic": entry(topicName, ...publisherBody),
  "azure-native:eventgrid:Domain": entry(
    domainName,
    ...publisherBody,
    {
      path: "inputSchema",
      definition: "#/definitions/DomainProperties",
      enum: ["EventGridSchema", "CustomEventSchema", "CloudEventSchemaV1_0"],
      extensible: true,
    },
    {
      path: "minimumTlsVersionAllowed",
      definition: "#/definitions/DomainProperties",
      enum: ["1.0", "1.1", "1.2"],
      extensible: true,
    },
  ),
  "azure-native:eventgrid:DomainTopic": entry(domainName, named("domainTopicName", "domains / topics", 50)),
  "azure-native:eventgrid:SystemTopic": entry(),
  "azure-native:eventgrid:PartnerTopic": entry(),
  "azure-native:eventgrid:EventSubscription": subscription(),
  "azure-native:eventgrid:TopicEventSubscription": subscription(topicName),
  "azure-native:eventgrid:SystemTopicEventSubscription": subscription(),
  "azure-native:eventgrid:DomainEventSubscription": subscription(domainName),
  "azure-native:eventgrid:DomainTopicEventSubscription": subscription(
    domainName,
    named("topicName", "domains / topics", 50),
  ),
  "azure-native:eventgrid:PartnerTopicEventSubscription": subscription(),
};
