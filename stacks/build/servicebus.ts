import type { StackContext, StackRefs } from "../context";

/** What this builder exposes to later builders and to stack outputs. */
export type ServiceBusRefs = Record<string, never>;

/** Builds the `servicebus` config section. Not implemented yet. */
export function buildServiceBus(_ctx: StackContext, _refs: Partial<StackRefs>): ServiceBusRefs {
  return {};
}
