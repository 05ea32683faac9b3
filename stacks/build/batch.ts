import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { BatchAccount } from "../../components/batch/BatchAccount";
import { batchAccountArgs } from "../config/batch";
import type { StackResolver } from "../config/resolver";
import type { StackContext, StackRefs } from "../context";
import { stackResolver } from "./resolver";
import { withConfigKey } from "../../components/core/configKey";

export interface BatchPoolRef {
  readonly id: pulumi.Output<string>;
  /** The pool id jobs are submitted against. */
  readonly poolId: pulumi.Output<string>;
}

export interface BatchAccountRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  /** Data-plane endpoint (`https://<account>.<region>.batch.azure.com`) for job submitters. */
  readonly endpoint: pulumi.Output<string>;
  readonly pools: Record<string, BatchPoolRef>;
}

/** What this builder exposes to later builders and to stack outputs: Batch accounts by `batch.accounts` key. */
export interface BatchRefs {
  readonly accounts: Record<string, BatchAccountRef>;
}

/**
 * The resolver with auto-storage, identity and subnet ids a preview of a new stack knows. azure-native fills the
 * defaults of `autoStorage` and of a pool's `networkConfiguration` with `output(block).apply(...)`, so one unknown id
 * (a resource this stack creates) hides the whole block, authentication mode and public IPs included, from `pulumi
 * preview --policy-pack`. Composed from names, which a preview knows, the ids keep their dependency on the resource
 * (and name the resource group as a plain string, so no rule mistakes them for a resource group scope).
 */
function previewKnownResolver(ctx: StackContext, refs: Partial<StackRefs>): StackResolver {
  const r = stackResolver(ctx, refs);
  let subscriptionId: pulumi.Output<string> | undefined;
  const group = () => {
    subscriptionId ??= authorization.getClientConfigOutput().subscriptionId;
    return pulumi.interpolate`/subscriptions/${subscriptionId}/resourceGroups/${ctx.resourceGroupNameText ?? ctx.resourceGroupName}/providers`;
  };
  const vnet = refs.network?.virtualNetwork;
  return {
    ...r,
    storageAccount: (key, path) => {
      const account = refs.foundation?.storage[key];
      return account
        ? pulumi.interpolate`${group()}/Microsoft.Storage/storageAccounts/${account.name}`
        : r.storageAccount(key, path);
    },
    identity: (key, path) => {
      const made = refs.foundation?.identities[key];
      const identity = r.identity(key, path);
      return made?.name
        ? {
            ...identity,
            id: pulumi.interpolate`${group()}/Microsoft.ManagedIdentity/userAssignedIdentities/${made.name}`,
          }
        : identity;
    },
    subnet: (ref, path) => {
      const subnet = vnet?.subnets[ref];
      return subnet
        ? pulumi.interpolate`${group()}/Microsoft.Network/virtualNetworks/${vnet!.name}/subnets/${subnet.name}`
        : r.subnet(ref, path);
    },
  };
}

/** Builds the `batch` section: accounts (auto-storage, Entra ID auth, private endpoints), applications and pools. */
export function buildBatch(ctx: StackContext, refs: Partial<StackRefs>): BatchRefs {
  const accounts: Record<string, BatchAccountRef> = {};
  for (const key of Object.keys(ctx.config.batch?.accounts ?? {})) {
    const r = previewKnownResolver(ctx, refs);
    const account = withConfigKey(
      `batch.accounts.${key}`,
      () => new BatchAccount(`batch-${key}`, batchAccountArgs(ctx.config, key, r)),
    );
    accounts[key] = {
      id: account.id,
      name: account.name,
      endpoint: account.endpoint,
      pools: Object.fromEntries(Object.entries(account.pools).map(([k, p]) => [k, { id: p.id, poolId: p.poolId }])),
    };
  }
  return { accounts };
}
