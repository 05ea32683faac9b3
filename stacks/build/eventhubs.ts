import type * as pulumi from "@pulumi/pulumi";
import type { StackContext, StackRefs } from "../context";

export interface EventHubRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
}
export interface EventHubNamespaceRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  readonly hubs: Record<string, EventHubRef>;
}

/** What this builder exposes to later builders: namespaces and their event hubs by config key. */
export interface EventHubsRefs {
  readonly namespaces: Record<string, EventHubNamespaceRef>;
}

/** Builds the `eventhubs` config section. Not implemented yet. */
export function buildEventHubs(_ctx: StackContext, _refs: Partial<StackRefs>): EventHubsRefs {
  return { namespaces: {} };
}
