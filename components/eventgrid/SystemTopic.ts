import * as pulumi from "@pulumi/pulumi";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import { throwIfInvalid, Violation } from "../core/errors";
import { applyExtensions, validateCommonArgs } from "../core/extensions";
import { CommonResourceArgs } from "../core/interfaces";
import { childName } from "../core/naming";
import { armId, isKnown, matches, oneOf, violation } from "../core/validate";
import {
  EventGridIdentityArgs,
  subscriptionHost,
  toEventGridIdentity,
  validateSubscriptionParent,
  validateTopicName,
} from "./common";
import { subscriptionLimits, SystemTopicSourceKind, systemTopicSources } from "./limits";
import { AnyEventSubscription, createEventSubscriptions, DeadLetterArgs, EventSubscriptionArgs } from "./subscription";

const TYPE = "azint:eventgrid:SystemTopic";
const RESOURCE_TYPE = "Microsoft.EventGrid/systemTopics";
/** System events are published in the Event Grid schema (and can be delivered as CloudEvents). */
const SYSTEM_EVENT_SCHEMA = "EventGridSchema";

/** The Azure resource whose events the system topic publishes. */
export type SystemTopicSource =
  | {
      /** Storage account, Event Hubs namespace, Service Bus namespace, resource group or Azure subscription. */
      readonly kind: SystemTopicSourceKind;
      /** ARM id of the source (`/subscriptions/{id}` for a subscription, the resource group id for a resource group). */
      readonly resourceId: pulumi.Input<string>;
    }
  | {
      /** Any other source Event Grid supports (`az eventgrid topic-type list`). */
      readonly kind: "other";
      /** Topic type, e.g. `Microsoft.AppConfiguration.ConfigurationStores`. */
      readonly topicType: string;
      readonly resourceId: pulumi.Input<string>;
      /** Whether Azure requires the `global` location for this source. Defaults to false. */
      readonly global?: boolean;
    };

export interface SystemTopicArgs extends CommonResourceArgs, EventGridIdentityArgs {
  /** Azure name, 3-50 letters, digits and hyphens. Defaults to an auto-name from the component name. */
  readonly systemTopicName?: pulumi.Input<string>;
  /** The source. Azure allows one system topic per source: declare it once and put every subscription on it. */
  readonly source: SystemTopicSource;
  /** Dead-letter container for every subscription that sets none. Defaults to none. */
  readonly deadLetter?: DeadLetterArgs;
  /** Event subscriptions on this system topic, keyed. Defaults to none. */
  readonly subscriptions?: Record<string, EventSubscriptionArgs>;
}

/** Whether the source lives in the `global` location (resource groups and subscriptions). */
export function isGlobalSource(source: SystemTopicSource): boolean {
  return source.kind === "other" ? (source.global ?? false) : systemTopicSources[source.kind]?.global === true;
}

/** The ARM topic type of a source. */
export function topicTypeOf(source: SystemTopicSource): string {
  return source.kind === "other" ? source.topicType : systemTopicSources[source.kind].topicType;
}

/**
 * A resource's topic type is its resource type with dots (`Microsoft.Storage/storageAccounts` ->
 * `Microsoft.Storage.StorageAccounts`, https://learn.microsoft.com/azure/event-grid/system-topics): Azure refuses a
 * system topic whose source is another type. Subscription and resource-group ids have no resource type; only their
 * topic types (Microsoft.Resources.*, and the subscription-wide Microsoft.PolicyInsights.* and
 * Microsoft.ResourceNotifications.* sources) fit them.
 */
function topicTypeMismatch(topicType: string, resourceId: pulumi.Input<string>): Violation | undefined {
  if (!isKnown(resourceId)) return undefined;
  const provider = /\/providers\/([^/]+)\/([^/]+)\/[^/]+/i.exec(resourceId);
  const scopeId = /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/i.test(resourceId);
  if (!provider && !scopeId) return armId("source.resourceId", resourceId);
  if (provider) {
    const expected = `${provider[1]}.${provider[2]}`;
    if (expected.toLowerCase() === topicType.toLowerCase()) return undefined;
    return violation(
      "source.topicType",
      topicType,
      `does not match the source's resource type ${provider[1]}/${provider[2]}; its topic type is ${expected}`,
    );
  }
  if (/^Microsoft\.(Resources|PolicyInsights|ResourceNotifications)\./i.test(topicType)) return undefined;
  return violation(
    "source.topicType",
    topicType,
    "is a resource's topic type, but source.resourceId is a subscription or resource group; give the resource's id",
  );
}

