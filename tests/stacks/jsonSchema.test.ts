/** @slow builds the JSON Schema from the sources with the TypeScript compiler (tests/helpers/testSequencer.cjs) */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ConfigDocs, readConfigDocs } from "../../scripts/configDocs";
import { generateFiles, readmeFile, schemaFile, undescribed } from "../../scripts/configSchema";
import { validateStackConfig } from "../../stacks/config/load";
import { projectDir } from "../helpers/runPlanCli";
import { batchLimits } from "../../components/batch/limits";
import { batchingLimits } from "../../components/eventgrid/limits";
import { boundsOverTiers, commonLimits, tierLimits } from "../../components/eventhubs/limits";
import { networkLimits } from "../../components/network/limits";
import { absoluteBounds, geoReplication, largeMessageKb } from "../../components/servicebus/limits";
import { storageLimits } from "../../components/storage/limits";

// A JSON Schema validator as editors run it (the YAML language server); ajv ships with eslint (draft-07 keywords,
// which is all the generated schema uses besides `$defs`, a plain JSON pointer here).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require("ajv");

type Json = Record<string, unknown>;
type Validate = ((doc: unknown) => boolean) & { errors?: { dataPath: string; message: string }[] };

// Reading the docs builds a TypeScript program over stacks/config (a few seconds of CPU): once for the whole file.
jest.setTimeout(180_000);
let docs: ConfigDocs;
let files: ReturnType<typeof generateFiles>;
let validate: Validate;
beforeAll(() => {
  docs = readConfigDocs();
  files = generateFiles(docs);
  const { $schema: _draft, ...schema } = files.schema;
  validate = new Ajv({ allErrors: true, validateSchema: false, unknownFormats: "ignore" }).compile(schema) as Validate;
});

const stackFiles = [
  ...fs
    .readdirSync(path.join(projectDir, "stacks"))
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .map((f) => path.join("stacks", f)),
  ...fs.readdirSync(path.join(projectDir, "tests/fixtures/stacks")).map((f) => path.join("tests/fixtures/stacks", f)),
];
const read = (file: string) => parse(fs.readFileSync(path.join(projectDir, file), "utf8")) as { config: object };
const upToDate = (file: string, generated: string) =>
  fs.readFileSync(file, "utf8") === generated
    ? "up to date"
    : `${path.basename(file)} is stale: run \`npm run schema\``;

