import * as pulumi from "@pulumi/pulumi";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import type * as authorization from "@pulumi/azure-native/authorization";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, validateCommonArgs } from "../core/extensions";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import {
  EventGridIdentityArgs,
  grantPublishers,
  PublisherGrantArgs,
  subscriptionHost,
  toEventGridIdentity,
  topicInputSchema,
  TopicNetworkArgs,
  topicNetworkInputs,
  validateSubscriptionParent,
  validateTopicNetworkArgs,
} from "./common";
import { subscriptionLimits } from "./limits";
import { AnyEventSubscription, createEventSubscriptions, DeadLetterArgs, EventSubscriptionArgs } from "./subscription";

const TYPE = "azint:eventgrid:Topic";
const RESOURCE_TYPE = "Microsoft.EventGrid/topics";

export interface TopicArgs extends CommonResourceArgs, TopicNetworkArgs, EventGridIdentityArgs, PublisherGrantArgs {
  /** Azure name, 3-50 letters, digits and hyphens. Defaults to an auto-name from the component name. */
  readonly topicName?: pulumi.Input<string>;
  /**
   * Dead-letter container for every subscription that sets none. Defaults to none: each subscription must then give
   * its own or opt out with `deadLetter: false`.
   */
  readonly deadLetter?: DeadLetterArgs;
  /** Event subscriptions on this topic, keyed; the key is the Azure name unless `name` is set. Defaults to none. */
  readonly subscriptions?: Record<string, EventSubscriptionArgs>;
}

/** Validates TopicArgs, subscriptions included. Pure; exported for tests. */
export function validateTopicArgs(args: TopicArgs): Violation[] {
  return [
    ...validateCommonArgs(args, RESOURCE_TYPE),
    ...validateTopicNetworkArgs(args, args.topicName, "topicName"),
    ...validateSubscriptionParent(args, topicInputSchema(args), subscriptionLimits.perTopic),
  ];
}

/**
 * An Event Grid custom topic with secure defaults (Entra ID only, TLS 1.2, system-assigned identity, public access
 * off with private endpoints), its publishers' "EventGrid Data Sender" grants, and its event subscriptions with the
 * least-privilege role assignments identity delivery and dead-lettering need.
 */
export class Topic extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  /** Publishing endpoint. */
  public readonly endpoint: pulumi.Output<string>;
  public readonly topic: eventgrid.Topic;
  public readonly subscriptions: Record<string, AnyEventSubscription>;
  public readonly publisherRoleAssignments: Record<string, authorization.RoleAssignment>;

  constructor(name: string, args: TopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE, name, {}, opts);
    throwIfInvalid(`${TYPE} ${name}`, validateTopicArgs(args));
    this.topic = new eventgrid.Topic(
      childName(name, "topic"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        topicName: args.topicName,
        identity: toEventGridIdentity(args),
        ...topicNetworkInputs(args),
        tags: args.tags,
      },
      { parent: this, protect: args.protect },
    );
    applyExtensions(this, name, { id: this.topic.id, resourceType: RESOURCE_TYPE, resource: this.topic }, args);
    this.publisherRoleAssignments = grantPublishers(this, name, this.topic.id, args.publishers, this.topic);
    const host = subscriptionHost(this, args, this.topic, topicInputSchema(args));
    this.subscriptions = createEventSubscriptions(
      { ...host, parent: { kind: "topic", topicName: this.topic.name }, dependsOn: [this.topic] },
      name,
      "subscriptions",
      args.subscriptions,
    );
    this.id = this.topic.id;
    this.name = this.topic.name;
    this.endpoint = this.topic.endpoint;
    this.registerOutputs({ id: this.id, name: this.name, endpoint: this.endpoint });
  }
}
