/** Azure Batch: accounts (with auto-storage and pools) and pools. Importing this module creates nothing. */
export * from "./BatchAccount";
export * from "./BatchPool";
export * from "./poolValidation";
export * from "./limits";
