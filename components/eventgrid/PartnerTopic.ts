import * as pulumi from "@pulumi/pulumi";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, validateCommonArgs } from "../core/extensions";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { armId, isKnown, oneOf, violation } from "../core/validate";
import {
  EventGridIdentityArgs,
  subscriptionHost,
  toEventGridIdentity,
  validateSubscriptionParent,
  validateTopicName,
} from "./common";
import { InputSchema, inputSchemas, subscriptionLimits } from "./limits";
import { AnyEventSubscription, createEventSubscriptions, DeadLetterArgs, EventSubscriptionArgs } from "./subscription";

const TYPE = "azint:eventgrid:PartnerTopic";
const RESOURCE_TYPE = "Microsoft.EventGrid/partnerTopics";

export interface PartnerTopicArgs extends CommonResourceArgs, EventGridIdentityArgs {
  /** Name of the partner topic the SaaS partner created in this resource group (required: the partner chose it). */
  readonly partnerTopicName: string;
  /**
   * ARM id of that partner topic, to adopt it on the first deployment (Pulumi's `import` option; azure-native refuses
   * to create over an existing resource). Defaults to none (the topic is already in the stack's state).
   */
  readonly importId?: string;
  /** `Activated` (events flow) or `Deactivated`. Defaults to `Activated`: activation is why this component exists. */
  readonly activationState?: "Activated" | "Deactivated";
  /** The partner's source (as shown on the partner topic). Defaults to none. */
  readonly source?: pulumi.Input<string>;
  /** Immutable id of the partner registration. Defaults to none. */
  readonly partnerRegistrationImmutableId?: pulumi.Input<string>;
  /** Friendly description the partner set. Defaults to none. */
  readonly friendlyDescription?: pulumi.Input<string>;
  /** Message shown during activation. Defaults to none. */
  readonly messageForActivation?: pulumi.Input<string>;
  /**
   * Schema the partner publishes; subscriptions are checked against it. Defaults to `CloudEventSchemaV1_0`
   * (⚠️ partner events are CloudEvents 1.0 in Azure's docs; set it if your partner differs).
   */
  readonly inputSchema?: InputSchema;
  /** Dead-letter container for every subscription that sets none. Defaults to none. */
  readonly deadLetter?: DeadLetterArgs;
  /** Event subscriptions on the partner topic, keyed. Defaults to none. */
  readonly subscriptions?: Record<string, EventSubscriptionArgs>;
}

/** The schema the partner publishes: CloudEvents 1.0 unless set. */
function partnerInputSchema(args: PartnerTopicArgs): InputSchema {
  return args.inputSchema ?? "CloudEventSchemaV1_0";
}

/** Validates PartnerTopicArgs, subscriptions included. Pure; exported for tests. */
export function validatePartnerTopicArgs(args: PartnerTopicArgs): Violation[] {
  const found: (Violation | undefined)[] = [
    ...validateCommonArgs(args, RESOURCE_TYPE),
    validateTopicName("partnerTopicName", args.partnerTopicName),
    oneOf("activationState", args.activationState, ["Activated", "Deactivated"]),
    oneOf("inputSchema", args.inputSchema, inputSchemas),
    ...validateSubscriptionParent(args, partnerInputSchema(args), subscriptionLimits.perTopic),
  ];
  if (args.importId !== undefined) {
    found.push(armId("importId", args.importId, RESOURCE_TYPE));
    if (
      isKnown(args.importId) &&
      !args.importId.toLowerCase().endsWith(`/partnertopics/${args.partnerTopicName.toLowerCase()}`)
    ) {
      found.push(
        violation(
          "importId",
          args.importId,
          `must be the id of the partner topic named ${JSON.stringify(args.partnerTopicName)}`,
        ),
      );
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * Activates a partner topic that a SaaS partner created in this resource group, and subscribes to it with the same
 * subscription model (filters, dead-letter, identity delivery with least-privilege roles) as every other topic.
 */
export class PartnerTopic extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly partnerTopic: eventgrid.PartnerTopic;
  public readonly subscriptions: Record<string, AnyEventSubscription>;

  constructor(name: string, args: PartnerTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE, name, {}, opts);
    throwIfInvalid(`${TYPE} ${name}`, validatePartnerTopicArgs(args));
    this.partnerTopic = new eventgrid.PartnerTopic(
      childName(name, "partnertopic"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        partnerTopicName: args.partnerTopicName,
        activationState: args.activationState ?? "Activated",
        source: args.source,
        partnerRegistrationImmutableId: args.partnerRegistrationImmutableId,
        partnerTopicFriendlyDescription: args.friendlyDescription,
        messageForActivation: args.messageForActivation,
        identity: toEventGridIdentity(args),
        tags: args.tags,
      },
      { parent: this, protect: args.protect, import: args.importId },
    );
    applyExtensions(
      this,
      name,
      { id: this.partnerTopic.id, resourceType: RESOURCE_TYPE, resource: this.partnerTopic },
      args,
    );
    const host = subscriptionHost(this, args, this.partnerTopic, partnerInputSchema(args));
    this.subscriptions = createEventSubscriptions(
      {
        ...host,
        parent: { kind: "partnerTopic", partnerTopicName: this.partnerTopic.name },
        dependsOn: [this.partnerTopic],
      },
      name,
      "subscriptions",
      args.subscriptions,
    );
    this.id = this.partnerTopic.id;
    this.name = this.partnerTopic.name;
    this.registerOutputs({ id: this.id, name: this.name });
  }
}
