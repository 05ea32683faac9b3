import { identityOutputs, rg, SimulatedType } from "./types";

/** Batch: ARM id templates and computed outputs. */
export const batchTypes: Record<string, SimulatedType> = {
  "azure-native:batch:BatchAccount": {
    nameInput: "accountName",
    autoName: "alnum",
    id: `${rg}/Microsoft.Batch/batchAccounts/{name}`,
    outputs: (c) => ({
      ...identityOutputs(c),
      accountEndpoint: `${c.name}.${String(c.inputs.location ?? "westeurope").toLowerCase()}.batch.azure.com`,
      nodeManagementEndpoint: `${c.guid("nm").slice(0, 8)}.${String(c.inputs.location ?? "westeurope").toLowerCase()}.service.batch.azure.com`,
    }),
  },
  "azure-native:batch:Pool": {
    nameInput: "poolName",
    id: `${rg}/Microsoft.Batch/batchAccounts/{accountName}/pools/{name}`,
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
