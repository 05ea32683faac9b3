import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import { StorageAccount } from "../../components/storage/StorageAccount";
import type { StackContext, StackRefs } from "../context";
import type { RoleAssignmentConfig } from "../config/common";
import { commonArgs, resolveRoleAssignments } from "./shared";

export interface IdentityRef {
  readonly id: pulumi.Output<string>;
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

export function buildWorkspace(ctx: Omit<StackContext, "diagnostics">): pulumi.Output<string> | undefined {
  const la = ctx.config.monitoring?.logAnalytics;
  if (!la) return undefined;
  const ws = new operationalinsights.Workspace(
    "logs",
    {
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      workspaceName: `log-integration-${ctx.environment}`,
      retentionInDays: la.retentionInDays ?? 30,
      sku: { name: "PerGB2018" },
      tags: ctx.tags,
    },
    { protect: ctx.protect },
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
    const id = new managedidentity.UserAssignedIdentity(`id-${key}`, {
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      resourceName: cfg.name ?? `id-${key}-${ctx.environment}`,
      tags: ctx.tags,
    });
    identities[key] = { id: id.id, principalId: id.principalId, clientId: id.clientId };
  }
  const storage: Record<string, StorageAccount> = {};
  for (const [key, cfg] of Object.entries(ctx.config.storage ?? {})) {
    const withIdentities = { ...refs, foundation: { ...refs.foundation!, identities } };
    // Data roles on one container or queue (e.g. a Batch pool's identity on its work queue), never the account.
    const scopedRoles = <T extends { roleAssignments?: Record<string, RoleAssignmentConfig> }>(
      items: Record<string, T> | undefined,
      kind: "containers" | "queues",
    ) =>
      items &&
      Object.fromEntries(
        Object.entries(items).map(([k, v]) => [
          k,
          {
            roleAssignments: resolveRoleAssignments(
              withIdentities,
              v.roleAssignments,
              `storage.${key}.${kind}.${k}.roleAssignments`,
            ),
          },
        ]),
      );
    storage[key] = new StorageAccount(`st-${key}`, {
      // Storage accounts take metrics-only diagnostics at account level (logs live on the blob service): none here.
      ...commonArgs(
        ctx,
        withIdentities,
        { privateEndpoints: cfg.privateEndpoints, diagnostics: false },
        "Microsoft.Storage/storageAccounts",
        true,
        `storage.${key}.`,
      ),
      accountName: cfg.name,
      sku: cfg.sku ?? (ctx.environment === "dev" ? "Standard_LRS" : "Standard_ZRS"),
      dataLake: cfg.dataLake,
      containers: scopedRoles(cfg.containers, "containers"),
      queues: scopedRoles(cfg.queues, "queues"),
      publicNetworkAccess: cfg.publicNetworkAccess,
    });
  }
  return { identities, storage };
}
