import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { configPathOf } from "../../stacks/config/argPaths";
import { unknownNamespaces, validateStackConfig } from "../../stacks/config/load";
import { projectDir, runPlanCli } from "../helpers/runPlanCli";

// The whole stack is validated before any resource is registered: every section's mapping to component args runs
// with placeholder references through every component validator, and each finding names its config key path.

type Raw = Record<string, unknown>;
const devFile = path.join(projectDir, "stacks", "Pulumi.dev.yaml");

/** The dev stack's config without the project prefix: every section present, so references resolve. */
function devConfig(): Raw {
  const doc = parse(fs.readFileSync(devFile, "utf8")) as { config: Raw };
  return Object.fromEntries(
    Object.entries(doc.config)
      .filter(([k]) => k.startsWith("azure-integration:"))
      .map(([k, v]) => [k.slice("azure-integration:".length), v]),
  );
}

/** Sets `value` at the dotted `at` path of the dev config (creating objects on the way). */
function devWith(at: string, value: unknown): Raw {
  const raw = devConfig();
  const keys = at.split(".");
  let node = raw as Raw;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Raw;
  node[keys[keys.length - 1]] = value;
  return raw;
}

const typo = { role: "Azure Service Bus Data Sendr", principal: { identity: "orders-app" } };

describe("a misspelt role fails at config time with its full config key path, in every section", () => {
  test("the dev stack is valid", () => {
    expect(validateStackConfig(devConfig()).violations).toEqual([]);
  });

  test.each([
    "eventhubs.namespaces.telemetry.roleAssignments.ops",
    "servicebus.namespaces.orders.roleAssignments.ops",
    "servicebus.namespaces.orders.queues.audit.roleAssignments.ops",
    "servicebus.namespaces.orders.topics.order-events.subscriptions.audit.roleAssignments.ops",
    "eventgrid.topics.orders.roleAssignments.ops",
    "eventgrid.domains.partners.roleAssignments.ops",
    "eventgrid.systemTopics.events-storage.roleAssignments.ops",
    "batch.accounts.jobs.roleAssignments.ops",
    "storage.events.containers.capture.roleAssignments.ops",
    "rbac.roleAssignments.ops",
  ])("%s", (at) => {
    const { config, violations } = validateStackConfig(devWith(at, typo));
    expect(config).toBeUndefined();
    expect(violations).toEqual([
      expect.objectContaining({
        path: `${at}.role`,
        value: typo.role,
        message: expect.stringContaining("is not a known built-in role name"),
      }),
    ]);
  });
});

