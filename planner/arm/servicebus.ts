import { builtInRoles } from "../../components/rbac/builtInRoles";
import { DiagramEdge, DiagramRule, identityOutputs, rg, SimulatedType } from "./types";

const sbNs = `${rg}/Microsoft.ServiceBus/namespaces/{namespaceName}`;

const dataRoles: DiagramRule["grantees"] = [
  { role: builtInRoles["Azure Service Bus Data Sender"], label: "sends" },
  { role: builtInRoles["Azure Service Bus Data Receiver"], label: "receives" },
];
/** The entity's namespace (queues, topics) or topic (subscriptions): its id up to the last `/<kind>/`. */
const under = (kind: string) => (_: unknown, id: string) => id.slice(0, id.lastIndexOf(`/${kind}/`));
/** Forwarding targets are entity names in the same namespace (a queue or a topic): both candidate ids. */
const forwardTargets = (input: string) => (i: Record<string, unknown>, id: string) => {
  const target = i[input];
  const ns = id.slice(0, id.search(/\/(queues|topics)\//));
  return typeof target === "string" && target ? [`${ns}/queues/${target}`, `${ns}/topics/${target}`] : [];
};
const forwarding: DiagramEdge[] = [
  { ids: forwardTargets("forwardTo"), direction: "to", label: "forwards", dashed: true },
  { ids: forwardTargets("forwardDeadLetteredMessagesTo"), direction: "to", label: "dead-letters to", dashed: true },
];
/** A rule's filter in one line, drawn on its subscription. */
function describeRule(i: Record<string, unknown>): string | undefined {
  const sql = (i.sqlFilter as { sqlExpression?: string } | undefined)?.sqlExpression;
  // "<" would open a tag in the diagram's HTML labels.
  if (sql) return `rule ${String(i.ruleName)}: ${sql.replace(/</g, "&lt;")}`;
  const c = (i.correlationFilter ?? {}) as Record<string, unknown>;
  const { requiresPreprocessing: _, properties, ...system } = c;
  const parts = Object.entries({ ...system, ...((properties as object) ?? {}) }).map(([k, v]) => `${k} = ${String(v)}`);
  return parts.length ? `rule ${String(i.ruleName)}: ${parts.join(", ")}` : undefined;
}

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
    diagram: {
      label: "Service Bus queue",
      container: { flow: under("queues") },
      edges: forwarding,
      grantees: dataRoles,
    },
  },
  "azure-native:servicebus:Topic": {
    nameInput: "topicName",
    id: `${sbNs}/topics/{name}`,
    diagram: { label: "Service Bus topic", container: { flow: under("topics") }, grantees: dataRoles },
  },
  "azure-native:servicebus:Subscription": {
    nameInput: "subscriptionName",
    id: `${sbNs}/topics/{topicName}/subscriptions/{name}`,
    diagram: {
      label: "Service Bus subscription",
      container: { flow: under("subscriptions") },
      edges: forwarding,
      grantees: dataRoles,
    },
  },
  "azure-native:servicebus:Rule": {
    nameInput: "ruleName",
    id: `${sbNs}/topics/{topicName}/subscriptions/{subscriptionName}/rules/{name}`,
    diagram: { label: "rule", mergeInto: (_, id) => id.slice(0, id.lastIndexOf("/rules/")), detail: describeRule },
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
  // Standard to Premium migration: the configuration's name is always `$default`.
  "azure-native:servicebus:MigrationConfig": {
    nameInput: "configName",
    id: `${sbNs}/migrationConfigurations/{name}`,
    diagram: {
      label: "migration",
      edges: [{ path: "targetNamespace", direction: "to", label: "migrates to", dashed: true }],
    },
    outputs: () => ({ migrationState: "Active", provisioningState: "Succeeded", pendingReplicationOperationsCount: 0 }),
  },
  "azure-native:servicebus:DisasterRecoveryConfig": {
    nameInput: "alias",
    id: `${sbNs}/disasterRecoveryConfigs/{name}`,
    diagram: {
      label: "geo-DR alias",
      edges: [
        { ids: (_, id) => [id.split("/disasterRecoveryConfigs/")[0]], direction: "to", label: "primary" },
        { path: "partnerNamespace", direction: "to", label: "secondary (replica)", dashed: true },
      ],
    },
    outputs: () => ({ role: "Primary", provisioningState: "Succeeded", pendingReplicationOperationsCount: 0 }),
  },
};
