import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type { StackConfig } from "./schema";

/** Virtual network, subnets and the private DNS zone registry (issue: Batch/RBAC/private endpoints). Not implemented yet: only an empty object is accepted. */
export const networkSchema = z.strictObject({});

/** Checks across config sections (references to other keys); run after the schema passed. */
export function networkCrossCheck(_config: StackConfig): Violation[] {
  return [];
}
