/** Storage accounts with containers and queues (dead-letter, capture, checkpoints, Batch auto-storage). */
export * from "./StorageAccount";
export * from "./limits";
