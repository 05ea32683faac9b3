import { identityOutputs, rg, SimulatedType } from "./types";

const ehNs = `${rg}/Microsoft.EventHub/namespaces/{namespaceName}`;
const sbNs = `${rg}/Microsoft.ServiceBus/namespaces/{namespaceName}`;
const egTopic = (kind: string, nameInput: string) => `${rg}/Microsoft.EventGrid/${kind}/{${nameInput}}`;

/** Event Hubs, Service Bus, Event Grid and Batch. */
export const messagingTypes: Record<string, SimulatedType> = {
  // Event Hubs
  "azure-native:eventhub:Namespace": {
    nameInput: "namespaceName",
    id: `${rg}/Microsoft.EventHub/namespaces/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      serviceBusEndpoint: `https://${c.name}.servicebus.windows.net:443/`,
      metricId: `${c.subscriptionId}:${c.name}`,
      status: "Active",
    }),
  },
  "azure-native:eventhub:Cluster": {
    nameInput: "clusterName",
    id: `${rg}/Microsoft.EventHub/clusters/{name}`,
    outputs: () => ({ status: "Active" }),
  },
  "azure-native:eventhub:EventHub": {
    nameInput: "eventHubName",
    id: `${ehNs}/eventhubs/{name}`,
    outputs: (c) => ({
      partitionIds: Array.from({ length: Number(c.inputs.partitionCount ?? 4) }, (_, i) => String(i)),
    }),
  },
  "azure-native:eventhub:ConsumerGroup": {
    nameInput: "consumerGroupName",
    id: `${ehNs}/eventhubs/{eventHubName}/consumergroups/{name}`,
  },
  "azure-native:eventhub:NamespaceAuthorizationRule": {
    nameInput: "authorizationRuleName",
    id: `${ehNs}/authorizationRules/{name}`,
  },
  "azure-native:eventhub:EventHubAuthorizationRule": {
    nameInput: "authorizationRuleName",
    id: `${ehNs}/eventhubs/{eventHubName}/authorizationRules/{name}`,
  },
  "azure-native:eventhub:NamespaceNetworkRuleSet": { id: `${ehNs}/networkRuleSets/default` },
  "azure-native:eventhub:DisasterRecoveryConfig": { nameInput: "alias", id: `${ehNs}/disasterRecoveryConfigs/{name}` },
  // Service Bus
  "azure-native:servicebus:Namespace": {
    nameInput: "namespaceName",
    id: `${rg}/Microsoft.ServiceBus/namespaces/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      serviceBusEndpoint: `https://${c.name}.servicebus.windows.net:443/`,
      metricId: `${c.subscriptionId}:${c.name}`,
      status: "Active",
    }),
  },
  "azure-native:servicebus:Queue": { nameInput: "queueName", id: `${sbNs}/queues/{name}` },
  "azure-native:servicebus:Topic": { nameInput: "topicName", id: `${sbNs}/topics/{name}` },
  "azure-native:servicebus:Subscription": {
    nameInput: "subscriptionName",
    id: `${sbNs}/topics/{topicName}/subscriptions/{name}`,
  },
  "azure-native:servicebus:Rule": {
    nameInput: "ruleName",
    id: `${sbNs}/topics/{topicName}/subscriptions/{subscriptionName}/rules/{name}`,
  },
  "azure-native:servicebus:NamespaceAuthorizationRule": {
    nameInput: "authorizationRuleName",
    id: `${sbNs}/authorizationRules/{name}`,
  },
  "azure-native:servicebus:QueueAuthorizationRule": {
    nameInput: "authorizationRuleName",
    id: `${sbNs}/queues/{queueName}/authorizationRules/{name}`,
  },
  "azure-native:servicebus:TopicAuthorizationRule": {
    nameInput: "authorizationRuleName",
    id: `${sbNs}/topics/{topicName}/authorizationRules/{name}`,
  },
  "azure-native:servicebus:NamespaceNetworkRuleSet": { id: `${sbNs}/networkRuleSets/default` },
  "azure-native:servicebus:DisasterRecoveryConfig": {
    nameInput: "alias",
    id: `${sbNs}/disasterRecoveryConfigs/{name}`,
  },
  // Event Grid
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
  // Batch
  "azure-native:batch:BatchAccount": {
    nameInput: "accountName",
    autoName: "alnum",
    id: `${rg}/Microsoft.Batch/batchAccounts/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      accountEndpoint: `${c.name}.${String(c.inputs.location ?? "westeurope").toLowerCase()}.batch.azure.com`,
      nodeManagementEndpoint: `${c.guid("nm").slice(0, 8)}.${String(c.inputs.location ?? "westeurope").toLowerCase()}.service.batch.azure.com`,
    }),
  },
  "azure-native:batch:Pool": {
    nameInput: "poolName",
    id: `${rg}/Microsoft.Batch/batchAccounts/{accountName}/pools/{name}`,
  },
  "azure-native:batch:Application": {
    nameInput: "applicationName",
    id: `${rg}/Microsoft.Batch/batchAccounts/{accountName}/applications/{name}`,
  },
  "azure-native:batch:ApplicationPackage": {
    nameInput: "versionName",
    id: `${rg}/Microsoft.Batch/batchAccounts/{accountName}/applications/{applicationName}/versions/{name}`,
  },
};
