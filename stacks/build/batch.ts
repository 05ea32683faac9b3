import * as pulumi from "@pulumi/pulumi";
import { BatchAccount } from "../../components/batch/BatchAccount";
import { ValidationError } from "../../components/core/errors";
import { stableSuffix } from "../../components/core/naming";
import { batchAccountArgs } from "../config/batch";
import type { StackContext, StackRefs } from "../context";
import { commonArgs } from "./shared";

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

/** `ba<key><environment><suffix>`: lowercase letters and digits, at most 24, stable for the stack. */
function defaultAccountName(ctx: StackContext, key: string): string {
  const base = `ba${key
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 12)}${ctx.environment}`;
  return `${base}${stableSuffix(4, ctx.config.resourceGroupName ?? ctx.environment, ctx.location, key)}`;
}

/** Builds the `batch` section: accounts (auto-storage, Entra ID auth, private endpoints), applications and pools. */
export function buildBatch(ctx: StackContext, refs: Partial<StackRefs>): BatchRefs {
  const accounts: Record<string, BatchAccountRef> = {};
  for (const [key, cfg] of Object.entries(ctx.config.batch?.accounts ?? {})) {
    const path = `batch.accounts.${key}.`;
    const missing = (p: string, value: string, message: string) =>
      new ValidationError("stack config", [{ path: `${path}${p}`, value, message }]);
    const args = batchAccountArgs(cfg, {
      storageId: (k) => {
        const account = refs.foundation?.storage[k];
        if (!account) throw missing("autoStorage", k, "names no storage account declared under 'storage'");
        return account.id;
      },
      identity: (k) => {
        const identity = refs.foundation?.identities[k];
        if (!identity) throw missing("identity", k, "names no identity declared under 'identities'");
        return { id: identity.id, principalId: identity.principalId };
      },
      subnetId: (ref) => {
        const id = ref.startsWith("/subscriptions/") ? ref : refs.network?.subnets[ref];
        if (!id)
          throw missing("pools.*.networkConfiguration.subnet", ref, "names no subnet declared under 'network.subnets'");
        return id;
      },
    });
    const account = new BatchAccount(`batch-${key}`, {
      ...commonArgs(ctx, refs, cfg, "Microsoft.Batch/batchAccounts", true, path),
      ...args,
      accountName: cfg.name ?? defaultAccountName(ctx, key),
    });
    accounts[key] = {
      id: account.id,
      name: account.name,
      endpoint: account.endpoint,
      pools: Object.fromEntries(Object.entries(account.pools).map(([k, p]) => [k, { id: p.id, poolId: p.poolId }])),
    };
  }
  return { accounts };
}
