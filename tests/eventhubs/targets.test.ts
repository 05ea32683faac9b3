import { validateStackConfig } from "../../stacks/config/load";
import { teamReferences } from "../../stacks/config/platform";
import { PlannedJson as Planned } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";

// Targets outside the stack (capture and checkpoint containers by id, a geo-DR partner by id) and SAS keys exported
// to a Key Vault: the config errors with their key paths, the warning, and the AVM `max`-like fixture's inputs.

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const lake = `${SUB}/resourceGroups/rg-lake/providers/Microsoft.Storage/storageAccounts/stlake01`;
const containerId = (name: string) => `${lake}/blobServices/default/containers/${name}`;
const vaultId = `${SUB}/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/kv-secrets`;
const partnerId = `${SUB}/resourceGroups/rg-dr/providers/Microsoft.EventHub/namespaces/evhns-dr-01`;

const config = (ns: Record<string, unknown>) => ({
  environment: "dev",
  identities: { app: {} },
  storage: { events: { containers: { capture: {} } } },
  eventhubs: { namespaces: { ns: { tier: "Premium", location: "westeurope", ...ns } } },
});
const errors = (ns: Record<string, unknown>) =>
  validateStackConfig(config(ns)).violations.map((v) => `${v.path}: ${v.message}`);

describe("Event Hubs targets outside the stack (config)", () => {
  test("capture and checkpoint containers by id pass; the stack's own keys are still checked", () => {
    const hubs = {
      t: {
        capture: { container: containerId("capture") },
        consumerGroups: { g: { checkpointStore: { container: containerId("checkpoints") } } },
      },
    };
    expect(errors({ eventHubs: hubs })).toEqual([]);
  });

  test.each([
    [
      "a container id of another type",
      { eventHubs: { t: { capture: { container: `${lake}/queueServices/default/queues/q` } } } },
      "eventhubs.namespaces.ns.eventHubs.t.capture.container",
      "or a container id (/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Storage/storageAccounts/{account}/blobServices/default/containers/{container})",
    ],
    [
      "a partner id that is not a namespace id",
      { geoDisasterRecovery: { alias: "alias-ns", partner: `${partnerId}/eventhubs/t` } },
      "eventhubs.namespaces.ns.geoDisasterRecovery.partner",
      "is neither a namespace key of this section nor an Event Hubs namespace id",
    ],
    [
      "a partner id in the primary's region",
      { geoDisasterRecovery: { alias: "alias-ns", partner: partnerId, partnerLocation: "West Europe" } },
      "eventhubs.namespaces.ns.geoDisasterRecovery.partnerLocation",
      "is the primary's region",
    ],
    [
      "a partner id of a tier that does not pair",
      { geoDisasterRecovery: { alias: "alias-ns", partner: partnerId, partnerTier: "Standard" } },
      "eventhubs.namespaces.ns.geoDisasterRecovery.partnerTier",
      "cannot pair with a Premium primary; allowed secondary tiers: Premium",
    ],
    [
      "secrets exported while local auth is off (the default)",
      {
        authorizationRules: { app: { rights: ["Send"] } },
        secretsExport: { keyVaultId: vaultId, authorizationRules: { app: { primaryConnectionString: "app-cs" } } },
      },
      "eventhubs.namespaces.ns.secretsExport",
      "cannot authenticate while local auth is disabled",
    ],
    [
      "a secret for a rule that does not exist",
      {
        disableLocalAuth: false,
        secretsExport: { keyVaultId: vaultId, authorizationRules: { app: { primaryKey: "app-key" } } },
      },
      "eventhubs.namespaces.ns.secretsExport.authorizationRules.app",
      "names no namespace SAS rule; declared under authorizationRules: (none)",
    ],
    [
      "a secret name Key Vault refuses",
      {
        disableLocalAuth: false,
        authorizationRules: { app: { rights: ["Send"] } },
        secretsExport: { keyVaultId: vaultId, authorizationRules: { app: { primaryKey: "app_key" } } },
      },
      "eventhubs.namespaces.ns.secretsExport.authorizationRules.app.primaryKey",
      "a Key Vault secret name: 1-127 letters, digits and hyphens",
    ],
    [
      "two values into one secret",
      {
        disableLocalAuth: false,
        authorizationRules: { app: { rights: ["Send"] } },
        secretsExport: {
          keyVaultId: vaultId,
          authorizationRules: { app: { primaryKey: "app-key", secondaryKey: "APP-KEY" } },
        },
      },
      "eventhubs.namespaces.ns.secretsExport.authorizationRules.app.secondaryKey",
      "is also the secret of",
    ],
    [
      "a vault id that is not a vault",
      {
        disableLocalAuth: false,
        authorizationRules: { app: { rights: ["Send"] } },
        secretsExport: { keyVaultId: partnerId, authorizationRules: { app: { primaryKey: "app-key" } } },
      },
      "eventhubs.namespaces.ns.secretsExport.keyVaultId",
      "is not an ARM resource id of type Microsoft.KeyVault/vaults",
    ],
  ])("%s is an error with its key path", (_, ns, keyPath, message) => {
    const found = errors(ns);
    expect(found.filter((e) => e.startsWith(`${keyPath}:`)).join("\n")).toContain(message);
  });

  test("partnerTier / partnerLocation with a stack partner are errors: the partner's section says them", () => {
    const r = validateStackConfig({
      ...config({ geoDisasterRecovery: { alias: "alias-ns", partner: "dr", partnerTier: "Premium" } }),
      eventhubs: {
        namespaces: {
          ns: { tier: "Premium", geoDisasterRecovery: { alias: "alias-ns", partner: "dr", partnerTier: "Premium" } },
          dr: { tier: "Premium", location: "northeurope" },
        },
      },
    });
    expect(r.violations.map((v) => v.path)).toEqual(["eventhubs.namespaces.ns.geoDisasterRecovery.partnerTier"]);
  });

  test("a team stack's container id is its own target, not a reference to the platform's storage", () => {
    const team = {
      environment: "dev",
      platform: {
        role: "team",
        stack: "organization/azure-integration/platform",
        eventhubs: {
          telemetry: { tier: "Standard", eventHubs: { t: { capture: { container: containerId("capture") } } } },
        },
      },
    };
    const r = validateStackConfig(team);
    expect(r.violations).toEqual([]);
    expect(teamReferences(r.config!).containers).toEqual([]);
    const byKey = { ...team.platform.eventhubs.telemetry.eventHubs.t.capture, container: "platform-lake/capture" };
    const withKey = {
      ...team,
      platform: {
        ...team.platform,
        eventhubs: { telemetry: { tier: "Standard", eventHubs: { t: { capture: byKey } } } },
      },
    };
    expect(teamReferences(validateStackConfig(withKey).config!).containers.map((c) => c.ref)).toEqual([
      "platform-lake/capture",
    ]);
  });

  test("a partner by id is a warning naming what cannot be checked offline", () => {
    const r = validateStackConfig(config({ geoDisasterRecovery: { alias: "alias-ns", partner: partnerId } }));
    expect(r.violations).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^eventhubs\.namespaces\.ns\.geoDisasterRecovery\.partner: .* is outside the stack/);
    expect(r.warnings[0]).toContain("set partnerLocation");
    expect(r.warnings[0]).toContain("that its tier pairs with Premium (Premium; set partnerTier)");
  });
});

