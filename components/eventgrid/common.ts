import * as pulumi from "@pulumi/pulumi";
import type * as eventgrid from "@pulumi/azure-native/eventgrid";
import type * as authorization from "@pulumi/azure-native/authorization";
import { Violation } from "../core/errors";
import { defaultPublicNetworkAccess } from "../core/extensions";
import { identityType } from "../core/identity";
import { CommonResourceArgs, ManagedIdentitiesArgs, PrincipalType, principalTypes } from "../core/interfaces";
import { childName } from "../core/naming";
import { createRoleAssignment } from "../core/roleAssignment";
import { isKnown, mapKeys, matches, oneOf, rulesWithoutPublicAccess, violation } from "../core/validate";
import {
  dataResidencyBoundaries,
  InputSchema,
  inputSchemas,
  namePatterns,
  networkLimits,
  publisherRole,
  TlsVersion,
  tlsVersions,
} from "./limits";
import {
  DeadLetterArgs,
  EventSubscriptionArgs,
  GrantRegistry,
  SubscriptionContext,
  SubscriptionHost,
  validateDeadLetterDefault,
  validateEventSubscriptions,
} from "./subscription";
import { sortedValues } from "../core/collections";

// Pieces shared by the Event Grid components: identities, publishers, the validation and wiring of the subscriptions
// every topic kind has, and the network/schema arguments that custom topics and domains have in common.

/** A principal that may publish events (granted "EventGrid Data Sender" on the topic or domain). */
export interface PublisherArgs {
  /** Object id of the user, group or service principal (managed identity). */
  readonly principalId: pulumi.Input<string>;
  /** Required (no default): `ServicePrincipal` for managed identities. */
  readonly principalType: PrincipalType;
}

/** Managed identities of an Event Grid topic-like resource (the shared interface plus principal ids for grants). */
export interface EventGridIdentityArgs {
  /**
   * Managed identities. Defaults to `{ systemAssigned: true }`: subscriptions deliver and dead-letter with it, and the
   * component grants it the least-privilege roles it needs. Pass `{}` for no identity.
   */
  readonly managedIdentities?: ManagedIdentitiesArgs;
  /**
   * Principal (object) ids of the user-assigned identities, keyed like `managedIdentities.userAssignedResourceIds`.
   * Needed only for the role assignments of subscriptions that deliver with a user-assigned identity. Defaults to none.
   */
  readonly userAssignedPrincipalIds?: Record<string, pulumi.Input<string>>;
}

/** Publishers of a custom topic or domain (system and partner topics are published to by Azure or the partner). */
export interface PublisherGrantArgs {
  /** Principals allowed to publish, keyed; each is granted "EventGrid Data Sender" on this resource. Defaults to none. */
  readonly publishers?: Record<string, PublisherArgs>;
}

/** The identity a component falls back to: system-assigned unless the caller says otherwise. */
export function effectiveIdentities(m: ManagedIdentitiesArgs | undefined): ManagedIdentitiesArgs {
  return m ?? { systemAssigned: true };
}

/** The eventgrid `IdentityInfo` input: user-assigned identities are a map keyed by resource id (not an array). */
export function toEventGridIdentity(args: EventGridIdentityArgs): eventgrid.TopicArgs["identity"] {
  const m = effectiveIdentities(args.managedIdentities);
  const type = identityType(m);
  if (type === "None") return undefined;
  const ids = sortedValues(m.userAssignedResourceIds);
  if (ids.length === 0) return { type };
  return {
    type,
    userAssignedIdentities: pulumi.all(ids).apply((list) => Object.fromEntries(list.map((id) => [id, {}]))),
  };
}

