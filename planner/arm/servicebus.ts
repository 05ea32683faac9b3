import { identityOutputs, rg, SimulatedType } from "./types";

const sbNs = `${rg}/Microsoft.ServiceBus/namespaces/{namespaceName}`;

/** Service Bus: ARM id templates and computed outputs. */
export const serviceBusTypes: Record<string, SimulatedType> = {
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
};
