import type { Violation } from "../../components/core/errors";

/**
 * Expands `architectures.*` presets into the regular config sections before validation (issue: Environments).
 * Not implemented yet: returns the raw config unchanged.
 */
export function expandArchitectures(raw: Record<string, unknown>): {
  expanded: Record<string, unknown>;
  violations: Violation[];
} {
  return { expanded: raw, violations: [] };
}
