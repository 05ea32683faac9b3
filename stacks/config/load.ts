import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ValidationError, Violation } from "../../components/core/errors";
import { expandArchitectures } from "../architectures";
import { crossChecks, StackConfig, stackConfigSchema } from "./schema";

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
    case "invalid_union":
      return "matches none of the allowed shapes; see stacks/README.md for this key";
    default:
      return issue.message;
  }
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Turns zod issues into violations that name the config key path, the value and what is allowed. */
export function violationsFromZod(error: z.ZodError, raw: unknown, schema: z.ZodType): Violation[] {
  const out: Violation[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        out.push({
          path: dotted([...issue.path, key]),
          value: valueAt(raw, [...issue.path, key]),
          message: `is not a known key${allowed ? `; allowed keys here: ${allowed.join(", ")}` : ""}`,
        });
      }
      continue;
    }
    const value = valueAt(raw, issue.path);
    out.push({ path: dotted(issue.path), value, message: describeIssue(issue, value) });
  }
  return out;
}

/** Validates a raw config object (keys without the project prefix). Pure; exported for tests. */
export function validateStackConfig(raw: Record<string, unknown>): { config?: StackConfig; violations: Violation[] } {
  // Reference architectures are presets: they expand into the regular sections, which are then validated as usual.
  const { expanded, violations: presetViolations } = expandArchitectures(raw);
  if (presetViolations.length > 0) return { violations: presetViolations };
  const parsed = stackConfigSchema.safeParse(expanded);
  if (!parsed.success) return { violations: violationsFromZod(parsed.error, expanded, stackConfigSchema) };
  const violations = crossChecks.flatMap((check) => check(parsed.data));
  return violations.length > 0 ? { violations } : { config: parsed.data, violations: [] };
}

/**
 * Reads every `<project>:<key>` config value of the running stack, validates it and returns the typed config.
 * Throws a ValidationError (exit code 2 in the offline plan; a clean message in `pulumi up`) on any bad key.
 */
export function loadStackConfig(): StackConfig {
  const project = pulumi.getProject();
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    const [ns, ...rest] = key.split(":");
    if (ns === project) raw[rest.join(":")] = parseConfigValue(value);
  }
  const { config, violations } = validateStackConfig(raw);
  if (!config)
    throw new ValidationError(`stack config of '${pulumi.getStack()}' (keys under '${project}:')`, violations);
  return config;
}
