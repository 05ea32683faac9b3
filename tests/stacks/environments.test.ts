import * as fs from "fs";
import { PlanJson as Report } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";
import { Diagram } from "../planner/diagramModel";

// The test and prod stacks (stacks/Pulumi.{test,prod}.yaml, built from the reference-architecture presets) planned
// as a user would: the run's shared plans (tests/helpers/sharedPlans.ts). The dev stack is planned by
// tests/planner/planCli.test.ts.

const all = (r: Report, type: string) => r.resources.filter((x) => x.type === `azure-native:${type}`);
const one = (r: Report, type: string, suffix: string) => {
  const found = all(r, type).filter((x) => x.name.endsWith(suffix));
  expect(found.map((x) => x.name)).toHaveLength(1);
  return found[0];
};
/** Private endpoint targets, by the type in the target id. */
const endpointTargets = (r: Report) =>
  all(r, "network:PrivateEndpoint").map(
    (pe) =>
      (pe.inputs.privateLinkServiceConnections as { privateLinkServiceId: string; groupIds: string[] }[])[0]
        .privateLinkServiceId,
  );

describe("environment stacks", () => {
  test("test: exit 0, Standard tiers, private endpoints where the tier allows", () => {
    const r = sharedPlan("stacks/Pulumi.test.yaml");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = r.plan;
    const sb = one(report, "servicebus:Namespace", "orders-namespace");
    expect(sb.inputs.sku).toMatchObject({ name: "Standard" });
    const eh = one(report, "eventhub:Namespace", "telemetry-namespace");
    // Sized from the declared load: egress 6 MB/s at 2 MB/s per TU.
    expect(eh.inputs).toMatchObject({ sku: { name: "Standard", capacity: 3 }, publicNetworkAccess: "Disabled" });
    const targets = endpointTargets(report);
    expect(targets.some((t) => t.includes("Microsoft.ServiceBus/"))).toBe(false); // Standard: no private link
    for (const kind of [
      "Microsoft.EventHub/",
      "Microsoft.EventGrid/topics/",
      "Microsoft.Batch/",
      "Microsoft.Storage/",
    ]) {
      expect(targets.some((t) => t.includes(kind))).toBe(true);
    }
    expect(one(report, "batch:Pool", "capture-files-pool").inputs.networkConfiguration).toMatchObject({
      publicIPAddressConfiguration: { provision: "NoPublicIPAddresses" },
    });
    expect(all(report, "authorization:ManagementLockByScope")).toEqual([]);
  });

  test("prod: exit 0 with no mandatory violation, Premium, zone redundant, private, paired, protected, locked; the diagram shows the flow", () => {
    const r = sharedPlan("stacks/Pulumi.prod.yaml");
    const diagram = r.outputs.flow;
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ 0 mandatory/);
    const report = r.plan;
    expect(report.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);

    // The Batch pool's identity reads captured files and takes work items: roles on that container and queue only.
    const poolIdentity = one(report, "managedidentity:UserAssignedIdentity", "-batch");
    expect(poolIdentity).toBeDefined();
    const batchRoles = all(report, "authorization:RoleAssignment")
      .filter((ra) => /-ra\/(container\/capture|queue\/work)\/batch-/.test(ra.name))
      .map((ra) => [
        String(ra.inputs.scope).split("/").slice(-2).join("/"),
        String(ra.inputs.roleDefinitionId).slice(-36),
      ])
      .sort();
    expect(batchRoles).toEqual([
      ["containers/capture", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"], // Storage Blob Data Reader
      ["queues/work", "8a0f0c08-91a1-4084-bc3d-661d67233fed"], // Storage Queue Data Message Processor
    ]);

    // Service Bus: a Premium, zone-redundant pair in two regions behind the alias, private only.
    const primary = one(report, "servicebus:Namespace", "primary-namespace");
    const secondary = one(report, "servicebus:Namespace", "secondary-namespace");
    for (const [ns, location] of [
      [primary, "westeurope"],
      [secondary, "northeurope"],
    ] as const) {
      expect(ns.inputs).toMatchObject({
        location,
        sku: { name: "Premium", capacity: 2 },
        zoneRedundant: true,
        publicNetworkAccess: "Disabled",
        minimumTlsVersion: "1.2",
      });
      expect(ns.protect).toBe(true);
    }
    const alias = one(report, "servicebus:DisasterRecoveryConfig", "orders-alias");
    expect(alias.inputs).toMatchObject({
      alias: "orders-bus-prod",
      namespaceName: expect.stringMatching(/^sbns-orders-primary-prod-[0-9a-f]{6}$/),
    });
    expect(String(alias.inputs.partnerNamespace)).toMatch(/\/namespaces\/sbns-orders-secondary-prod-[0-9a-f]{6}$/);
    expect(one(report, "servicebus:Queue", "primary-queue/orders").inputs).toMatchObject({
      requiresSession: true,
      requiresDuplicateDetection: true,
      maxSizeInMegabytes: 5120, // explicit key over the preset
    });

    // Event Hubs: Premium, zone redundant, sized from the load (18 MB/s out at 10 MB/s per PU -> 2 PUs).
    expect(one(report, "eventhub:Namespace", "telemetry-namespace").inputs).toMatchObject({
      sku: { name: "Premium", capacity: 2 },
      zoneRedundant: true,
      publicNetworkAccess: "Disabled",
    });

    // Private endpoints for every service, each zone created once and linked to the network.
    const targets = endpointTargets(report);
    for (const kind of [
      "Microsoft.ServiceBus/namespaces/sbns-orders-primary-prod-",
      "Microsoft.ServiceBus/namespaces/sbns-orders-secondary-prod-",
      "Microsoft.EventHub/",
      "Microsoft.EventGrid/topics/",
      "Microsoft.Batch/",
      "Microsoft.Storage/",
    ]) {
      expect(targets.some((t) => t.includes(kind))).toBe(true);
    }
    expect(all(report, "privatedns:PrivateZone").map((z) => z.inputs.privateZoneName)).toContain(
      "privatelink.servicebus.windows.net",
    );

    // Protect + CanNotDelete locks on the stateful top-level resources.
    const locked = all(report, "authorization:ManagementLockByScope").map((l) => {
      expect(l.inputs.level).toBe("CanNotDelete");
      return String(l.inputs.scope);
    });
    for (const kind of [
      "ServiceBus/namespaces",
      "EventHub/namespaces",
      "Storage/storageAccounts",
      "Batch/batchAccounts",
    ]) {
      expect(locked.some((s) => s.includes(`/Microsoft.${kind}/`))).toBe(true);
    }
    for (const type of ["eventhub:EventHub", "storage:StorageAccount", "batch:Pool", "servicebus:Topic"]) {
      for (const res of all(report, type)) expect(res.protect).toBe(true);
    }

    // Batch: disk encryption, no public IPs. The capture sink keeps its public endpoint behind a deny-all firewall
    // that admits trusted services only (the explicit, exempted landing-zone deviation: captures must be written).
    expect(one(report, "batch:Pool", "capture-files-pool").inputs).toMatchObject({
      deploymentConfiguration: {
        virtualMachineConfiguration: { diskEncryptionConfiguration: { targets: ["TemporaryDisk"] } },
      },
      networkConfiguration: { publicIPAddressConfiguration: { provision: "NoPublicIPAddresses" } },
    });
    expect(one(report, "storage:StorageAccount", "lake-account").inputs).toMatchObject({
      isHnsEnabled: true,
      publicNetworkAccess: "Enabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
    });

    // The whole flow in the event-flow view (planner/diagram.ts), read back as a person reads it.
    const d = new Diagram(fs.readFileSync(diagram, "utf8"));
    const api = d.node("identity", /^id-orders-api-prod/);
    const topic = d.node("event grid topic", /^evgt-orders-prod/);
    const toQueue = d.node("event subscription", /^to-queue\n/);
    const ordersTopic = d.node("Service Bus topic", /^orders-events/);
    const hub = d.node("event hub", /^telemetry$/);
    const capture = d.node("blob container", /^capture$/);
    const captureTopic = d.node("system topic", /^evgst-telemetry-capture-prod/);
    const captureFiles = d.node("event subscription", /^capture-files\n/);
    const uploads = d.node("system topic", /^evgst-orders-storage-prod/);
    const blobCreated = d.node("event subscription", /^blob-created\n/);
    const drAlias = d.node("geo-DR alias", /^orders-bus-prod$/);
    expect(d.labels(api, topic)).toContain("publishes");
    expect(d.inside(toQueue, topic)).toBe(true);
    expect(d.labels(toQueue, d.node("Service Bus queue", /^app-events$/))).toContain("delivers with identity");
    expect(d.labels(api, ordersTopic)).toContain("sends");
    expect(d.inside(d.node("Service Bus subscription", /^billing\n/), ordersTopic)).toBe(true);
    expect(d.labels(d.node("identity", /^id-telemetry-ingest-prod/), hub)).toContain("sends");
    expect(d.labels(hub, capture)).toContain("capture");
    expect(d.inside(capture, d.node("storage account", /^sttelemetrylak/))).toBe(true);
    expect(d.labels(d.node("Event Hubs namespace", /^evhns-telemetry-prod/), captureTopic)).toContain("events");
    expect(d.inside(captureFiles, captureTopic)).toBe(true);
    expect(d.labels(captureFiles, d.node("storage queue", /^work$/))).toContain("delivers with identity");
    expect(d.inside(blobCreated, uploads)).toBe(true);
    expect(d.labels(blobCreated, d.node("Service Bus queue", /^blob-uploads$/))).toContain("delivers with identity");
    expect(d.inside(d.node("batch pool", /^capture-files$/), d.node("batch account", /./))).toBe(true);
    // The geo-DR alias points at both namespaces, with their roles.
    expect(d.labels(drAlias, d.node("Service Bus namespace", /primary/))).toEqual(["primary"]);
    expect(d.labels(drAlias, d.node("Service Bus namespace", /secondary/))).toEqual(["secondary (replica)"]);
  });
});
