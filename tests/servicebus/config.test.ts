import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { validateStackConfig } from "../../stacks/config/load";
import { findServiceBusEntity } from "../../stacks/config/servicebus";

const withSb = (servicebus: unknown, extra: Record<string, unknown> = {}) => ({
  environment: "dev",
  identities: { app: {} },
  servicebus,
  ...extra,
});
const ns = (cfg: object) => ({ namespaces: { main: cfg } });

describe("servicebus config: bad values fail with their config path (no CLI spawn needed)", () => {
  test.each<[string, unknown, string, string]>([
    [
      "unknown key",
      ns({ queus: {} }),
      "servicebus.namespaces.main.queus",
      "is not a known key (did you mean 'queues'?); allowed keys here:",
    ],
    ["bad tier", ns({ tier: "Gold" }), "servicebus.namespaces.main.tier", 'allowed: "Basic", "Standard", "Premium"'],
    [
      "tier rule from the component validator",
      ns({ tier: "Basic", queues: { q: { requiresSession: true } } }),
      "servicebus.namespaces.main.queues.q.requiresSession",
      "sessions are not available on the Basic tier",
    ],
    [
      "entity range",
      ns({ queues: { q: { lockDuration: "PT10M" } } }),
      "servicebus.namespaces.main.queues.q.lockDuration",
      "must be from 1 s to 5 min",
    ],
    [
      "forwarding target",
      ns({ topics: { t: { subscriptions: { s: { forwardTo: "nowhere" } } } } }),
      "servicebus.namespaces.main.topics.t.subscriptions.s.forwardTo",
      "names no queue or topic of this namespace",
    ],
    [
      "rule with two filters",
      ns({
        topics: { t: { subscriptions: { s: { rules: { r: { sqlFilter: "1=1", correlationFilter: { to: "x" } } } } } } },
      }),
      "servicebus.namespaces.main.topics.t.subscriptions.s.rules.r",
      "needs exactly one filter",
    ],
    [
      "unknown identity on an entity role",
      ns({
        queues: {
          q: { roleAssignments: { a: { role: "Azure Service Bus Data Sender", principal: { identity: "ghost" } } } },
        },
      }),
      "servicebus.namespaces.main.queues.q.roleAssignments.a.principal.identity",
      "names no identity declared under 'identities'; declared: app",
    ],
    [
      "private endpoints on Standard",
      ns({
        privateEndpoints: {
          pe: { subnet: "/subscriptions/x/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/s" },
        },
      }),
      "servicebus.namespaces.main.privateEndpoints",
      "are not available on the Standard tier; allowed on Premium",
    ],
    [
      "pair in one region",
      { pairs: { dr: { alias: "orders-bus", secondaryLocation: "westeurope" } } },
      "servicebus.pairs.dr.secondaryLocation",
      "a geo-DR pair needs two regions",
    ],
    [
      "pair alias",
      { pairs: { dr: { alias: "x", secondaryLocation: "northeurope" } } },
      "servicebus.pairs.dr.alias",
      "6-50 letters",
    ],
    [
      "pair name",
      { pairs: { dr: { alias: "orders-bus", secondaryLocation: "northeurope", secondaryName: "-bad" } } },
      "servicebus.pairs.dr.secondaryName",
      "6-50 letters",
    ],
    [
      "pair and namespace share a key",
      { namespaces: { dr: {} }, pairs: { dr: { alias: "orders-bus", secondaryLocation: "northeurope" } } },
      "servicebus.pairs.dr",
      "is also a key of servicebus.namespaces",
    ],
  ])("%s", (_case, servicebus, path, message) => {
    const { config, violations } = validateStackConfig(withSb(servicebus));
    expect(config).toBeUndefined();
    expect(violations).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
  });

  test("the dev stack's and the paired fixture's servicebus sections are valid", () => {
    for (const file of ["stacks/Pulumi.dev.yaml", "tests/fixtures/stacks/Pulumi.prod-paired.yaml"]) {
      const doc = parse(fs.readFileSync(path.join(__dirname, "../..", file), "utf8"));
      const raw = Object.fromEntries(
        Object.entries(doc.config as Record<string, unknown>)
          .filter(([k]) => k.startsWith("azure-integration:"))
          .map(([k, v]) => [k.slice("azure-integration:".length), v]),
      );
      const { violations } = validateStackConfig(raw);
      expect(violations.filter((v) => v.path.startsWith("servicebus"))).toEqual([]);
    }
  });
});

describe("findServiceBusEntity", () => {
  const { config } = validateStackConfig(
    withSb({
      namespaces: { main: { queues: { orders: { requiresSession: true }, plain: {} }, topics: { events: {} } } },
      pairs: { dr: { alias: "orders-bus", secondaryLocation: "northeurope", queues: { failover: {} } } },
    }),
  );
  test.each<[string, "queue" | "topic", string, { requiresSession: boolean } | undefined]>([
    ["main", "queue", "orders", { requiresSession: true }],
    ["main", "queue", "plain", { requiresSession: false }],
    ["main", "topic", "events", { requiresSession: false }],
    ["main", "queue", "events", undefined],
    ["main", "topic", "missing", undefined],
    ["dr", "queue", "failover", { requiresSession: false }],
    ["nope", "queue", "orders", undefined],
  ])("%s %s %s", (namespace, kind, name, expected) => {
    expect(config).toBeDefined();
    expect(findServiceBusEntity(config!, namespace, kind, name)).toEqual(expected);
  });
});
