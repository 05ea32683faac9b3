import { Violation } from "../core/errors";
import { violation } from "../core/validate";
import { rbacLimits } from "./limits";

// Provider namespace: dotted identifiers (`Microsoft.EventGrid`), or `*` for every provider (`*/read`).
const PROVIDER = /^(\*|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+)$/;
// Resource type / operation segments: identifiers with `*` wildcards. Dots appear in nested provider segments
// (`Microsoft.Web/sites/providers/Microsoft.Insights/diagnosticSettings/read`).
const SEGMENT = /^[A-Za-z0-9_.*-]+$/;

const FORMAT =
  "must be an operation string 'Provider.Namespace/resourceType/.../verb' (verb read, write, delete or action; " +
  "'*' wildcards allowed), e.g. \"Microsoft.EventGrid/*/read\"";

/**
 * Checks one action / data action string. A bare `*` is refused unless `allowBareWildcard` is true.
 * Pure; exported for tests and for the stack config's cross-checks.
 */
export function validateOperation(path: string, op: string, allowBareWildcard = false): Violation | undefined {
  if (typeof op !== "string" || op.length === 0) return violation(path, op, FORMAT);
  if (op === rbacLimits.bareWildcard) {
    return allowBareWildcard
      ? undefined
      : violation(
          path,
          op,
          'grants every operation; list the operations needed (e.g. "Microsoft.EventGrid/*/read"), or set allowWildcard: true to accept it deliberately',
        );
  }
  if (/\s/.test(op)) return violation(path, op, `contains whitespace; ${FORMAT}`);
  const [provider, ...rest] = op.split("/");
  if (!PROVIDER.test(provider) || rest.length === 0) return violation(path, op, FORMAT);
  if (rest.some((s) => !SEGMENT.test(s))) return violation(path, op, FORMAT);
  const verb = rest[rest.length - 1];
  if (!verb.includes("*") && !(rbacLimits.operationVerbs as readonly string[]).includes(verb.toLowerCase())) {
    return violation(path, op, `ends in "${verb}", which is not an operation verb; ${FORMAT}`);
  }
  return undefined;
}

/** Checks a list of operations (`actions`, `notActions`, `dataActions`, `notDataActions`), including duplicates. */
export function validateOperations(
  path: string,
  ops: readonly string[] | undefined,
  allowBareWildcard = false,
): Violation[] {
  const found: (Violation | undefined)[] = [];
  const seen = new Set<string>();
  (ops ?? []).forEach((op, i) => {
    found.push(validateOperation(`${path}[${i}]`, op, allowBareWildcard));
    if (typeof op === "string") {
      if (seen.has(op.toLowerCase())) found.push(violation(`${path}[${i}]`, op, "is listed twice"));
      seen.add(op.toLowerCase());
    }
  });
  return found.filter((v): v is Violation => v !== undefined);
}