describe("npm run plan: the AVM max-like Event Hubs fixture", () => {
  let resources: Planned[] = [];
  let stderr = "";
  beforeAll(() => {
    const r = sharedPlan("tests/fixtures/stacks/Pulumi.avm-max-eventhubs.yaml");
    expect(r.status).toBe(0);
    stderr = r.stderr;
    resources = r.plan.resources;
  });
  const one = (type: string, name: string) => {
    const found = resources.filter((x) => x.type === type && x.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const external = `${SUB}/resourceGroups/rg-lake-test/providers/Microsoft.Storage/storageAccounts/stlaketest01`;

  test("the namespace: Premium, CMK with its identity, local auth for the SAS client, network rules", () => {
    expect(one("azure-native:eventhub:Namespace", "evhns-telemetry-namespace").inputs).toMatchObject({
      sku: { name: "Premium", capacity: 2 },
      disableLocalAuth: false,
      identity: { type: "SystemAssigned, UserAssigned" },
      encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "evhns-telemetry" }] },
    });
    expect(one("azure-native:eventhub:NamespaceNetworkRuleSet", "evhns-telemetry-network").inputs).toMatchObject({
      defaultAction: "Deny",
      trustedServiceAccessEnabled: true,
      ipRules: [{ ipMask: "203.0.113.0/24", action: "Allow" }],
    });
  });

  test("capture writes to the container outside the stack; its writer is granted on that container only", () => {
    expect(one("azure-native:eventhub:EventHub", "evhns-telemetry-hub/telemetry").inputs).toMatchObject({
      captureDescription: { destination: { storageAccountResourceId: external, blobContainer: "capture" } },
    });
    expect(one("azure-native:authorization:RoleAssignment", "evhns-telemetry-capture/telemetry").inputs.scope).toBe(
      `${external}/blobServices/default/containers/capture`,
    );
    expect(
      one("azure-native:authorization:RoleAssignment", "evhns-telemetry-checkpoint/telemetry/archive/processor").inputs
        .scope,
    ).toBe(`${external}/blobServices/default/containers/checkpoints`);
  });

  test("the SAS keys go to the vault as secrets, and the pairing to the partner outside the stack", () => {
    const secret = one("azure-native:keyvault:Secret", "evhns-telemetry-secret/kafka-client/primaryConnectionString");
    expect(secret.inputs).toMatchObject({
      resourceGroupName: "rg-secrets-test",
      vaultName: "kv-avm-max-test",
      secretName: "evhns-telemetry-kafka-primary",
      properties: { value: "[secret]" },
    });
    expect(one("azure-native:eventhub:DisasterRecoveryConfig", "evhns-telemetry-geodr").inputs).toMatchObject({
      alias: "telemetry-avm-max-test",
      partnerNamespace: `${SUB}/resourceGroups/rg-dr-test/providers/Microsoft.EventHub/namespaces/evhns-telemetry-dr-test`,
    });
    expect(stderr).toContain("eventhubs.namespaces.telemetry.geoDisasterRecovery.partner:");
  });
});
