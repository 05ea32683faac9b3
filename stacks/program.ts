import * as pulumi from "@pulumi/pulumi";
import { buildBatch } from "./build/batch";
import { buildEventGrid } from "./build/eventgrid";
import { buildEventHubs } from "./build/eventhubs";
import { buildIdentitiesAndStorage, buildResourceGroup, buildWorkspace } from "./build/foundation";
import { buildNetwork } from "./build/network";
import { buildPlatformExports, buildTeam, teamOutputs } from "./build/platform";
import { buildRbac } from "./build/rbac";
import { buildServiceBus } from "./build/servicebus";
import { loadStackConfig } from "./config/load";
import { stackLocation } from "./config/resolver";
import type { StackContext, StackRefs } from "./context";
import { stackNames } from "./naming";

/**
 * The stack program: stack config -> schema -> components -> resources. `pulumi up` runs it through
 * stacks/index.ts; the offline plan runs the very same function on the simulated ARM.
 */
export function buildStack(): Record<string, unknown> {
  const config = loadStackConfig();
  const environment = config.environment;
  const location = stackLocation(config, new pulumi.Config("azure-native").get("location"));
  // A team stack gets its own resource group (its identities and storage; its entities live in the platform's
  // namespaces): never the platform's default name, or destroying the team stack would try to delete it.
  const team = config.platform?.role === "team" ? (config.platform.team ?? pulumi.getStack()) : undefined;
  const tags = { ...config.tags, environment, "managed-by": "pulumi", ...(team ? { team } : {}) };
  const defaultGroup = team ? `rg-integration-${environment}-${team}` : `rg-integration-${environment}`;
  const resourceGroupName = config.resourceGroupName ?? defaultGroup;
  const resourceGroup = buildResourceGroup(resourceGroupName, location, tags);
  const ctx: StackContext = {
    names: stackNames(environment, resourceGroupName),
    config,
    environment,
    resourceGroupName: resourceGroup.name,
    resourceGroupNameText: resourceGroupName,
    location,
    tags,
    protect: config.protect ?? environment === "prod",
    lockStateful: config.lockStateful ?? environment === "prod",
  };
  const workspaceId = buildWorkspace(ctx);

  // Build order follows the data dependencies: later builders wire to what earlier ones return.
  const refs: Partial<StackRefs> = {};
  refs.network = buildNetwork(ctx, refs);
  refs.foundation = { resourceGroup, identities: {}, storage: {}, workspaceId };
  refs.foundation = { ...refs.foundation, ...buildIdentitiesAndStorage(ctx, refs) };
  refs.rbac = buildRbac(ctx, refs);
  refs.eventHubs = buildEventHubs(ctx, refs);
  refs.serviceBus = buildServiceBus(ctx, refs);
  refs.batch = buildBatch(ctx, refs);
  refs.eventGrid = buildEventGrid(ctx, refs);
  // The platform/team split (docs/operations.md): a platform exports its document, a team attaches its entities.
  const split =
    config.platform?.role === "platform"
      ? { platform: buildPlatformExports(ctx, refs as StackRefs) }
      : team
        ? { team: buildTeam(ctx, refs).then(teamOutputs) }
        : {};

  return {
    ...split,
    resourceGroupName: resourceGroup.name,
    identities: Object.fromEntries(
      Object.entries(refs.foundation.identities).map(([k, v]) => [
        k,
        { id: v.id, principalId: v.principalId, clientId: v.clientId },
      ]),
    ),
    storageAccounts: Object.fromEntries(
      Object.entries(refs.foundation.storage).map(([k, v]) => [k, { id: v.id, name: v.name }]),
    ),
    // What a Batch job submitter needs: the account endpoint and the pool ids (jobs and tasks are data-plane).
    batchAccounts: Object.fromEntries(
      Object.entries(refs.batch.accounts).map(([k, a]) => [
        k,
        {
          name: a.name,
          endpoint: a.endpoint,
          pools: Object.fromEntries(Object.entries(a.pools).map(([p, pool]) => [p, pool.poolId])),
        },
      ]),
    ),
  };
}
