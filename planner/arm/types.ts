/**
 * How the simulated ARM answers for one resource type: the ARM id template and the computed outputs a real
 * deployment returns. `{name}` in a template is the resource's own name input (or its auto-name); other
 * `{input}` placeholders are read from the resource's inputs; `{sub}` is the subscription id.
 */
export interface SimulatedType {
  /** Input that carries the resource's own name (azure-native auto-names when it is absent: ./autoName.ts). */
  readonly nameInput?: string;
  /** ARM id template, e.g. `/subscriptions/{sub}/resourceGroups/{resourceGroupName}/providers/Microsoft.X/y/{name}`. */
  readonly id: string;
  /** Extra outputs computed by Azure (endpoints, principal ids, ...). */
  readonly outputs?: (ctx: OutputContext) => Record<string, unknown>;
  /** How `--diagram` / `--network-diagram` draw this type; types without it are not drawn (role assignments, locks, ...). */
  readonly diagram?: DiagramRule;
}

/**
 * How the diagrams (planner/diagram.ts) draw one type: a short label and the input paths that point at other
 * resources' ids, each an edge. `direction: "from"` draws referenced -> this (topic -> subscription); `"to"` draws
 * this -> referenced (subscription -> queue). Path segments are property names; `[]` steps into an array.
 */
export interface DiagramRule {
  readonly label: string;
  /** The views that draw this type: `flow` (event flow, the default) and/or `network`. */
  readonly views?: readonly DiagramView[];
  /** The id of the resource whose box (subgraph) holds this node, per view: a queue in its namespace. */
  readonly container?: Partial<
    Record<DiagramView, (inputs: Record<string, unknown>, id: string) => string | undefined>
  >;
  /**
   * Not a node of its own: its edges and detail are drawn on the resource with this id (a Service Bus rule on its
   * subscription, a DNS zone group on its private endpoint).
   */
  readonly mergeInto?: (inputs: Record<string, unknown>, id: string) => string;
  readonly edges?: readonly DiagramEdge[];
  /** A short summary of the inputs appended to the label, e.g. an Event Grid subscription's filter. */
  readonly detail?: (inputs: Record<string, unknown>) => string | undefined;
  /**
   * Roles (definition GUIDs) whose holders are drawn with an edge principal -> this resource, e.g. "EventGrid Data
   * Sender" publishers -> topic. The principal is found among drawn resources by `principalId` / `identity.principalId`.
   */
  readonly grantees?: readonly { readonly role: string; readonly label?: string }[];
}

export type DiagramView = "flow" | "network";

export interface DiagramEdge {
  /** Input path of the referenced id (unless `ids` is given). */
  readonly path?: string;
  /** Computes the referenced ids from the inputs and the resource's own id (ids that are composed, not stored). */
  readonly ids?: (inputs: Record<string, unknown>, id: string) => unknown[];
  readonly direction: "from" | "to";
  readonly label?: string;
  /** Dashed, for secondary flows such as dead-letter. */
  readonly dashed?: boolean;
  /** The views that draw this edge (default: the views of its type). */
  readonly views?: readonly DiagramView[];
  /**
   * Targets outside the plan are drawn as external nodes (a webhook URL, an Azure Function by id, a private link
   * target) instead of being dropped.
   */
  readonly external?: boolean;
}

export interface OutputContext {
  readonly id: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly subscriptionId: string;
  readonly tenantId: string;
  /** Deterministic GUID for a purpose (principal ids, client ids) derived from the resource id. */
  guid(purpose: string): string;
}

/** Identity outputs as ARM returns them: a principal id per system-assigned identity. */
export function identityOutputs(ctx: OutputContext): Record<string, unknown> {
  const identity = ctx.inputs.identity as { type?: string } | undefined;
  if (!identity?.type || !/SystemAssigned/i.test(identity.type)) return {};
  return { identity: { ...identity, principalId: ctx.guid("principal"), tenantId: ctx.tenantId } };
}

export const rg = "/subscriptions/{sub}/resourceGroups/{resourceGroupName}/providers";
