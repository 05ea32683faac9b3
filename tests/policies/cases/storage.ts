import * as eventgrid from "@pulumi/azure-native/eventgrid";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as storage from "@pulumi/azure-native/storage";
import { fail, pass, RG, RuleCase } from "../harness";
import { privateEndpoint } from "./fixtures";

// Storage rule cases: each insecure or lossy variant changes one setting of an account the ALZ guardrails accept.

const secure: storage.StorageAccountArgs = {
  resourceGroupName: RG,
  kind: "StorageV2",
  sku: { name: "Standard_GZRS" },
  publicNetworkAccess: "Disabled",
  networkRuleSet: { defaultAction: "Deny", bypass: "None" },
  allowSharedKeyAccess: false,
  allowBlobPublicAccess: false,
  minimumTlsVersion: "TLS1_2",
  enableHttpsTrafficOnly: true,
  allowedCopyScope: "AAD",
  allowCrossTenantReplication: false,
  isLocalUserEnabled: false,
  encryption: {
    keySource: "Microsoft.Storage",
    requireInfrastructureEncryption: true,
    services: {
      blob: { enabled: true, keyType: "Account" },
      file: { enabled: true, keyType: "Account" },
      queue: { enabled: true, keyType: "Account" },
      table: { enabled: true, keyType: "Account" },
    },
  },
};
const account = (n: string, args: Partial<storage.StorageAccountArgs> = {}) =>
  new storage.StorageAccount(`${n}-st`, { ...secure, accountName: `${n}st`, ...args });

const blobService = (n: string, acct: storage.StorageAccount, args: Partial<storage.BlobServicePropertiesArgs> = {}) =>
  new storage.BlobServiceProperties(`${n}-blob`, {
    resourceGroupName: RG,
    accountName: acct.name,
    blobServicesName: "default",
    deleteRetentionPolicy: { enabled: true, days: 7 },
    containerDeleteRetentionPolicy: { enabled: true, days: 7 },
    isVersioningEnabled: true,
    ...args,
  });

/** An Event Grid subscription dead-lettering to `acct` (the writer that makes the account a data sink). */
const deadLetterTo = (n: string, acct: storage.StorageAccount) =>
  new eventgrid.SystemTopicEventSubscription(`${n}-sub`, {
    resourceGroupName: RG,
    systemTopicName: "t",
    destination: { endpointType: "WebHook", endpointUrl: "https://example.com/hook" },
    deadLetterWithResourceIdentity: {
      identity: { type: "SystemAssigned" },
      deadLetterDestination: { endpointType: "StorageBlob", resourceId: acct.id, blobContainerName: "deadletters" },
    },
  });

/** An event hub capturing to `acct` with the namespace's identity. */
const captureTo = (n: string, acct: storage.StorageAccount) =>
  new eventhub.EventHub(`${n}-eh`, {
    resourceGroupName: RG,
    namespaceName: "x",
    captureDescription: {
      enabled: true,
      encoding: "Avro",
      destination: {
        name: "EventHubArchive.AzureBlockBlob",
        storageAccountResourceId: acct.id,
        blobContainer: "capture",
        archiveNameFormat: "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
        identity: { type: "SystemAssigned" },
      },
    },
  });

