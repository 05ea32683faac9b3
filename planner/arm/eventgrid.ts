import { builtInRoles } from "../../components/rbac/builtInRoles";
import { DiagramEdge, DiagramRule, identityOutputs, rg, SimulatedType } from "./types";

const egTopic = (kind: string, nameInput: string) => `${rg}/Microsoft.EventGrid/${kind}/{${nameInput}}`;

// Diagram: publisher -> topic -> filter (the event subscription) -> destination, dead-letter dashed.

type Inputs = Record<string, unknown>;
const obj = (v: unknown): Inputs => (v && typeof v === "object" ? (v as Inputs) : {});

/** Drops the last `/segment/name` pairs of an ARM id: a subscription's id -> its topic's id. */
const parentId = (id: string, pairs = 1) =>
  id
    .split("/")
    .slice(0, -2 * pairs)
    .join("/");

/**
 * What a destination points at: the entity itself, the queue inside a storage account, or a webhook's URL (drawn as
 * an external node; `webhook:` keeps a secret URL's node apart per subscription).
 */
function destinationIds(d: Inputs, id: string): string[] {
  if (d.endpointType === "WebHook" && typeof d.endpointUrl === "string") {
    return [
      d.endpointUrl === "[secret]" ? `webhook:[secret URL] of ${id.split("/").pop()}` : `webhook:${d.endpointUrl}`,
    ];
  }
  if (typeof d.resourceId !== "string") return [];
  if (d.endpointType === "StorageQueue") return [`${d.resourceId}/queueServices/default/queues/${String(d.queueName)}`];
  return [d.resourceId];
}

function deadLetterIds(inputs: Inputs): string[] {
  const dl = obj(inputs.deadLetterDestination ?? obj(inputs.deadLetterWithResourceIdentity).deadLetterDestination);
  if (typeof dl.resourceId !== "string") return [];
  return [`${dl.resourceId}/blobServices/default/containers/${String(dl.blobContainerName)}`];
}

const SYMBOLS: Record<string, string> = {
  NumberLessThan: "<",
  NumberGreaterThan: ">",
  NumberLessThanOrEquals: "≤",
  NumberGreaterThanOrEquals: "≥",
  BoolEquals: "=",
};

/** A one-line summary of a subscription's filter for the diagram (event types, subject, advanced filters). */
export function describeFilter(inputs: Inputs): string | undefined {
  const f = obj(inputs.filter);
  const parts: string[] = [];
  if (Array.isArray(f.includedEventTypes) && f.includedEventTypes.length > 0) {
    parts.push(`types: ${f.includedEventTypes.join(", ")}`);
  }
  if (f.subjectBeginsWith) parts.push(`subject begins ${String(f.subjectBeginsWith)}`);
  if (f.subjectEndsWith) parts.push(`subject ends ${String(f.subjectEndsWith)}`);
  for (const a of Array.isArray(f.advancedFilters) ? (f.advancedFilters as Inputs[]) : []) {
    const op = String(a.operatorType);
    const value =
      a.value !== undefined
        ? String(a.value)
        : Array.isArray(a.values)
          ? `[${a.values.map((v) => (Array.isArray(v) ? v.join("..") : String(v))).join(", ")}]`
          : "";
    parts.push(`${String(a.key)} ${SYMBOLS[op] ?? op}${value ? ` ${value}` : ""}`.replace(/</g, "&lt;"));
  }
  return parts.length > 0 ? parts.join("; ") : "all events";
}

const subscriptionEdges: readonly DiagramEdge[] = [
  { ids: (i, id) => destinationIds(obj(i.destination), id), direction: "to", label: "delivers", external: true },
  {
    ids: (i, id) => destinationIds(obj(obj(i.deliveryWithResourceIdentity).destination), id),
    direction: "to",
    label: "delivers with identity",
    external: true,
  },
  { ids: deadLetterIds, direction: "to", label: "dead-letter", dashed: true, external: true },
];

/** A subscription is drawn inside its topic's (domain's, system topic's) box, labelled with its filter. */
const filterNode: DiagramRule = {
  label: "event subscription",
  detail: describeFilter,
  container: { flow: (_, id) => parentId(id) },
  edges: subscriptionEdges,
};
const publishers = [{ role: builtInRoles["EventGrid Data Sender"], label: "publishes" }];

/** Event Grid: ARM id templates, computed outputs and diagram rules. */
export const eventGridTypes: Record<string, SimulatedType> = {
  "azure-native:eventgrid:Topic": {
    nameInput: "topicName",
    id: `${rg}/Microsoft.EventGrid/topics/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      endpoint: `https://${c.name}.${c.inputs.location ?? "westeurope"}-1.eventgrid.azure.net/api/events`,
    }),
    diagram: { label: "event grid topic", grantees: publishers },
  },
  "azure-native:eventgrid:Domain": {
    nameInput: "domainName",
    id: `${rg}/Microsoft.EventGrid/domains/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      endpoint: `https://${c.name}.${c.inputs.location ?? "westeurope"}-1.eventgrid.azure.net/api/events`,
    }),
    diagram: { label: "event grid domain", grantees: publishers },
  },
  "azure-native:eventgrid:DomainTopic": {
    nameInput: "domainTopicName",
    id: `${egTopic("domains", "domainName")}/topics/{name}`,
    diagram: { label: "domain topic", container: { flow: (_, id) => parentId(id) } },
  },
  "azure-native:eventgrid:SystemTopic": {
    nameInput: "systemTopicName",
    id: `${rg}/Microsoft.EventGrid/systemTopics/{name}`,
    outputs: (c) => ({ ...identityOutputs(c), metricResourceId: c.guid("metric") }),
    diagram: {
      label: "system topic",
      detail: (i) => String(i.topicType),
      edges: [{ path: "source", direction: "from", label: "events" }],
    },
  },
  "azure-native:eventgrid:PartnerTopic": {
    nameInput: "partnerTopicName",
    id: `${rg}/Microsoft.EventGrid/partnerTopics/{name}`,
    outputs: (c) => identityOutputs(c),
    diagram: { label: "partner topic" },
  },
  "azure-native:eventgrid:EventSubscription": {
    nameInput: "eventSubscriptionName",
    id: "{scope}/providers/Microsoft.EventGrid/eventSubscriptions/{name}",
    diagram: {
      ...filterNode,
      container: undefined,
      edges: [{ path: "scope", direction: "from", label: "events" }, ...subscriptionEdges],
    },
  },
  "azure-native:eventgrid:TopicEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("topics", "topicName")}/eventSubscriptions/{name}`,
    diagram: filterNode,
  },
  "azure-native:eventgrid:SystemTopicEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("systemTopics", "systemTopicName")}/eventSubscriptions/{name}`,
    diagram: filterNode,
  },
  "azure-native:eventgrid:DomainEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("domains", "domainName")}/eventSubscriptions/{name}`,
    diagram: filterNode,
  },
  "azure-native:eventgrid:DomainTopicEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("domains", "domainName")}/topics/{topicName}/eventSubscriptions/{name}`,
    diagram: filterNode,
  },
  "azure-native:eventgrid:PartnerTopicEventSubscription": {
    nameInput: "eventSubscriptionName",
    id: `${egTopic("partnerTopics", "partnerTopicName")}/eventSubscriptions/{name}`,
    diagram: filterNode,
  },
};
