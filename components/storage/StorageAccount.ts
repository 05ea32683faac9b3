import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import type * as types from "@pulumi/azure-native/types";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, defaultPublicNetworkAccess, validateCommonArgs } from "../core/extensions";
import { toManagedServiceIdentity } from "../core/identity";
import { CommonResourceArgs, RoleAssignmentArgs } from "../core/interfaces";
import { createRoleAssignment, validateRoleAssignments } from "../core/roleAssignment";
import { childName } from "../core/naming";
import { mapKeys, matches } from "../core/validate";

export interface StorageAccountArgs extends CommonResourceArgs {
  /** Globally unique name, 3-24 lowercase letters and digits. Defaults to an auto-name from the component name. */
  readonly accountName?: pulumi.Input<string>;
  /** Replication SKU. Defaults to `Standard_ZRS`. */
  readonly sku?: pulumi.Input<string>;
  /** Hierarchical namespace (Data Lake Storage Gen2, for Event Hubs capture to a data lake). Defaults to false. */
  readonly dataLake?: boolean;
  /** Blob containers keyed by container name. Defaults to none. */
  readonly containers?: Record<
    string,
    {
      readonly metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
      /** Data roles scoped to this container (least privilege: not the account). Defaults to none. */
      readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
    }
  >;
  /** Storage queues keyed by queue name. Defaults to none. */
  readonly queues?: Record<
    string,
    {
      /** Data roles scoped to this queue (least privilege: not the account). Defaults to none. */
      readonly roleAssignments?: Record<string, RoleAssignmentArgs>;
    }
  >;
  /** Defaults to Disabled when private endpoints are given, Enabled otherwise. */
  readonly publicNetworkAccess?: "Enabled" | "Disabled";
  /**
   * Firewall of the public endpoint. Defaults, when private endpoints are given, to `{ defaultAction: Deny, bypass:
   * AzureServices }`: no network reaches the public endpoint except trusted Azure services authenticating with a
   * managed identity (Event Grid dead-letter and queue delivery, Event Hubs Capture, Batch auto-storage), which only
   * works with `publicNetworkAccess: Enabled` ("selected networks"); with Disabled it changes nothing. None otherwise.
   */
  readonly networkRuleSet?: types.input.storage.NetworkRuleSetArgs;
  /**
   * Shared key (account key / SAS) access. Defaults to false: every consumer here (Event Grid dead-letter, Event Hubs
   * capture, checkpoint stores, Batch) authenticates with Entra ID.
   */
  readonly allowSharedKeyAccess?: boolean;
}

/** Validates StorageAccountArgs. Pure; exported for tests. */
export function validateStorageAccountArgs(args: StorageAccountArgs): Violation[] {
  return [
    ...validateCommonArgs(args, "Microsoft.Storage/storageAccounts"),
    matches("accountName", args.accountName, /^[a-z0-9]{3,24}$/, "3-24 lowercase letters and digits"),
    ...mapKeys("containers", args.containers),
    ...Object.keys(args.containers ?? {}).map((k) =>
      matches(
        `containers.${k}`,
        k,
        /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
        "a container name: 3-63 lowercase letters, digits and single hyphens",
      ),
    ),
    ...Object.entries(args.containers ?? {}).flatMap(([k, c]) =>
      validateRoleAssignments(`containers.${k}.roleAssignments`, c.roleAssignments),
    ),
    ...Object.entries(args.queues ?? {}).flatMap(([k, q]) =>
      validateRoleAssignments(`queues.${k}.roleAssignments`, q.roleAssignments),
    ),
    ...Object.keys(args.queues ?? {}).map((k) =>
      matches(
        `queues.${k}`,
        k,
        /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
        "a queue name: 3-63 lowercase letters, digits and single hyphens",
      ),
    ),
  ].filter((v): v is Violation => v !== undefined);
}

/**
 * A StorageV2 account with secure defaults (TLS 1.2, HTTPS only, no public blob access, no shared keys,
 * OAuth by default) and its blob containers and queues. Used for dead-letter, capture, checkpoints and Batch.
 */
export class StorageAccount extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly account: storage.StorageAccount;
  /** Containers by key: ids are what role assignments scope to (least privilege: the container, not the account). */
  public readonly containers: Record<string, storage.BlobContainer> = {};
  public readonly queues: Record<string, storage.Queue> = {};

  constructor(name: string, args: StorageAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:storage:StorageAccount", name, {}, opts);
    throwIfInvalid(`azint:storage:StorageAccount ${name}`, validateStorageAccountArgs(args));
    const hasPe = Object.keys(args.privateEndpoints ?? {}).length > 0;
    this.account = new storage.StorageAccount(
      childName(name, "account"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        accountName: args.accountName,
        kind: "StorageV2",
        sku: { name: args.sku ?? "Standard_ZRS" },
        isHnsEnabled: args.dataLake ?? false,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: args.allowSharedKeyAccess ?? false,
        defaultToOAuthAuthentication: true,
        publicNetworkAccess: defaultPublicNetworkAccess(args.publicNetworkAccess, hasPe, false),
        networkRuleSet: args.networkRuleSet ?? (hasPe ? { defaultAction: "Deny", bypass: "AzureServices" } : undefined),
        identity: toManagedServiceIdentity(args.managedIdentities),
        tags: args.tags,
      },
      { parent: this, protect: args.protect },
    );
    for (const [key, c] of Object.entries(args.containers ?? {})) {
      this.containers[key] = new storage.BlobContainer(
        childName(name, "container", key),
        {
          resourceGroupName: args.resourceGroupName,
          accountName: this.account.name,
          containerName: key,
          publicAccess: "None",
          metadata: c.metadata,
        },
        { parent: this, protect: args.protect },
      );
      for (const [rk, a] of Object.entries(c.roleAssignments ?? {})) {
        createRoleAssignment(
          childName(name, "ra", "container", key, rk),
          { ...a, scope: this.containers[key].id },
          { parent: this },
        );
      }
    }
    for (const [key, q] of Object.entries(args.queues ?? {})) {
      this.queues[key] = new storage.Queue(
        childName(name, "queue", key),
        { resourceGroupName: args.resourceGroupName, accountName: this.account.name, queueName: key },
        { parent: this, protect: args.protect },
      );
      for (const [rk, a] of Object.entries(q.roleAssignments ?? {})) {
        createRoleAssignment(
          childName(name, "ra", "queue", key, rk),
          { ...a, scope: this.queues[key].id },
          { parent: this },
        );
      }
    }
    applyExtensions(
      this,
      name,
      { id: this.account.id, resourceType: "Microsoft.Storage/storageAccounts", resource: this.account },
      args,
    );
    this.id = this.account.id;
    this.name = this.account.name;
    this.registerOutputs({ id: this.id, name: this.name });
  }
}
