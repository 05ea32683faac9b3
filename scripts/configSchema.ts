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
  for (const [key, value] of Object.entries(props)) config[`${project}:${key}`] = allowSecure(value);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `Pulumi stack configuration for the '${project}' project (stacks/Pulumi.<env>.yaml)`,
    description: "Generated from stacks/config/schema.ts by `npm run schema`; keys are documented in stacks/README.md.",
    type: "object",
    properties: {
      config: {
        type: "object",
        properties: config,
        required: ((inner.required as string[] | undefined) ?? []).map((k) => `${project}:${k}`),
        // Other namespaces (providers, policy packs) may hold config too; this project's keys are all listed.
        patternProperties: { [`^(?!${project}:)`]: {} },
        additionalProperties: false,
      },
      encryptionsalt: { type: "string" },
      secretsprovider: { type: "string" },
      encryptedkey: { type: "string" },
    },
    additionalProperties: false,
    $defs: {
      secure: {
        type: "object",
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
