import { BatchAccount, validateBatchAccountArgs } from "../../components/batch/BatchAccount";
import type { BatchPoolOptions } from "../../components/batch/BatchPool";
import {
  validateBatchPoolOptions,
  validateImage,
  validateScaleSettings,
  validateStartTask,
} from "../../components/batch/poolValidation";
import { validateStackConfig } from "../../stacks/config/load";
import { useSimulatedArm, valueOf } from "../helpers/simulation";

const sim = useSimulatedArm();
const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
const storageId = `${sub}/resourceGroups/rg-b/providers/Microsoft.Storage/storageAccounts/stbatch`;
const subnetId = `${sub}/resourceGroups/rg-b/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes`;

const ubuntu = { publisher: "canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts" };
const windows = { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-smalldisk" };
const linuxPool: BatchPoolOptions = {
  vmSize: "Standard_D2s_v3",
  imageReference: ubuntu,
  nodeAgentSkuId: "batch.node.ubuntu 22.04",
  scaleSettings: { autoScale: { formula: "$TargetDedicatedNodes = 1;", evaluationInterval: "PT5M" } },
};

describe("image and node agent matching", () => {
  test.each([
    ["Ubuntu 22.04", ubuntu, "batch.node.ubuntu 22.04", undefined, []],
    [
      "Ubuntu 24.04",
      { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server" },
      "batch.node.ubuntu 24.04",
      undefined,
      [],
    ],
    ["Windows Server", windows, "batch.node.windows amd64", { enableAutomaticUpdates: false }, []],
    [
      "gallery image with a Linux agent",
      { id: `${sub}/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0` },
      "batch.node.ubuntu 22.04",
      undefined,
      [],
    ],
    [
      "unknown Linux publisher, Linux agent",
      { publisher: "almalinux", offer: "almalinux-x86_64", sku: "9-gen2" },
      "batch.node.el 9",
      undefined,
      [],
    ],
    [
      "Ubuntu 22.04 with the 20.04 agent",
      ubuntu,
      "batch.node.ubuntu 20.04",
      undefined,
      ['nodeAgentSkuId|its node agent SKU is "batch.node.ubuntu 22.04"'],
    ],
    [
      "Ubuntu with the Windows agent",
      ubuntu,
      "batch.node.windows amd64",
      undefined,
      ['nodeAgentSkuId|its node agent SKU is "batch.node.ubuntu 22.04"'],
    ],
    [
      "Windows image with a Linux agent",
      windows,
      "batch.node.ubuntu 22.04",
      undefined,
      ['nodeAgentSkuId|its node agent SKU is "batch.node.windows amd64"'],
    ],
    [
      "Windows configuration on a Linux image",
      ubuntu,
      "batch.node.ubuntu 22.04",
      { enableAutomaticUpdates: true },
      ["windowsConfiguration|is set on a Linux image"],
    ],
    [
      "Windows configuration on a gallery image with a Linux agent",
      { id: `${sub}/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/i` },
      "batch.node.ubuntu 22.04",
      {},
      ["windowsConfiguration|is set on a Linux image"],
    ],
    [
      "marketplace and gallery together",
      { ...ubuntu, id: `${sub}/resourceGroups/g/providers/Microsoft.Compute/galleries/g/images/i` },
      "batch.node.ubuntu 22.04",
      undefined,
      ["imageReference|sets both marketplace fields"],
    ],
    [
      "marketplace without a sku",
      { publisher: "canonical", offer: "0001-com-ubuntu-server-jammy" },
      "batch.node.ubuntu 22.04",
      undefined,
      ["imageReference.sku|is required with a marketplace image"],
    ],
    ["empty image", {}, "batch.node.ubuntu 22.04", undefined, ["imageReference|is empty"]],
    [
      "not an agent SKU",
      ubuntu,
      "ubuntu 22.04",
      undefined,
      ["nodeAgentSkuId|is not a node agent SKU", 'nodeAgentSkuId|its node agent SKU is "batch.node.ubuntu 22.04"'],
    ],
  ])("%s", (_case, image, agent, windowsConfiguration, expected) => {
    const found = validateImage("", image, agent, windowsConfiguration);
    expect(found.map((v) => v.path)).toEqual(expected.map((e) => e.split("|")[0]));
    expected.forEach((e, i) => expect(found[i].message).toContain(e.split("|")[1]));
  });
});

describe("fixed scale XOR autoscale", () => {
  test.each([
    ["autoscale", { autoScale: { formula: "$TargetDedicatedNodes = 2;" } }, []],
    ["fixed scale", { fixedScale: { targetDedicatedNodes: 1, resizeTimeout: "PT15M" } }, []],
    ["fixed scale, spot only", { fixedScale: { targetLowPriorityNodes: 3 } }, []],
    [
      "interval at the 5 min minimum",
      { autoScale: { formula: "$TargetLowPriorityNodes = 1;", evaluationInterval: "PT5M" } },
      [],
    ],
    [
      "interval at the 168 h maximum",
      { autoScale: { formula: "$TargetDedicatedNodes = 1;", evaluationInterval: "P7D" } },
      [],
    ],
    [
      "both",
      { fixedScale: { targetDedicatedNodes: 1 }, autoScale: { formula: "$TargetDedicatedNodes = 1;" } },
      ["scaleSettings|mutually exclusive"],
    ],
    ["neither", {}, ["scaleSettings|needs exactly one of fixedScale or autoScale"]],
    [
      "fixed without targets",
      { fixedScale: { resizeTimeout: "PT15M" } },
      ["scaleSettings.fixedScale|needs targetDedicatedNodes or targetLowPriorityNodes"],
    ],
    [
      "negative target",
      { fixedScale: { targetDedicatedNodes: -1 } },
      ["scaleSettings.fixedScale.targetDedicatedNodes|must be from 0"],
    ],
    [
      "resize timeout below 5 min",
      { fixedScale: { targetDedicatedNodes: 1, resizeTimeout: "PT4M" } },
      ["scaleSettings.fixedScale.resizeTimeout|at least 5 min"],
    ],
    [
      "interval below 5 min",
      { autoScale: { formula: "$TargetDedicatedNodes = 1;", evaluationInterval: "PT4M59S" } },
      ["scaleSettings.autoScale.evaluationInterval|must be from 5 min to 7 days"],
    ],
    [
      "interval above 168 h",
      { autoScale: { formula: "$TargetDedicatedNodes = 1;", evaluationInterval: "PT169H" } },
      ["scaleSettings.autoScale.evaluationInterval|must be from 5 min to 7 days"],
    ],
    [
      "interval not ISO 8601",
      { autoScale: { formula: "$TargetDedicatedNodes = 1;", evaluationInterval: "5m" } },
      ["scaleSettings.autoScale.evaluationInterval|is not an ISO 8601 duration"],
    ],
    [
      "formula that sets no target",
      { autoScale: { formula: "n = $PendingTasks.GetSample(1);" } },
      ["scaleSettings.autoScale.formula|assigns neither $TargetDedicatedNodes nor $TargetLowPriorityNodes"],
    ],
    ["empty formula", { autoScale: { formula: " " } }, ["scaleSettings.autoScale.formula|is required"]],
  ])("%s", (_case, scale, expected) => {
    const found = validateScaleSettings("", scale as never);
    expect(found.map((v) => v.path)).toEqual(expected.map((e) => e.split("|")[0]));
    expected.forEach((e, i) => expect(found[i].message).toContain(e.split("|")[1]));
  });
});

describe("start task", () => {
  test.each([
    [
      "explicit non-admin",
      { commandLine: "/bin/sh -c true", userIdentity: { autoUser: { elevationLevel: "NonAdmin" } } },
      [],
    ],
    ["named user", { commandLine: "cmd /c ver", userIdentity: { userName: "batch" } }, []],
    [
      "fields without a command line",
      { waitForSuccess: true, userIdentity: { autoUser: { elevationLevel: "Admin" } } },
      ["startTask.commandLine"],
    ],
    ["no explicit elevation", { commandLine: "/bin/sh -c true" }, ["startTask.userIdentity.autoUser.elevationLevel"]],
    [
      "user and auto-user",
      { commandLine: "x", userIdentity: { userName: "u", autoUser: { elevationLevel: "Admin" } } },
      ["startTask.userIdentity"],
    ],
    [
      "retry count below -1",
      { commandLine: "x", userIdentity: { userName: "u" }, maxTaskRetryCount: -2 },
      ["startTask.maxTaskRetryCount"],
    ],
  ])("%s", (_case, task, paths) => {
    expect(validateStartTask("", task as never).map((v) => v.path)).toEqual(paths);
  });
});

describe("pool options", () => {
  const nodes = `${sub}/resourceGroups/rg-b/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nodes`;
  const registry = (resourceId: string) => ({
    containerConfiguration: {
      type: "DockerCompatible",
      containerRegistries: [{ registryServer: "acr.azurecr.io", identityReference: { resourceId } }],
    },
  });
  test.each([
    ["valid", {}, []],
    [
      "a registry reached with the nodes' identity",
      { userAssignedIdentities: { nodes }, virtualMachineOptions: registry(nodes.toUpperCase()) },
      [],
    ],
    [
      "a registry reached with an identity the nodes do not carry",
      { virtualMachineOptions: registry(nodes) },
      ["virtualMachineOptions.containerConfiguration.containerRegistries[0].identityReference.resourceId"],
    ],
    [
      "a blobfuse mount with an identity the nodes do not carry",
      {
        mountConfiguration: {
          data: {
            azureBlobFileSystemConfiguration: {
              accountName: "st",
              containerName: "c",
              relativeMountPath: "data",
              identityReference: { resourceId: nodes },
            },
          },
        },
      },
      ["mountConfiguration.data.azureBlobFileSystemConfiguration.identityReference.resourceId"],
    ],
    ["unsupported VM size", { vmSize: "Standard_DS2_v2" }, ["vmSize"]],
    ["task slots above 256", { taskSlotsPerNode: 257 }, ["taskSlotsPerNode"]],
    ["pool name with a dot", { poolName: "linux.pool" }, ["poolName"]],
    [
      "no public IPs without a subnet",
      { networkConfiguration: { publicIPAddressProvisioning: "NoPublicIPAddresses" } },
      ["networkConfiguration.subnetId"],
    ],
    [
      "no public IPs with classic communication",
      {
        networkConfiguration: { subnetId, publicIPAddressProvisioning: "NoPublicIPAddresses" },
        targetNodeCommunicationMode: "Classic",
      },
      ["targetNodeCommunicationMode"],
    ],
    [
      "user-managed IPs without ids",
      { networkConfiguration: { subnetId, publicIPAddressProvisioning: "UserManaged" } },
      ["networkConfiguration.ipAddressIds"],
    ],
    [
      "eleven application packages",
      { applicationPackages: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { id: `app${i}` }])) },
      ["applicationPackages"],
    ],
  ])("%s", (_case, extra, paths) => {
    expect(validateBatchPoolOptions({ ...linuxPool, ...(extra as object) }).map((v) => v.path)).toEqual(paths);
  });
});

