import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Service Bus namespaces, entities and paired namespaces (issue: Service Bus). Not implemented yet: only an empty object is accepted. */
export const serviceBusSchema = z.strictObject({});

/** Checks across config sections (references to other keys); run after the schema passed. */
export function serviceBusCrossCheck(_config: StackConfig): Violation[] {
  return [];
}

/**
 * Finds a queue or topic declared in the `servicebus` section (a namespace or a pair, by key), for other
 * sections' cross-checks (Event Grid destinations). Contract: `servicebus.namespaces.<ns>.queues.<q>` /
 * `.topics.<t>`, and `servicebus.pairs.<key>` with the same entity maps. Not implemented yet: finds nothing.
 */
export function findServiceBusEntity(
  _config: StackConfig,
  _namespace: string,
  _kind: "queue" | "topic",
  _name: string,
): { requiresSession: boolean } | undefined {
  return undefined;
}
