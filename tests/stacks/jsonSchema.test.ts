import * as fs from "fs";
import { parse } from "yaml";
import { renderStackFileSchema, schemaFile } from "../../scripts/configSchema";

describe("stacks/stack-config.schema.json", () => {
  test("is generated from the zod schema and committed up to date (run `npm run schema`)", () => {
    expect(fs.readFileSync(schemaFile, "utf8")).toBe(renderStackFileSchema());
  });

  test("lists every project key of the shipped stack files", () => {
    const schema = JSON.parse(renderStackFileSchema());
    const known = Object.keys(schema.properties.config.properties);
    for (const file of fs.readdirSync("stacks").filter((f) => /^Pulumi\..+\.yaml$/.test(f))) {
      const doc = parse(fs.readFileSync(`stacks/${file}`, "utf8"));
      for (const key of Object.keys(doc.config).filter((k) => k.startsWith("azure-integration:"))) {
        expect(known).toContain(key);
      }
    }
    expect(schema.properties.config.required).toEqual(["azure-integration:environment"]);
  });
});
