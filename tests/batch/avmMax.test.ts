/** @slow plans the Batch fixture in-process in preview and update mode (tests/helpers/testSequencer.cjs) */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import prodJson from "../../policies/config/prod.json";
import type { PolicyPackConfig } from "@pulumi/policy";
import { analyze } from "../../planner/policyEngine";
import { installSimulatedArm } from "../../planner/simulatedArm";
import { readStackFile } from "../../planner/stackFile";
import { packEnforcementLevel, policies, policyPackName, policyPackVersion } from "../../policies/pack";
import { buildStack } from "../../stacks/program";
import { PlannedJson, projectDir } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";

// The AVM `max`-like Batch fixture: `npm run plan` exits 0 (the run's shared plan) and every feature reaches azure-native;
// planned in-process as `pulumi preview` of a new stack sees it, the mandatory Batch rules decide as in update mode.
const fixture = path.join(projectDir, "tests/fixtures/stacks/Pulumi.avm-max-batch.yaml");
const result = sharedPlan(fixture);
const resources = (): PlannedJson[] => result.plan.resources;
const one = (type: string, name: string): PlannedJson => {
  const found = resources().filter((r) => r.type === type && r.name === name);
  expect(found.map((r) => r.name)).toEqual([name]);
  return found[0];
};
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-integration-prod/providers";

test("plans with exit 0", () => {
  expect([result.status, result.stderr]).toEqual([0, ""]);
});

test("the account: CMK, user-assigned identity, auto-storage through it with a node identity, private only", () => {
  const account = one("azure-native:batch:BatchAccount", "batch-jobs-account");
  const identity = `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/${one("azure-native:managedidentity:UserAssignedIdentity", "id-batch-account").inputs.resourceName}`;
  const nodes = `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/${one("azure-native:managedidentity:UserAssignedIdentity", "id-batch-nodes").inputs.resourceName}`;
  const storage = one("azure-native:storage:StorageAccount", "st-batch-account");
  expect(account.inputs).toMatchObject({
    identity: { type: "UserAssigned", userAssignedIdentities: [identity] },
    encryption: {
      keySource: "Microsoft.KeyVault",
      keyVaultProperties: { keyIdentifier: "https://kv-avm-max.vault.azure.net/keys/batch" },
    },
    autoStorage: {
      storageAccountId: `${SUB}/Microsoft.Storage/storageAccounts/${storage.inputs.accountName}`,
      authenticationMode: "BatchAccountManagedIdentity",
      nodeIdentityReference: { resourceId: nodes },
    },
    allowedAuthenticationModes: ["AAD"],
    publicNetworkAccess: "Disabled",
  });
  expect(account.protect).toBe(true);
  // The grant auto-storage needs goes to the account's user-assigned identity, on the storage account.
  expect(one("azure-native:authorization:RoleAssignment", "batch-jobs-ra-autostorage").inputs).toMatchObject({
    scope: account.inputs.autoStorage && (account.inputs.autoStorage as { storageAccountId: string }).storageAccountId,
    principalType: "ServicePrincipal",
  });
  const groups = resources()
    .filter((r) => r.type === "azure-native:network:PrivateEndpoint" && r.name.startsWith("batch-jobs"))
    .map((r) => (r.inputs.privateLinkServiceConnections as { groupIds: string[] }[])[0].groupIds[0]);
  expect(groups.sort()).toEqual(["batchAccount", "nodeManagement"]);
});

test("an account asking for a system-assigned identity without auto-storage keeps it", () => {
  expect(one("azure-native:batch:BatchAccount", "batch-tools-account").inputs).toMatchObject({
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
  });
  expect(one("azure-native:batch:BatchAccount", "batch-tools-account").inputs).not.toHaveProperty("autoStorage");
});

test("the pool: no public IPs in the stack's subnet, the node identity for containers and files, simplified", () => {
  const vnet = one("azure-native:network:VirtualNetwork", "vnet-vnet").inputs.virtualNetworkName;
  const nodes = `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/${one("azure-native:managedidentity:UserAssignedIdentity", "id-batch-nodes").inputs.resourceName}`;
  expect(one("azure-native:batch:Pool", "batch-jobs-pool/render-pool").inputs).toMatchObject({
    networkConfiguration: {
      subnetId: `${SUB}/Microsoft.Network/virtualNetworks/${vnet}/subnets/batch-nodes`,
      publicIPAddressConfiguration: { provision: "NoPublicIPAddresses" },
      enableAcceleratedNetworking: true,
    },
    identity: { type: "UserAssigned", userAssignedIdentities: [nodes] },
    deploymentConfiguration: {
      virtualMachineConfiguration: {
        containerConfiguration: {
          type: "DockerCompatible",
          containerRegistries: [{ registryServer: "renderacr.azurecr.io", identityReference: { resourceId: nodes } }],
        },
      },
    },
    startTask: {
      resourceFiles: [
        { autoStorageContainerName: "inputs", filePath: "scenes", identityReference: { resourceId: nodes } },
      ],
    },
    targetNodeCommunicationMode: "Simplified",
    taskSchedulingPolicy: { nodeFillType: "Pack" },
  });
});

/** Plans a stack file in-process (update or preview mode) and evaluates the pack under the prod config. */
async function verdicts(config: Record<string, string>, preview: boolean) {
  const arm = installSimulatedArm({ project: "azure-integration", stack: "avm-max-batch", config, preview });
  buildStack();
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  const { violations } = await analyze({
    policies,
    packName: policyPackName,
    packVersion: policyPackVersion,
    packEnforcementLevel,
    config: prodJson as unknown as PolicyPackConfig,
    resources: [...arm.resources],
  });
  return {
    mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy} ${v.urn}`),
    undecided: violations.filter((v) => v.previewUnknown && v.policy.startsWith("batch-")).map((v) => v.policy),
  };
}

const { config } = readStackFile(fixture);
/** The fixture with its pool given Batch-managed public IPs. */
function withPublicIps(): Record<string, string> {
  const batch = JSON.parse(config["azure-integration:batch"]);
  batch.accounts.jobs.pools.render.networkConfiguration.publicIPAddressProvisioning = "BatchManaged";
  return { ...config, "azure-integration:batch": JSON.stringify(batch) };
}

describe("the mandatory Batch rules decide in a preview of a new stack as in update mode", () => {
  test.each([
    ["the fixture", () => config, []],
    ["the fixture with public IPs on the pool", withPublicIps, ["batch-pool-no-public-ip"]],
  ])("%s", async (_case, cfg, failing) => {
    const update = await verdicts(cfg(), false);
    const preview = await verdicts(cfg(), true);
    expect(preview.undecided).toEqual([]);
    expect(preview.mandatory).toEqual(update.mandatory);
    expect(update.mandatory.map((v) => v.split(" ")[0])).toEqual(failing);
  });
});
