import type { StackContext, StackRefs } from "../context";

/** What this builder exposes to later builders and to stack outputs. */
export type EventGridRefs = Record<string, never>;

/** Builds the `eventgrid` config section. Not implemented yet. */
export function buildEventGrid(_ctx: StackContext, _refs: Partial<StackRefs>): EventGridRefs {
  return {};
}
