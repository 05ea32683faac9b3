import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { stackConfigSchema } from "../stacks/config/schema";
import { ConfigDocs, readConfigDocs } from "./configDocs";
import { renderKeyTables } from "./configTables";

/**
 * JSON Schema of a `stacks/Pulumi.<env>.yaml` file, generated from the zod schema (the single source), so editors
 * with the YAML language server complete and check stack files. `npm run schema` rewrites it; a test fails when the
 * committed file is stale.
 */
export const schemaFile = path.join(__dirname, "..", "stacks", "stack-config.schema.json");
/** stacks/README.md: its key tables are generated from the same schema (scripts/configTables.ts). */
export const readmeFile = path.join(__dirname, "..", "stacks", "README.md");

type Json = Record<string, unknown>;

/** Every free-form string may also be a Pulumi secret (`{ secure: v1:... }`). */
function allowSecure(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowSecure);
  if (!node || typeof node !== "object") return node;
  const n = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(n)) out[k] = k === "propertyNames" ? v : allowSecure(v);
  if (out.type === "string" && !("enum" in out) && !("pattern" in out) && !("format" in out)) {
    // The key's description and default stay on the key, where editors show them.
    const { description, default: dflt, ...plain } = out;
    return { ...definedOnly({ description, default: dflt }), anyOf: [plain, { $ref: "#/$defs/secure" }] };
  }
  return out;
}

