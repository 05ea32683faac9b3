import * as fs from "fs";
import { parse } from "yaml";
import { partitionsNeeded, recommend, totalLoad, unitsNeeded } from "../../components/eventhubs/sizing";
import { findEventHub } from "../../stacks/config/eventhubs";
import { validateStackConfig } from "../../stacks/config/load";

const base = {
  environment: "dev",
  identities: { app: {} },
  storage: { events: { containers: { capture: {}, checkpoints: {} } } },
};
const withNs = (ns: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...base,
  ...extra,
  eventhubs: { namespaces: ns },
});

describe("eventhubs config: schema, references and tier rules with config paths", () => {
  test("a SAS rule while local auth is disabled is a warning with its key path (Azure accepts it; it never works)", () => {
    const r = validateStackConfig(
      withNs({ ns: { tier: "Standard", authorizationRules: { kafka: { rights: ["Send"] } } } }),
    );
    expect(r.violations).toEqual([]);
    expect(r.warnings).toEqual([
      expect.stringMatching(/^eventhubs\.namespaces\.ns\.authorizationRules\.kafka: .*set disableLocalAuth: false/),
    ]);
  });

  test.each([
    [
      "unknown key in an event hub",
      withNs({ ns: { tier: "Standard", eventHubs: { t: { partitions: 4 } } } }),
      "eventhubs.namespaces.ns.eventHubs.t.partitions",
      "is not a known key; allowed keys here: name, partitionCount",
    ],
    [
      "partitions above the tier cap",
      withNs({ ns: { tier: "Standard", eventHubs: { telemetry: { partitionCount: 64 } } } }),
      "eventhubs.namespaces.ns.eventHubs.telemetry.partitionCount",
      "exceeds the Standard tier maximum of 32 partitions per event hub (Premium allows 100, Dedicated allows 1024)",
    ],
    [
      "capture to an undeclared container",
      withNs({ ns: { tier: "Standard", eventHubs: { t: { capture: { container: "events/archive" } } } } }),
      "eventhubs.namespaces.ns.eventHubs.t.capture.container",
      "names no container declared under 'storage'; declared: events/capture, events/checkpoints",
    ],
    [
      "capture on Basic",
      withNs({ ns: { tier: "Basic", eventHubs: { t: { capture: { container: "events/capture" } } } } }),
      "eventhubs.namespaces.ns.eventHubs.t.capture",
      "Capture is not available on the Basic tier",
    ],
    [
      "a sender naming an undeclared identity",
      withNs({ ns: { tier: "Standard", eventHubs: { t: { senders: { x: { identity: "nobody" } } } } } }),
      "eventhubs.namespaces.ns.eventHubs.t.senders.x.identity",
      "names no identity declared under 'identities'",
    ],
    [
      "checkpoint store in an undeclared container",
      withNs({
        ns: {
          tier: "Standard",
          eventHubs: { t: { consumerGroups: { g: { checkpointStore: { container: "events/x" } } } } },
        },
      }),
      "eventhubs.namespaces.ns.eventHubs.t.consumerGroups.g.checkpointStore.container",
      "names no container",
    ],
    [
      "Dedicated without a cluster",
      withNs({ ns: { tier: "Dedicated" } }),
      "eventhubs.namespaces.ns.cluster",
      "is required for tier Dedicated",
    ],
    [
      "a cluster that cannot scale with 4 CU",
      {
        ...withNs({ ns: { tier: "Dedicated", cluster: "big" } }),
        eventhubs: {
          clusters: { big: { capacityUnits: 4, supportsScaling: false } },
          namespaces: { ns: { tier: "Dedicated", cluster: "big" } },
        },
      },
      "eventhubs.clusters.big.supportsScaling",
      "must be true for 4 capacity units",
    ],
    [
      "geo-DR partner with event hubs",
      withNs({
        a: { tier: "Premium", location: "westeurope", geoDisasterRecovery: { alias: "alias-a", partner: "b" } },
        b: { tier: "Premium", location: "northeurope", eventHubs: { t: {} } },
      }),
      "eventhubs.namespaces.a.geoDisasterRecovery.partner",
      "must be empty",
    ],
    [
      "geo-DR Premium → Standard",
      withNs({
        a: { tier: "Premium", location: "westeurope", geoDisasterRecovery: { alias: "alias-a", partner: "b" } },
        b: { tier: "Standard", location: "northeurope" },
      }),
      "eventhubs.namespaces.a.geoDisasterRecovery.partner",
      "cannot pair with a Premium primary; allowed secondary tiers: Premium",
    ],
    [
      "geo-DR in one region",
      withNs(
        {
          a: { tier: "Standard", geoDisasterRecovery: { alias: "alias-a", partner: "b" } },
          b: { tier: "Standard" },
        },
        { location: "westeurope" },
      ),
      "eventhubs.namespaces.a.geoDisasterRecovery.partner",
      "different region",
    ],
    [
      "explicit capacity below the declared load",
      withNs({ ns: { tier: "Standard", capacity: 1, eventHubs: { t: { load: { ingressMBps: 3 } } } } }),
      "eventhubs.namespaces.ns.capacity",
      "needs 3; set capacity to 3 or enable autoInflate",
    ],
  ])("%s", (_case, raw, path, message) => {
    const { config, violations } = validateStackConfig(raw as Record<string, unknown>);
    expect(config).toBeUndefined();
    const v = violations.find((x) => x.path === path);
    expect({ path: v?.path, message: v?.message }).toEqual({ path, message: expect.stringContaining(message) });
  });

  test("the dev stack's eventhubs section and the production-like fixture are valid", () => {
    for (const file of ["stacks/Pulumi.dev.yaml", "tests/fixtures/stacks/Pulumi.eventhubs-prod.yaml"]) {
      const doc = parse(fs.readFileSync(file, "utf8")).config as Record<string, unknown>;
      const raw = Object.fromEntries(
        Object.entries(doc)
          .filter(([k]) => k.startsWith("azure-integration:"))
          .map(([k, v]) => [k.slice("azure-integration:".length), v]),
      );
      // Only this section's findings: other sections of the shared dev stack belong to other issues.
      const { violations } = validateStackConfig(raw);
      expect(violations.filter((v) => v.path.startsWith("eventhubs"))).toEqual([]);
      expect(Object.keys((raw.eventhubs as { namespaces: object }).namespaces).length).toBeGreaterThan(0);
    }
  });

  test("findEventHub finds declared hubs only", () => {
    const { config } = validateStackConfig(withNs({ ns: { tier: "Standard", eventHubs: { t: {} } } }));
    expect(findEventHub(config!, "ns", "t")).toEqual({ exists: true });
    expect(findEventHub(config!, "ns", "other")).toBeUndefined();
    expect(findEventHub(config!, "nope", "t")).toBeUndefined();
  });
});

