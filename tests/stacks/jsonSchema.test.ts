import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { generateStackFileSchema, renderStackFileSchema, schemaFile } from "../../scripts/configSchema";
import { projectDir } from "../helpers/runPlanCli";

// A JSON Schema validator as editors run it (the YAML language server); ajv ships with eslint (draft-07 keywords,
// which is all the generated schema uses besides `$defs`, a plain JSON pointer here).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require("ajv");

type Validate = ((doc: unknown) => boolean) & { errors?: { dataPath: string; message: string }[] };
let compiled: Validate | undefined;
function validator(): Validate {
  if (!compiled) {
    const { $schema: _draft, ...schema } = generateStackFileSchema();
    compiled = new Ajv({ allErrors: true, validateSchema: false, unknownFormats: "ignore" }).compile(
      schema,
    ) as Validate;
  }
  return compiled!;
}

const stackFiles = [
  ...fs
    .readdirSync(path.join(projectDir, "stacks"))
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .map((f) => path.join("stacks", f)),
  ...fs.readdirSync(path.join(projectDir, "tests/fixtures/stacks")).map((f) => path.join("tests/fixtures/stacks", f)),
];
const read = (file: string) => parse(fs.readFileSync(path.join(projectDir, file), "utf8")) as { config: object };

describe("stacks/stack-config.schema.json", () => {
  test("is generated from the zod schema and committed up to date (run `npm run schema`)", () => {
    expect(fs.readFileSync(schemaFile, "utf8")).toBe(renderStackFileSchema());
  });

  test.each(stackFiles)("accepts %s", (file) => {
    const validate = validator();
    expect(validate(read(file)) ? [] : validate.errors).toEqual([]);
  });

  test("accepts Pulumi's own stack-file keys: an ESC `environment:` import and `secure:` values", () => {
    const validate = validator();
    const doc = {
      environment: ["integration/shared"],
      encryptionsalt: "v1:abc",
      config: {
        "azure-integration:environment": "dev",
        "azure-integration:resourceGroupName": { secure: "v1:AAAA" },
      },
    };
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    // The ESC environment may supply the required keys themselves.
    expect(validate({ environment: ["integration/dev"], config: {} }) ? [] : validate.errors).toEqual([]);
    expect(validate({ config: {} })).toBe(false);
  });

  test.each([
    ["a range the plan rejects", { servicebus: { namespaces: { a: { queues: { q: { maxDeliveryCount: 0 } } } } } }],
    ["a wrong type", { protect: "yes" }],
    ["an unknown key", { storag: {} }],
    ["a missing required key (no presets)", { eventhubs: { namespaces: { a: {} } } }],
  ])("rejects %s", (_case, extra) => {
    const config = Object.fromEntries(
      Object.entries({ environment: "dev", ...extra }).map(([k, v]) => [`azure-integration:${k}`, v]),
    );
    expect(validator()({ config })).toBe(false);
  });
});
