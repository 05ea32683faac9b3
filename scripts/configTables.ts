import { splitDefault } from "./configDocs";

/**
 * The key tables of stacks/README.md, generated from the config's JSON Schema (`npm run schema` rewrites them; a
 * test fails when they are stale). A table sits between `<!-- keys:<key>,<key> start -->` and
 * `<!-- keys:... end -->`, and lists every key path under the named top-level keys with its type, default and
 * description. A subtree that an earlier table (or row) already lists, such as a Service Bus queue under
 * `platform.servicebus` or the shared `roleAssignments` shape, is one row that refers to it.
 */

type Json = Record<string, unknown>;

const MARKER = /<!-- keys:([A-Za-z0-9_,-]+) start -->\n[\s\S]*?<!-- keys:\1 end -->/g;

/** Top-level keys the README's key tables name, in order. */
export function tableKeys(readme: string): string[] {
  return [...readme.matchAll(MARKER)].flatMap((m) => m[1].split(","));
}

const code = (s: string) => "`" + s + "`";
const cell = (s: string) => s.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();

function range(low: unknown, high: unknown, unit = ""): string {
  // zod writes the safe-integer bounds of every integer: no range a reader needs.
  const min = low === Number.MIN_SAFE_INTEGER ? undefined : low;
  const max = high === Number.MAX_SAFE_INTEGER ? undefined : high;
  if (typeof min === "number" && typeof max === "number") return min === max ? `${min}${unit}` : `${min}-${max}${unit}`;
  if (typeof min === "number") return `≥ ${min}${unit}`;
  if (typeof max === "number") return `≤ ${max}${unit}`;
  return "";
}

/** A short type of a schema: enums listed, ranges, lengths and patterns. */
export function typeOf(node: Json): string {
  const options = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  if (options) return [...new Set(options.map(typeOf))].join(" | ");
  if (Array.isArray(node.enum)) return node.enum.map((v) => code(String(v))).join(" | ");
  if ("const" in node) return code(String(node.const));
  const join = (...parts: string[]) => parts.filter(Boolean).join(", ");
  switch (node.type) {
    case "string": {
      const length = range(node.minLength, node.maxLength, " characters");
      // A long pattern (an ARM id's) says less than the description does.
      const pattern =
        typeof node.pattern === "string" && node.pattern.length <= 60 ? `matching ${code(node.pattern)}` : "";
      return join("string", length, pattern);
    }
    case "integer":
    case "number":
      return join(String(node.type), range(node.minimum ?? node.exclusiveMinimum, node.maximum));
    case "boolean":
      return "boolean";
    case "array":
      return join(
        `list of ${node.items ? typeOf(node.items as Json) : "any"}`,
        range(node.minItems, node.maxItems, " items"),
      );
    case "object": {
      if (node.properties) {
        const keys = Object.keys(node.properties as Json);
        return keys.length === 0 ? "`{}`" : "object";
      }
      const value = node.additionalProperties;
      if (value && typeof value === "object") {
        const v = value as Json;
        return `map of ${v.properties || (v.anyOf ?? v.oneOf) ? "objects" : typeOf(v)}`;
      }
      return "object";
    }
    default:
      return "any";
  }
}

/** What "the same shape" compares: the subtree without the key's own description and default. */
const shapeKey = (node: Json) => {
  const { description: _description, default: _default, ...shape } = node;
  return JSON.stringify(shape);
};

/** Whether a schema has keys below it (an object, a map of objects, a union of objects, a list of objects). */
function hasChildren(node: Json): boolean {
  if (node.properties && Object.keys(node.properties as Json).length > 0) return true;
  for (const k of ["anyOf", "oneOf"]) if ((node[k] as Json[] | undefined)?.some(hasChildren)) return true;
  for (const k of ["additionalProperties", "items"]) {
    const v = node[k];
    if (v && typeof v === "object" && hasChildren(v as Json)) return true;
  }
  return false;
}

interface Row {
  path: string;
  type: string;
  dflt: string;
  description: string;
}