describe("other component rules report config key paths", () => {
  test("an Event Hubs geo-DR partner in the primary's region, with only azure-native:location set", () => {
    const raw = {
      environment: "prod",
      eventhubs: {
        namespaces: {
          primary: { tier: "Premium", geoDisasterRecovery: { alias: "telemetry-dr", partner: "secondary" } },
          secondary: { tier: "Premium" },
        },
      },
    };
    const { violations } = validateStackConfig(raw, { providerLocation: "northeurope" });
    expect(violations).toEqual([
      expect.objectContaining({
        path: "eventhubs.namespaces.primary.geoDisasterRecovery.partner",
        message: expect.stringContaining("different region"),
      }),
    ]);
    // Another region for the secondary is what Azure wants.
    const fixed = structuredClone(raw);
    (fixed.eventhubs.namespaces.secondary as Raw).location = "westeurope";
    expect(validateStackConfig(fixed, { providerLocation: "northeurope" }).violations).toEqual([]);
  });

  test("an Event Grid retry policy that cannot happen is a warning at its config path, not an error", () => {
    const at = "eventgrid.topics.orders.subscriptions.high-value-orders.retry";
    const { config, warnings } = validateStackConfig(devWith(at, { maxDeliveryAttempts: 30, eventTtlMinutes: 5 }));
    expect(config).toBeDefined();
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^${at.replace(/\./g, "\\.")}\\.maxDeliveryAttempts: 30 can never happen`)),
    ]);
  });

  test("a reference to an undeclared key is reported once", () => {
    const at = "eventgrid.topics.orders.publishers.orders-app";
    const { violations } = validateStackConfig(devWith(at, { identity: "nobody" }));
    expect(violations).toEqual([
      expect.objectContaining({ path: `${at}.identity`, message: expect.stringContaining("names no identity") }),
    ]);
  });
});

describe("component arguments set by a differently named config key", () => {
  test.each([
    ["servicebus.namespaces.orders.name", "-bad"],
    ["batch.accounts.jobs.name", "Bad_Name"],
    ["eventgrid.topics.orders.name", "x!"],
    ["eventgrid.domains.partners.name", "x!"],
    ["eventgrid.systemTopics.events-storage.name", "x!"],
  ])("%s is reported at its config key", (at, value) => {
    const { violations } = validateStackConfig(devWith(at, value));
    expect(violations.map((v) => v.path)).toContain(at);
  });

  test("the table keeps the rest of the path and fills map keys", () => {
    const table = [["eventHubs.*.capture.containerId", "eventHubs.*.capture.container"]] as const;
    expect(configPathOf(table, "eventHubs.t.capture.containerId")).toBe("eventHubs.t.capture.container");
    expect(configPathOf(table, "eventHubs.t.partitionCount")).toBe("eventHubs.t.partitionCount");
  });
});

describe("config namespaces", () => {
  test("a key under a misspelt project prefix is an error naming the key and the closest namespace", () => {
    const found = unknownNamespaces(
      ["azure-integration:environment", "azure-native:location", "pulumi:tags", "azure-integraton:batch"],
      "azure-integration",
    );
    expect(found).toEqual([
      expect.objectContaining({
        path: "azure-integraton:batch",
        message: expect.stringContaining("did you mean 'azure-integration'?"),
      }),
    ]);
  });
});

describe("stacks/README.md", () => {
  const readme = fs.readFileSync(path.join(projectDir, "stacks", "README.md"), "utf8");
  const examples = [...readme.matchAll(/^pulumi config set --path '(azure-integration:[^']+)' '?([^'\n]*)'?$/gm)];

  test("has a `pulumi config set --path` example for every section", () => {
    const sections = new Set(examples.map(([, key]) => key.slice("azure-integration:".length).split(".")[0]));
    for (const section of ["identities", "storage", "network", "rbac", "eventhubs", "servicebus", "eventgrid", "batch"])
      expect(sections).toContain(section);
  });

  test.each(examples.map(([, key, value]) => [key, value]))("%s names keys the schema knows", (key, value) => {
    const at = key.slice("azure-integration:".length);
    const { violations } = validateStackConfig(devWith(at, parse(value)));
    expect(violations.filter((v) => at.startsWith(v.path) && v.message.startsWith("is not a known key"))).toEqual([]);
    expect(violations.filter((v) => v.path === at)).toEqual([]);
  });
});

describe("npm run plan", () => {
  test("a misspelt role exits 2 with the full config key path, and nothing is planned", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "validate-stack-"));
    const doc = parse(fs.readFileSync(devFile, "utf8")) as { config: Record<string, Raw> };
    const ns = (doc.config["azure-integration:eventhubs"].namespaces as Record<string, Raw>).telemetry;
    ns.roleAssignments = { ops: typo };
    doc.config["azure-integraton:batch"] = {};
    const file = path.join(tmp, "Pulumi.typo.yaml");
    fs.writeFileSync(file, stringify(doc));
    const json = path.join(tmp, "plan.json");
    const r = runPlanCli(["--config", file, "--quiet", "--json", json]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'eventhubs.namespaces.telemetry.roleAssignments.ops.role: "Azure Service Bus Data Sendr" is not a known built-in role name',
    );
    expect(r.stderr).toContain("azure-integraton:batch");
    expect(JSON.parse(fs.readFileSync(json, "utf8")).resources).toEqual([]);
  });
});
