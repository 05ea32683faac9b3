import { identityOutputs, rg, SimulatedType } from "./types";

/** The user-assigned identities of a pool's nodes (a list of ids, or ARM's map keyed by id). */
function poolIdentities(i: Record<string, unknown>): unknown[] {
  const u = (i.identity as { userAssignedIdentities?: unknown } | undefined)?.userAssignedIdentities;
  return Array.isArray(u) ? u : u && typeof u === "object" ? Object.keys(u) : [];
}

/** Batch: ARM id templates and computed outputs. */
export const batchTypes: Record<string, SimulatedType> = {
  "azure-native:batch:BatchAccount": {
    nameInput: "accountName",
    id: `${rg}/Microsoft.Batch/batchAccounts/{name}`,
    diagram: {
      label: "batch account",
      edges: [{ path: "autoStorage.storageAccountId", direction: "to", label: "auto-storage", dashed: true }],
    },
    outputs: (c) => ({
      ...identityOutputs(c),
      accountEndpoint: `${c.name}.${String(c.inputs.location ?? "westeurope").toLowerCase()}.batch.azure.com`,
      nodeManagementEndpoint: `${c.guid("nm").slice(0, 8)}.${String(c.inputs.location ?? "westeurope").toLowerCase()}.service.batch.azure.com`,
    }),
  },
  "azure-native:batch:Pool": {
    nameInput: "poolName",
    id: `${rg}/Microsoft.Batch/batchAccounts/{accountName}/pools/{name}`,
    diagram: {
      label: "batch pool",
      views: ["flow", "network"],
      container: {
        flow: (_, id) => id.split("/pools/")[0],
        network: (i) => (i.networkConfiguration as { subnetId?: string } | undefined)?.subnetId,
      },
      edges: [
        {
          ids: poolIdentities,
          direction: "to",
          label: "nodes run as",
          dashed: true,
          views: ["flow"],
        },
      ],
    },
    outputs: (c) => ({
      // Azure reports the pool's current state; a new pool starts resizing towards its targets.
      allocationState: "Resizing",
      provisioningState: "Succeeded",
      vmSize: String(c.inputs.vmSize ?? "").toUpperCase(),
    }),
  },
  "azure-native:batch:Application": {
    nameInput: "applicationName",
    id: `${rg}/Microsoft.Batch/batchAccounts/{accountName}/applications/{name}`,
  },
  "azure-native:batch:ApplicationPackage": {
    nameInput: "versionName",
    id: `${rg}/Microsoft.Batch/batchAccounts/{accountName}/applications/{applicationName}/versions/{name}`,
  },
};