function rows(node: Json, at: string, required: boolean, seen: Map<string, string>, out: Row[]): void {
  const { description, defaultText } = splitDefault(String(node.description ?? ""));
  const type = typeOf(node);
  const dflt = defaultText ?? (required ? "required" : "");
  const key = hasChildren(node) ? shapeKey(node) : undefined;
  const earlier = key && seen.get(key);
  if (earlier) {
    out.push({ path: at, type, dflt, description: `${description} As ${code(earlier)}.`.trim() });
    return;
  }
  if (key) seen.set(key, at);
  out.push({ path: at, type, dflt, description });
  children(node, at, seen, out);
}

/** The properties of an object schema and of its union options, by key (a key of several options has several). */
function propertiesOf(node: Json, into = new Map<string, { schema: Json; required: boolean }[]>()) {
  const requiredKeys = new Set((node.required as string[] | undefined) ?? []);
  for (const [k, v] of Object.entries((node.properties ?? {}) as Json)) {
    into.set(k, [...(into.get(k) ?? []), { schema: v as Json, required: requiredKeys.has(k) }]);
  }
  for (const k of ["anyOf", "oneOf"])
    for (const option of (node[k] as Json[] | undefined) ?? []) propertiesOf(option, into);
  return into;
}

function children(node: Json, at: string, seen: Map<string, string>, out: Row[]): void {
  for (const [k, options] of propertiesOf(node)) {
    // A key of several union options (a destination's `kind`) is one row: its types joined, its first description.
    const schema =
      options.length === 1
        ? options[0].schema
        : {
            description: options.find((o) => o.schema.description)?.schema.description,
            anyOf: options.map((o) => o.schema),
          };
    rows(
      schema,
      `${at}.${k}`,
      options.every((o) => o.required),
      seen,
      out,
    );
  }
  const more = (n: Json, suffix: string) => {
    for (const k of ["anyOf", "oneOf"]) for (const option of (n[k] as Json[] | undefined) ?? []) more(option, suffix);
    for (const [k, sfx] of [
      ["additionalProperties", ".<key>"],
      ["items", "[]"],
    ] as const) {
      if (n[k] && typeof n[k] === "object") children(n[k] as Json, `${at}${suffix}${sfx}`, seen, out);
    }
  };
  more(node, "");
}

function table(rs: Row[]): string {
  const lines = ["| key | type | default | description |", "|---|---|---|---|"];
  for (const r of rs) lines.push(`| ${code(r.path)} | ${cell(r.type)} | ${cell(r.dflt)} | ${cell(r.description)} |`);
  return lines.join("\n");
}

/**
 * The README with every key table regenerated from `configSchema` (the JSON Schema of the stack config, before it is
 * wrapped into the stack-file schema). Throws when a top-level key is in no table or in two.
 */
export function renderKeyTables(readme: string, configSchema: Json): string {
  const props = (configSchema.properties ?? {}) as Json;
  const required = new Set((configSchema.required as string[] | undefined) ?? []);
  const named = tableKeys(readme);
  const twice = named.filter((k, i) => named.indexOf(k) !== i);
  const unknown = named.filter((k) => !(k in props));
  const unlisted = Object.keys(props).filter((k) => !named.includes(k));
  if (twice.length || unknown.length || unlisted.length) {
    throw new Error(
      "stacks/README.md key tables: " +
        [
          unlisted.length ? `add ${unlisted.join(", ")} to a <!-- keys:... start --> marker` : "",
          unknown.length ? `the schema has no key ${unknown.join(", ")}` : "",
          twice.length ? `${twice.join(", ")} listed twice` : "",
        ]
          .filter(Boolean)
          .join("; "),
    );
  }
  const seen = new Map<string, string>();
  return readme.replace(MARKER, (_all, names: string) => {
    const out: Row[] = [];
    for (const k of names.split(",")) rows(props[k] as Json, k, required.has(k), seen, out);
    return `<!-- keys:${names} start -->\n${table(out)}\n<!-- keys:${names} end -->`;
  });
}
