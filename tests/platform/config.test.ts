import * as path from "path";
import type { Violation } from "../../components/core/errors";
import { parseConfigValue, validateStackConfig } from "../../stacks/config/load";
import { teamReferences } from "../../stacks/config/platform";
import type { StackConfig } from "../../stacks/config/schema";
import { checkPlatformExports, PLATFORM_EXPORT_VERSION, TeamReferences } from "../../stacks/platform/exports";
import { readStackFile } from "../../planner/stackFile";

const REF = "organization/azure-integration/platform";

/** A stack file's config the way the program sees it (keys without the project prefix). */
function stackConfig(name: string): Record<string, unknown> {
  const file = path.resolve(__dirname, "../../stacks", `Pulumi.${name}.yaml`);
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(readStackFile(file).config)) {
    if (k.startsWith("azure-integration:")) raw[k.slice("azure-integration:".length)] = parseConfigValue(v);
  }
  return raw;
}

const team = (platform: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  environment: "test",
  platform: { role: "team", stack: REF, ...platform },
  ...extra,
});

const paths = (vs: Violation[]) => vs.map((v) => [v.path, v.message]);

describe("platform/team config", () => {
  test.each(["platform", "team-orders", "team-telemetry"])("the shipped stack %s is valid", (name) => {
    expect(validateStackConfig(stackConfig(name)).violations).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    [
      "a team without its platform stack",
      { environment: "test", platform: { role: "team" } },
      "platform.stack",
      "is required for a team stack",
    ],
    [
      "a malformed platform stack name",
      team({ stack: "platform" }),
      "platform.stack",
      "expected '<organization>/<project>/<stack>'",
    ],
    [
      "a team declaring a platform-owned section",
      team({}, { servicebus: { namespaces: { mine: {} } } }),
      "servicebus",
      "is owned by the platform stack",
    ],
    [
      "a platform declaring team entities",
      { environment: "test", platform: { role: "platform", servicebus: { orders: { tier: "Standard" } } } },
      "platform.servicebus",
      "is for team stacks",
    ],
    [
      "a team namespace without the tier it expects",
      team({ servicebus: { orders: { queues: { q: {} } } } }),
      "platform.servicebus.orders.tier",
      "is required",
    ],
    [
      "a topic on a Basic namespace (the component's tier rule, with the config path)",
      team({ servicebus: { orders: { tier: "Basic", topics: { events: {} } } } }),
      "platform.servicebus.orders.topics.events",
      "topics are not available on the Basic tier; allowed on Standard, Premium",
    ],
    [
      "a session queue forwarding (entity rules run on team entities too)",
      team({
        servicebus: { orders: { tier: "Standard", queues: { a: { requiresSession: true, forwardTo: "b" }, b: {} } } },
      }),
      "platform.servicebus.orders.queues.a",
      "session",
    ],
    [
      "too many partitions for the stated tier",
      team({ eventhubs: { telemetry: { tier: "Standard", eventHubs: { h: { partitionCount: 64 } } } } }),
      "platform.eventhubs.telemetry.eventHubs.h.partitionCount",
      "exceeds the Standard tier maximum of 32",
    ],
    [
      "a checkpoint container missing from the team's own storage account",
      team(
        {
          eventhubs: {
            telemetry: {
              tier: "Standard",
              eventHubs: { h: { consumerGroups: { g: { checkpointStore: { container: "own/nope" } } } } },
            },
          },
        },
        { storage: { own: { containers: { checkpoints: {} } } } },
      ),
      "platform.eventhubs.telemetry.eventHubs.h.consumerGroups.g.checkpointStore.container",
      "names no container declared under 'storage'; declared: own/checkpoints",
    ],
  ])("%s is rejected with its path", (_case, raw, path, message) => {
    const { config, violations } = validateStackConfig(raw);
    expect(config).toBeUndefined();
    const hit = violations.find((v) => v.path === path || v.path.startsWith(`${path}.`));
    expect(hit?.message ?? paths(violations)).toContain(message);
  });

  test("team references: namespaces with the stated tiers; only identities and containers the team does not declare", () => {
    const { config } = validateStackConfig(stackConfig("team-telemetry"));
    const refs = teamReferences(config as StackConfig);
    expect(refs.eventhubs).toEqual({
      telemetry: {
        tier: "Standard",
        usesLocalAuth: false,
        systemIdentityCaptures: ["platform.eventhubs.telemetry.eventHubs.device-telemetry.capture.identity"],
      },
    });
    expect([...new Set(refs.identities.map((i) => i.key))]).toEqual(["telemetry-processor"]);
    expect(refs.containers.map((c) => c.ref).sort()).toEqual(["events/capture", "events/checkpoints"]);
  });
});

