import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { formatViolation, isWarning, ValidationError, Violation } from "../../components/core/errors";
import { expandArchitectures } from "../architectures";
import { stackLocation } from "./resolver";
import { crossChecks, StackConfig, stackConfigSchema } from "./schema";
import { didYouMean } from "./suggest";
import { warnOnce } from "../../components/core/configKey";

/** Pulumi passes structured config as JSON strings; plain strings stay strings. */
export function parseConfigValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Keys an object schema accepts at a path (best effort through optional/default/record/union wrappers). */
function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let cur: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let x = s;
    for (let i = 0; i < 10; i++) {
      const def = (x as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
      if (def.innerType) x = def.innerType;
      else if (def.type === "pipe" && def.in) x = def.in;
      else break;
    }
    return x;
  };
  for (const p of path) {
    if (!cur) return undefined;
    const s = unwrap(cur);
    if (s instanceof z.ZodObject) cur = (s.shape as Record<string, z.ZodType>)[String(p)];
    else if (s instanceof z.ZodRecord) cur = (s as unknown as { def: { valueType: z.ZodType } }).def.valueType;
    else return undefined;
  }
  if (!cur) return undefined;
  const s = unwrap(cur);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : undefined;
}

/** Zod's messages rephrased to read after "<path>: <value>" and to say what is allowed. */
function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const required = value === undefined ? "is required; " : "";
  switch (issue.code) {
    case "invalid_type":
      return value === undefined ? `is required (${issue.expected})` : `has the wrong type; expected ${issue.expected}`;
    case "invalid_value":
      return `${required || "is not allowed; "}allowed: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_key":
      return `is not a valid key: ${issue.issues.map((i) => i.message).join("; ")}`;
    case "too_big":
      return `is too large; the maximum is ${String(issue.maximum)}${issue.origin === "string" ? " characters" : ""}`;
    case "too_small":
      return `is too small; the minimum is ${String(issue.minimum)}${issue.origin === "string" ? " characters" : ""}`;
    default:
      return issue.message;
  }
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/**
 * The alternative of a union the value was most likely meant to be: not one that rejects the value's own keys, and
 * with the fewest problems (a principal `{ principalId }` is the explicit-id shape missing `principalType`).
 */
function likeliestAlternative(alternatives: z.core.$ZodIssue[][]): z.core.$ZodIssue[] {
  const rank = (issues: z.core.$ZodIssue[]) =>
    issues.length + (issues.some((i) => i.code === "unrecognized_keys" && i.path.length === 0) ? 1000 : 0);
  return [...alternatives].sort((a, b) => rank(a) - rank(b))[0] ?? [];
}

/** Turns zod issues into violations that name the config key path, the value and what is allowed. */
export function violationsFromZod(error: z.ZodError, raw: unknown, schema: z.ZodType): Violation[] {
  const out: Violation[] = [];
  const visit = (issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]) => {
    const at = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(schema, at);
      for (const key of issue.keys) {
        out.push({
          path: dotted([...at, key]),
          value: valueAt(raw, [...at, key]),
          message: `is not a known key${allowed ? `${didYouMean(key, allowed)}; allowed keys here: ${allowed.join(", ")}` : ""}`,
        });
      }
      return;
    }
    const value = valueAt(raw, at);
    if (issue.code === "invalid_union") {
      const options = (issue as { options?: unknown[] }).options;
      if (options) {
        // A discriminated union (`kind`): say which values exist.
        const names = options.map(String);
        const hint = typeof value === "string" ? didYouMean(value, names) : "";
        out.push({
          path: dotted(at),
          value,
          message: `${value === undefined ? "is required" : "is not allowed"}${hint}; allowed: ${names.join(", ")}`,
        });
        return;
      }
      // Report what the likeliest alternative is missing or has wrong, at its own key paths.
      for (const sub of likeliestAlternative(issue.errors)) visit(sub, at);
      return;
    }
    out.push({ path: dotted(at), value, message: describeIssue(issue, value) });
  };
  for (const issue of error.issues) visit(issue, []);
  return out;
}

/** Options of a validation run: what the program reads from outside the project's own keys. */
export interface ValidateOptions {
  /** `azure-native:location`: the stack's region when `location` is not set. */
  readonly providerLocation?: string;
}

export interface ValidationResult {
  /** The typed config when there is no violation. */
  readonly config?: StackConfig;
  /** Errors: each names the config key path, the value and what is allowed. */
  readonly violations: Violation[];
  /** Settings Azure accepts that have no effect, each starting with its config key path. */
  readonly warnings: string[];
}

/** The same finding once: a reference error can be reached from two checks (e.g. a subnet by section and endpoint). */
function unique(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const id = `${v.path}|${v.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Validates a raw config object (keys without the project prefix): the schema, then every section's references and
 * its mapping to component args (placeholder references) through every component validator, so that whatever a
 * component would reject is reported here with its config key path, before anything is registered. Pure.
 */
export function validateStackConfig(raw: Record<string, unknown>, options: ValidateOptions = {}): ValidationResult {
  // Reference architectures are presets: they expand into the regular sections, which are then validated as usual.
  const { expanded, violations: presetViolations } = expandArchitectures(raw);
  if (presetViolations.length > 0) return { violations: presetViolations, warnings: [] };
  const parsed = stackConfigSchema.safeParse(expanded);
  if (!parsed.success) {
    return { violations: unique(violationsFromZod(parsed.error, expanded, stackConfigSchema)), warnings: [] };
  }
  const warnings: string[] = [];
  const check = {
    location: stackLocation(parsed.data, options.providerLocation),
    warn: (w: string) => warnings.push(w),
  };
  const found = unique(crossChecks.flatMap((c) => c(parsed.data, check)));
  // A component validator's warning (a setting Azure accepts that has no effect) is reported, never an error.
  warnings.push(...found.filter(isWarning).map(formatViolation));
  const violations = found.filter((v) => !isWarning(v));
  return violations.length > 0 ? { violations, warnings } : { config: parsed.data, violations: [], warnings };
}

/** Providers whose config the program reads (`<provider>:<key>`), besides the project's own keys. */
const PROVIDER_NAMESPACES = ["azure-native", "pulumi"];

/**
 * Config keys under a namespace that is neither the project's nor a provider's the program uses: a typo in the
 * project prefix (`azure-integraton:batch`) would otherwise drop the whole section silently.
 */
export function unknownNamespaces(keys: readonly string[], project: string): Violation[] {
  const known = [project, ...PROVIDER_NAMESPACES];
  return keys
    .filter((key) => key.includes(":") && !known.includes(key.split(":")[0]))
    .map((key) => {
      const ns = key.split(":")[0];
      return {
        path: key,
        value: undefined,
        message: `is under the namespace '${ns}', which is neither this project's ('${project}') nor a provider's it uses: ${PROVIDER_NAMESPACES.join(", ")}${didYouMean(ns, known)}; nothing under it is read`,
      };
    });
}

/**
 * Reads every `<project>:<key>` config value of the running stack, validates it (validateStackConfig) and returns the
 * typed config. Throws a ValidationError (exit code 2 in the offline plan; a clean message in `pulumi up`) on any bad
 * key, before the program registers anything; logs the warnings once, with their config key paths.
 */
export function loadStackConfig(): StackConfig {
  const project = pulumi.getProject();
  const raw: Record<string, unknown> = {};
  const all = pulumi.runtime.allConfig();
  for (const [key, value] of Object.entries(all)) {
    const [ns, ...rest] = key.split(":");
    if (ns === project) raw[rest.join(":")] = parseConfigValue(value);
  }
  const source = `stack config of '${pulumi.getStack()}' (keys under '${project}:')`;
  const stray = unknownNamespaces(Object.keys(all), project);
  const { config, violations, warnings } = validateStackConfig(raw, {
    providerLocation: new pulumi.Config("azure-native").get("location"),
  });
  if (!config || stray.length > 0) throw new ValidationError(source, [...stray, ...violations]);
  for (const w of warnings) warnOnce(w, (text) => pulumi.log.warn(`${source}: ${text}`));
  return config;
}
