import * as pulumi from "@pulumi/pulumi";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import { Violation } from "../core/errors";
import { childName } from "../core/naming";
import { isKnown, mapKeys, matches, violation } from "../core/validate";
import { withConfigKey } from "../core/configKey";
import { deadLetterRole, DeliverySchema, InputSchema, namePatterns, retryLimits, schemaCompatibility } from "./limits";
import { deliveryGrant, destinationInputs, GrantTarget, validateDestination } from "./destinations";
import {
  deadLetterScope,
  eventSubscriptionWarnings,
  identityLabel,
  resolveDeadLetter,
  resolveDeliveryIdentity,
  validateDeadLetter,
  validateDeliveryIdentity,
  validateRetry,
} from "./delivery";
import { advancedFilterInputs, validateFilters } from "./filters";
import { GrantRegistry } from "./grants";
import { EventSubscriptionArgs, SubscriptionContext, SubscriptionIdentity } from "./subscriptionArgs";

// The one event-subscription model every Event Grid component uses (custom topics, system topics, domains, domain
// topics, partner topics): the validator of a subscription, and its creation with the least-privilege role
// assignments it needs. Its parts: argument types (subscriptionArgs.ts), filters (filters.ts), delivery identity,
// retry and dead-lettering (delivery.ts), one table entry per destination kind (destinations.ts), grants (grants.ts).
export * from "./subscriptionArgs";
export { advancedFilterInputs, validateAdvancedFilter } from "./filters";
export {
  eventSubscriptionWarnings,
  resolveDeadLetter,
  resolveDeliveryIdentity,
  validateDeadLetterDefault,
} from "./delivery";
export { destinationInputs } from "./destinations";
export { GrantRegistry } from "./grants";

const DEFAULT_DELIVERY_SCHEMA: Record<InputSchema, DeliverySchema> = {
  EventGridSchema: "EventGridSchema",
  CloudEventSchemaV1_0: "CloudEventSchemaV1_0",
  CustomEventSchema: "CustomInputSchema",
};

/** Validates one subscription against its parent. Pure; exported for tests. */
export function validateEventSubscription(
  path: string,
  key: string,
  sub: EventSubscriptionArgs,
  ctx: SubscriptionContext,
): Violation[] {
  const found: (Violation | undefined)[] = [
    matches(`${path}.name`, sub.name ?? key, namePatterns.subscription.pattern, namePatterns.subscription.rule),
    ...validateDestination(`${path}.destination`, sub.destination),
    ...validateFilters(path, sub),
    ...validateRetry(path, sub),
    ...eventSubscriptionWarnings(path, sub),
  ];
  if (isKnown(sub.expirationTimeUtc) && Number.isNaN(Date.parse(sub.expirationTimeUtc))) {
    found.push(
      violation(
        `${path}.expirationTimeUtc`,
        sub.expirationTimeUtc,
        "must be an ISO 8601 time such as 2030-01-31T00:00:00Z",
      ),
    );
  }
  // Schema compatibility.
  const allowed = schemaCompatibility[ctx.inputSchema];
  if (sub.deliverySchema !== undefined && !allowed.includes(sub.deliverySchema)) {
    found.push(
      violation(
        `${path}.deliverySchema`,
        sub.deliverySchema,
        `cannot be delivered from input schema ${ctx.inputSchema}; allowed: ${allowed.join(", ")}`,
      ),
    );
  }
  found.push(...validateDeliveryIdentity(path, sub, ctx), ...validateDeadLetter(path, sub, ctx));
  return found.filter((v): v is Violation => v !== undefined);
}

