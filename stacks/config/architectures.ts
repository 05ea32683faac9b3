import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Reference architectures switched on by configuration (issue: Environments). Not implemented yet. */
export const architecturesSchema = z.strictObject({});

export function architecturesCrossCheck(_config: StackConfig): Violation[] {
  return [];
}