describe("validateBatchAccountArgs", () => {
  const base = { resourceGroupName: "rg" };
  const uai = {
    userAssignedResourceIds: {
      nodes: `${sub}/resourceGroups/rg-b/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nodes`,
    },
  };
  const cmk = {
    keySource: "Microsoft.KeyVault",
    keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/keys/batch" },
  };
  test.each([
    ["defaults", {}, []],
    ["UserSubscription without a Key Vault", { poolAllocationMode: "UserSubscription" }, ["keyVaultReference"]],
    [
      "UserSubscription with shared keys",
      {
        poolAllocationMode: "UserSubscription",
        allowedAuthenticationModes: ["AAD", "SharedKey"],
        keyVaultReference: {
          id: `${sub}/resourceGroups/k/providers/Microsoft.KeyVault/vaults/kv`,
          url: "https://kv.vault.azure.net/",
        },
      },
      ["allowedAuthenticationModes"],
    ],
    [
      "both identity types",
      { managedIdentities: { systemAssigned: true, userAssignedResourceIds: { a: "id" } } },
      ["managedIdentities"],
    ],
    [
      "identity-based auto-storage with a user identity but no principal id",
      { autoStorage: { storageAccountId: storageId }, managedIdentities: { userAssignedResourceIds: { a: "id" } } },
      ["autoStorage.identityPrincipalId"],
    ],
    [
      "network profile with private endpoints only",
      {
        privateEndpoints: { pe: { subnetId, groupId: "batchAccount" } },
        networkProfile: { accountAccess: { defaultAction: "Deny" } },
      },
      ["networkProfile"],
    ],
    ["applications without auto-storage", { applications: { tools: {} } }, ["applications"]],
    [
      "pool referencing an unknown application",
      { pools: { p: { ...linuxPool, applicationPackages: { nope: {} } } } },
      ["pools.p.applicationPackages.nope"],
    ],
    [
      "pool errors carry the pool's path",
      { pools: { p: { ...linuxPool, scaleSettings: {} } } },
      ["pools.p.scaleSettings"],
    ],
    ["account name with capitals", { accountName: "BatchAcc" }, ["accountName"]],
    ["a customer-managed key read by the user-assigned identity", { encryption: cmk, managedIdentities: uai }, []],
    [
      "a customer-managed key with a system-assigned identity (created with the account, too late for the key)",
      { encryption: cmk, managedIdentities: { systemAssigned: true } },
      ["managedIdentities|is system-assigned"],
    ],
    [
      "a customer-managed key with the default system-assigned identity of identity-based auto-storage",
      { encryption: cmk, autoStorage: { storageAccountId: storageId } },
      ["managedIdentities|is system-assigned"],
    ],
    [
      "a customer-managed key without an identity",
      { encryption: cmk },
      ["managedIdentities|must give the account a user-assigned identity"],
    ],
    [
      "Key Vault keys without a key",
      { encryption: { keySource: "Microsoft.KeyVault" }, managedIdentities: uai },
      ["encryption.keyVaultProperties.keyIdentifier|is required with keySource Microsoft.KeyVault"],
    ],
    [
      "a secret's URL instead of a key's",
      {
        encryption: { ...cmk, keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/secrets/batch" } },
        managedIdentities: uai,
      },
      ["encryption.keyVaultProperties.keyIdentifier|a Key Vault key URL"],
    ],
    [
      "an unknown key source",
      { encryption: { ...cmk, keySource: "Microsoft.Storage" }, managedIdentities: uai },
      ['encryption.keySource|allowed: "Microsoft.Batch", "Microsoft.KeyVault"'],
    ],
  ])("%s", (_case, extra, expected) => {
    const found = validateBatchAccountArgs({ ...base, ...(extra as object) } as never);
    expect(found.map((v) => v.path)).toEqual(expected.map((e) => e.split("|")[0]));
    expected.forEach((e, i) => expect(found[i].message).toContain(e.split("|")[1] ?? ""));
  });

  test.each([
    [
      "a key Azure ignores: keySource is Microsoft.Batch",
      { encryption: { ...cmk, keySource: "Microsoft.Batch" }, managedIdentities: uai },
      "encryption.keyVaultProperties",
      "has no effect: keySource is Microsoft.Batch",
    ],
    [
      "a node identity no pool carries",
      {
        autoStorage: { storageAccountId: storageId, nodeIdentityResourceId: uai.userAssignedResourceIds.nodes },
        pools: { p: linuxPool },
      },
      "autoStorage.nodeIdentityResourceId",
      "no pool of this account gives its nodes this identity",
    ],
  ])("warns: %s", (_case, extra, path, message) => {
    expect(validateBatchAccountArgs({ ...base, ...(extra as object) } as never)).toEqual([
      { path, value: expect.anything(), message: expect.stringContaining(message), severity: "warning" },
    ]);
  });

  test("a node identity the pools carry is no warning", () => {
    const nodes = uai.userAssignedResourceIds.nodes;
    const args = {
      ...base,
      autoStorage: { storageAccountId: storageId, nodeIdentityResourceId: nodes },
      pools: { p: { ...linuxPool, userAssignedIdentities: { nodes: nodes.toUpperCase() } } },
    };
    expect(validateBatchAccountArgs(args)).toEqual([]);
  });
});

describe("BatchAccount on the simulated ARM", () => {
  test("secure account, identity-based auto-storage grant, pools ordered after it, private endpoints", async () => {
    const account = new BatchAccount("ba", {
      resourceGroupName: "rg-b",
      location: "westeurope",
      accountName: "bajobs01",
      autoStorage: { storageAccountId: storageId },
      privateEndpoints: { account: { subnetId, groupId: "batchAccount" } },
      applications: { tools: { versions: { "1.0": {} } } },
      pools: {
        linux: {
          ...linuxPool,
          startTask: {
            commandLine: "/bin/sh -c true",
            userIdentity: { autoUser: { elevationLevel: "NonAdmin" } },
            environmentSettings: { MODE: "dev" },
          },
          networkConfiguration: { subnetId, publicIPAddressProvisioning: "NoPublicIPAddresses" },
          applicationPackages: { tools: { version: "1.0" } },
        },
        windows: {
          vmSize: "Standard_D2s_v3",
          imageReference: windows,
          nodeAgentSkuId: "batch.node.windows amd64",
          windowsConfiguration: { enableAutomaticUpdates: false },
          scaleSettings: { fixedScale: { targetDedicatedNodes: 1 } },
        },
      },
      protect: true,
    });
    await sim.settle();
    const acc = sim.one("azure-native:batch:BatchAccount");
    expect(acc.inputs).toMatchObject({
      accountName: "bajobs01",
      identity: { type: "SystemAssigned" },
      autoStorage: { storageAccountId: storageId, authenticationMode: "BatchAccountManagedIdentity" },
      poolAllocationMode: "BatchService",
      allowedAuthenticationModes: ["AAD"],
      publicNetworkAccess: "Disabled",
    });
    expect(acc.protect).toBe(true);

    const grant = sim.one("azure-native:authorization:RoleAssignment", "ba-ra-autostorage");
    expect(grant.inputs).toMatchObject({
      scope: storageId,
      principalType: "ServicePrincipal",
      principalId: (acc.outputs!.identity as { principalId: string }).principalId,
      roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
    });

    const linux = sim.one("azure-native:batch:Pool", "linux-pool");
    expect(linux.inputs).toMatchObject({
      accountName: "bajobs01",
      poolName: "linux",
      vmSize: "Standard_D2s_v3",
      deploymentConfiguration: {
        virtualMachineConfiguration: {
          imageReference: { ...ubuntu, version: "latest" },
          nodeAgentSkuId: "batch.node.ubuntu 22.04",
        },
      },
      scaleSettings: { autoScale: { formula: "$TargetDedicatedNodes = 1;", evaluationInterval: "PT5M" } },
      startTask: {
        commandLine: "/bin/sh -c true",
        userIdentity: { autoUser: { elevationLevel: "NonAdmin" } },
        environmentSettings: [{ name: "MODE", value: "dev" }],
        waitForSuccess: true,
      },
      networkConfiguration: { subnetId, publicIPAddressConfiguration: { provision: "NoPublicIPAddresses" } },
      targetNodeCommunicationMode: "Simplified",
      applicationPackages: [{ id: sim.one("azure-native:batch:Application").id, version: "1.0" }],
    });
    expect(linux.protect).toBe(true);
    // Pools wait for the auto-storage grant and the package version they reference.
    expect(linux.dependencies).toEqual(
      expect.arrayContaining([grant.urn, sim.one("azure-native:batch:ApplicationPackage").urn]),
    );

    const win = sim.one("azure-native:batch:Pool", "windows-pool");
    expect(win.inputs).toMatchObject({
      poolName: "windows",
      deploymentConfiguration: {
        virtualMachineConfiguration: {
          nodeAgentSkuId: "batch.node.windows amd64",
          windowsConfiguration: { enableAutomaticUpdates: false },
        },
      },
      scaleSettings: { fixedScale: { targetDedicatedNodes: 1 } },
    });
    expect(win.inputs.scaleSettings).not.toHaveProperty("autoScale");

    expect(sim.one("azure-native:network:PrivateEndpoint").inputs).toMatchObject({
      privateLinkServiceConnections: [{ groupIds: ["batchAccount"], privateLinkServiceId: acc.id }],
    });
    expect(await valueOf(account.endpoint)).toBe("https://bajobs01.westeurope.batch.azure.com");
    expect(await valueOf(account.pools.linux.poolId)).toBe("linux");
  });

  test("a user-assigned identity gets the grant through its principal id; shared-key storage gets none", async () => {
    new BatchAccount("ua", {
      resourceGroupName: "rg-b",
      managedIdentities: {
        userAssignedResourceIds: {
          app: `${sub}/resourceGroups/rg-b/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app`,
        },
      },
      autoStorage: { storageAccountId: storageId, identityPrincipalId: "pid-ua" },
    });
    new BatchAccount("keys", {
      resourceGroupName: "rg-b",
      autoStorage: { storageAccountId: storageId, authenticationMode: "StorageKeys" },
    });
    await sim.settle();
    expect(sim.one("azure-native:batch:BatchAccount", "ua-account").inputs.identity).toEqual({
      type: "UserAssigned",
      userAssignedIdentities: [
        `${sub}/resourceGroups/rg-b/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app`,
      ],
    });
    expect(sim.one("azure-native:authorization:RoleAssignment", "ua-ra-autostorage").inputs.principalId).toBe("pid-ua");
    expect(sim.one("azure-native:batch:BatchAccount", "keys-account").inputs).not.toHaveProperty("identity");
    expect(sim.arm.ofType("azure-native:authorization:RoleAssignment").map((r) => r.name)).toEqual([
      "ua-ra-autostorage",
    ]);
  });

  test("a system-assigned identity is kept without auto-storage; a customer-managed key reaches the account", async () => {
    const nodes = `${sub}/resourceGroups/rg-b/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nodes`;
    new BatchAccount("sys", { resourceGroupName: "rg-b", managedIdentities: { systemAssigned: true } });
    new BatchAccount("cmk", {
      resourceGroupName: "rg-b",
      managedIdentities: { userAssignedResourceIds: { key: nodes } },
      encryption: {
        keySource: "Microsoft.KeyVault",
        keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/keys/batch" },
      },
      autoStorage: { storageAccountId: storageId, identityPrincipalId: "pid", nodeIdentityResourceId: nodes },
      pools: { p: { ...linuxPool, userAssignedIdentities: { nodes } } },
    });
    await sim.settle();
    expect(sim.one("azure-native:batch:BatchAccount", "sys-account").inputs.identity).toEqual({
      type: "SystemAssigned",
    });
    expect(sim.one("azure-native:batch:BatchAccount", "cmk-account").inputs).toMatchObject({
      identity: { type: "UserAssigned", userAssignedIdentities: [nodes] },
      encryption: {
        keySource: "Microsoft.KeyVault",
        keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/keys/batch" },
      },
      autoStorage: { nodeIdentityReference: { resourceId: nodes } },
    });
    expect(sim.one("azure-native:batch:Pool", "p-pool").inputs.identity).toEqual({
      type: "UserAssigned",
      userAssignedIdentities: [nodes],
    });
  });

  test("a bad pool fails before any child is created", async () => {
    expect(
      () =>
        new BatchAccount("bad", {
          resourceGroupName: "rg-b",
          pools: {
            p: {
              ...linuxPool,
              scaleSettings: {
                fixedScale: { targetDedicatedNodes: 1 },
                autoScale: { formula: "$TargetDedicatedNodes=1;" },
              },
            },
          },
        }),
    ).toThrow("pools.p.scaleSettings: ");
    await sim.settle();
    expect(sim.arm.ofType("azure-native:batch:BatchAccount")).toHaveLength(0);
  });
});

describe("batch stack config", () => {
  const base = { environment: "dev", storage: { events: {} }, identities: { app: {} } };
  const cmk = {
    keySource: "Microsoft.KeyVault",
    keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/keys/batch" },
  };
  const account = (extra: object, pool: object = {}) => ({
    ...base,
    batch: {
      accounts: {
        jobs: {
          autoStorage: "events",
          pools: {
            linux: {
              vmSize: "Standard_D2s_v3",
              imageReference: ubuntu,
              nodeAgentSkuId: "batch.node.ubuntu 22.04",
              scaleSettings: { autoScale: { formula: "$TargetDedicatedNodes = 1;" } },
              ...pool,
            },
          },
          ...extra,
        },
      },
    },
  });

  test("a valid account", () => {
    expect(validateStackConfig(account({})).violations).toEqual([]);
  });

  test.each([
    [
      "unknown auto-storage",
      { autoStorage: "nope" },
      {},
      "batch.accounts.jobs.autoStorage",
      "names no storage account declared under 'storage'",
    ],
    [
      "unknown identity",
      { managedIdentities: { userAssigned: ["ghost"] } },
      {},
      "batch.accounts.jobs.managedIdentities.userAssigned.ghost",
      "names no identity declared under 'identities'",
    ],
    [
      "both scale modes, with the config path",
      {},
      {
        scaleSettings: {
          fixedScale: { targetDedicatedNodes: 1 },
          autoScale: { formula: "$TargetDedicatedNodes = 1;" },
        },
      },
      "batch.accounts.jobs.pools.linux.scaleSettings",
      "mutually exclusive",
    ],
    [
      "an undeclared subnet",
      {},
      { networkConfiguration: { subnet: "nodes" } },
      "batch.accounts.jobs.pools.linux.networkConfiguration.subnet",
      "names no subnet declared under 'network.subnets'",
    ],
    [
      "Windows settings on the Ubuntu pool",
      {},
      { windowsConfiguration: { enableAutomaticUpdates: true } },
      "batch.accounts.jobs.pools.linux.windowsConfiguration",
      "is set on a Linux image",
    ],
    [
      "an account name with capitals",
      { name: "BatchJobs" },
      {},
      "batch.accounts.jobs.name",
      "3-24 lowercase letters and digits",
    ],
    [
      "StorageKeys against the stack's storage, whose shared keys are off",
      { autoStorageAuthentication: "StorageKeys" },
      {},
      "batch.accounts.jobs.autoStorageAuthentication",
      "auto-storage account storage.events has shared key access off",
    ],
    [
      "both identity kinds",
      { managedIdentities: { userAssigned: ["app"], systemAssigned: true } },
      {},
      "batch.accounts.jobs.managedIdentities",
      "a Batch account takes one type",
    ],
    [
      "identity-based auto-storage with the system-assigned identity turned off and no other",
      { managedIdentities: { systemAssigned: false } },
      {},
      "batch.accounts.jobs.managedIdentities",
      "must give the account an identity",
    ],
    [
      "an identity listed twice",
      { managedIdentities: { userAssigned: ["app", "app"] } },
      {},
      "batch.accounts.jobs.managedIdentities.userAssigned.1",
      "lists 'app' twice",
    ],
    [
      "an unknown node identity",
      { autoStorageNodeIdentity: "ghost" },
      {},
      "batch.accounts.jobs.autoStorageNodeIdentity",
      "names no identity declared under 'identities'",
    ],
    [
      "a container registry reached with an identity the pool does not carry",
      {},
      {
        containerConfiguration: {
          type: "DockerCompatible",
          containerRegistries: { acr: { registryServer: "acr.azurecr.io", identity: "app" } },
        },
      },
      "batch.accounts.jobs.pools.linux.containerConfiguration.containerRegistries.acr.identity",
      "is not one of the pool's identities",
    ],
    [
      "a start-task file downloaded with an identity the pool does not carry",
      {},
      {
        startTask: {
          commandLine: "/bin/true",
          userIdentity: { autoUser: { elevationLevel: "NonAdmin" } },
          resourceFiles: { f: { httpUrl: "https://st.blob.core.windows.net/c/f", filePath: "f", identity: "app" } },
        },
      },
      "batch.accounts.jobs.pools.linux.startTask.resourceFiles.f.identity",
      "is not one of the pool's identities",
    ],
    [
      "a customer-managed key with the default (system-assigned) identity",
      { encryption: cmk },
      {},
      "batch.accounts.jobs.managedIdentities",
      "is system-assigned, which Azure creates with the account",
    ],
  ])("%s", (_case, extra, pool, path, message) => {
    expect(validateStackConfig(account(extra, pool)).violations).toEqual([
      expect.objectContaining({ path, message: expect.stringContaining(message) }),
    ]);
  });

  test("a customer-managed key, the account's user identity and a node identity the pool carries", () => {
    const result = validateStackConfig(
      account(
        { encryption: cmk, managedIdentities: { userAssigned: ["app"] }, autoStorageNodeIdentity: "app" },
        { identities: { app: {} } },
      ),
    );
    expect([result.violations, result.warnings]).toEqual([[], []]);
  });

  test("two user-assigned identities: the account takes one", () => {
    const config = account({ managedIdentities: { userAssigned: ["ops", "app"] } });
    expect(validateStackConfig({ ...config, identities: { app: {}, ops: {} } }).violations).toEqual([
      expect.objectContaining({
        path: "batch.accounts.jobs.managedIdentities.userAssigned",
        message: expect.stringContaining("takes one user-assigned identity"),
      }),
    ]);
  });

  test.each([
    [
      "a node identity without auto-storage",
      { autoStorage: undefined, autoStorageNodeIdentity: "app" },
      "batch.accounts.jobs.autoStorageNodeIdentity",
      "has no effect without autoStorage",
    ],
    [
      "a node identity no pool carries",
      { autoStorageNodeIdentity: "app" },
      "batch.accounts.jobs.autoStorageNodeIdentity",
      "no pool of this account gives its nodes this identity",
    ],
  ])("warns once: %s", (_case, extra, path, message) => {
    const result = validateStackConfig(account(extra));
    expect(result.violations).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(new RegExp(`^${path.replace(/\./g, "\\.")}: .*${message}`)),
    ]);
  });
});