/** Validates a map of subscriptions under one parent (keys, the per-parent cap, each subscription). Pure. */
export function validateEventSubscriptions(
  path: string,
  subs: Record<string, EventSubscriptionArgs> | undefined,
  ctx: SubscriptionContext,
  maxSubscriptions: number,
): Violation[] {
  const entries = Object.entries(subs ?? {});
  const found: Violation[] = [...mapKeys(path, subs)];
  if (entries.length > maxSubscriptions) {
    found.push(
      violation(path, `${entries.length} subscriptions`, `exceeds Event Grid's maximum of ${maxSubscriptions} here`),
    );
  }
  const names = new Map<string, string>();
  for (const [key, sub] of entries) {
    found.push(...validateEventSubscription(`${path}.${key}`, key, sub, ctx));
    const name = (sub.name ?? key).toLowerCase();
    if (names.has(name))
      found.push(
        violation(`${path}.${key}.name`, sub.name ?? key, `is also the name of subscription '${names.get(name)}'`),
      );
    names.set(name, key);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Creation

/** The Event Grid resource a subscription hangs off, with the names its azure-native type needs. */
export type SubscriptionParent =
  | { readonly kind: "topic"; readonly topicName: pulumi.Input<string> }
  | { readonly kind: "systemTopic"; readonly systemTopicName: pulumi.Input<string> }
  | { readonly kind: "domain"; readonly domainName: pulumi.Input<string> }
  | {
      readonly kind: "domainTopic";
      readonly domainName: pulumi.Input<string>;
      readonly topicName: pulumi.Input<string>;
    }
  | { readonly kind: "partnerTopic"; readonly partnerTopicName: pulumi.Input<string> };

/** What creating subscriptions needs from the component that owns them. */
export interface SubscriptionHost {
  readonly component: pulumi.ComponentResource;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly parent: SubscriptionParent;
  /** The Event Grid resource(s) the subscriptions depend on. */
  readonly dependsOn: pulumi.Resource[];
  /** Principal id of the parent's system-assigned identity. */
  readonly systemPrincipalId?: pulumi.Input<string>;
  /** User-assigned identities by key: resource id and principal id. */
  readonly userAssigned: Record<
    string,
    { readonly id: pulumi.Input<string>; readonly principalId?: pulumi.Input<string> }
  >;
  readonly grants: GrantRegistry;
  readonly context: SubscriptionContext;
}

export type AnyEventSubscription =
  | eventgrid.TopicEventSubscription
  | eventgrid.SystemTopicEventSubscription
  | eventgrid.DomainEventSubscription
  | eventgrid.DomainTopicEventSubscription
  | eventgrid.PartnerTopicEventSubscription;

/**
 * Creates the subscriptions of one parent, each after the role assignments it needs (delivery identity on the
 * destination entity, dead-letter identity on the container). Their warnings are logged by the component's validation.
 * Call after validation passed.
 */
export function createEventSubscriptions(
  host: SubscriptionHost,
  prefix: string,
  path: string,
  subs: Record<string, EventSubscriptionArgs> | undefined,
): Record<string, AnyEventSubscription> {
  const ctx = host.context;
  const armIdentity = (i: SubscriptionIdentity) =>
    i === "SystemAssigned"
      ? { type: "SystemAssigned" }
      : { type: "UserAssigned", userAssignedIdentity: host.userAssigned[i.userAssigned].id };
  const principalOf = (i: SubscriptionIdentity): pulumi.Input<string> =>
    i === "SystemAssigned" ? host.systemPrincipalId! : host.userAssigned[i.userAssigned].principalId!;

  const out: Record<string, AnyEventSubscription> = {};
  for (const [key, sub] of Object.entries(subs ?? {}))
    withConfigKey(`${path}.${key}`, () => {
      const logical = childName(prefix, "sub", key);
      const assignRoles = sub.assignRoles ?? true;
      const grants: pulumi.Resource[] = [];
      const grant = (
        suffix: string,
        purpose: string,
        role: string,
        identity: SubscriptionIdentity,
        target: GrantTarget,
      ) =>
        grants.push(
          host.grants.grant(suffix, {
            role,
            identity: identityLabel(identity),
            scopeParts: target.parts,
            scope: target.scope,
            principalId: principalOf(identity),
            description: `Event Grid ${purpose} (granted by the Event Grid component).`,
          }),
        );

      const deliveryIdentity = resolveDeliveryIdentity(sub, ctx);
      const destination = destinationInputs(sub.destination);
      const delivery = deliveryGrant(sub.destination);
      if (deliveryIdentity && assignRoles && delivery) {
        grant("delivery", "delivery", delivery.role, deliveryIdentity, delivery.target);
      }

      const dl = resolveDeadLetter(sub, ctx);
      const deadLetterDestination = dl
        ? {
            endpointType: "StorageBlob" as const,
            resourceId: dl.destination.storageAccountId,
            blobContainerName: dl.destination.containerName,
          }
        : undefined;
      if (dl?.identity && assignRoles) {
        grant("deadletter", "dead-lettering", deadLetterRole, dl.identity, deadLetterScope(dl.destination));
      }

      const common = {
        resourceGroupName: host.resourceGroupName,
        eventSubscriptionName: sub.name ?? key,
        destination: deliveryIdentity ? undefined : destination,
        deliveryWithResourceIdentity: deliveryIdentity
          ? { identity: armIdentity(deliveryIdentity), destination }
          : undefined,
        deadLetterDestination: dl && !dl.identity ? deadLetterDestination : undefined,
        deadLetterWithResourceIdentity: dl?.identity
          ? { identity: armIdentity(dl.identity), deadLetterDestination }
          : undefined,
        filter: {
          includedEventTypes: sub.includedEventTypes,
          subjectBeginsWith: sub.subjectBeginsWith,
          subjectEndsWith: sub.subjectEndsWith,
          isSubjectCaseSensitive: sub.subjectCaseSensitive ?? false,
          enableAdvancedFilteringOnArrays: sub.advancedFilteringOnArrays ?? false,
          advancedFilters: advancedFilterInputs(sub.advancedFilters),
        },
        retryPolicy: {
          maxDeliveryAttempts: sub.retry?.maxDeliveryAttempts ?? retryLimits.defaultDeliveryAttempts,
          eventTimeToLiveInMinutes: sub.retry?.eventTtlMinutes ?? retryLimits.defaultEventTtlMinutes,
        },
        eventDeliverySchema: sub.deliverySchema ?? DEFAULT_DELIVERY_SCHEMA[ctx.inputSchema],
        expirationTimeUtc: sub.expirationTimeUtc,
        labels: sub.labels,
      };
      // Ordered after the parent and the role assignments: Event Grid validates access when the subscription is created.
      const opts = { parent: host.component, dependsOn: [...host.dependsOn, ...grants] };
      const p = host.parent;
      switch (p.kind) {
        case "topic":
          out[key] = new eventgrid.TopicEventSubscription(logical, { ...common, topicName: p.topicName }, opts);
          break;
        case "systemTopic":
          out[key] = new eventgrid.SystemTopicEventSubscription(
            logical,
            { ...common, systemTopicName: p.systemTopicName },
            opts,
          );
          break;
        case "domain":
          out[key] = new eventgrid.DomainEventSubscription(logical, { ...common, domainName: p.domainName }, opts);
          break;
        case "domainTopic":
          out[key] = new eventgrid.DomainTopicEventSubscription(
            logical,
            { ...common, domainName: p.domainName, topicName: p.topicName },
            opts,
          );
          break;
        case "partnerTopic":
          out[key] = new eventgrid.PartnerTopicEventSubscription(
            logical,
            { ...common, partnerTopicName: p.partnerTopicName },
            opts,
          );
          break;
      }
    });
  return out;
}
