import * as pulumi from "@pulumi/pulumi";
import { currentConfigKey, warnOnce } from "./configKey";

/** One bad input: where it is, what it was, and what is allowed. */
export interface Violation {
  /** Dotted path of the field from the component's (or config's) root, e.g. `eventhubs.telemetry.partitionCount`. */
  readonly path: string;
  /** The value that was given (printed with JSON.stringify; secrets must never reach here). */
  readonly value: unknown;
  /** What is wrong and what is allowed, e.g. `exceeds the Standard tier maximum of 32 (Premium allows 100)`. */
  readonly message: string;
  /**
   * `warning`: a setting Azure accepts that has no effect (printed once with its path, never fails the input);
   * absent: an error (Azure rejects it, it breaks at run time, or it silently weakens security or loses data).
   */
  readonly severity?: "warning";
}

/** True for a finding that is a warning, not an error. */
export function isWarning(v: Violation): boolean {
  return v.severity === "warning";
}

/** Renders a value for an error message: short, one line, never `[object Object]`. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (typeof value === "string") return JSON.stringify(value);
  if (pulumi.Output.isInstance(value)) return "(an Output)";
  let text: string;
  try {
    // Outputs nested in an object print as "(an Output)" too (the holder's raw value, before Output's own toJSON).
    text =
      JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
        return pulumi.Output.isInstance(this[key]) ? "(an Output)" : v;
      }) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function formatViolation(v: Violation): string {
  return `${v.path}: ${formatValue(v.value)} ${v.message}`;
}

/**
 * The single error type for bad input, from a component constructor or from stack configuration.
 * It extends `pulumi.RunError` so that `pulumi up` prints the message without a stack trace, and the offline
 * plan maps it to exit code 2.
 */
export class ValidationError extends pulumi.RunError {
  /** Marker that survives duplicate copies of this module (jest module registries, bundlers). */
  public readonly __validationError = true;

  constructor(
    /** The component (type token and name) or config source that rejected the input. */
    public readonly source: string,
    public readonly violations: readonly Violation[],
  ) {
    super(`${source}: invalid input\n${violations.map((v) => `  - ${formatViolation(v)}`).join("\n")}`);
    this.name = "ValidationError";
  }

  static isInstance(e: unknown): e is ValidationError {
    return typeof e === "object" && e !== null && (e as { __validationError?: boolean }).__validationError === true;
  }
}

/**
 * Throws a ValidationError when any error was collected; logs each warning once (qualified by the config key being
 * built, as the stack program already reported it at config time, so it is printed once) and carries on.
 */
export function throwIfInvalid(source: string, violations: readonly (Violation | undefined)[]): void {
  const found = violations.filter((v): v is Violation => v !== undefined);
  const errors = found.filter((v) => !isWarning(v));
  if (errors.length > 0) throw new ValidationError(source, errors);
  const scope = currentConfigKey();
  for (const w of found.filter(isWarning)) {
    const text = formatViolation(scope ? { ...w, path: `${scope}.${w.path}` } : w);
    warnOnce(text, (t) => pulumi.log.warn(`${source}: ${t}`));
  }
}
