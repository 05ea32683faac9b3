import { builtInRoles } from "../../components/rbac/builtInRoles";
import { identityOutputs, rg, SimulatedType } from "./types";

const ehNs = `${rg}/Microsoft.EventHub/namespaces/{namespaceName}`;

/** Event Hubs: ARM id templates, computed outputs and diagram rules. */
export const eventHubTypes: Record<string, SimulatedType> = {
  "azure-native:eventhub:Namespace": {
    nameInput: "namespaceName",
    id: `${rg}/Microsoft.EventHub/namespaces/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      serviceBusEndpoint: `https://${c.name}.servicebus.windows.net:443/`,
      metricId: `${c.subscriptionId}:${c.name}`,
      status: "Active",
    }),
    diagram: {
      label: "Event Hubs namespace",
      edges: [{ path: "clusterArmId", direction: "from", label: "hosts", dashed: true }],
    },
  },
  "azure-native:eventhub:Cluster": {
    nameInput: "clusterName",
    id: `${rg}/Microsoft.EventHub/clusters/{name}`,
    outputs: () => ({ status: "Active" }),
    diagram: { label: "Event Hubs cluster" },
  },
  "azure-native:eventhub:EventHub": {
    nameInput: "eventHubName",
    id: `${ehNs}/eventhubs/{name}`,
    outputs: (c) => ({
      partitionIds: Array.from({ length: Number(c.inputs.partitionCount ?? 4) }, (_, i) => String(i)),
    }),
    diagram: {
      label: "event hub",
      edges: [
        { ids: (_, id) => [id.split("/eventhubs/")[0]], direction: "from" },
        { path: "captureDescription.destination.storageAccountResourceId", direction: "to", label: "capture" },
      ],
      grantees: [
        { role: builtInRoles["Azure Event Hubs Data Sender"], label: "sends" },
        { role: builtInRoles["Azure Event Hubs Data Receiver"], label: "reads" },
      ],
    },
  },
  "azure-native:eventhub:ConsumerGroup": {
    nameInput: "consumerGroupName",
    id: `${ehNs}/eventhubs/{eventHubName}/consumergroups/{name}`,
    diagram: {
      label: "consumer group",
      edges: [{ ids: (_, id) => [id.split("/consumergroups/")[0]], direction: "from" }],
    },
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
  "azure-native:eventhub:DisasterRecoveryConfig": {
    nameInput: "alias",
    id: `${ehNs}/disasterRecoveryConfigs/{name}`,
    diagram: {
      label: "geo-DR alias",
      edges: [{ path: "partnerNamespace", direction: "to", label: "secondary", dashed: true }],
    },
  },
};
