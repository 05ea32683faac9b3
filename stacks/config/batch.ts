import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Batch accounts and pools (issue: Batch/RBAC/private endpoints). Not implemented yet: only an empty object is accepted. */
export const batchSchema = z.strictObject({});

/** Checks across config sections (references to other keys); run after the schema passed. */
export function batchCrossCheck(_config: StackConfig): Violation[] {
  return [];
}
