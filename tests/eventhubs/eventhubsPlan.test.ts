import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlannedJson as Planned, runPlanCli } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-eventhubs-"));

describe("npm run plan with Event Hubs", () => {
  test("the production-like Premium fixture plans: private endpoint, capture, consumer groups, geo-DR", () => {
    const r = sharedPlan("tests/fixtures/stacks/Pulumi.eventhubs-prod.yaml");
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    const resources: Planned[] = r.plan.resources;
    const one = (type: string, name: string) => {
      const found = resources.filter((x) => x.type === type && x.name === name);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const primary = one("azure-native:eventhub:Namespace", "evhns-telemetry-namespace");
    const secondary = one("azure-native:eventhub:Namespace", "evhns-telemetry-dr-namespace");
    expect(primary.inputs).toMatchObject({
      sku: { name: "Premium", capacity: 2 },
      publicNetworkAccess: "Disabled",
      location: "westeurope",
      identity: { type: "UserAssigned" },
    });
    expect(primary.protect).toBe(true);
    expect(secondary.inputs).toMatchObject({ sku: { name: "Premium" }, location: "northeurope" });
    const dr = one("azure-native:eventhub:DisasterRecoveryConfig", "evhns-telemetry-geodr");
    expect(dr.inputs.partnerNamespace).toMatch(
      /\/Microsoft\.EventHub\/namespaces\/evhns-telemetry-dr-prod-[0-9a-f]{6}$/,
    );
    expect(dr.inputs.alias).toBe("telemetry-prod");
    expect(one("azure-native:network:PrivateEndpoint", "evhns-telemetry-pe/main-pe").inputs).toMatchObject({
      subnet: { id: expect.stringContaining("/subnets/snet-private-endpoints") },
      privateLinkServiceConnections: [{ groupIds: ["namespace"] }],
    });
    expect(one("azure-native:network:PrivateDnsZoneGroup", "evhns-telemetry-pe/main-dns").inputs).toMatchObject({
      privateDnsZoneConfigs: [
        { privateDnsZoneId: expect.stringContaining("/privateDnsZones/privatelink.servicebus.windows.net") },
      ],
    });
    const hub = one("azure-native:eventhub:EventHub", "evhns-telemetry-hub/telemetry");
    const capture = one("azure-native:authorization:RoleAssignment", "evhns-telemetry-capture/telemetry");
    expect(capture.inputs.scope).toMatch(/\/blobServices\/default\/containers\/capture$/);
    expect(hub.dependencies).toContain(capture.urn);
    expect(hub.inputs).toMatchObject({
      partitionCount: 32,
      retentionDescription: { cleanupPolicy: "Delete", retentionTimeInHours: 720 },
      captureDescription: { encoding: "AvroDeflate", intervalInSeconds: 600 },
    });
    expect(one("azure-native:eventhub:EventHub", "evhns-telemetry-hub/device-state").inputs).toMatchObject({
      retentionDescription: { cleanupPolicy: "Compact", tombstoneRetentionTimeInHours: 24 },
    });
    expect(
      resources
        .filter((x) => x.type === "azure-native:eventhub:ConsumerGroup")
        .map((x) => x.inputs.consumerGroupName)
        .sort(),
    ).toEqual(["analytics", "archive"]);
    // The secondary stays empty: geo-DR replicates the primary's metadata into it.
    expect(
      resources.filter((x) => x.type === "azure-native:eventhub:EventHub" && x.urn.includes("evhns-telemetry-dr")),
    ).toEqual([]);
  });

  test("a bad Event Hubs config exits 2 with the config path and what is allowed", () => {
    const file = path.join(tmp, "Pulumi.bad.yaml");
    fs.writeFileSync(
      file,
      [
        "config:",
        "  azure-integration:environment: dev",
        "  azure-integration:eventhubs:",
        "    namespaces:",
        "      ingest:",
        "        tier: Basic",
        "        eventHubs:",
        "          telemetry:",
        "            partitionCount: 64",
        "            retention: { retentionTimeInDays: 3 }",
        "",
      ].join("\n"),
    );
    const r = runPlanCli(["--config", file, "--quiet"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "eventhubs.namespaces.ingest.eventHubs.telemetry.partitionCount: 64 exceeds the Basic tier maximum of 32 partitions per event hub (Premium allows 100, Dedicated allows 1024)",
    );
    expect(r.stderr).toContain(
      "eventhubs.namespaces.ingest.eventHubs.telemetry.retention.retentionTimeInDays: 3 must be from 1 to 1 on the Basic tier",
    );
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  });
});
