import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlannedJson as Planned, runPlanCli } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";

// The paired fixture is the run's shared plan (tests/helpers/sharedPlans.ts); one bad config is a CLI spawn. The dev stack is planned by
// tests/planner/planCli.test.ts; its Service Bus section is checked without a spawn in config.test.ts.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-servicebus-"));

const named = (rs: Planned[], type: string, suffix: string) => {
  const found = rs.filter((r) => r.type === type && r.name.endsWith(suffix));
  expect(found.map((r) => r.name)).toHaveLength(1);
  return found[0];
};

describe("npm run plan: Service Bus", () => {
  test("the production-like paired namespaces plan, and --json shows the mirrored settings on the secondary", () => {
    const r = sharedPlan("tests/fixtures/stacks/Pulumi.prod-paired.yaml");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const rs = r.plan.resources;
    const primary = named(rs, "azure-native:servicebus:Namespace", "-primary-namespace");
    const secondary = named(rs, "azure-native:servicebus:Namespace", "-secondary-namespace");
    // Settings geo-DR does not replicate are equal on both sides; only the region differs.
    const mirrored = [
      "sku",
      "premiumMessagingPartitions",
      "zoneRedundant",
      "disableLocalAuth",
      "minimumTlsVersion",
      "publicNetworkAccess",
      "identity",
      "encryption",
    ];
    for (const key of mirrored) expect([key, secondary.inputs[key]]).toEqual([key, primary.inputs[key]]);
    expect(secondary.inputs).toMatchObject({
      location: "northeurope",
      sku: { name: "Premium", capacity: 4 },
      premiumMessagingPartitions: 2,
      publicNetworkAccess: "Disabled",
      encryption: { keySource: "Microsoft.KeyVault", requireInfrastructureEncryption: true },
    });
    expect(primary.inputs.location).toBe("westeurope");
    expect(primary.protect && secondary.protect).toBe(true);

    const secondaryName = "sb-orders-prod-neu";
    expect([primary.inputs.namespaceName, secondary.inputs.namespaceName]).toEqual([
      "sb-orders-prod-weu",
      secondaryName,
    ]);
    const onSecondary = (type: string) =>
      rs.filter((x) => x.type === type && x.name.startsWith("sbpair-orders-secondary"));
    expect(onSecondary("azure-native:servicebus:NamespaceNetworkRuleSet")[0].inputs).toMatchObject({
      defaultAction: "Deny",
      trustedServiceAccessEnabled: true,
    });
    // Both namespaces get an endpoint in each region's VNet (SB-GEO's recommended layout).
    expect(
      onSecondary("azure-native:network:PrivateEndpoint")
        .map((p) => p.inputs.location)
        .sort(),
    ).toEqual(["northeurope", "westeurope"]);
    expect(onSecondary("azure-native:monitor:DiagnosticSetting")).toHaveLength(1);
    expect(onSecondary("azure-native:authorization:ManagementLockByScope")).toHaveLength(1);

    // The secondary is empty; entities live on the primary and their roles are mirrored after pairing.
    for (const type of ["Queue", "Topic", "Subscription", "Rule"]) {
      expect(rs.filter((x) => x.type === `azure-native:servicebus:${type}` && x.name.includes("secondary"))).toEqual(
        [],
      );
    }
    const alias = named(rs, "azure-native:servicebus:DisasterRecoveryConfig", "-alias");
    expect(alias.inputs).toMatchObject({ alias: "orders-bus-prod", namespaceName: "sb-orders-prod-weu" });
    expect(String(alias.inputs.partnerNamespace)).toMatch(new RegExp(`/namespaces/${secondaryName}$`));
    const entityRoles = rs.filter(
      (x) => x.type === "azure-native:authorization:RoleAssignment" && x.name.startsWith("sbpair-orders-secondary-ra/"),
    );
    expect(entityRoles.map((x) => String(x.inputs.scope).split(`/namespaces/${secondaryName}`)[1]).sort()).toEqual([
      "",
      "/queues/orders",
      "/queues/orders",
      "/topics/order-events",
      "/topics/order-events/subscriptions/billing",
    ]);
    for (const ra of entityRoles.filter((x) => String(x.inputs.scope).includes("/queues/"))) {
      expect(ra.dependencies).toContain(alias.urn);
    }
  });

  test("bad Service Bus config exits 2 naming every key path, value and what is allowed", () => {
    const file = path.join(tmp, "Pulumi.bad-servicebus.yaml");
    fs.writeFileSync(
      file,
      [
        "config:",
        "  azure-integration:environment: dev",
        "  azure-integration:servicebus:",
        "    namespaces:",
        "      cheap:",
        "        tier: Basic",
        "        topics:",
        "          events: {}",
        "        queues:",
        "          a: { forwardTo: b, requiresSession: true }",
        "          b: { maxMessageSizeInKilobytes: 4096 }",
        "    pairs:",
        "      dr:",
        "        alias: dr",
        "        secondaryLocation: westeurope",
        "",
      ].join("\n"),
    );
    const r = runPlanCli(["--config", file]);
    expect(r.status).toBe(2);
    for (const expected of [
      'servicebus.namespaces.cheap.topics.events: "events" topics are not available on the Basic tier; allowed on Standard, Premium',
      "servicebus.namespaces.cheap.queues.a.requiresSession: true sessions are not available on the Basic tier",
      'servicebus.namespaces.cheap.queues.a.forwardTo: "b" auto-forwarding is not available on the Basic tier',
      'servicebus.namespaces.cheap.queues.a.forwardTo: "b" is not supported on a session-enabled source',
      "servicebus.namespaces.cheap.queues.b.maxMessageSizeInKilobytes: 4096 is not available on the Basic tier",
      'servicebus.pairs.dr.alias: "dr" must be 6-50 letters, digits and hyphens',
      'servicebus.pairs.dr.secondaryLocation: "westeurope" is the primary\'s region (westeurope)',
    ]) {
      expect(r.stderr).toContain(expected);
    }
    expect(r.stdout).toContain("Result: invalid configuration (exit 2)");
  });
});
