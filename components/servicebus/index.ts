/** Service Bus: namespaces (with queues, topics, subscriptions, rules), entities on existing namespaces, pairs. */
export { SERVICE_BUS_NAMESPACE_TYPE, ServiceBusNamespace, validateServiceBusNamespaceArgs } from "./Namespace";
export type {
  CustomerManagedKeyArgs as ServiceBusCustomerManagedKeyArgs,
  GeoReplicationArgs,
  NetworkRuleSetArgs as ServiceBusNetworkRuleSetArgs,
  ServiceBusNamespaceArgs,
} from "./Namespace";
export * from "./NamespaceEntities";
export * from "./PairedNamespaces";
export type {
  CorrelationFilterArgs,
  DefaultRuleArgs,
  EntityStatus,
  MessageEntityArgs,
  ServiceBusQueueArgs,
  ServiceBusRuleArgs,
  ServiceBusSubscriptionArgs,
  ServiceBusTopicArgs,
} from "./entities";
export type { ServiceBusTier } from "./limits";
/** The per-tier facts and ranges, each with its source. */
export * as serviceBusLimits from "./limits";
