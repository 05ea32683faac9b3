/**
 * How the simulated ARM answers for one resource type: the ARM id template and the computed outputs a real
 * deployment returns. `{name}` in a template is the resource's own name input (or its auto-name); other
 * `{input}` placeholders are read from the resource's inputs; `{sub}` is the subscription id.
 */
export interface SimulatedType {
  /** Input that carries the resource's own name (azure-native auto-names when it is absent). */
  readonly nameInput?: string;
  /** ARM id template, e.g. `/subscriptions/{sub}/resourceGroups/{resourceGroupName}/providers/Microsoft.X/y/{name}`. */
  readonly id: string;
  /** Extra outputs computed by Azure (endpoints, principal ids, ...). */
  readonly outputs?: (ctx: OutputContext) => Record<string, unknown>;
  /** Auto-name style: Azure names that allow no hyphens (storage accounts) get letters and digits only. */
  readonly autoName?: "alnum" | "default";
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