function validateSource(source: SystemTopicSource): (Violation | undefined)[] {
  const kinds = [...Object.keys(systemTopicSources), "other"];
  if (!kinds.includes(source.kind)) return [oneOf("source.kind", source.kind, kinds)];
  if (source.kind === "other") {
    const shape = matches(
      "source.topicType",
      source.topicType,
      /^[A-Za-z]+\.[A-Za-z.]+$/,
      "a topic type such as Microsoft.AppConfiguration.ConfigurationStores",
    );
    return [shape, shape ? undefined : topicTypeMismatch(source.topicType, source.resourceId)];
  }
  const facts = systemTopicSources[source.kind];
  if (facts.resourceType) return [armId("source.resourceId", source.resourceId, facts.resourceType)];
  if (!isKnown(source.resourceId)) return [];
  const pattern =
    source.kind === "subscription" ? /^\/subscriptions\/[^/]+$/i : /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i;
  const form = source.kind === "subscription" ? "/subscriptions/{id}" : "/subscriptions/{id}/resourceGroups/{name}";
  return pattern.test(source.resourceId)
    ? []
    : [violation("source.resourceId", source.resourceId, `must be ${form} for a ${source.kind} source`)];
}

/** Validates SystemTopicArgs, subscriptions included. Pure; exported for tests. */
export function validateSystemTopicArgs(args: SystemTopicArgs): Violation[] {
  const found: (Violation | undefined)[] = [
    ...validateCommonArgs(args, RESOURCE_TYPE),
    validateTopicName("systemTopicName", args.systemTopicName),
    ...validateSource(args.source),
    ...validateSubscriptionParent(args, SYSTEM_EVENT_SCHEMA, subscriptionLimits.perTopic),
  ];
  if (isGlobalSource(args.source) && isKnown(args.location) && args.location.toLowerCase() !== "global") {
    found.push(
      violation(
        "location",
        args.location,
        `must be "global" (or unset) for a ${args.source.kind} source: Azure keeps these system topics in the global location`,
      ),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * An Event Grid system topic on an Azure source (storage account, Event Hubs or Service Bus namespace, resource group,
 * subscription), with a system-assigned identity by default and its subscriptions with least-privilege delivery roles.
 */
export class SystemTopic extends pulumi.ComponentResource {
  public readonly id: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly systemTopic: eventgrid.SystemTopic;
  public readonly subscriptions: Record<string, AnyEventSubscription>;

  constructor(name: string, args: SystemTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE, name, {}, opts);
    throwIfInvalid(`${TYPE} ${name}`, validateSystemTopicArgs(args));
    this.systemTopic = new eventgrid.SystemTopic(
      childName(name, "systemtopic"),
      {
        resourceGroupName: args.resourceGroupName,
        location: isGlobalSource(args.source) ? "global" : args.location,
        systemTopicName: args.systemTopicName,
        source: args.source.resourceId,
        topicType: topicTypeOf(args.source),
        identity: toEventGridIdentity(args),
        tags: args.tags,
      },
      { parent: this, protect: args.protect },
    );
    applyExtensions(
      this,
      name,
      { id: this.systemTopic.id, resourceType: RESOURCE_TYPE, resource: this.systemTopic },
      args,
    );
    const host = subscriptionHost(this, args, this.systemTopic, SYSTEM_EVENT_SCHEMA);
    this.subscriptions = createEventSubscriptions(
      {
        ...host,
        parent: { kind: "systemTopic", systemTopicName: this.systemTopic.name },
        dependsOn: [this.systemTopic],
      },
      name,
      "subscriptions",
      args.subscriptions,
    );
    this.id = this.systemTopic.id;
    this.name = this.systemTopic.name;
    this.registerOutputs({ id: this.id, name: this.name });
  }
}
