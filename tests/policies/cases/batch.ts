import * as batch from "@pulumi/azure-native/batch";
import { fail, pass, RG, RuleCase, SUB, SUBNET } from "../harness";
import { diagnosticSetting, privateEndpoint } from "./fixtures";

const storageId = `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st`;
const NODES = `${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nodes`;
const account = (n: string, args: Partial<batch.BatchAccountArgs> = {}) =>
  new batch.BatchAccount(`${n}-ba`, {
    resourceGroupName: RG,
    accountName: `${n}ba`,
    publicNetworkAccess: "Disabled",
    allowedAuthenticationModes: ["AAD"],
    identity: { type: "SystemAssigned" },
    encryption: {
      keySource: "Microsoft.KeyVault",
      keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/keys/k/1" },
    },
    ...args,
  });

const vm = {
  imageReference: { publisher: "canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
  nodeAgentSkuId: "batch.node.ubuntu 24.04",
  diskEncryptionConfiguration: { targets: ["TemporaryDisk" as const] },
};
const pool = (n: string, args: Partial<batch.PoolArgs> = {}) =>
  new batch.Pool(`${n}-pool`, {
    resourceGroupName: RG,
    accountName: "ba",
    vmSize: "Standard_D2s_v5",
    deploymentConfiguration: { virtualMachineConfiguration: vm },
    networkConfiguration: { subnetId: SUBNET, publicIPAddressConfiguration: { provision: "NoPublicIPAddresses" } },
    startTask: { commandLine: "/bin/true", userIdentity: { autoUser: { elevationLevel: "NonAdmin", scope: "Pool" } } },
    ...args,
  });

export const cases: RuleCase[] = [
  pass("batch-account-public-network-access-disabled", "Disabled", (n) => account(n)),
  fail(
    "batch-account-public-network-access-disabled",
    "unset: the SDK default Enabled",
    (n) => account(n, { publicNetworkAccess: undefined }),
    /publicNetworkAccess is "Enabled"/,
  ),
  pass("batch-account-network-default-deny", "public with default Deny", (n) =>
    account(n, {
      publicNetworkAccess: "Enabled",
      networkProfile: {
        accountAccess: { defaultAction: "Deny", ipRules: [{ action: "Allow", value: "203.0.113.7" }] },
      },
    }),
  ),
  fail(
    "batch-account-network-default-deny",
    "public without a network profile",
    (n) => account(n, { publicNetworkAccess: "Enabled" }),
    /defaultAction is null \(Allow when unset\)/,
  ),
  pass("batch-account-entra-id-auth", "AAD only", (n) => account(n)),
  fail(
    "batch-account-entra-id-auth",
    "shared key allowed",
    (n) => account(n, { allowedAuthenticationModes: ["AAD", "SharedKey"] }),
    /includes SharedKey/,
  ),
  fail(
    "batch-account-entra-id-auth",
    "unset (Azure allows all)",
    (n) => account(n, { allowedAuthenticationModes: undefined }),
    /allowedAuthenticationModes is not set/,
  ),
  fail(
    "batch-account-entra-id-auth",
    "task tokens refused by a strict config",
    (n) => account(n, { allowedAuthenticationModes: ["AAD", "TaskAuthenticationToken"] }),
    /includes TaskAuthenticationToken; allowed: AAD$/,
    { "batch-account-entra-id-auth": { allowedModes: ["AAD"] } },
  ),
  pass("batch-account-customer-managed-key", "Key Vault key", (n) => account(n)),
  fail(
    "batch-account-customer-managed-key",
    "Microsoft-managed",
    (n) => account(n, { encryption: { keySource: "Microsoft.Batch" } }),
    /keySource is "Microsoft.Batch"; must be Microsoft.KeyVault/,
  ),
  pass("batch-pool-disk-encryption", "temporary disk encrypted", (n) => pool(n)),
  pass("batch-pool-disk-encryption", "encryption at host", (n) =>
    pool(n, {
      deploymentConfiguration: {
        virtualMachineConfiguration: {
          ...vm,
          diskEncryptionConfiguration: undefined,
          securityProfile: { encryptionAtHost: true },
        },
      },
    }),
  ),
  fail(
    "batch-pool-disk-encryption",
    "no disk encryption",
    (n) =>
      pool(n, {
        deploymentConfiguration: { virtualMachineConfiguration: { ...vm, diskEncryptionConfiguration: undefined } },
      }),
    /targets lacks TemporaryDisk/,
  ),
  pass("batch-pool-no-public-ip", "subnet, no public IPs", (n) => pool(n)),
  fail("batch-pool-no-public-ip", "no network configuration", (n) => pool(n, { networkConfiguration: undefined }), [
    /subnetId is not set/,
    /provision is null \(BatchManaged when unset\)/,
  ]),
  pass("batch-pool-start-task-not-admin", "NonAdmin", (n) => pool(n)),
  fail(
    "batch-pool-start-task-not-admin",
    "Admin",
    (n) =>
      pool(n, {
        startTask: { commandLine: "apt-get install x", userIdentity: { autoUser: { elevationLevel: "Admin" } } },
      }),
    /elevationLevel is Admin/,
  ),
  pass("batch-account-private-endpoint", "batchAccount endpoint", (n) =>
    privateEndpoint(n, account(n).id, ["batchAccount"]),
  ),
  fail(
    "batch-account-private-endpoint",
    "only a nodeManagement endpoint",
    (n) => privateEndpoint(n, account(n).id, ["nodeManagement"]),
    /has no private endpoint \(group id batchAccount\)/,
  ),
  pass("batch-account-diagnostics", "allLogs", (n) =>
    diagnosticSetting(n, account(n).id, [{ categoryGroup: "allLogs", enabled: true }]),
  ),
  fail("batch-account-diagnostics", "none", (n) => account(n), /has no diagnostic setting/),
  pass("batch-pool-no-admin-user-accounts", "non-admin user", (n) =>
    pool(n, { userAccounts: [{ name: "worker", password: "x", elevationLevel: "NonAdmin" }] }),
  ),
  fail(
    "batch-pool-no-admin-user-accounts",
    "admin user",
    (n) => pool(n, { userAccounts: [{ name: "ops", password: "x", elevationLevel: "Admin" }] }),
    /user account "ops" has elevationLevel Admin/,
  ),
  pass("batch-account-auto-storage-identity", "managed identity", (n) =>
    account(n, { autoStorage: { storageAccountId: storageId, authenticationMode: "BatchAccountManagedIdentity" } }),
  ),
  fail(
    "batch-account-auto-storage-identity",
    "unset: the SDK default StorageKeys",
    (n) => account(n, { autoStorage: { storageAccountId: storageId } }),
    /authenticationMode is "StorageKeys"/,
  ),
  pass("batch-pool-registry-managed-identity", "no container registries", (n) => pool(n)),
  pass("batch-pool-registry-managed-identity", "a registry reached with a node identity", (n) =>
    pool(n, {
      deploymentConfiguration: {
        virtualMachineConfiguration: withRegistry({ identityReference: { resourceId: NODES } }),
      },
    }),
  ),
  fail(
    "batch-pool-registry-managed-identity",
    "a registry reached with a password",
    (n) =>
      pool(n, {
        deploymentConfiguration: {
          virtualMachineConfiguration: withRegistry({ userName: "pull", password: "not-a-real-secret" }),
        },
      }),
    /container registry "acr.azurecr.io" is reached with a password/,
  ),
];

function withRegistry(credentials: object) {
  return {
    ...vm,
    containerConfiguration: {
      type: "DockerCompatible",
      containerRegistries: [{ registryServer: "acr.azurecr.io", ...credentials }],
    },
  };
}
