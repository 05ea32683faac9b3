import { builtInRoles } from "../../components/rbac/builtInRoles";
import { DiagramRule, identityOutputs, rg, SimulatedType } from "./types";

const sbNs = `${rg}/Microsoft.ServiceBus/namespaces/{namespaceName}`;

const dataRoles: DiagramRule["grantees"] = [
  { role: builtInRoles["Azure Service Bus Data Sender"], label: "sends" },
  { role: builtInRoles["Azure Service Bus Data Receiver"], label: "receives" },
];
/** The entity's namespace (queues, topics) or topic (subscriptions): its id up to the last `/<kind>/`. */
const under = (kind: string) => (_: unknown, id: string) => [id.slice(0, id.lastIndexOf(`/${kind}/`))];

/** Service Bus: ARM id templates, computed outputs and diagram rules. */
export const serviceBusTypes: Record<string, SimulatedType> = {
  "azure-native:servicebus:Namespace": {
    nameInput: "namespaceName",
    id: `${rg}/Microsoft.ServiceBus/namespaces/{name}`,
    diagram: { label: "Service Bus namespace" },
    outputs: (c) => ({
      ...identityOutputs(c),
      serviceBusEndpoint: `https://${c.name}.servicebus.windows.net:443/`,
      metricId: `${c.subscriptionId}:${c.name}`,
      status: "Active",
    }),
  },
  // Forwarding targets are names, not ids, so the diagram draws entities without forwarding edges.
  "azure-native:servicebus:Queue": {
    nameInput: "queueName",
    id: `${sbNs}/queues/{name}`,
    diagram: { label: "Service Bus queue", edges: [{ ids: under("queues"), direction: "from" }], grantees: dataRoles },
  },
  "azure-native:servicebus:Topic": {
    nameInput: "topicName",
    id: `${sbNs}/topics/{name}`,
    diagram: { label: "Service Bus topic", edges: [{ ids: under("topics"), direction: "from" }], grantees: dataRoles },
  },
  "azure-native:servicebus:Subscription": {
    nameInput: "subscriptionName",
    id: `${sbNs}/topics/{topicName}/subscriptions/{name}`,
    diagram: {
      label: "Service Bus subscription",
      edges: [{ ids: under("subscriptions"), direction: "from" }],
      grantees: dataRoles,
    },
  },
  "azure-native:servicebus:Rule": {
    nameInput: "ruleName",
    id: `${sbNs}/topics/{topicName}/subscriptions/{subscriptionName}/rules/{name}`,
  },
  // The "$Default" rule Azure creates on every subscription; it has no name input.
  "azure-native:servicebus:DefaultRule": {
    id: `${sbNs}/topics/{topicName}/subscriptions/{subscriptionName}/rules/$Default`,
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
    diagram: {
      label: "geo-DR alias",
      edges: [{ path: "partnerNamespace", direction: "to", label: "secondary", dashed: true }],
    },
    outputs: () => ({ role: "Primary", provisioningState: "Succeeded", pendingReplicationOperationsCount: 0 }),
  },
};