describe("stacks/stack-config.schema.json", () => {
  test("is generated from the zod schema and committed up to date (run `npm run schema`)", () => {
    expect(upToDate(schemaFile, files.schemaText)).toBe("up to date");
  });

  test("describes every property (JSDoc on the zod property, or on the component argument it passes through to)", () => {
    expect(undescribed(files.schema)).toEqual([]);
  });

  test("gives static defaults as JSON values the key accepts", () => {
    const at = (node: unknown, ...keys: string[]) => keys.reduce((n, k) => (n as Json)[k], node) as Json;
    const hub = at(
      files.schema,
      ...["properties", "config", "properties", "azure-integration:eventhubs", "properties", "namespaces"],
      ...["additionalProperties", "properties", "eventHubs", "additionalProperties", "properties"],
    ) as Record<string, Json & { properties: Record<string, Json> }>;
    expect(hub.retention.properties.retentionTimeInHours.default).toBe(24);
    expect(hub.capture.properties.encoding.default).toBe("Avro");
    expect(hub.capture.properties.skipEmptyArchives.default).toBe(true);
    // A default that depends on the environment or on other keys is text, not a JSON default.
    expect(hub.partitionCount.default).toBeUndefined();
    expect(hub.partitionCount.description).toMatch(/Defaults to .*load/);
  });

  test.each(stackFiles)("accepts %s", (file) => {
    expect(validate(read(file)) ? [] : validate.errors).toEqual([]);
  });

  test("accepts Pulumi's own stack-file keys: an ESC `environment:` import and `secure:` values", () => {
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

  // Each bad value is one the plan rejects at config time with that key path; the schema must reject it too, so an
  // editor flags it before the plan runs.
  test.each([
    ["a range", "servicebus.namespaces.a.queues.q.maxDeliveryCount", 0, { servicebus: { namespaces: { a: {} } } }],
    ["a range", "eventgrid.topics.t.subscriptions.s.retry.maxDeliveryAttempts", 31, {}],
    ["a length", "resourceGroupName", "r".repeat(91), {}],
    ["a number as a string", "eventhubs.namespaces.a.eventHubs.h.partitionCount", "8", { tier: "Standard" }],
    ["an unknown enum value", "eventhubs.namespaces.a.tier", "Gold", {}],
    ["an unknown enum value", "servicebus.namespaces.a.queues.q.status", "Paused", {}],
    ["a wrong type", "protect", "yes", {}],
    ["an unknown key", "storag", {}, {}],
    ["a key outside the key pattern", "identities.-app", {}, {}],
  ])("rejects %s at %s, as the plan does", (_case, at, value, siblings) => {
    const config: Json = { environment: "dev" };
    const keys = at.split(".");
    let node = config;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Json;
    Object.assign(node, siblings);
    node[keys[keys.length - 1]] = value;
    const planned = validateStackConfig(config).violations.map((v) => v.path);
    expect(planned.filter((p) => at.startsWith(p) || p.startsWith(at)).length).toBeGreaterThan(0);
    const doc = { config: Object.fromEntries(Object.entries(config).map(([k, v]) => [`azure-integration:${k}`, v])) };
    expect(validate(doc)).toBe(false);
  });

  // A value just past the bound no tier accepts (from the limits tables): the plan rejects it at exactly that key path,
  // naming the bound, and the schema rejects it; the bound itself passes the schema (it is not stricter than Azure).
  const hubs = "eventhubs.namespaces.a";
  const maxPartitions = boundsOverTiers((l) => l.maxPartitionsPerHub).max;
  test.each([
    [`${hubs}.eventHubs.h.capture.intervalInSeconds`, commonLimits.captureIntervalSeconds.max, 1, {}],
    [`${hubs}.eventHubs.h.capture.sizeLimitInBytes`, commonLimits.captureSizeLimitBytes.min, -1, {}],
    [`${hubs}.eventHubs.h.partitionCount`, maxPartitions, 1, {}],
    [`${hubs}.eventHubs.h.retention.retentionTimeInHours`, tierLimits.Premium.maxRetentionHours, 1, {}],
    [`${hubs}.capacity`, boundsOverTiers((l) => l.allowedUnits, ["Standard"]).max, 1, { tier: "Standard" }],
    ["eventhubs.clusters.c.capacityUnits", tierLimits.Dedicated.allowedUnits.at(-1)!, 1, {}],
    ["servicebus.namespaces.a.queues.q.maxSizeInMegabytes", absoluteBounds.entitySizeMb.max, 1, {}],
    ["servicebus.namespaces.a.topics.t.maxMessageSizeInKilobytes", largeMessageKb.min, -1, {}],
    ["servicebus.namespaces.a.premiumMessagingPartitions", absoluteBounds.premiumMessagingPartitions.max, 1, {}],
    ["servicebus.namespaces.a.geoReplication.maxReplicationLagSeconds", geoReplication.lagSeconds.max, 1, {}],
    ["storage.s.softDeleteRetentionDays", storageLimits.deleteRetentionDays.min, -1, {}],
    [
      "storage.s.containers.c.immutabilityPolicy.immutabilityPeriodSinceCreationInDays",
      storageLimits.immutabilityPeriodDays.max,
      1,
      {},
    ],
    ["network.subnets.s.networkSecurityGroup.securityRules.r.priority", networkLimits.securityRulePriority.min, -1, {}],
    [
      "eventgrid.topics.t.subscriptions.s.destination.maxEventsPerBatch",
      batchingLimits.maxEventsPerBatch,
      1,
      { kind: "webhook", endpointUrl: "https://example.com/events" },
    ],
    ["batch.accounts.b.pools.p.taskSlotsPerNode", batchLimits.taskSlotsPerNode.max, 1, {}],
    ["architectures.iotBackend.capture.intervalInSeconds", commonLimits.captureIntervalSeconds.min, -1, {}],
  ])("rejects a value past the bound at %s (%d), as the plan does", (at, bound, step, siblings) => {
    const docWith = (value: number) => {
      const config: Json = { environment: "dev" };
      const keys = at.split(".");
      let node = config;
      for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Json;
      Object.assign(node, siblings);
      node[keys[keys.length - 1]] = value;
      return config;
    };
    const key = at.split(".").pop()!;
    const schemaErrors = (config: Json) => {
      const doc = { config: Object.fromEntries(Object.entries(config).map(([k, v]) => [`azure-integration:${k}`, v])) };
      validate(doc);
      return (validate.errors ?? []).filter((e) => e.dataPath.endsWith(key));
    };
    const bad = docWith(bound + step);
    const planned = validateStackConfig(bad).violations.filter((v) => v.path === at);
    expect(planned.map((v) => v.message).join("; ")).toContain(String(bound));
    expect(schemaErrors(bad).length).toBeGreaterThan(0);
    expect(schemaErrors(docWith(bound))).toEqual([]);
  });

  test("a required key inside a section is required unless presets fill it", () => {
    const doc = (extra: Json) => ({
      config: {
        "azure-integration:environment": "dev",
        "azure-integration:eventhubs": { namespaces: { a: {} } },
        ...extra,
      },
    });
    expect(validate(doc({}))).toBe(false);
    expect(validate(doc({ "azure-integration:architectures": {} })) ? [] : validate.errors).toEqual([]);
  });
});

describe("config docs come from one source", () => {
  test("every @argsType link names arguments that exist, with a type the config value is assignable to", () => {
    const broken = docs.links.flatMap((l) =>
      l.inherited
        .filter((i) => !i.onArgs || !i.assignable)
        .map((i) =>
          i.onArgs
            ? `${l.path}.${i.key}: not passed through unchanged to ${l.argsType}.${i.key} (${l.source}); document the config key itself`
            : `${l.path}.${i.key}: ${l.argsType} (${l.source}) has no argument '${i.key}'; document the config key itself`,
        ),
    );
    expect(broken).toEqual([]);
  });

  test("no config key repeats the description of the argument it passes through to (delete the copy)", () => {
    const copies = docs.shadowed.filter((s) => s.same).map((s) => `${s.source} repeats ${s.argument}`);
    expect([...new Set(copies)]).toEqual([]);
  });

  test("stacks/README.md key tables are generated from the schema and committed up to date (run `npm run schema`)", () => {
    expect(upToDate(readmeFile, files.readme)).toBe("up to date");
  });
});
