import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Event Grid topics, system topics, domains, partner topics and subscriptions (issue: Event Grid). Not implemented yet: only an empty object is accepted. */
export const eventGridSchema = z.strictObject({});

/** Checks across config sections (references to other keys); run after the schema passed. */
export function eventGridCrossCheck(_config: StackConfig): Violation[] {
  return [];
}
