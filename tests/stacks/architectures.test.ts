import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { expandArchitectures } from "../../stacks/architectures";
import { deepMerge } from "../../stacks/architectures/merge";
import { validateStackConfig } from "../../stacks/config/load";
import type { StackConfig } from "../../stacks/config/schema";

const stacksDir = path.resolve(__dirname, "../../stacks");

/** A stack file's project keys, as loadStackConfig hands them to validateStackConfig. */
function stackFile(name: string): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(stacksDir, name), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(doc.config)
      .filter(([k]) => k.startsWith("azure-integration:"))
      .map(([k, v]) => [k.slice("azure-integration:".length), v]),
  );
}

const network = {
  virtualNetwork: { addressSpace: ["10.20.0.0/16"] },
  subnets: { "private-endpoints": { addressPrefix: "10.20.1.0/24" }, "batch-nodes": { addressPrefix: "10.20.2.0/24" } },
};
const both = { webBackend: {}, iotBackend: {} };

function valid(raw: Record<string, unknown>): StackConfig {
  const { config, violations } = validateStackConfig(raw);
  expect(violations).toEqual([]);
  return config!;
}

describe("reference architectures: expansion per environment", () => {
  test("dev: Standard tiers, public endpoints, no pair, cheapest storage, the requested read-only role", () => {
    const c = valid({ environment: "dev", architectures: both });
    const sb = c.servicebus!.namespaces!.orders;
    expect(sb.tier).toBe("Standard");
    expect(sb.privateEndpoints).toBeUndefined();
    expect(c.servicebus!.pairs).toBeUndefined();
    expect(sb.queues!.orders).toMatchObject({
      requiresSession: true,
      requiresDuplicateDetection: true,
      duplicateDetectionHistoryTimeWindow: "PT30M",
      deadLetteringOnMessageExpiration: true,
      roleAssignments: {
        send: { role: "Azure Service Bus Data Sender", principal: { identity: "orders-api" } },
        receive: { role: "Azure Service Bus Data Receiver", principal: { identity: "orders-processor" } },
      },
    });
    const subs = sb.topics!["orders-events"].subscriptions!;
    expect(subs.billing.rules!.billing).toEqual({ sqlFilter: "eventType = 'OrderPlaced'" });
    expect(subs.shipping.rules!.paid).toEqual({ correlationFilter: { label: "order.paid" } });
    expect(subs.shipping.roleAssignments!.receive.principal).toEqual({ identity: "orders-shipping" });
    expect(c.eventhubs!.namespaces!.telemetry).toMatchObject({ tier: "Standard", zoneRedundant: false });
    expect(c.eventhubs!.namespaces!.telemetry.eventHubs!.telemetry).toMatchObject({
      load: { ingressMBps: 1, ingressEventsPerSecond: 1000, egressMBps: 2 },
      retention: { retentionTimeInDays: 1 },
      capture: { container: "telemetry-lake/capture" },
    });
    expect(Object.keys(c.eventhubs!.namespaces!.telemetry.eventHubs!.telemetry.consumerGroups!)).toEqual([
      "processing",
      "alerting",
      "archive",
    ]);
    expect(c.storage!["orders-storage"]).toMatchObject({ sku: "Standard_LRS" });
    expect(c.storage!["telemetry-lake"].privateEndpoints).toBeUndefined();
    expect(c.batch!.accounts!.telemetry.pools!["capture-files"].networkConfiguration).toBeUndefined();
    expect(c.eventgrid!.systemTopics!["telemetry-capture"].subscriptions!["capture-files"]).toMatchObject({
      destination: { kind: "storageQueue", storage: "telemetry-lake", queue: "work" },
      includedEventTypes: ["Microsoft.EventHub.CaptureFileCreated"],
    });
    expect(c.rbac!.customRoles!["eventgrid-reader"]).toEqual({
      roleName: "Event grid read only role (dev)",
      description: "Event grid read only role",
      actions: ["Microsoft.EventGrid/*/read"],
    });
    expect(Object.keys(c.rbac!.roleAssignments!)).toEqual([
      "orders-api-eventgrid-reader",
      "telemetry-processing-eventgrid-reader",
    ]);
    expect(c.protect).toBeUndefined();
    expect(c.monitoring).toBeUndefined();
  });

  test("test: Standard tiers, private endpoints where the tier allows (none on Service Bus Standard)", () => {
    const c = valid({ environment: "test", network, architectures: both });
    expect(c.servicebus!.namespaces!.orders.tier).toBe("Standard");
    expect(c.servicebus!.namespaces!.orders.privateEndpoints).toBeUndefined();
    expect(c.eventhubs!.namespaces!.telemetry.privateEndpoints).toEqual({ main: { subnet: "private-endpoints" } });
    expect(c.eventgrid!.topics!.orders.privateEndpoints).toEqual({ main: { subnet: "private-endpoints" } });
    expect(c.storage!["telemetry-lake"]).toMatchObject({
      sku: "Standard_ZRS",
      publicNetworkAccess: "Enabled",
      privateEndpoints: { blob: { groupId: "blob" }, dfs: { groupId: "dfs" }, queue: { groupId: "queue" } },
    });
    expect(c.batch!.accounts!.telemetry.privateEndpoints).toEqual({
      account: { subnet: "private-endpoints", groupId: "batchAccount" },
      nodes: { subnet: "private-endpoints", groupId: "nodeManagement" },
    });
    expect(c.batch!.accounts!.telemetry.pools!["capture-files"].networkConfiguration).toEqual({
      subnet: "batch-nodes",
      publicIPAddressProvisioning: "NoPublicIPAddresses",
    });
    expect(c.eventhubs!.namespaces!.telemetry.eventHubs!.telemetry.retention).toEqual({ retentionTimeInDays: 3 });
  });

  test("prod: Premium pair across the paired region, zone redundancy, private endpoints, protect, locks, logs", () => {
    const c = valid({ environment: "prod", location: "westeurope", network, architectures: both });
    expect(c.servicebus!.namespaces).toBeUndefined();
    expect(c.servicebus!.pairs!.orders).toMatchObject({
      alias: "orders-bus-prod",
      secondaryLocation: "northeurope",
      capacity: 1,
      zoneRedundant: true,
      privateEndpoints: { main: { subnet: "private-endpoints" } },
      networkRuleSet: { defaultAction: "Deny", trustedServiceAccessEnabled: true },
    });
    expect(c.eventhubs!.namespaces!.telemetry).toMatchObject({ tier: "Premium", zoneRedundant: true });
    expect(c.storage!["orders-storage"].sku).toBe("Standard_GZRS");
    expect(c).toMatchObject({
      protect: true,
      lockStateful: true,
      monitoring: { logAnalytics: { retentionInDays: 90 } },
    });
    expect(c.rbac!.customRoles!["eventgrid-reader"].roleName).toBe("Event grid read only role (prod)");
  });

  test("options: prefixes, optional parts, load, consumer groups and a secondary subnet", () => {
    const c = valid({
      environment: "prod",
      location: "westeurope",
      network: {
        ...network,
        subnets: {
          ...network.subnets,
          "pe-neu": {
            id: `/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/pe`,
          },
        },
      },
      identities: { "stream-job": {} },
      architectures: {
        privateEndpoints: { secondarySubnet: "pe-neu" },
        secondaryLocation: "swedencentral",
        eventGridReaderRole: { assignTo: { "stream-job": {} } },
        webBackend: {
          prefix: "shop",
          uploads: false,
          appEvents: false,
          messagingUnits: 4,
          serviceBusAlias: "shop-orders-prod",
        },
        iotBackend: {
          prefix: "fleet",
          load: { ingressMBps: 20, egressMBps: 40 },
          consumerGroups: { stream: { identity: "stream-job" } },
          batch: { enabled: false },
        },
      },
    });
    expect(c.servicebus!.pairs!.shop).toMatchObject({
      alias: "shop-orders-prod",
      secondaryLocation: "swedencentral",
      capacity: 4,
      privateEndpoints: { secondary: { subnet: "pe-neu", location: "swedencentral" } },
    });
    expect(Object.keys(c.servicebus!.pairs!.shop.queues!)).toEqual(["shop"]);
    expect(c.eventgrid?.topics).toBeUndefined();
    expect(c.eventgrid?.systemTopics).toBeUndefined();
    expect(c.batch).toBeUndefined();
    const hub = c.eventhubs!.namespaces!.fleet.eventHubs!.fleet;
    expect(hub.load).toEqual({ ingressMBps: 20, egressMBps: 40 });
    expect(hub.receivers).toEqual({ stream: { identity: "stream-job" } });
    expect(Object.keys(c.identities!)).not.toContain("fleet-stream");
    expect(Object.keys(c.rbac!.roleAssignments!)).toEqual(["stream-job-eventgrid-reader"]);
  });

  test("a disabled preset and a config without presets are left as written", () => {
    const raw = { environment: "dev", architectures: { webBackend: { enabled: false } } };
    expect(expandArchitectures(raw)).toEqual({ expanded: raw, violations: [] });
    const dev = stackFile("Pulumi.dev.yaml");
    expect(expandArchitectures(dev).expanded).toBe(dev);
  });
});

