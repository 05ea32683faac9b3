import { tierLimits, type EventHubsTier } from "../components/eventhubs/limits";

/**
 * What Azure and azure-native do with a changed input, beyond an in-place update: the ONE table the baseline diff
 * (planner/diff.ts) reads. Each rule carries its source.
 *
 * - `replace`: azure-native marks the property ForceNew, so the engine deletes the resource and creates it again
 *   (azure-native 3.x derives ForceNew from its own table, pulumi/pulumi-azure-native
 *   provider/pkg/gen/replacement.go `forceNewMap`, from `x-ms-mutability` without "update" in the REST spec, and
 *   for every URL path parameter, provider/pkg/gen/schema.go; properties.go `forceNew`).
 * - `refused`: azure-native sends an in-place update (PUT) that Azure rejects, so `pulumi up` fails half-way.
 *
 * Inputs that make up the ARM id (the resource's name input, `resourceGroupName`, parent names, `scope`) are URL
 * path parameters: a change is always a replace. That rule is generic (see `identityInputs`), not listed per type.
 */

export type RuleKind = "replace" | "refused";

/** What the rule needs besides the two values: the tier of the resource's Event Hubs namespace, when known. */
export interface RuleContext {
  readonly eventHubsTier?: EventHubsTier;
}

export interface ReplaceRule {
  /** Resource type tokens the rule applies to; `*` for every type. */
  readonly types: readonly string[];
  /** Top-level input; a change anywhere under it triggers the rule. */
  readonly property: string;
  /** Decides the outcome for one change (undefined: an ordinary update); without it, every change is `kind`. */
  readonly decide?: (
    oldValue: unknown,
    newValue: unknown,
    ctx: RuleContext,
  ) => { kind: RuleKind; why: string } | undefined;
  readonly kind?: RuleKind;
  /** Why, in a sentence a reviewer reads next to the change. */
  readonly why: string;
  readonly source: string;
}

const AZURE_NATIVE_FORCE_NEW =
  "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/gen/replacement.go (forceNewMap)";
const EH_PARTITIONS = "https://learn.microsoft.com/azure/event-hubs/dynamically-add-partitions";

/** Event hub partition count: never lowered; raised only where the tier allows it (components/eventhubs/limits.ts). */
function partitionChange(oldValue: unknown, newValue: unknown, ctx: RuleContext) {
  const before = Number(oldValue);
  const after = Number(newValue);
  if (!Number.isFinite(before) || !Number.isFinite(after) || before === after) return undefined;
  if (after < before) {
    return {
      kind: "refused" as const,
      why:
        `Azure cannot lower an event hub's partition count (${before} -> ${after}); only a new event hub ` +
        `(another name: the old one and its events are deleted) has fewer partitions`,
    };
  }
  if (ctx.eventHubsTier && tierLimits[ctx.eventHubsTier].partitionsIncreasable) return undefined;
  const increasable = (Object.keys(tierLimits) as EventHubsTier[]).filter((t) => tierLimits[t].partitionsIncreasable);
  return {
    kind: "refused" as const,
    why:
      `Azure raises an event hub's partition count only on ${increasable.join(" and ")} namespaces; this one is ` +
      `${ctx.eventHubsTier ?? "of an unknown tier"} (${before} -> ${after})`,
  };
}

