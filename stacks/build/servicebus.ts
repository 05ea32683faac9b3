import type * as pulumi from "@pulumi/pulumi";
import type { StackContext, StackRefs } from "../context";

export interface ServiceBusEntityRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
}
export interface ServiceBusQueueRef extends ServiceBusEntityRef {
  /** Whether the queue requires sessions (Event Grid then needs a SessionId delivery attribute mapping). */
  readonly requiresSession: boolean;
}
export interface ServiceBusNamespaceRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  readonly queues: Record<string, ServiceBusQueueRef>;
  readonly topics: Record<string, ServiceBusEntityRef>;
}

/** What this builder exposes to later builders: namespaces (and the primary of each pair) by config key. */
export interface ServiceBusRefs {
  readonly namespaces: Record<string, ServiceBusNamespaceRef>;
}

/** Builds the `servicebus` config section. Not implemented yet. */
export function buildServiceBus(_ctx: StackContext, _refs: Partial<StackRefs>): ServiceBusRefs {
  return { namespaces: {} };
}