describe("reference architectures: merge rule (explicit keys win)", () => {
  test("deepMerge: maps merge key by key, scalars and lists replace, null removes a preset key only", () => {
    const preset = { a: { x: 1, y: [1, 2], z: { k: "p" } }, b: "preset" };
    expect(deepMerge(preset, { a: { x: 2, y: [3], w: true }, b: null, c: null })).toEqual({
      a: { x: 2, y: [3], z: { k: "p" }, w: true },
      c: null,
    });
  });

  test("explicit settings override single preset keys, add entities and remove preset parts", () => {
    const c = valid({
      environment: "prod",
      location: "westeurope",
      network,
      architectures: {
        webBackend: {
          webhook: { endpointUrl: "https://x.example/e", entraId: { applicationIdOrUri: "api://x", tenantId: "t" } },
        },
      },
      servicebus: {
        pairs: {
          orders: {
            capacity: 2,
            queues: { orders: { maxDeliveryCount: 10 }, returns: {} },
          },
        },
      },
      eventgrid: { topics: { orders: { subscriptions: { "to-webhook": null } } } },
    });
    const pair = c.servicebus!.pairs!.orders;
    expect(pair.capacity).toBe(2);
    expect(pair.queues!.orders).toMatchObject({ maxDeliveryCount: 10, requiresSession: true, lockDuration: "PT1M" });
    expect(pair.queues!.returns).toEqual({});
    expect(Object.keys(c.eventgrid!.topics!.orders.subscriptions!)).toEqual(["to-queue"]);
  });

  test("a null where the preset has nothing is reported by the schema, not dropped", () => {
    const { violations } = validateStackConfig({
      environment: "dev",
      architectures: { webBackend: {} },
      storage: { extra: null },
    });
    expect(violations.map((v) => v.path)).toEqual(["storage.extra"]);
  });
});

