import type { StackContext, StackRefs } from "../context";

/** What this builder exposes to later builders and to stack outputs. */
export type EventHubsRefs = Record<string, never>;

/** Builds the `eventhubs` config section. Not implemented yet. */
export function buildEventHubs(_ctx: StackContext, _refs: Partial<StackRefs>): EventHubsRefs {
  return {};
}