function definedOnly(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * Calls `visit` with every property schema of a JSON Schema and its key path (`<key>` for a record's values, `[]`
 * for an array's items; the options of `anyOf` / `oneOf` / `allOf` share their parent's path).
 */
export function forEachProperty(node: unknown, at: string, visit: (schema: Json, path: string) => void): void {
  if (!node || typeof node !== "object" || Array.isArray(node)) return;
  const n = node as Json;
  for (const [k, v] of Object.entries((n.properties ?? {}) as Json)) {
    const keyPath = at ? `${at}.${k}` : k;
    if (v && typeof v === "object") visit(v as Json, keyPath);
    forEachProperty(v, keyPath, visit);
  }
  if (typeof n.additionalProperties === "object") forEachProperty(n.additionalProperties, `${at}.<key>`, visit);
  if (n.items) forEachProperty(n.items, `${at}[]`, visit);
  for (const k of ["anyOf", "oneOf", "allOf"])
    for (const option of (n[k] as unknown[]) ?? []) forEachProperty(option, at, visit);
  // `if` and `not` are conditions on properties declared elsewhere, not declarations.
  for (const k of ["then", "else"]) if (n[k]) forEachProperty(n[k], at, visit);
}

/** Key paths of the properties of a JSON Schema that have no description (a stack key without `config.<project>:`). */
export function undescribed(schema: Json, project = "azure-integration"): string[] {
  const out = new Set<string>();
  const check = (s: Json, keyPath: string) => {
    if (typeof s.description !== "string" || s.description.trim() === "") {
      out.add(keyPath.replace(/^config\./, "").replace(`${project}:`, ""));
    }
  };
  forEachProperty(schema, "", check);
  for (const [name, def] of Object.entries((schema.$defs ?? {}) as Json)) forEachProperty(def, `$defs.${name}`, check);
  return [...out];
}

/** The static JSON value a `Defaults to ...` text states, when it is one the key's schema accepts. */
export function staticDefault(text: string, schema: Json): unknown {
  // A number, `true` / `false`, or one value in backticks (a string, or JSON such as `["AAD"]`); `<...>` is a template.
  const quoted = /^`([^`<>]*)`$/.exec(text);
  const candidates: unknown[] = [];
  if (quoted) candidates.push(quoted[1]);
  const literal = quoted ? quoted[1] : text;
  if (quoted || /^(-?\d+(\.\d+)?|true|false)$/.test(literal)) {
    try {
      candidates.unshift(JSON.parse(literal));
    } catch {
      // Not JSON: the backticked text is a string.
    }
  }
  return candidates.find((c) => accepts(schema, c));
}

/** A shallow check of a JSON value against a schema's type, enum, const and range: enough for a default. */
function accepts(schema: Json, value: unknown): boolean {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).some((o) => accepts(o, value));
  const types: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    number: (v) => typeof v === "number",
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === "boolean",
    array: Array.isArray,
    object: (v) => !!v && typeof v === "object" && !Array.isArray(v),
  };
  if (typeof schema.type !== "string" || !types[schema.type]?.(value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if ("const" in schema && schema.const !== value) return false;
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) return false;
    if (typeof schema.maximum === "number" && value > schema.maximum) return false;
  }
  if (typeof value === "string" && typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(value)) {
    return false;
  }
  if (Array.isArray(value) && schema.items) return value.every((v) => accepts(schema.items as Json, v));
  return true;
}

/**
 * Writes each key's documentation into the zod schema's JSON Schema: the JSDoc text as `description`, and a
 * static `Defaults to` value as `default`. A description set with zod's `.meta()` is kept; a key with both is an
 * error (one source). A key with neither stays undescribed, which `undescribed` reports and a test refuses.
 */
function describe(inner: Json, docs: ConfigDocs): void {
  forEachProperty(inner, "", (schema, keyPath) => {
    const doc = docs.docs.get(keyPath);
    if (doc && schema.description !== undefined) {
      throw new Error(`${keyPath}: described twice, by .meta() and by ${doc.source}; keep one`);
    }
    if (!doc) return;
    schema.description = doc.defaultText
      ? `${doc.description} Defaults to ${doc.defaultText}.`.trim()
      : doc.description;
    const dflt = doc.defaultText === undefined ? undefined : staticDefault(doc.defaultText, schema);
    if (dflt !== undefined) schema.default = dflt;
  });
}

/** Sections the reference-architecture presets write into (stacks/architectures/): a stack file may set part of an entry. */
const PRESET_SECTIONS = ["identities", "storage", "servicebus", "eventgrid", "eventhubs", "batch", "rbac"];

/** The schema without any `required` (what a partial entry over a preset's entry may omit). */
function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node as Json)
      .filter(([k]) => k !== "required")
      .map(([k, v]) => [k, withoutRequired(v)]),
  );
}

/** Only the `required` constraints of a schema, along its object properties and records; undefined when none. */
function requiredOnly(node: unknown): Json | undefined {
  if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
  const n = node as Json;
  const out: Json = {};
  if (Array.isArray(n.required) && n.required.length > 0) out.required = n.required;
  const props: Json = {};
  for (const [k, v] of Object.entries((n.properties ?? {}) as Json)) {
    const inner = requiredOnly(v);
    // The key's description goes along, so that every property of the schema is described where an editor looks.
    if (inner) props[k] = { ...definedOnly({ description: (v as Json).description }), ...inner };
  }
  if (Object.keys(props).length > 0) out.properties = props;
  const rest = typeof n.additionalProperties === "object" ? requiredOnly(n.additionalProperties) : undefined;
  if (rest) out.additionalProperties = rest;
  return Object.keys(out).length > 0 ? out : undefined;
}

const CONFIG_DESCRIPTION =
  "The stack's configuration: `<namespace>:<key>` settings; this project's keys are documented in stacks/README.md.";

/** The JSON Schema of the stack config (`stackConfigSchema`'s input) with every key's documentation. */
export function describedConfigSchema(docs: ConfigDocs = readConfigDocs()): Json {
  const inner = z.toJSONSchema(stackConfigSchema, { io: "input", unrepresentable: "any" }) as Json;
  describe(inner, docs);
  return inner;
}

export function generateStackFileSchema(project = "azure-integration", docs: ConfigDocs = readConfigDocs()): Json {
  const inner = describedConfigSchema(docs);
  const props = (inner.properties ?? {}) as Record<string, unknown>;
  const config: Record<string, unknown> = {
    "azure-native:location": {
      type: "string",
      description: "Azure region for resources without an explicit location.",
    },
    "azure-native:subscriptionId": { type: "string", description: "Target subscription id." },
  };
  // Required keys inside a section are checked as usual, except in a stack that uses presets: there an entry may only
  // override part of what a preset produces, and the plan checks the merged result.
  const strict: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    const section = allowSecure(value);
    if (PRESET_SECTIONS.includes(key)) {
      config[`${project}:${key}`] = withoutRequired(section);
      const requireds = requiredOnly(section);
      if (requireds) strict[`${project}:${key}`] = { description: (section as Json).description, ...requireds };
    } else {
      config[`${project}:${key}`] = section;
    }
  }
  const required = ((inner.required as string[] | undefined) ?? []).map((k) => `${project}:${k}`);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `Pulumi stack configuration for the '${project}' project (stacks/Pulumi.<env>.yaml)`,
    description: "Generated from stacks/config/schema.ts by `npm run schema`; keys are documented in stacks/README.md.",
    type: "object",
    properties: {
      config: {
        description: CONFIG_DESCRIPTION,
        type: "object",
        properties: config,
        // Other namespaces (providers, policy packs) may hold config too; this project's keys are all listed. A
        // project key under a misspelt namespace is reported by the plan (stacks/config/load.ts).
        patternProperties: { [`^(?!${project}:)`]: {} },
        additionalProperties: false,
      },
      environment: {
        description:
          "Pulumi ESC environments whose `pulumiConfig` values this stack imports (https://www.pulumi.com/docs/esc/guides/pulumi-iac/): a list of `<project>/<environment>` names, or an inline environment definition.",
        anyOf: [{ type: "array", items: { type: "string" } }, { type: "object" }],
      },
      encryptionsalt: { type: "string", description: "Passphrase secrets provider: the stack's encryption salt." },
      secretsprovider: { type: "string", description: "The secrets provider that encrypts `secure:` values." },
      encryptedkey: { type: "string", description: "Cloud secrets providers: the encrypted data key." },
    },
    additionalProperties: false,
    allOf: [
      // Keys an ESC environment supplies are not in the file: required keys are checked only without `environment`.
      {
        if: { not: { required: ["environment"] } },
        then: { properties: { config: { description: CONFIG_DESCRIPTION, required } } },
      },
      {
        if: { properties: { config: { not: { required: [`${project}:architectures`] } } } },
        then: { properties: { config: { description: CONFIG_DESCRIPTION, properties: strict } } },
      },
    ],
    $defs: {
      secure: {
        type: "object",
        description: "A Pulumi secret (`pulumi config set --secret`): the ciphertext; the plan never decrypts it.",
        properties: { secure: { type: "string", description: "The ciphertext (`v1:...`)." } },
        required: ["secure"],
        additionalProperties: false,
      },
    },
  };
}

/** The generated files: the stack-file JSON Schema and stacks/README.md with its key tables, from one read of the docs. */
export function generateFiles(docs: ConfigDocs = readConfigDocs()): {
  schema: Json;
  schemaText: string;
  readme: string;
} {
  const schema = generateStackFileSchema(undefined, docs);
  const readme = renderKeyTables(fs.readFileSync(readmeFile, "utf8"), describedConfigSchema(docs));
  return { schema, schemaText: JSON.stringify(schema, null, 2) + "\n", readme };
}

if (require.main === module) {
  const started = Date.now();
  const { schema, schemaText, readme } = generateFiles();
  fs.writeFileSync(schemaFile, schemaText);
  fs.writeFileSync(readmeFile, readme);
  const files = [schemaFile, readmeFile].map((f) => path.relative(process.cwd(), f)).join(", ");
  console.log(`wrote ${files} (${Date.now() - started} ms)`);
  const missing = undescribed(schema);
  if (missing.length > 0) {
    console.error(
      `${missing.length} config keys have no description: write a JSDoc on the zod property (stacks/config/), or on ` +
        `the component argument of the object's @argsType link:\n  ${missing.join("\n  ")}`,
    );
    process.exitCode = 1;
  }
}