describe("sizing from throughput", () => {
  test.each([
    // tier, load, units, deciding dimension
    ["Standard", { ingressMBps: 1 }, 1, "ingress 1 MB/s"],
    ["Standard", { ingressMBps: 1.01 }, 2, "ingress 1.01 MB/s"],
    ["Standard", { ingressMBps: 1, ingressEventsPerSecond: 5000 }, 5, "ingress 5000 events/s"],
    ["Standard", { egressMBps: 7 }, 4, "egress 7 MB/s"],
    ["Standard", { egressEventsPerSecond: 8193 }, 3, "egress 8193 events/s"],
    ["Standard", { ingressMBps: 41 }, undefined, "ingress 41 MB/s"],
    ["Premium", { ingressMBps: 11 }, 4, "ingress 11 MB/s at 5 MB/s per PU"],
    ["Premium", { ingressMBps: 81 }, undefined, "ingress 81 MB/s"],
    ["Dedicated", { egressMBps: 500 }, 3, "egress 500 MB/s at 200 MB/s per CU"],
  ] as const)("%s %j needs %s units", (tier, load, units, reason) => {
    const need = unitsNeeded(tier, load);
    expect(need.units).toBe(units);
    expect(need.reason).toContain(reason);
  });

  test("partitions at ~1 MB/s or 1000 events/s each, at least 1", () => {
    expect(partitionsNeeded({}).partitions).toBe(1);
    expect(partitionsNeeded({ ingressMBps: 7.2 }).partitions).toBe(8);
    expect(partitionsNeeded({ ingressMBps: 1, ingressEventsPerSecond: 12000 }).partitions).toBe(12);
    expect(partitionsNeeded({ egressMBps: 10 }).partitions).toBe(5);
  });

  test("a namespace's load is the sum over its hubs", () => {
    expect(totalLoad([{ ingressMBps: 1 }, undefined, { ingressMBps: 2, egressMBps: 1 }])).toEqual({
      ingressMBps: 3,
      ingressEventsPerSecond: 0,
      egressMBps: 1,
      egressEventsPerSecond: 0,
    });
    expect(recommend("Standard", { a: { ingressMBps: 3 }, b: { ingressMBps: 2.5 } })).toEqual({
      units: 6,
      unitReason: "ingress 5.5 MB/s at 1 MB/s per TU",
      partitions: { a: 3, b: 3 },
    });
  });
});