export const cases: RuleCase[] = [
  pass("storage-account-public-network-access-disabled", "Disabled", (n) => account(n)),
  fail(
    "storage-account-public-network-access-disabled",
    "lost its private endpoint: Enabled",
    (n) => account(n, { publicNetworkAccess: "Enabled" }),
    /^Storage accounts disable public network access\.\npublicNetworkAccess is "Enabled"/,
  ),
  pass("storage-account-network-default-deny", "Deny, no IP rules", (n) => account(n)),
  fail(
    "storage-account-network-default-deny",
    "public access and no firewall",
    (n) => account(n, { publicNetworkAccess: "Enabled", networkRuleSet: undefined }),
    /networkRuleSet.defaultAction is null \(Allow when unset\) with publicNetworkAccess "Enabled"/,
  ),
  fail(
    "storage-account-network-default-deny",
    "an IP rule",
    (n) =>
      account(n, {
        networkRuleSet: { defaultAction: "Deny", bypass: "None", ipRules: [{ iPAddressOrRange: "1.2.3.4" }] },
      }),
    /ipRules allows 1 public IP range/,
  ),
  pass("storage-account-network-exceptions", "bypass None", (n) => account(n)),
  fail(
    "storage-account-network-exceptions",
    "the SDK's default bypass AzureServices and a wildcard resource instance rule",
    (n) =>
      account(n, {
        networkRuleSet: {
          defaultAction: "Deny",
          resourceAccessRules: [{ tenantId: "t", resourceId: "/subscriptions/*/resourceGroups/*/providers/x/y/*" }],
        },
      }),
    [/networkRuleSet.bypass is "AzureServices"; allowed: None/, /resourceAccessRules grants every subscription/],
  ),
  pass("storage-account-shared-key-disabled", "false", (n) => account(n)),
  fail(
    "storage-account-shared-key-disabled",
    "unset",
    (n) => account(n, { allowSharedKeyAccess: undefined }),
    /allowSharedKeyAccess is null \(true when unset\)/,
  ),
  pass("storage-account-blob-public-access-disabled", "false", (n) => account(n)),
  fail(
    "storage-account-blob-public-access-disabled",
    "true",
    (n) => account(n, { allowBlobPublicAccess: true }),
    /allowBlobPublicAccess is true/,
  ),
  pass("storage-account-minimum-tls", "TLS1_2", (n) => account(n)),
  fail(
    "storage-account-minimum-tls",
    "TLS1_0",
    (n) => account(n, { minimumTlsVersion: "TLS1_0" }),
    /minimumTlsVersion is "TLS1_0"; must be 1.2 or later/,
  ),
  fail(
    "storage-account-minimum-tls",
    "unset (ALZ denies it)",
    (n) => account(n, { minimumTlsVersion: undefined }),
    /minimumTlsVersion is not set/,
  ),
  pass("storage-account-https-only", "true", (n) => account(n)),
  fail(
    "storage-account-https-only",
    "false",
    (n) => account(n, { enableHttpsTrafficOnly: false }),
    /enableHttpsTrafficOnly is false/,
  ),
  pass("storage-account-copy-scope-and-replication", "AAD, no cross-tenant replication", (n) => account(n)),
  fail(
    "storage-account-copy-scope-and-replication",
    "unset",
    (n) => account(n, { allowedCopyScope: undefined, allowCrossTenantReplication: undefined }),
    [/allowedCopyScope is null/, /allowCrossTenantReplication is null; must be false/],
  ),
  pass("storage-account-encryption", "double encryption, account keys", (n) => account(n)),
  fail("storage-account-encryption", "no encryption block", (n) => account(n, { encryption: undefined }), [
    /requireInfrastructureEncryption is not true/,
    /services.blob.enabled/,
    /services.file.enabled/,
    /services.queue.keyType/,
    /services.table.keyType/,
  ]),
  pass("storage-account-no-sftp-or-local-users", "local users off", (n) => account(n)),
  fail(
    "storage-account-no-sftp-or-local-users",
    "SFTP on, local users unset",
    (n) => account(n, { isSftpEnabled: true, isHnsEnabled: true, isLocalUserEnabled: undefined }),
    [/isSftpEnabled is true/, /isLocalUserEnabled is null/],
  ),
  pass("storage-account-replication", "GZRS", (n) => account(n)),
  fail(
    "storage-account-replication",
    "locally redundant prod data",
    (n) => account(n, { sku: { name: "Standard_LRS" } }),
    /sku.name is "Standard_LRS"; allowed: Standard_ZRS/,
  ),
  pass("storage-dead-letter-capture-soft-delete", "dead-letter account with soft delete and versioning", (n) => {
    const a = account(n);
    blobService(n, a);
    deadLetterTo(n, a);
  }),
  pass("storage-dead-letter-capture-soft-delete", "capture data lake: versioning not required", (n) => {
    const a = account(n, { isHnsEnabled: true });
    blobService(n, a, { isVersioningEnabled: false });
    captureTo(n, a);
  }),
  fail(
    "storage-dead-letter-capture-soft-delete",
    "capture account without blob service properties",
    (n) => captureTo(n, account(n)),
    /\(written by c\d+-eh\) has no blob service properties/,
  ),
  fail(
    "storage-dead-letter-capture-soft-delete",
    "dead-letter account with 1-day soft delete, no container soft delete, no versioning",
    (n) => {
      const a = account(n);
      blobService(n, a, {
        deleteRetentionPolicy: { enabled: true, days: 1 },
        containerDeleteRetentionPolicy: { enabled: false },
        isVersioningEnabled: false,
      });
      deadLetterTo(n, a);
    },
    [
      /deleteRetentionPolicy.days is 1; at least 7/,
      /containerDeleteRetentionPolicy.enabled is not true/,
      /isVersioningEnabled/,
    ],
  ),
  pass("storage-service-no-cors", "no CORS rules", (n) => blobService(n, account(n))),
  fail(
    "storage-service-no-cors",
    "a CORS rule",
    (n) =>
      blobService(n, account(n), {
        cors: {
          corsRules: [
            {
              allowedOrigins: ["*"],
              allowedMethods: ["GET"],
              allowedHeaders: ["*"],
              exposedHeaders: ["*"],
              maxAgeInSeconds: 60,
            },
          ],
        },
      }),
    /cors.corsRules has 1 rule/,
  ),
  pass("storage-account-private-endpoint", "blob endpoint", (n) => privateEndpoint(n, account(n).id, ["blob"])),
  fail(
    "storage-account-private-endpoint",
    "lost its private endpoint",
    (n) => account(n),
    /c\d+-st has no private endpoint \(group id blob or dfs or queue\)/,
  ),
  pass("storage-sink-reachable-by-service", "trusted-service path: Enabled, Deny, AzureServices", (n) =>
    deadLetterTo(n, account(n, { publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Deny" } })),
  ),
  fail(
    "storage-sink-reachable-by-service",
    "ALZ path: public access Disabled",
    (n) => captureTo(n, account(n)),
    /publicNetworkAccess is Disabled, so c\d+-eh can't write to it/,
  ),
];