/** Checks identities and (for topics and domains) publishers. Pure. */
export function validateIdentityArgs(args: EventGridIdentityArgs & PublisherGrantArgs): Violation[] {
  const found: (Violation | undefined)[] = [];
  const m = effectiveIdentities(args.managedIdentities);
  found.push(...mapKeys("managedIdentities.userAssignedResourceIds", m.userAssignedResourceIds));
  for (const key of Object.keys(args.userAssignedPrincipalIds ?? {})) {
    if (!(key in (m.userAssignedResourceIds ?? {}))) {
      found.push(
        violation(
          `userAssignedPrincipalIds.${key}`,
          key,
          `names no identity in managedIdentities.userAssignedResourceIds; declared: ${Object.keys(m.userAssignedResourceIds ?? {}).join(", ") || "(none)"}`,
        ),
      );
    }
  }
  found.push(...mapKeys("publishers", args.publishers));
  for (const [key, p] of Object.entries(args.publishers ?? {})) {
    if (!principalTypes.includes(p.principalType)) {
      found.push(
        violation(
          `publishers.${key}.principalType`,
          p.principalType,
          `is required; allowed: ${principalTypes.join(", ")}`,
        ),
      );
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** What every topic kind (custom, system, partner topic, domain) takes for its subscriptions. */
type SubscriptionParentArgs = EventGridIdentityArgs &
  PublisherGrantArgs & {
    readonly deadLetter?: DeadLetterArgs;
    readonly subscriptions?: Record<string, EventSubscriptionArgs>;
  };

/**
 * Checks what every topic kind has, in this order: identities (and publishers), the default dead-letter destination,
 * and the subscriptions against the input schema and the per-parent cap. Pure.
 */
export function validateSubscriptionParent(
  args: SubscriptionParentArgs,
  inputSchema: InputSchema,
  maxSubscriptions: number,
): Violation[] {
  return [
    ...validateIdentityArgs(args),
    ...validateDeadLetterDefault("deadLetter", args.deadLetter),
    ...validateEventSubscriptions(
      "subscriptions",
      args.subscriptions,
      subscriptionContextFor(args, inputSchema),
      maxSubscriptions,
    ),
  ];
}

/** The name rule of topics, domains, system and partner topics, checked at `path`. */
export function validateTopicName(path: string, name: pulumi.Input<string> | undefined): Violation | undefined {
  return matches(path, name, namePatterns.topic.pattern, namePatterns.topic.rule);
}

/** Grants "EventGrid Data Sender" on the resource to each publisher. */
export function grantPublishers(
  component: pulumi.ComponentResource,
  name: string,
  scope: pulumi.Input<string>,
  publishers: Record<string, PublisherArgs> | undefined,
  dependsOn: pulumi.Resource,
): Record<string, authorization.RoleAssignment> {
  const out: Record<string, authorization.RoleAssignment> = {};
  for (const [key, p] of Object.entries(publishers ?? {})) {
    out[key] = createRoleAssignment(
      childName(name, "publisher", key),
      {
        scope,
        role: publisherRole,
        principalId: p.principalId,
        principalType: p.principalType,
        description: `Publishes events to ${name} (granted by the Event Grid component).`,
      },
      { parent: component, dependsOn: [dependsOn] },
    );
  }
  return out;
}

/** JSON input schema mapping for `CustomEventSchema` (azure-native's, without the fixed discriminator). */
export type InputSchemaMappingArgs = Omit<eventgrid.TopicArgs["inputSchemaMapping"] & object, "inputSchemaMappingType">;

/** An event type publishers send, described for subscribers (azure-native `InlineEventProperties`). */
export interface InlineEventTypeArgs {
  readonly displayName?: string;
  readonly description?: string;
  /** URL of the event's data schema. */
  readonly dataSchemaUrl?: string;
  readonly documentationUrl?: string;
}

/** Arguments custom topics and domains share. */
export interface TopicNetworkArgs {
  /**
   * The event types publishers send, keyed by event type (e.g. `Contoso.Orders.OrderCreated`), for subscribers to
   * choose from (Event Grid's `eventTypeInfo`, kind `Inline`). Informational: publishers may send other types.
   * Defaults to none.
   */
  readonly eventTypeInfo?: { readonly inlineEventTypes: Record<string, InlineEventTypeArgs> };
  /**
   * Schema publishers send. Defaults to `EventGridSchema`. `CustomEventSchema` requires `inputSchemaMapping`.
   * Subscriptions are checked against it (CloudEvents input cannot be delivered in the Event Grid schema).
   */
  readonly inputSchema?: InputSchema;
  /** Mapping of a custom JSON schema onto Event Grid fields; only with `inputSchema: CustomEventSchema`. Defaults to none. */
  readonly inputSchemaMapping?: InputSchemaMappingArgs;
  /** The public endpoint. Defaults to Disabled when private endpoints are given and no IP rules are, Enabled otherwise. */
  readonly publicNetworkAccess?: "Enabled" | "Disabled";
  /**
   * IP firewall: allowed IPv4 addresses or CIDR ranges, keyed by a stable name (at most 128; not with public access
   * Disabled). Defaults to none (all allowed).
   */
  readonly inboundIpRules?: Record<string, string>;
  /** Local (SAS key) authentication. Defaults to false: publishers authenticate with Entra ID (see `publishers`). */
  readonly localAuthEnabled?: boolean;
  /** Minimum TLS version publishers must use. Defaults to `1.2`. */
  readonly minimumTlsVersion?: TlsVersion;
  /** Where Event Grid may replicate metadata on failover. Defaults to Azure's (`WithinGeopair`). */
  readonly dataResidencyBoundary?: (typeof dataResidencyBoundaries)[number];
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;

/** Checks schema and network arguments, and the resource's name at `namePath`. Pure. */
export function validateTopicNetworkArgs(
  args: TopicNetworkArgs,
  resourceName: pulumi.Input<string> | undefined,
  namePath: string,
): Violation[] {
  const found: (Violation | undefined)[] = [];
  found.push(validateTopicName(namePath, resourceName));
  found.push(oneOf("inputSchema", args.inputSchema, inputSchemas));
  const schema = topicInputSchema(args);
  if (schema === "CustomEventSchema" && !args.inputSchemaMapping) {
    found.push(
      violation(
        "inputSchemaMapping",
        undefined,
        "is required with inputSchema CustomEventSchema: map your JSON fields onto id, topic, eventTime, eventType, subject and dataVersion",
      ),
    );
  }
  if (schema !== "CustomEventSchema" && args.inputSchemaMapping) {
    found.push(
      violation(
        "inputSchemaMapping",
        args.inputSchemaMapping,
        `applies only to inputSchema CustomEventSchema (inputSchema is ${schema}); remove it or change the schema`,
      ),
    );
  }
  found.push(oneOf("publicNetworkAccess", args.publicNetworkAccess, ["Enabled", "Disabled"]));
  const rules = Object.entries(args.inboundIpRules ?? {});
  found.push(...mapKeys("inboundIpRules", args.inboundIpRules));
  if (rules.length > networkLimits.maxInboundIpRules) {
    found.push(
      violation(
        "inboundIpRules",
        `${rules.length} rules`,
        `exceeds Event Grid's maximum of ${networkLimits.maxInboundIpRules} IP firewall rules`,
      ),
    );
  }
  for (const [key, mask] of rules) {
    if (isKnown(mask) && !IPV4_CIDR.test(mask)) {
      found.push(
        violation(`inboundIpRules.${key}`, mask, "must be an IPv4 address or CIDR range such as 203.0.113.0/24"),
      );
    }
  }
  found.push(
    rulesWithoutPublicAccess(
      "inboundIpRules",
      rules.map(([key]) => key),
      args.publicNetworkAccess,
      networkLimits.publicAccessDisabledSource,
    ),
  );
  found.push(oneOf("minimumTlsVersion", args.minimumTlsVersion, tlsVersions));
  found.push(oneOf("dataResidencyBoundary", args.dataResidencyBoundary, dataResidencyBoundaries));
  for (const type of Object.keys(args.eventTypeInfo?.inlineEventTypes ?? {})) {
    if (type.trim() === "")
      found.push(violation("eventTypeInfo.inlineEventTypes", type, "has an empty event type name"));
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** The input schema of a custom topic or domain: `EventGridSchema` unless set. */
export function topicInputSchema(args: TopicNetworkArgs): InputSchema {
  return args.inputSchema ?? "EventGridSchema";
}

/**
 * The azure-native inputs for the schema and network arguments, with the secure defaults applied (public access off
 * when private endpoints are given and no IP rules are).
 */
export function topicNetworkInputs(args: TopicNetworkArgs & Pick<CommonResourceArgs, "privateEndpoints">) {
  const ipMasks = sortedValues(args.inboundIpRules);
  return {
    inputSchema: topicInputSchema(args),
    inputSchemaMapping: args.inputSchemaMapping
      ? { ...args.inputSchemaMapping, inputSchemaMappingType: "Json" as const }
      : undefined,
    publicNetworkAccess: defaultPublicNetworkAccess(
      args.publicNetworkAccess,
      Object.keys(args.privateEndpoints ?? {}).length > 0,
      ipMasks.length > 0,
    ),
    inboundIpRules: ipMasks.length > 0 ? ipMasks.map((ipMask) => ({ ipMask, action: "Allow" })) : undefined,
    disableLocalAuth: !(args.localAuthEnabled ?? false),
    eventTypeInfo: args.eventTypeInfo && { kind: "Inline", inlineEventTypes: args.eventTypeInfo.inlineEventTypes },
    minimumTlsVersionAllowed: args.minimumTlsVersion ?? "1.2",
    dataResidencyBoundary: args.dataResidencyBoundary,
  };
}

/** The subscription context of a parent: its schema, identities and default dead-letter destination. */
export function subscriptionContextFor(
  args: EventGridIdentityArgs & { readonly deadLetter?: DeadLetterArgs },
  inputSchema: InputSchema,
): SubscriptionContext {
  const m = effectiveIdentities(args.managedIdentities);
  return {
    inputSchema,
    systemAssigned: m.systemAssigned === true,
    userAssignedKeys: Object.keys(m.userAssignedResourceIds ?? {}),
    userAssignedPrincipalKeys: Object.keys(args.userAssignedPrincipalIds ?? {}),
    defaultDeadLetter: args.deadLetter,
  };
}

/**
 * What the subscriptions of a component share, whichever of its resources they hang off: the component (`source`
 * names it in warnings), the identities they deliver with (principal ids read from the created `resource`), one grant
 * registry (so that equal role assignments are made once) and the subscription context.
 */
export function subscriptionHost(
  component: pulumi.ComponentResource,
  args: SubscriptionParentArgs & { readonly resourceGroupName: pulumi.Input<string> },
  resource: { readonly identity: pulumi.Output<{ principalId?: string } | undefined> },
  inputSchema: InputSchema,
): Omit<SubscriptionHost, "parent" | "dependsOn"> {
  const m = effectiveIdentities(args.managedIdentities);
  const userAssigned: SubscriptionHost["userAssigned"] = {};
  for (const [key, id] of Object.entries(m.userAssignedResourceIds ?? {})) {
    userAssigned[key] = { id, principalId: args.userAssignedPrincipalIds?.[key] };
  }
  return {
    component,
    resourceGroupName: args.resourceGroupName,
    systemPrincipalId: resource.identity.apply((i) => i?.principalId ?? "") as pulumi.Output<string>,
    userAssigned,
    grants: new GrantRegistry(component),
    context: subscriptionContextFor(args, inputSchema),
  };
}
