import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import { StorageAccount } from "../../components/storage/StorageAccount";
import type { StackContext, StackRefs } from "../context";
import { storageAccountArgs } from "../config/foundation";
import { stackResolver } from "./resolver";
import { withConfigKey } from "../../components/core/configKey";

export interface IdentityRef {
  readonly id: pulumi.Output<string>;
  /** The identity's name when this stack creates it: known in a preview (unlike the id), for ids composed from names. */
  readonly name?: pulumi.Output<string>;
  readonly principalId: pulumi.Output<string>;
  readonly clientId: pulumi.Output<string>;
}

export interface FoundationRefs {
  readonly resourceGroup: resources.ResourceGroup;
  readonly identities: Record<string, IdentityRef>;
  readonly storage: Record<string, StorageAccount>;
  readonly workspaceId?: pulumi.Output<string>;
}

/** The resource group every other resource goes into (created before the context exists). */
export function buildResourceGroup(
  name: string,
  location: string,
  tags: Record<string, string>,
): resources.ResourceGroup {
  return new resources.ResourceGroup("rg", { resourceGroupName: name, location, tags });
}

export function buildWorkspace(ctx: StackContext): pulumi.Output<string> | undefined {
  const la = ctx.config.monitoring?.logAnalytics;
  if (!la) return undefined;
  const ws = withConfigKey(
    "monitoring.logAnalytics",
    () =>
      new operationalinsights.Workspace(
        "logs",
        {
          resourceGroupName: ctx.resourceGroupName,
          location: ctx.location,
          workspaceName: ctx.names.name("logAnalyticsWorkspace", "integration"),
          retentionInDays: la.retentionInDays ?? 30,
          sku: { name: "PerGB2018" },
          tags: ctx.tags,
        },
        { protect: ctx.protect },
      ),
  );
  return ws.id;
}

/** User-assigned identities and storage accounts (shared by dead-letter, capture, checkpoints and Batch). */
export function buildIdentitiesAndStorage(
  ctx: StackContext,
  refs: Partial<StackRefs>,
): Pick<FoundationRefs, "identities" | "storage"> {
  const identities: Record<string, IdentityRef> = {};
  for (const [key, cfg] of Object.entries(ctx.config.identities ?? {})) {
    const id = withConfigKey(
      `identities.${key}`,
      () =>
        new managedidentity.UserAssignedIdentity(`id-${key}`, {
          resourceGroupName: ctx.resourceGroupName,
          location: ctx.location,
          resourceName: cfg.name ?? ctx.names.name("userAssignedIdentity", key),
          tags: ctx.tags,
        }),
    );
    identities[key] = { id: id.id, name: id.name, principalId: id.principalId, clientId: id.clientId };
  }
  const storage: Record<string, StorageAccount> = {};
  for (const [key, cfg] of Object.entries(ctx.config.storage ?? {})) {
    // Role principals may be the identities just built.
    const r = stackResolver(ctx, { ...refs, foundation: { ...refs.foundation!, identities } });
    storage[key] = withConfigKey(
      `storage.${key}`,
      () => new StorageAccount(`st-${key}`, storageAccountArgs(cfg, r, key)),
    );
  }
  return { identities, storage };
}
