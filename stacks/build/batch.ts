import * as pulumi from "@pulumi/pulumi";
import { BatchAccount } from "../../components/batch/BatchAccount";
import { batchAccountArgs } from "../config/batch";
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

/** Builds the `batch` section: accounts (auto-storage, Entra ID auth, private endpoints), applications and pools. */
export function buildBatch(ctx: StackContext, refs: Partial<StackRefs>): BatchRefs {
  const accounts: Record<string, BatchAccountRef> = {};
  for (const [key, cfg] of Object.entries(ctx.config.batch?.accounts ?? {})) {
    const path = `batch.accounts.${key}.`;
    const r = stackResolver(ctx, refs);
    const args = batchAccountArgs(cfg, r, path);
    const account = withConfigKey(
      `batch.accounts.${key}`,
      () =>
        new BatchAccount(`batch-${key}`, {
          ...r.common(cfg, "Microsoft.Batch/batchAccounts", true, path),
          ...args,
          accountName: cfg.name ?? ctx.names.name("batchAccount", key),
        }),
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
