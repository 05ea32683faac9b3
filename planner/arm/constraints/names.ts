import { simulatedTypes } from "..";
import { armConstraints } from ".";
import { checkInputs } from "./check";
import type { ConstraintViolation } from "./types";

/**
 * Azure's rules for the name of one resource type, applied to a name before any resource exists (a config-time check
 * of a user-given name, for example): the same table entries the plan checks registrations against.
 */
export function nameViolations(type: string, name: string): ConstraintViolation[] {
  const nameInput = simulatedTypes[type]?.nameInput;
  const table = armConstraints[type];
  if (!nameInput || !table) return [];
  const rules = table.rules.filter((r) => r.path === nameInput);
  return checkInputs({ ...table, rules }, { [nameInput]: name });
}
