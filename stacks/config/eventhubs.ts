import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Event Hubs namespaces and their event hubs (issue: Event Hubs). Not implemented yet: only an empty object is accepted. */
export const eventHubsSchema = z.strictObject({});

/** Checks across config sections (references to other keys); run after the schema passed. */
export function eventHubsCrossCheck(_config: StackConfig): Violation[] {
  return [];
}

/**
 * Finds an event hub declared in the `eventhubs` section, for other sections' cross-checks (Event Grid
 * destinations, system topics). Contract: `eventhubs.namespaces.<ns>.eventHubs.<hub>`. Not implemented yet.
 */
export function findEventHub(_config: StackConfig, _namespace: string, _hub: string): { exists: true } | undefined {
  return undefined;
}
