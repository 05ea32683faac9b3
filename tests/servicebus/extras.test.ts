import { validateStackConfig } from "../../stacks/config/load";

// Config-time checks of the Service Bus extras (migration, rule actions with options, client affinity): each bad
// value fails with its config key path before anything is planned.

type Ns = Record<string, unknown>;
const stack = (namespaces: Record<string, Ns>) =>
  validateStackConfig({ environment: "dev", servicebus: { namespaces } });
const premiumId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sb-target-premium";
const legacy = (migrationConfig: Record<string, unknown>, extra: Ns = {}): Ns => ({
  tier: "Standard",
  queues: { inbound: {} },
  migrationConfig: { postMigrationName: "sb-legacy-old", ...migrationConfig },
  ...extra,
});
const key = "servicebus.namespaces.legacy.migrationConfig";

describe("migrationConfig", () => {
  test.each<[string, Record<string, Ns>]>([
    [
      "a Premium namespace of the stack without entities",
      { legacy: legacy({ targetNamespace: "next" }), next: { tier: "Premium" } },
    ],
    ["a Premium namespace by ARM id", { legacy: legacy({ targetNamespace: premiumId }) }],
  ])("accepts %s", (_case, namespaces) => {
    expect(stack(namespaces).violations).toEqual([]);
  });

  test.each<[string, Record<string, Ns>, string, string]>([
    [
      "an undeclared key",
      { legacy: legacy({ targetNamespace: "nope" }) },
      `${key}.targetNamespace`,
      "names no namespace",
    ],
    ["itself", { legacy: legacy({ targetNamespace: "legacy" }) }, `${key}.targetNamespace`, "is this namespace itself"],
    [
      "a Standard target",
      { legacy: legacy({ targetNamespace: "next" }), next: { tier: "Standard" } },
      `${key}.targetNamespace`,
      "is a Standard namespace; Service Bus migrates to a Premium one",
    ],
    [
      "a target with entities",
      { legacy: legacy({ targetNamespace: "next" }), next: { tier: "Premium", queues: { q: {} } } },
      `${key}.targetNamespace`,
      "has entities (q); the migration target must have none",
    ],
    [
      "a partitioned target",
      {
        legacy: legacy({ targetNamespace: "next" }),
        next: { tier: "Premium", premiumMessagingPartitions: 2, capacity: 2 },
      },
      `${key}.targetNamespace`,
      "is partitioned",
    ],
    [
      "a Premium source",
      { legacy: legacy({ targetNamespace: premiumId }, { tier: "Premium" }) },
      key,
      "needs a Standard namespace",
    ],
    [
      "an id of another resource type",
      { legacy: legacy({ targetNamespace: premiumId.replace("ServiceBus", "EventHub") }) },
      `${key}.targetNamespace`,
      "is not an ARM resource id of type Microsoft.ServiceBus/namespaces",
    ],
    [
      "a post-migration name that is not a namespace name",
      { legacy: legacy({ targetNamespace: premiumId, postMigrationName: "-bad" }) },
      `${key}.postMigrationName`,
      "must be",
    ],
    [
      "the namespace's own name as post-migration name",
      { legacy: legacy({ targetNamespace: premiumId, postMigrationName: "sb-legacy-ns" }, { name: "sb-legacy-ns" }) },
      `${key}.postMigrationName`,
      "is the namespace's own name",
    ],
  ])("refuses %s", (_case, namespaces, path, message) => {
    const { violations } = stack(namespaces);
    expect(violations.filter((v) => v.path === path).map((v) => v.message)).toEqual([expect.stringContaining(message)]);
  });
});

describe("rule actions with options and client affinity", () => {
  const withSubscription = (sub: Record<string, unknown>) =>
    stack({ orders: { tier: "Standard", topics: { t: { subscriptions: { s: sub } } } } });
  const at = "servicebus.namespaces.orders.topics.t.subscriptions.s";

  test("an action's SQL is checked where it is given: action.sqlExpression", () => {
    const { violations } = withSubscription({
      rules: { r: { sqlFilter: "a = 1", action: { sqlExpression: "SET", requiresPreprocessing: true } } },
    });
    expect(violations.map((v) => v.path)).toEqual([`${at}.rules.r.action.sqlExpression`]);
  });

  test("an empty action expression is refused", () => {
    const { violations } = withSubscription({ rules: { r: { sqlFilter: "a = 1", action: { sqlExpression: " " } } } });
    expect(violations.map((v) => [v.path, v.message])).toEqual([
      [`${at}.rules.r.action.sqlExpression`, expect.stringContaining("is empty")],
    ]);
  });

  test.each([
    [{ clientAffineProperties: { clientId: "", isDurable: true } }, `${at}.clientAffineProperties.clientId`],
    [{ clientAffineProperties: { clientId: "c", isDurable: "yes" } }, `${at}.clientAffineProperties.isDurable`],
    [{ clientAffineProperties: { clientID: "c" } }, `${at}.clientAffineProperties.clientID`],
  ])("client affinity %j is refused at its key", (sub, path) => {
    expect(withSubscription(sub).violations.map((v) => v.path)).toEqual([path]);
  });
});
