/** @slow plans prod in-process and evaluates a variant per rule (tests/helpers/testSequencer.cjs) */
import * as fs from "fs";
import * as path from "path";
import type { PolicyPackConfig } from "@pulumi/policy";
import { analyze } from "../../planner/policyEngine";
import { EXIT_MANDATORY_VIOLATION, runPlan } from "../../planner/plan";
import type { PlannedResource } from "../../planner/simulatedArm";
import { packEnforcementLevel, policies, policyPackName, policyPackVersion } from "../../policies/pack";
import { projectDir } from "../helpers/runPlanCli";

/**
 * The shipped prod stack, planned once, then insecure or lossy variants of it (one mistake each, applied to the
 * planned resources as the program would have registered them) under policies/config/prod.json: each must be a
 * mandatory violation of the rule that covers it, so the offline plan exits 1. In-process: one plan, no child process.
 */
const prod = JSON.parse(
  fs.readFileSync(path.join(projectDir, "policies", "config", "prod.json"), "utf8"),
) as PolicyPackConfig;
let planned: PlannedResource[] = [];

beforeAll(async () => {
  const report = await runPlan({ projectDir, stack: "prod" });
  expect(report.error).toBeUndefined();
  expect(report.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  // prod.json's exemptions (the two capture/dead-letter sinks) name resources the stack has: none is stale.
  expect(report.exemptions?.filter((e) => !e.matched)).toEqual([]);
  expect(new Set(report.exemptions?.map((e) => e.resource))).toEqual(
    new Set(["st-orders-storage-account", "st-telemetry-lake-account"]),
  );
  planned = report.resources;
}, 120_000);

type Props = Record<string, unknown>;
type Variant = (all: PlannedResource[]) => PlannedResource[];
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const ROLE = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

/** Copies of the resources with `change` applied to the inputs (and outputs) of every resource of `type`. */
const edit =
  (type: string, change: (p: Props) => void, which: (r: PlannedResource) => boolean = () => true): Variant =>
  (all) =>
    all.map((r) => {
      if (r.type !== `azure-native:${type}` || !which(r)) return r;
      const inputs = structuredClone(r.inputs) as Props;
      const outputs = r.outputs ? (structuredClone(r.outputs) as Props) : undefined;
      change(inputs);
      if (outputs) change(outputs);
      return { ...r, inputs, outputs };
    });
/** A copy of the first resource of `type` under another name (so no exemption names it), with `change` applied. */
const copyOf =
  (type: string, name: string, change: (p: Props) => void): Variant =>
  (all) => {
    const source = all.find((r) => r.type === `azure-native:${type}`)!;
    const [copy] = edit(type, change)([source]);
    return [...all, { ...copy, name, urn: `${source.urn.slice(0, source.urn.lastIndexOf("::") + 2)}${name}` }];
  };
const drop =
  (type: string): Variant =>
  (all) =>
    all.filter((r) => r.type !== `azure-native:${type}`);
/** A role assignment of a stack identity (its principal id computed from a resource of the stack) re-granted. */
const grant =
  (guid: string, scope: "resource group" | "subscription"): Variant =>
  (all) => {
    const ra = all.find(
      (r) => r.type === "azure-native:authorization:RoleAssignment" && r.propertyDependencies.principalId?.length,
    )!;
    const rg = all.find((r) => r.type === "azure-native:resources:ResourceGroup")!;
    const inputs = {
      ...ra.inputs,
      roleDefinitionId: ROLE(guid),
      scope: scope === "subscription" ? SUB : `${SUB}/resourceGroups/x`,
    };
    const copy: PlannedResource = {
      ...ra,
      urn: `${ra.urn}-broad`,
      inputs,
      outputs: inputs,
      propertyDependencies: {
        ...ra.propertyDependencies,
        roleDefinitionId: [],
        scope: scope === "subscription" ? [] : [rg.urn],
      },
    };
    return [...all, copy];
  };

const variants: [string, string, Variant][] = [
  [
    "a storage account that lost its private endpoint: public access on, no firewall",
    "storage-account-network-default-deny",
    edit("storage:StorageAccount", (p) => {
      p.publicNetworkAccess = "Enabled";
      delete p.networkRuleSet;
    }),
  ],
  [
    "a new storage account with public network access (prod.json exempts only the two sinks, by name)",
    "storage-account-public-network-access-disabled",
    copyOf("storage:StorageAccount", "st-reports-account", (p) => (p.publicNetworkAccess = "Enabled")),
  ],
  [
    "a capture and dead-letter sink without its public endpoint: captures and dead-letters are lost",
    "storage-sink-reachable-by-service",
    edit("storage:StorageAccount", (p) => (p.publicNetworkAccess = "Disabled")),
  ],
  ["the private endpoints gone", "storage-account-private-endpoint", drop("network:PrivateEndpoint")],
  [
    "locally redundant dead-letter and capture storage",
    "storage-account-replication",
    edit("storage:StorageAccount", (p) => (p.sku = { name: "Standard_LRS" })),
  ],
  [
    "the trusted-service bypass back on",
    "storage-account-network-exceptions",
    copyOf(
      "storage:StorageAccount",
      "st-reports-account",
      (p) => (p.networkRuleSet = { defaultAction: "Deny", bypass: "AzureServices" }),
    ),
  ],
  [
    "copies from any tenant",
    "storage-account-copy-scope-and-replication",
    edit("storage:StorageAccount", (p) => delete p.allowedCopyScope),
  ],
  ["no double encryption", "storage-account-encryption", edit("storage:StorageAccount", (p) => delete p.encryption)],
  ["no blob soft delete", "storage-dead-letter-capture-soft-delete", drop("storage:BlobServiceProperties")],
  ["no Event Hubs geo-DR", "eventhub-namespace-geo-dr", drop("eventhub:DisasterRecoveryConfig")],
  [
    "Event Hubs Capture off",
    "eventhub-capture-enabled",
    edit("eventhub:EventHub", (p) => ((p.captureDescription as Props).enabled = false)),
  ],
  [
    "1-day retention",
    "eventhub-retention-minimum",
    edit("eventhub:EventHub", (p) => (p.retentionDescription = { cleanupPolicy: "Delete", retentionTimeInHours: 24 })),
  ],
  [
    "Event Grid dead-letter off",
    "eventgrid-subscription-dead-letter",
    edit("eventgrid:TopicEventSubscription", (p) => delete p.deadLetterWithResourceIdentity),
  ],
  [
    "queue: no dead-letter on expiration",
    "servicebus-queue-dead-letter",
    edit("servicebus:Queue", (p) => (p.deadLetteringOnMessageExpiration = false)),
  ],
  [
    "queue: maxDeliveryCount 1000",
    "servicebus-queue-dead-letter",
    edit("servicebus:Queue", (p) => (p.maxDeliveryCount = 1000)),
  ],
  [
    "subscription: no dead-letter on expiration",
    "servicebus-subscription-dead-letter",
    edit("servicebus:Subscription", (p) => (p.deadLetteringOnMessageExpiration = false)),
  ],
  [
    "subscription: filter evaluation errors dropped",
    "servicebus-subscription-dead-letter",
    edit("servicebus:Subscription", (p) => (p.deadLetteringOnFilterEvaluationExceptions = false)),
  ],
  [
    "subscription: maxDeliveryCount 2000",
    "servicebus-subscription-dead-letter",
    edit("servicebus:Subscription", (p) => (p.maxDeliveryCount = 2000)),
  ],
  [
    "Service Bus zone redundancy off",
    "servicebus-namespace-zone-redundant",
    edit("servicebus:Namespace", (p) => (p.zoneRedundant = false)),
  ],
  [
    "Event Hubs zone redundancy off",
    "eventhub-namespace-zone-redundant",
    edit("eventhub:Namespace", (p) => (p.zoneRedundant = false)),
  ],
  [
    "Service Bus without double encryption",
    "servicebus-namespace-infrastructure-encryption",
    edit("servicebus:Namespace", (p) => delete p.encryption),
  ],
  ["diagnostics off (Service Bus)", "servicebus-namespace-diagnostics", drop("monitor:DiagnosticSetting")],
  ["diagnostics off (Event Hubs)", "eventhub-namespace-diagnostics", drop("monitor:DiagnosticSetting")],
  [
    "Owner at resource-group scope for a stack identity",
    "rbac-stack-identity-no-broad-role",
    grant("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "resource group"),
  ],
  [
    "Contributor at resource-group scope",
    "rbac-stack-identity-no-broad-role",
    grant("b24988ac-6180-42a0-ab88-20f7382dd24c", "resource group"),
  ],
  [
    "User Access Administrator at resource-group scope",
    "rbac-stack-identity-no-broad-role",
    grant("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "resource group"),
  ],
  [
    "Service Bus Data Owner at resource-group scope",
    "rbac-stack-identity-no-broad-role",
    grant("090c5cfd-751d-490a-894a-3ce6f1109419", "resource group"),
  ],
  [
    "Contributor at subscription scope",
    "rbac-stack-identity-no-broad-role",
    grant("b24988ac-6180-42a0-ab88-20f7382dd24c", "subscription"),
  ],
  [
    "Storage Blob Data Contributor at subscription scope",
    "rbac-stack-identity-no-broad-role",
    grant("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "subscription"),
  ],
  [
    "a User principal",
    "rbac-assignment-principal-type-not-user",
    edit("authorization:RoleAssignment", (p) => (p.principalType = "User")),
  ],
  [
    "a subnet without NSG",
    "subnet-network-security-group",
    edit("network:Subnet", (p) => delete p.networkSecurityGroup),
  ],
  ["a subnet without route table", "subnet-route-table", edit("network:Subnet", (p) => delete p.routeTable)],
];

describe("insecure or lossy variants of the prod stack are mandatory violations under prod.json (exit 1)", () => {
  test.each(variants)("%s: %s", async (_label, policy, variant) => {
    // Only the rule under test: the others' verdicts on the unchanged prod plan are checked in beforeAll.
    const result = await analyze({
      policies: policies.filter((p) => p.name === policy),
      packName: policyPackName,
      packVersion: policyPackVersion,
      packEnforcementLevel,
      config: prod,
      resources: variant(planned),
    });
    const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(mandatory.map((v) => v.policy)).toContain(policy);
    // runPlan exits 1 exactly when a mandatory violation remains.
    expect(EXIT_MANDATORY_VIOLATION).toBe(1);
  });
});
