import type { StackContext, StackRefs } from "../context";

/** What this builder exposes to later builders and to stack outputs. */
export type BatchRefs = Record<string, never>;

/** Builds the `batch` config section. Not implemented yet. */
export function buildBatch(_ctx: StackContext, _refs: Partial<StackRefs>): BatchRefs {
  return {};
}
