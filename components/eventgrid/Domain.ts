import * as pulumi from "@pulumi/pulumi";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import type * as authorization from "@pulumi/azure-native/authorization";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, validateCommonArgs } from "../core/extensions";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { mapKeys, matches } from "../core/validate";
import {
  EventGridIdentityArgs,
  grantPublishers,
  PublisherGrantArgs,
  subscriptionContextFor,
  subscriptionHost,
  toEventGridIdentity,
  topicInputSchema,
  TopicNetworkArgs,
  topicNetworkInputs,
  validateSubscriptionParent,
  validateTopicNetworkArgs,
} from "./common";
import { namePatterns, subscriptionLimits } from "./limits";
import {
  AnyEventSubscription,
  createEventSubscriptions,
  DeadLetterArgs,
  EventSubscriptionArgs,
  validateEventSubscriptions,
} from "./subscription";

const TYPE = "azint:eventgrid:Domain";
const RESOURCE_TYPE = "Microsoft.EventGrid/domains";

export interface DomainTopicArgs {
  /** Azure name, 3-50 letters, digits, hyphens, dots and underscores. Defaults to the map key. */
  readonly name?: string;
  /** Subscriptions on this domain topic, keyed (at most 500). Defaults to none. */
  readonly subscriptions?: Record<string, EventSubscriptionArgs>;
}

export interface DomainArgs extends CommonResourceArgs, TopicNetworkArgs, EventGridIdentityArgs, PublisherGrantArgs {
  /** Azure name, 3-50 letters, digits and hyphens. Defaults to an auto-name from the component name. */
  readonly domainName?: pulumi.Input<string>;
  /** Domain topics, keyed (one per tenant or partner, typically). Defaults to none. */
  readonly topics?: Record<string, DomainTopicArgs>;
  /** Subscriptions at domain scope: they receive the events of every domain topic (at most 50). Defaults to none. */
  readonly subscriptions?: Record<string, EventSubscriptionArgs>;
  /**
   * Let Azure create a domain topic when a subscription names one that does not exist. Defaults to false: topics are
   * declared in `topics`, so that what exists is what the code says.
   */
  readonly autoCreateTopicWithFirstSubscription?: boolean;
  /** Let Azure delete a domain topic with its last subscription. Defaults to false (see above). */
  readonly autoDeleteTopicWithLastSubscription?: boolean;
  /** Dead-letter container for every subscription (domain and domain-topic scope) that sets none. Defaults to none. */
  readonly deadLetter?: DeadLetterArgs;
}

/** Validates DomainArgs, domain topics and all subscriptions. Pure; exported for tests. */
export function validateDomainArgs(args: DomainArgs): Violation[] {
  const ctx = subscriptionContextFor(args, topicInputSchema(args));
  const found: (Violation | undefined)[] = [
    ...validateCommonArgs(args, RESOURCE_TYPE),
    ...validateTopicNetworkArgs(args, args.domainName, "domainName"),
    ...validateSubscriptionParent(args, topicInputSchema(args), subscriptionLimits.perDomainScope),
    ...mapKeys("topics", args.topics),
  ];
  for (const [key, t] of Object.entries(args.topics ?? {})) {
    found.push(
      matches(`topics.${key}.name`, t.name ?? key, namePatterns.domainTopic.pattern, namePatterns.domainTopic.rule),
    );
    found.push(
      ...validateEventSubscriptions(
        `topics.${key}.subscriptions`,
        t.subscriptions,
        ctx,
        subscriptionLimits.perDomainTopic,
      ),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * An Event Grid domain with its domain topics and subscriptions at domain and domain-topic scope, with the same secure
 * defaults, publisher grants and least-privilege delivery roles as a custom topic.
 */
export class Domain extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly domain: eventgrid.Domain;
  public readonly topics: Record<string, eventgrid.DomainTopic> = {};
  /** Domain-scope subscriptions. */
  public readonly subscriptions: Record<string, AnyEventSubscription>;
  /** Domain-topic subscriptions by topic key, then subscription key. */
  public readonly topicSubscriptions: Record<string, Record<string, AnyEventSubscription>> = {};
  public readonly publisherRoleAssignments: Record<string, authorization.RoleAssignment>;

  constructor(name: string, args: DomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE, name, {}, opts);
    throwIfInvalid(`${TYPE} ${name}`, validateDomainArgs(args));
    this.domain = new eventgrid.Domain(
      childName(name, "domain"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        domainName: args.domainName,
        identity: toEventGridIdentity(args),
        ...topicNetworkInputs(args),
        autoCreateTopicWithFirstSubscription: args.autoCreateTopicWithFirstSubscription ?? false,
        autoDeleteTopicWithLastSubscription: args.autoDeleteTopicWithLastSubscription ?? false,
        tags: args.tags,
      },
      { parent: this, protect: args.protect },
    );
    applyExtensions(this, name, { id: this.domain.id, resourceType: RESOURCE_TYPE, resource: this.domain }, args);
    this.publisherRoleAssignments = grantPublishers(this, name, this.domain.id, args.publishers, this.domain);

    // One host (and so one grant registry) for the whole domain: all scopes deliver with the domain's identities.
    const host = subscriptionHost(this, args, this.domain, topicInputSchema(args));
    this.subscriptions = createEventSubscriptions(
      { ...host, parent: { kind: "domain", domainName: this.domain.name }, dependsOn: [this.domain] },
      name,
      "subscriptions",
      args.subscriptions,
    );
    for (const [key, t] of Object.entries(args.topics ?? {})) {
      const topicName = childName(name, "topic", key);
      const topic = new eventgrid.DomainTopic(
        topicName,
        { resourceGroupName: args.resourceGroupName, domainName: this.domain.name, domainTopicName: t.name ?? key },
        { parent: this, protect: args.protect },
      );
      this.topics[key] = topic;
      this.topicSubscriptions[key] = createEventSubscriptions(
        {
          ...host,
          parent: { kind: "domainTopic", domainName: this.domain.name, topicName: topic.name },
          dependsOn: [topic],
        },
        topicName,
        `topics.${key}.subscriptions`,
        t.subscriptions,
      );
    }
    this.id = this.domain.id;
    this.name = this.domain.name;
    this.endpoint = this.domain.endpoint;
    this.registerOutputs({ id: this.id, name: this.name, endpoint: this.endpoint });
  }
}
