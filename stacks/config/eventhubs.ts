import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Event Hubs namespaces and their event hubs (issue: Event Hubs). Not implemented yet: only an empty object is accepted. */
export const eventHubsSchema = z.strictObject({});

/** Checks across config sections (references to other keys); run after the schema passed. */
export function eventHubsCrossCheck(_config: StackConfig): Violation[] {
  return [];
}
