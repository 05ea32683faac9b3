import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Service Bus namespaces, entities and paired namespaces (issue: Service Bus). Not implemented yet: only an empty object is accepted. */
export const serviceBusSchema = z.strictObject({});

/** Checks across config sections (references to other keys); run after the schema passed. */
export function serviceBusCrossCheck(_config: StackConfig): Violation[] {
  return [];
}
