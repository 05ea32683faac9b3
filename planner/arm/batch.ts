import { identityOutputs, rg, SimulatedType } from "./types";

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
      edges: [
        { ids: (_, id) => [id.split("/pools/")[0]], direction: "from" },
        { path: "networkConfiguration.subnetId", direction: "to", label: "nodes in", dashed: true },
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
