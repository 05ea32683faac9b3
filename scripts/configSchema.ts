import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { stackConfigSchema } from "../stacks/config/schema";

/**
 * JSON Schema of a `stacks/Pulumi.<env>.yaml` file, generated from the zod schema (the single source), so editors
 * with the YAML language server complete and check stack files. `npm run schema` rewrites it; a test fails when the
 * committed file is stale.
 */
export const schemaFile = path.join(__dirname, "..", "stacks", "stack-config.schema.json");

type Json = Record<string, unknown>;

/** Every free-form string may also be a Pulumi secret (`{ secure: v1:... }`). */
function allowSecure(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowSecure);
  if (!node || typeof node !== "object") return node;
  const n = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(n)) out[k] = k === "propertyNames" ? v : allowSecure(v);
  if (out.type === "string" && !("enum" in out) && !("pattern" in out) && !("format" in out)) {
    return { anyOf: [out, { $ref: "#/$defs/secure" }] };
  }
  return out;
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
    if (inner) props[k] = inner;
  }
  if (Object.keys(props).length > 0) out.properties = props;
  const rest = typeof n.additionalProperties === "object" ? requiredOnly(n.additionalProperties) : undefined;
  if (rest) out.additionalProperties = rest;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function generateStackFileSchema(project = "azure-integration"): Json {
  const inner = z.toJSONSchema(stackConfigSchema, { io: "input", unrepresentable: "any" }) as Json;
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
      if (requireds) strict[`${project}:${key}`] = requireds;
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
        then: { properties: { config: { required } } },
      },
      {
        if: { properties: { config: { not: { required: [`${project}:architectures`] } } } },
        then: { properties: { config: { properties: strict } } },
      },
    ],
    $defs: {
      secure: {
        type: "object",
        description: "A Pulumi secret (`pulumi config set --secret`): the ciphertext; the plan never decrypts it.",
        properties: { secure: { type: "string" } },
        required: ["secure"],
        additionalProperties: false,
      },
    },
  };
}

export function renderStackFileSchema(): string {
  return JSON.stringify(generateStackFileSchema(), null, 2) + "\n";
}

if (require.main === module) {
  fs.writeFileSync(schemaFile, renderStackFileSchema());
  console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
}
