import { PropertyRule, TypeConstraints, ConstraintViolation } from "./types";

/**
 * The generic checker: walks a resource's inputs against its constraint table and returns every broken rule (it
 * never throws, so one plan reports all of them). Values the plan cannot know are skipped: unknown during a
 * preview (the engine's sentinel) and secrets (recorded as "[secret]").
 */

/** The Pulumi engine's marker for a value unknown during a preview (`@pulumi/pulumi/runtime/rpc` unknownValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET = "[secret]";

// ISO 8601 duration as `format: duration` means (P[n]Y[n]M[n]W[n]DT[n]H[n]M[n]S, at least one part).
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const unknowable = (v: unknown) => v === UNKNOWN || v === SECRET;

interface Located {
  readonly path: string;
  readonly value: unknown;
}

/**
 * The concrete locations a rule path denotes in `inputs`: `a.b` -> one, `a[].b` -> one per item of `a`. A location
 * whose parent is missing is not produced (an absent optional object has no required children).
 */
function locate(inputs: Record<string, unknown>, path: string): Located[] {
  let here: Located[] = [{ path: "", value: inputs }];
  const segments = path.split(".");
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    const next: Located[] = [];
    const key = seg.replace(/\[\]$|\{\}$/, "");
    const each = seg.endsWith("[]") ? "array" : seg.endsWith("{}") ? "map" : undefined;
    for (const h of here) {
      if (!h.value || typeof h.value !== "object" || unknowable(h.value)) continue;
      const v = (h.value as Record<string, unknown>)[key];
      const p = h.path ? `${h.path}.${key}` : key;
      if (!each) {
        if (v !== undefined || last) next.push({ path: p, value: v });
      } else if (Array.isArray(v)) {
        v.forEach((item, n) => next.push({ path: `${p}[${n}]`, value: item }));
      } else if (each === "map" && v && typeof v === "object") {
        for (const [k, item] of Object.entries(v)) next.push({ path: `${p}.${k}`, value: item });
      }
    }
    here = next;
  });
  return here;
}

/**
 * A spec pattern as ARM (.NET) reads it: `\w` there matches any Unicode letter or digit, so it becomes the Unicode
 * classes under the `u` flag; a pattern the `u` flag refuses is compiled as written.
 */
function specRegExp(pattern: string): RegExp {
  let inClass = false;
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && pattern[i + 1] === "w") {
      out += inClass ? "\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}" : "[\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}]";
      i++;
      continue;
    }
    if (c === "\\") {
      out += c + (pattern[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "[") inClass = true;
    if (c === "]") inClass = false;
    out += c;
  }
  try {
    return new RegExp(out, "u");
  } catch {
    return new RegExp(pattern);
  }
}

/** Every rule `rule` states that `value` breaks, in words ("must be at most 24 characters"). */
export function brokenRules(rule: PropertyRule, value: unknown): string[] {
  if (value === undefined || value === null) return rule.required ? ["is required"] : [];
  if (unknowable(value)) return [];
  const out: string[] = [];
  if (typeof value === "string") {
    if (rule.minLength !== undefined && value.length < rule.minLength) {
      out.push(`must be at least ${rule.minLength} characters (is ${value.length})`);
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      out.push(`must be at most ${rule.maxLength} characters (is ${value.length})`);
    }
    if (rule.pattern !== undefined && !specRegExp(rule.pattern).test(value)) out.push(`must match ${rule.pattern}`);
    if (rule.format === "duration" && !ISO_DURATION.test(value)) {
      out.push("must be an ISO 8601 duration such as PT5M or P14D");
    }
    if (rule.format === "uuid" && !UUID.test(value)) out.push("must be a GUID");
  }
  if (rule.enum && !rule.extensible && !rule.enum.includes(String(value))) {
    out.push(`must be one of ${rule.enum.join(", ")}`);
  }
  if (typeof value === "number") {
    if (rule.minimum !== undefined && value < rule.minimum) out.push(`must be at least ${rule.minimum}`);
    if (rule.maximum !== undefined && value > rule.maximum) out.push(`must be at most ${rule.maximum}`);
  }
  if (rule.properties && typeof value === "object" && !Array.isArray(value)) {
    const extra = Object.keys(value).filter((k) => !rule.properties!.includes(k));
    if (extra.length > 0) {
      out.push(`has ${extra.join(", ")}, which the API version does not define (it has ${rule.properties.join(", ")})`);
    }
  }
  return out;
}

/** A definition that names its own file (a shared parameter) stands alone; otherwise it is in the type's spec. */
const where = (spec: string, definition: string) =>
  /\.json\b/.test(definition) ? definition : `${spec} ${definition}`;

/** Checks `inputs` (with the resource's name input filled in) against `table`. */
export function checkInputs(table: TypeConstraints, inputs: Record<string, unknown>): ConstraintViolation[] {
  if (table.notArm) return [];
  const violations: ConstraintViolation[] = [];
  for (const rule of table.rules) {
    for (const at of locate(inputs, rule.path)) {
      for (const broken of brokenRules(rule, at.value)) {
        violations.push({
          path: at.path,
          value: at.value,
          rule: broken,
          source: rule.doc ?? `${where(table.spec, rule.definition)} (API version ${table.apiVersion})`,
        });
      }
    }
  }
  return violations;
}
