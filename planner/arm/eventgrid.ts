import { identityOutputs, rg, SimulatedType } from "./types";

const egTopic = (kind: string, nameInput: string) => `${rg}/Microsoft.EventGrid/${kind}/{${nameInput}}`;

/** Event Grid: ARM id templates and computed outputs. */
export const eventGridTypes: Record<string, SimulatedType> = {
  "azure-native:eventgrid:Topic": {
    nameInput: "topicName",
    id: `${rg}/Microsoft.EventGrid/topics/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      endpoint: `https://${c.name}.${c.inputs.location ?? "westeurope"}-1.eventgrid.azure.net/api/events`,
    }),
  },
  "azure-native:eventgrid:Domain": {
    nameInput: "domainName",
    id: `${rg}/Microsoft.EventGrid/domains/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      endpoint: `https://${c.name}.${c.inputs.location ?? "westeurope"}-1.eventgrid.azure.net/api/events`,
    }),
  },
  "azure-native:eventgrid:DomainTopic": {
    nameInput: "domainTopicName",
    id: `${egTopic("domains", "domainName")}/topics/{name}`,
  },
  "azure-native:eventgrid:SystemTopic": {
    nameInput: "systemTopicName",
    id: `${rg}/Microsoft.EventGrid/systemTopics/{name}`,
    outputs: (c) => ({ ...identityOutputs(c), metricResourceId: c.guid("metric") }),
  },
  "azure-native:eventgrid:PartnerTopic": {
    nameInput: "partnerTopicName",
    id: `${rg}/Microsoft.EventGrid/partnerTopics/{name}`,
    outputs: (c) => identityOutputs(c),
  },
  "azure-native:eventgrid:EventSubscription": {
    nameInput: "eventSubscriptionName",
    id: "{scope}/providers/Microsoft.EventGrid/eventSubscriptions/{name}",
  },
  "azure-native:eventgrid:TopicEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("topics", "topicName")}/eventSubscriptions/{name}`,
  },
  "azure-native:eventgrid:SystemTopicEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("systemTopics", "systemTopicName")}/eventSubscriptions/{name}`,
  },
  "azure-native:eventgrid:DomainEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("domains", "domainName")}/eventSubscriptions/{name}`,
  },
  "azure-native:eventgrid:DomainTopicEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("domains", "domainName")}/topics/{topicName}/eventSubscriptions/{name}`,
  },
  "azure-native:eventgrid:PartnerTopicEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("partnerTopics", "partnerTopicName")}/eventSubscriptions/{name}`,
  },
};
