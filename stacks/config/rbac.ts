import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Custom role definitions and stack-level role assignments (issue: Batch/RBAC/private endpoints). Not implemented yet: only an empty object is accepted. */
export const rbacSchema = z.strictObject({});

/** Checks across config sections (references to other keys); run after the schema passed. */
export function rbacCrossCheck(_config: StackConfig): Violation[] {
  return [];
}