describe("checkPlatformExports", () => {
  const doc = {
    version: PLATFORM_EXPORT_VERSION,
    servicebus: {
      orders: { id: "/sb", name: "sb-orders", resourceGroupName: "rg", sku: "Standard", localAuth: false },
    },
    eventhubs: {
      telemetry: {
        id: "/eh",
        name: "evh",
        resourceGroupName: "rg",
        tier: "Standard",
        localAuth: false,
        principalId: "p",
      },
    },
    identities: { shared: { id: "/id", principalId: "p", clientId: "c" } },
    storage: { events: { id: "/st", name: "st", containers: { capture: { id: "/c", name: "capture" } } } },
  };
  const refs: TeamReferences = {
    servicebus: { orders: { sku: "Standard", usesLocalAuth: false } },
    eventhubs: { telemetry: { tier: "Standard", usesLocalAuth: false, systemIdentityCaptures: ["cap.identity"] } },
    identities: [{ key: "shared", path: "x.principal.identity" }],
    containers: [{ ref: "events/capture", path: "y.capture.container" }],
  };

  test("a document that has everything the team references passes", () => {
    expect(checkPlatformExports(doc, refs, REF)).toEqual([]);
  });

  test.each<[string, unknown, Partial<TeamReferences>, string, string]>([
    ["no export at all", undefined, {}, "platform.stack", "exports no 'platform' output"],
    ["another document version", { ...doc, version: 2 }, {}, "platform.stack", "exports version 2"],
    [
      "a namespace the platform does not export",
      doc,
      { servicebus: { billing: { sku: "Standard", usesLocalAuth: false } } },
      "platform.servicebus.billing",
      "names no Service Bus namespace that platform stack 'organization/azure-integration/platform' exports; exported: orders",
    ],
    [
      "a tier that is not the platform's",
      doc,
      { eventhubs: { telemetry: { tier: "Premium", usesLocalAuth: false, systemIdentityCaptures: [] } } },
      "platform.eventhubs.telemetry.tier",
      'does not match the platform namespace\'s tier "Standard"',
    ],
    [
      "SAS policies on a namespace without local auth",
      doc,
      { servicebus: { orders: { sku: "Standard", usesLocalAuth: true } } },
      "platform.servicebus.orders",
      "local (SAS) authentication disabled",
    ],
    [
      "a capture by a namespace identity that does not exist",
      { ...doc, eventhubs: { telemetry: { ...doc.eventhubs.telemetry, principalId: "" } } },
      {},
      "cap.identity",
      "does not have",
    ],
    [
      "a shared identity the platform does not export",
      doc,
      { identities: [{ key: "ghost", path: "q.principal.identity" }] },
      "q.principal.identity",
      "exported: shared",
    ],
    [
      "a shared container the platform does not export",
      doc,
      { containers: [{ ref: "events/nope", path: "h.capture.container" }] },
      "h.capture.container",
      "exported: events/capture",
    ],
  ])("%s is reported with the config path", (_case, d, override, path, message) => {
    const found = checkPlatformExports(d, { ...refs, ...override }, REF);
    expect(found.find((v) => v.path === path)?.message ?? paths(found)).toContain(message);
  });
});
