import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Platform/team stack split (issue: Environments). Not implemented yet. */
export const platformSchema = z.strictObject({});

export function platformCrossCheck(_config: StackConfig): Violation[] {
  return [];
}
