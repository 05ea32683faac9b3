import { builtInRoles } from "../../components/rbac/builtInRoles";
import { identityOutputs, rg, SimulatedType } from "./types";

const ehNs = `${rg}/Microsoft.EventHub/namespaces/{namespaceName}`;

/** Capture writes into one container of the storage account: the container's id when it is named. */
function captureContainer(i: Record<string, unknown>): string[] {
  const d = ((i.captureDescription as Record<string, unknown> | undefined)?.destination ?? {}) as Record<
    string,
    unknown
  >;
  if (typeof d.storageAccountResourceId !== "string") return [];
  return [
    d.blobContainer
      ? `${d.storageAccountResourceId}/blobServices/default/containers/${String(d.blobContainer)}`
      : d.storageAccountResourceId,
  ];
}

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
      container: { flow: (_, id) => id.split("/eventhubs/")[0] },
      edges: [{ ids: captureContainer, direction: "to", label: "capture" }],
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
      container: { flow: (_, id) => id.split("/eventhubs/")[0] },
      edges: [{ ids: (_, id) => [id.split("/consumergroups/")[0]], direction: "from", label: "read by" }],
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
      edges: [
        { ids: (_, id) => [id.split("/disasterRecoveryConfigs/")[0]], direction: "to", label: "primary" },
        { path: "partnerNamespace", direction: "to", label: "secondary (replica)", dashed: true },
      ],
    },
  },
};