export const replaceRules: readonly ReplaceRule[] = [
  ...["requiresSession", "requiresDuplicateDetection", "enablePartitioning"].map((property): ReplaceRule => ({
    types: ["azure-native:servicebus:Queue", "azure-native:servicebus:Topic"],
    property,
    kind: "replace",
    why: `Service Bus sets ${property} only when the entity is created`,
    source: `${AZURE_NATIVE_FORCE_NEW} ServiceBus Queue/Topic`,
  })),
  {
    types: ["azure-native:servicebus:Subscription"],
    property: "requiresSession",
    kind: "refused",
    why: "Service Bus sets a subscription's requiresSession only when it is created (azure-native updates it in place)",
    source: "https://learn.microsoft.com/previous-versions/azure/reference/hh780763(v=azure.100) (RequiresSession)",
  },
  {
    types: ["azure-native:eventhub:EventHub"],
    property: "partitionCount",
    decide: partitionChange,
    why: "partition count: raised only on some tiers, never lowered",
    source: `${EH_PARTITIONS}; components/eventhubs/limits.ts partitionsIncreasable`,
  },
  {
    types: ["azure-native:storage:StorageAccount"],
    property: "isHnsEnabled",
    kind: "replace",
    why: "the hierarchical namespace (Data Lake Gen2) is chosen when the account is created",
    source: `${AZURE_NATIVE_FORCE_NEW} Storage StorageAccount`,
  },
  {
    types: ["azure-native:network:PrivateEndpoint"],
    property: "subnet",
    kind: "replace",
    why: "a private endpoint cannot move to another subnet",
    source: `${AZURE_NATIVE_FORCE_NEW} Network PrivateEndpoint`,
  },
  ...["principalId", "scope"].map((property): ReplaceRule => ({
    types: ["azure-native:authorization:RoleAssignment"],
    property,
    kind: "replace",
    why: `a role assignment's ${property} is fixed when it is created`,
    source: `${AZURE_NATIVE_FORCE_NEW} Authorization RoleAssignment`,
  })),
  {
    types: ["*"],
    property: "location",
    kind: "replace",
    why: "Azure does not move a resource to another region: location is set when it is created",
    // ⚠️ azure-native lists location explicitly for some types (ResourceGroup, VirtualNetwork, StorageAccount,
    // PublicIPAddress); for others it follows the spec's TrackedResource. Treated as a replace everywhere: the
    // conservative reading (never lighter than what Azure does).
    source:
      `${AZURE_NATIVE_FORCE_NEW}; https://github.com/Azure/azure-rest-api-specs/blob/main/specification/common-types/` +
      `resource-management/v5/types.json (TrackedResource.location x-ms-mutability read, create)`,
  },
];

/** The source cited for the generic identity rule. */
export const IDENTITY_RULE_SOURCE =
  "https://github.com/pulumi/pulumi-azure-native/blob/master/provider/pkg/gen/schema.go (URL path parameters are " +
  "willReplaceOnChanges)";

/** The rules that apply to a type and a top-level input. */
export function rulesFor(type: string, property: string): ReplaceRule[] {
  return replaceRules.filter((r) => r.property === property && (r.types.includes("*") || r.types.includes(type)));
}

/**
 * Resource types whose deletion deletes data: messages, events, blobs, queue messages, checkpoints, logs. Deleting
 * or replacing one of them is flagged as data loss.
 */
export const statefulTypes: Readonly<Record<string, string>> = {
  "azure-native:servicebus:Namespace": "every queue, topic, subscription and message in it",
  "azure-native:servicebus:Queue": "its messages, including dead-lettered ones",
  "azure-native:servicebus:Topic": "its subscriptions and their messages",
  "azure-native:servicebus:Subscription": "its messages, including dead-lettered ones",
  "azure-native:eventhub:Namespace": "every event hub and its retained events",
  "azure-native:eventhub:EventHub": "its retained events and consumer groups",
  // Kafka clients commit their offsets to the consumer group on the service (AMQP clients checkpoint to storage).
  "azure-native:eventhub:ConsumerGroup": "the offsets Kafka consumers committed to it",
  "azure-native:storage:StorageAccount": "every blob, queue message, table and file in it",
  "azure-native:storage:BlobContainer": "its blobs",
  "azure-native:storage:Queue": "its messages",
  "azure-native:batch:BatchAccount": "its pools, jobs, tasks and application packages",
  "azure-native:operationalinsights:Workspace": "its logs (recoverable for 14 days after a soft delete)",
};
