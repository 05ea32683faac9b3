/** Event Grid: custom topics, domains, system and partner topics, all with one event-subscription model. */
export * from "./Topic";
export * from "./Domain";
export * from "./SystemTopic";
export * from "./PartnerTopic";
export type {
  AdvancedFilterArgs,
  DeadLetterArgs,
  DeliveryPropertyArgs,
  DestinationArgs,
  EventSubscriptionArgs,
  RetryArgs,
  SubscriptionIdentity,
} from "./subscription";
export { validateAdvancedFilter, validateEventSubscription, validateEventSubscriptions } from "./subscription";
export type { EventGridIdentityArgs, InputSchemaMappingArgs, PublisherArgs, TopicNetworkArgs } from "./common";
export type { AdvancedFilterOperator, DeliverySchema, DestinationKind, InputSchema } from "./limits";
/** Event Grid's limits (filters, retry, batching, names, schemas, destinations), each with its source. */
export * as eventGridLimits from "./limits";
