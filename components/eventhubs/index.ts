/** Event Hubs: namespaces (with hubs, consumer groups, capture, geo-DR), entities on existing namespaces, clusters. */
export * from "./Namespace";
export * from "./NamespaceEntities";
export * from "./Cluster";
export type { EventHubsTier } from "./limits";
/** The per-tier limits table, each fact with its source. */
export * as eventHubsLimits from "./limits";
export * from "./sizing";