describe("reference architectures: option errors name architectures.* paths", () => {
  const prod = (architectures: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
    environment: "prod",
    location: "westeurope",
    network,
    architectures,
    ...more,
  });
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      "test without the subnet",
      { environment: "test", architectures: both },
      "architectures.privateEndpoints.subnet",
      /names no subnet declared under 'network.subnets'.*privateEndpoints.enabled: false/,
    ],
    [
      "an unknown secondary subnet",
      prod({ privateEndpoints: { secondarySubnet: "nope" }, webBackend: {} }),
      "architectures.privateEndpoints.secondarySubnet",
      /declared: private-endpoints, batch-nodes/,
    ],
    [
      "prod without a known region pair",
      { ...prod({ webBackend: {} }), location: undefined },
      "architectures.secondaryLocation",
      /is required in prod for the Service Bus pair/,
    ],
    [
      "prod pair in one region",
      prod({ secondaryLocation: "westeurope", webBackend: {} }),
      "architectures.secondaryLocation",
      /must be another region/,
    ],
    [
      "prod webhook without Entra ID",
      prod({ webBackend: { webhook: { endpointUrl: "https://x.example/e" } } }),
      "architectures.webBackend.webhook.entraId",
      /is required in prod.*eventgrid-webhook-secure/,
    ],
    [
      "prod webhook without the tenant",
      prod({
        webBackend: { webhook: { endpointUrl: "https://x.example/e", entraId: { applicationIdOrUri: "api://x" } } },
      }),
      "architectures.webBackend.webhook.entraId.tenantId",
      /is required in prod/,
    ],
    [
      "http webhook",
      { environment: "dev", architectures: { webBackend: { webhook: { endpointUrl: "http://x.example/e" } } } },
      "architectures.webBackend.webhook.endpointUrl",
      /must be an https URL/,
    ],
    [
      "duplicate window too short",
      { environment: "dev", architectures: { webBackend: { orders: { duplicateDetectionWindow: "PT5S" } } } },
      "architectures.webBackend.orders.duplicateDetectionWindow",
      /must be from 20 s to 7 days/,
    ],
    [
      "bad time to live",
      { environment: "dev", architectures: { webBackend: { orders: { messageTimeToLive: "14 days" } } } },
      "architectures.webBackend.orders.messageTimeToLive",
      /ISO 8601/,
    ],
    [
      "messaging units",
      prod({ webBackend: { messagingUnits: 3 } }),
      "architectures.webBackend.messagingUnits",
      /allowed: 1, 2, 4, 8, 16/,
    ],
    [
      "alias",
      prod({ webBackend: { serviceBusAlias: "x" } }),
      "architectures.webBackend.serviceBusAlias",
      /6-50 letters/,
    ],
    [
      "load beyond Standard",
      { environment: "dev", architectures: { iotBackend: { load: { ingressMBps: 50 } } } },
      "architectures.iotBackend.load",
      /needs 50 TU \(ingress 50 MB\/s at 1 MB\/s per TU\); a Standard namespace allows at most 40/,
    ],
    [
      "partitions beyond Standard",
      {
        environment: "dev",
        architectures: { iotBackend: { load: { ingressMBps: 10, ingressEventsPerSecond: 33000 } } },
      },
      "architectures.iotBackend.load",
      /needs 33 partitions.*Standard allows 32/,
    ],
    [
      "retention beyond Standard",
      { environment: "test", network, architectures: { iotBackend: { retentionDays: 30 } } },
      "architectures.iotBackend.retentionDays",
      /must be 1-7 days on Standard/,
    ],
    [
      "capture interval (schema: no tier takes it)",
      { environment: "dev", architectures: { iotBackend: { capture: { intervalInSeconds: 30 } } } },
      "architectures.iotBackend.capture.intervalInSeconds",
      /is too small; the minimum is 60/,
    ],
    [
      "unknown reader identity",
      { environment: "dev", architectures: { iotBackend: { consumerGroups: { a: { identity: "ghost" } } } } },
      "architectures.iotBackend.consumerGroups.a.identity",
      /names no identity declared/,
    ],
    [
      "batch subnet",
      {
        environment: "test",
        network: { ...network, subnets: { "private-endpoints": { addressPrefix: "10.20.1.0/24" } } },
        architectures: { iotBackend: {} },
      },
      "architectures.iotBackend.batch.subnet",
      /names no subnet/,
    ],
    [
      "batch nodes",
      { environment: "dev", architectures: { iotBackend: { batch: { maxNodes: 0 } } } },
      "architectures.iotBackend.batch.maxNodes",
      /the minimum is 1/,
    ],
    [
      "same prefix",
      { environment: "dev", architectures: { webBackend: { prefix: "app" }, iotBackend: { prefix: "app" } } },
      "architectures.iotBackend.prefix",
      /must differ/,
    ],
    [
      "reader role for a stranger",
      { environment: "dev", architectures: { eventGridReaderRole: { assignTo: { ghost: {} } }, webBackend: {} } },
      "architectures.eventGridReaderRole.assignTo.ghost",
      /known: orders-api, /,
    ],
    [
      "unknown option (schema)",
      { environment: "dev", architectures: { webBackend: { sessions: true } } },
      "architectures.webBackend.sessions",
      /is not a known key; allowed keys here: enabled, prefix/,
    ],
    [
      "bad prefix (schema)",
      { environment: "dev", architectures: { iotBackend: { prefix: "IoT" } } },
      "architectures.iotBackend.prefix",
      /3-20 lowercase letters/,
    ],
  ])("%s", (_, raw, pathName, message) => {
    const { config, violations } = validateStackConfig(raw);
    expect(config).toBeUndefined();
    expect(violations).toContainEqual(
      expect.objectContaining({ path: pathName, message: expect.stringMatching(message) }),
    );
  });
});

describe("the environment stack files", () => {
  test.each(["Pulumi.test.yaml", "Pulumi.prod.yaml"])("%s is valid and uses both presets", (file) => {
    const c = valid(stackFile(file));
    expect(c.servicebus?.namespaces?.orders ?? c.servicebus?.pairs?.orders).toBeDefined();
    expect(c.eventhubs!.namespaces!.telemetry.eventHubs!.telemetry.capture).toBeDefined();
  });
});
