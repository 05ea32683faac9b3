import * as pulumi from "@pulumi/pulumi";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import type * as authorization from "@pulumi/azure-native/authorization";
import type * as inputs from "@pulumi/azure-native/types/input";
import { Violation } from "../core/errors";
import { childName, stableSuffix } from "../core/naming";
import { createRoleAssignment } from "../core/roleAssignment";
import { armId, intInRange, isKnown, mapKeys, matches, oneOf, violation } from "../core/validate";
import {
  AdvancedFilterOperator,
  advancedFilterLimits,
  advancedFilterOperators,
  attemptsWithinTtl,
  batchingLimits,
  deadLetterRole,
  DeliverySchema,
  deliveryPropertyLimits,
  DestinationKind,
  destinationFacts,
  filterValueCount,
  InputSchema,
  namePatterns,
  retryLimits,
  retryRepeatSeconds,
  retryScheduleSeconds,
  schemaCompatibility,
  serviceBusSessionProperty,
  storageQueueTtl,
  TlsVersion,
  tlsVersions,
} from "./limits";
import { sortedValues } from "../core/collections";
import { withConfigKey } from "../core/configKey";

// The one event-subscription model every Event Grid component uses (custom topics, system topics, domains, domain
// topics, partner topics): typed destinations and filters, validators, and the creation of the subscription with the
// least-privilege role assignments it needs.

type NumberCompare = "NumberLessThan" | "NumberGreaterThan" | "NumberLessThanOrEquals" | "NumberGreaterThanOrEquals";
type StringOperator =
  | "StringIn"
  | "StringNotIn"
  | "StringBeginsWith"
  | "StringEndsWith"
  | "StringContains"
  | "StringNotBeginsWith"
  | "StringNotEndsWith"
  | "StringNotContains";

/**
 * One advanced filter: `key` is the event field (`data.amount`, `subject`, `type`), `operator` one of Azure's 19, and
 * the value shape follows the operator. Values within one filter are ORed; separate filters are ANDed. String
 * comparisons are case-insensitive (Azure's behaviour). Plain values (not Outputs) so that they are checked up front.
 */
export type AdvancedFilterArgs =
  | { readonly operator: "NumberIn" | "NumberNotIn"; readonly key: string; readonly values: readonly number[] }
  | { readonly operator: NumberCompare; readonly key: string; readonly value: number }
  | {
      readonly operator: "NumberInRange" | "NumberNotInRange";
      readonly key: string;
      /** Inclusive `[low, high]` ranges. */
      readonly values: readonly (readonly [number, number])[];
    }
  | { readonly operator: "BoolEquals"; readonly key: string; readonly value: boolean }
  | { readonly operator: StringOperator; readonly key: string; readonly values: readonly string[] }
  | { readonly operator: "IsNullOrUndefined" | "IsNotNull"; readonly key: string };

/** A custom delivery property (header / message property): a fixed value, or a value taken from the event. */
export type DeliveryPropertyArgs =
  | {
      /** Fixed value. */
      readonly value: pulumi.Input<string>;
      /** Hide the value in the portal. Defaults to false. */
      readonly secret?: boolean;
    }
  | {
      /** JSON path of the event field whose value is sent, e.g. `data.orderId`. */
      readonly sourceField: string;
    };

interface WithDeliveryProperties {
  /** Custom delivery properties keyed by header / property name (at most 10). Defaults to none. */
  readonly deliveryProperties?: Record<string, DeliveryPropertyArgs>;
}
interface WithBatching {
  /** Maximum events per delivered batch, 1-5000. Defaults to Azure's (1). */
  readonly maxEventsPerBatch?: number;
  /** Preferred batch size in KB, 1-1024. Defaults to Azure's (64). */
  readonly preferredBatchSizeKb?: number;
}

/** Where events go: a discriminated union on `kind`. ARM ids may be Outputs (not checked up front then). */
export type DestinationArgs =
  | ({
      readonly kind: "webhook";
      /** HTTPS endpoint URL (http is rejected). */
      readonly endpointUrl: pulumi.Input<string>;
      /** Entra ID protected webhook: Event Grid sends a bearer token for this app. Defaults to none. */
      readonly entraId?: {
        readonly applicationIdOrUri: pulumi.Input<string>;
        /** Defaults to the tenant of the Event Grid resource. */
        readonly tenantId?: pulumi.Input<string>;
      };
      /** Minimum TLS version of the endpoint. Defaults to `1.2`. */
      readonly minimumTlsVersion?: TlsVersion;
    } & WithBatching &
      WithDeliveryProperties)
  | ({
      readonly kind: "azureFunction";
      /** Function id: `.../Microsoft.Web/sites/{app}/functions/{function}`. */
      readonly resourceId: pulumi.Input<string>;
    } & WithBatching &
      WithDeliveryProperties)
  | ({
      readonly kind: "eventHub";
      /** Event hub id: `.../Microsoft.EventHub/namespaces/{ns}/eventhubs/{hub}` (role assignments are scoped to it). */
      readonly resourceId: pulumi.Input<string>;
    } & WithDeliveryProperties)
  | ({
      readonly kind: "serviceBusQueue" | "serviceBusTopic";
      /** Queue or topic id: `.../Microsoft.ServiceBus/namespaces/{ns}/queues/{q}` or `/topics/{t}`. */
      readonly resourceId: pulumi.Input<string>;
      /**
       * Whether the entity requires sessions; Event Grid then needs a `SessionId` delivery property. Defaults to false
       * (the stacks fill it in from the Service Bus config).
       */
      readonly requiresSession?: boolean;
    } & WithDeliveryProperties)
  | {
      readonly kind: "storageQueue";
      /** Storage account id (the queue's role assignment is scoped to the queue itself). */
      readonly storageAccountId: pulumi.Input<string>;
      readonly queueName: pulumi.Input<string>;
      /** Message time-to-live in seconds, or -1 for infinite. Defaults to Azure's (7 days). */
      readonly messageTtlSeconds?: number;
    }
  | ({
      readonly kind: "hybridConnection";
      /** Relay hybrid connection id: `.../Microsoft.Relay/namespaces/{ns}/hybridConnections/{name}`. */
      readonly resourceId: pulumi.Input<string>;
    } & WithDeliveryProperties);

/** The managed identity a subscription uses: the topic's system-assigned one, or a user-assigned one by key. */
export type SubscriptionIdentity = "SystemAssigned" | { readonly userAssigned: string };

/** Dead-letter destination: a blob container (the only kind Event Grid supports). */
export interface DeadLetterArgs {
  /** Storage account id. */
  readonly storageAccountId: pulumi.Input<string>;
  /** Container name (the role assignment is scoped to the container, not the account). */
  readonly containerName: pulumi.Input<string>;
  /**
   * Identity to dead-letter with. Defaults to the subscription's delivery identity, else the topic's system-assigned
   * identity when it has one; `false` dead-letters with Event Grid's own (key-based) access.
   */
  readonly identity?: SubscriptionIdentity | false;
}

export interface RetryArgs {
  /** Maximum delivery attempts, 1-30. Defaults to 30. */
  readonly maxDeliveryAttempts?: number;
  /** Event time-to-live in minutes, 1-1440. Defaults to 1440 (24 h). */
  readonly eventTtlMinutes?: number;
}

/** One event subscription, the same model on every topic kind. */
export interface EventSubscriptionArgs {
  /** Azure name, 3-64 letters, digits and hyphens. Defaults to the map key. */
  readonly name?: string;
  readonly destination: DestinationArgs;
  /** Event types to deliver. Defaults to all. */
  readonly includedEventTypes?: string[];
  /** Subject prefix filter (no wildcards). Defaults to none. */
  readonly subjectBeginsWith?: string;
  /** Subject suffix filter (no wildcards). Defaults to none. */
  readonly subjectEndsWith?: string;
  /** Compare the subject filters case-sensitively. Defaults to false. */
  readonly subjectCaseSensitive?: boolean;
  /** Advanced filters keyed by a stable name, ANDed together (at most 25, with 25 values in total). Defaults to none. */
  readonly advancedFilters?: Record<string, AdvancedFilterArgs>;
  /** Evaluate advanced filters against array values. Defaults to false. */
  readonly advancedFilteringOnArrays?: boolean;
  /** Retry policy. Defaults to 30 attempts within 1440 minutes (Azure's defaults). */
  readonly retry?: RetryArgs;
  /** Schema events are delivered in. Defaults to the topic's input schema (CustomInputSchema for custom input). */
  readonly deliverySchema?: DeliverySchema;
  /** ISO 8601 time at which the subscription expires. Defaults to never. */
  readonly expirationTimeUtc?: pulumi.Input<string>;
  /** Free labels. Defaults to none. */
  readonly labels?: string[];
  /**
   * Deliver with a managed identity. Defaults to the topic's system-assigned identity for Service Bus, Event Hubs and
   * storage queue destinations (the only ones Event Grid delivers to with an identity) when the topic has one; `false`
   * delivers with Event Grid's own (key-based) access.
   */
  readonly identity?: SubscriptionIdentity | false;
  /**
   * Dead-letter container. Dead-lettering is on by default: defaults to the component's `deadLetter`; a subscription
   * without either is rejected unless it sets `false` (undeliverable events are then dropped).
   */
  readonly deadLetter?: DeadLetterArgs | false;
  /**
   * Create the role assignments identity delivery and dead-lettering need, scoped to the destination entity and the
   * dead-letter container. Defaults to true. Set false when someone else grants them.
   */
  readonly assignRoles?: boolean;
}

/** What a subscription is validated against: the parent's schema, identities and defaults. */
export interface SubscriptionContext {
  /** Input schema of the topic (system topics: EventGridSchema). */
  readonly inputSchema: InputSchema;
  readonly systemAssigned: boolean;
  /** Keys of the parent's user-assigned identities. */
  readonly userAssignedKeys: readonly string[];
  /** Keys of user-assigned identities whose principal id is known (needed for role assignments). */
  readonly userAssignedPrincipalKeys: readonly string[];
  /** The parent's default dead-letter destination. */
  readonly defaultDeadLetter?: DeadLetterArgs;
}

const DEFAULT_DELIVERY_SCHEMA: Record<InputSchema, DeliverySchema> = {
  EventGridSchema: "EventGridSchema",
  CloudEventSchemaV1_0: "CloudEventSchemaV1_0",
  CustomEventSchema: "CustomInputSchema",
};

/** The delivery identity after defaults, or undefined for key-based delivery. */
export function resolveDeliveryIdentity(
  sub: EventSubscriptionArgs,
  ctx: SubscriptionContext,
): SubscriptionIdentity | undefined {
  if (sub.identity === false) return undefined;
  if (sub.identity !== undefined) return sub.identity;
  const canUseIdentity = destinationFacts[sub.destination.kind]?.deliveryRole !== undefined;
  return canUseIdentity && ctx.systemAssigned ? "SystemAssigned" : undefined;
}

/** The dead-letter destination and identity after defaults, or undefined when dead-lettering is off. */
export function resolveDeadLetter(
  sub: EventSubscriptionArgs,
  ctx: SubscriptionContext,
): { destination: DeadLetterArgs; identity?: SubscriptionIdentity } | undefined {
  if (sub.deadLetter === false) return undefined;
  const destination = sub.deadLetter ?? ctx.defaultDeadLetter;
  if (!destination) return undefined;
  if (destination.identity === false) return { destination };
  const identity =
    destination.identity ?? resolveDeliveryIdentity(sub, ctx) ?? (ctx.systemAssigned ? "SystemAssigned" : undefined);
  return { destination, identity };
}

const identityLabel = (i: SubscriptionIdentity) =>
  i === "SystemAssigned" ? "SystemAssigned" : `user:${i.userAssigned}`;

function validateIdentity(
  path: string,
  identity: SubscriptionIdentity,
  ctx: SubscriptionContext,
  assignRoles: boolean,
): Violation[] {
  if (identity === "SystemAssigned") {
    return ctx.systemAssigned
      ? []
      : [
          violation(
            path,
            identity,
            "needs the topic's system-assigned identity, which is not enabled (managedIdentities.systemAssigned)",
          ),
        ];
  }
  const key = identity.userAssigned;
  if (!ctx.userAssignedKeys.includes(key)) {
    return [
      violation(
        `${path}.userAssigned`,
        key,
        `names no user-assigned identity of the topic; declared: ${ctx.userAssignedKeys.join(", ") || "(none)"}`,
      ),
    ];
  }
  if (assignRoles && !ctx.userAssignedPrincipalKeys.includes(key)) {
    return [
      violation(
        `${path}.userAssigned`,
        key,
        "has no principal id in userAssignedPrincipalIds, which the role assignments need (or set assignRoles: false)",
      ),
    ];
  }
  return [];
}

const ENTITY_IDS: Partial<Record<DestinationKind, { pattern: RegExp; form: string }>> = {
  eventHub: {
    pattern: /\/providers\/Microsoft\.EventHub\/namespaces\/[^/]+\/eventhubs\/[^/]+$/i,
    form: ".../providers/Microsoft.EventHub/namespaces/{namespace}/eventhubs/{eventHub}",
  },
  serviceBusQueue: {
    pattern: /\/providers\/Microsoft\.ServiceBus\/namespaces\/[^/]+\/queues\/[^/]+$/i,
    form: ".../providers/Microsoft.ServiceBus/namespaces/{namespace}/queues/{queue}",
  },
  serviceBusTopic: {
    pattern: /\/providers\/Microsoft\.ServiceBus\/namespaces\/[^/]+\/topics\/[^/]+$/i,
    form: ".../providers/Microsoft.ServiceBus/namespaces/{namespace}/topics/{topic}",
  },
  azureFunction: {
    pattern: /\/providers\/Microsoft\.Web\/sites\/[^/]+\/functions\/[^/]+$/i,
    form: ".../providers/Microsoft.Web/sites/{app}/functions/{function}",
  },
  hybridConnection: {
    pattern: /\/providers\/Microsoft\.Relay\/namespaces\/[^/]+\/hybridConnections\/[^/]+$/i,
    form: ".../providers/Microsoft.Relay/namespaces/{namespace}/hybridConnections/{name}",
  },
};

const STORAGE_CHILD_NAME = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

function validateDestination(path: string, d: DestinationArgs): Violation[] {
  const found: (Violation | undefined)[] = [];
  const facts = destinationFacts[d.kind];
  if (!facts) {
    return [
      violation(
        `${path}.kind`,
        d.kind,
        `is not a destination kind; allowed: ${Object.keys(destinationFacts).join(", ")}`,
      ),
    ];
  }
  if (d.kind === "webhook") {
    if (isKnown(d.endpointUrl) && !isHttpsUrl(d.endpointUrl)) {
      found.push(
        violation(
          `${path}.endpointUrl`,
          d.endpointUrl,
          "must be an https:// URL (Event Grid delivers to webhooks over HTTPS only)",
        ),
      );
    }
    if (d.entraId && d.entraId.applicationIdOrUri === "") {
      found.push(violation(`${path}.entraId.applicationIdOrUri`, "", "is required for an Entra ID protected webhook"));
    }
    found.push(oneOf(`${path}.minimumTlsVersion`, d.minimumTlsVersion, tlsVersions));
  } else if (d.kind === "storageQueue") {
    found.push(armId(`${path}.storageAccountId`, d.storageAccountId, "Microsoft.Storage/storageAccounts"));
    found.push(
      matches(
        `${path}.queueName`,
        d.queueName,
        STORAGE_CHILD_NAME,
        "a queue name: 3-63 lowercase letters, digits and single hyphens",
      ),
    );
    const ttl = d.messageTtlSeconds;
    if (
      ttl !== undefined &&
      ttl !== storageQueueTtl.infinite &&
      (!Number.isInteger(ttl) || ttl < storageQueueTtl.min)
    ) {
      found.push(
        violation(`${path}.messageTtlSeconds`, ttl, "must be a positive whole number of seconds, or -1 for infinite"),
      );
    }
  } else {
    const entity = ENTITY_IDS[d.kind];
    if (
      entity &&
      isKnown(d.resourceId) &&
      !(armId("", d.resourceId) === undefined && entity.pattern.test(d.resourceId))
    ) {
      found.push(
        violation(
          `${path}.resourceId`,
          d.resourceId,
          `is not the id of a ${facts.endpointType} destination (${entity.form})`,
        ),
      );
    }
  }
  if ("maxEventsPerBatch" in d || "preferredBatchSizeKb" in d) {
    const b = d as WithBatching;
    if (!facts.batching && (b.maxEventsPerBatch !== undefined || b.preferredBatchSizeKb !== undefined)) {
      found.push(
        violation(
          `${path}.maxEventsPerBatch`,
          b.maxEventsPerBatch,
          `applies only to webhook and azureFunction destinations, not ${d.kind}`,
        ),
      );
    }
    found.push(
      intInRange(
        `${path}.maxEventsPerBatch`,
        b.maxEventsPerBatch,
        batchingLimits.minEventsPerBatch,
        batchingLimits.maxEventsPerBatch,
      ),
    );
    found.push(
      intInRange(
        `${path}.preferredBatchSizeKb`,
        b.preferredBatchSizeKb,
        batchingLimits.minPreferredBatchSizeKb,
        batchingLimits.maxPreferredBatchSizeKb,
      ),
    );
  }
  const props = (d as WithDeliveryProperties).deliveryProperties;
  if (props !== undefined) {
    const names = Object.keys(props);
    if (!facts.deliveryProperties && names.length > 0) {
      found.push(violation(`${path}.deliveryProperties`, names, `are not supported on ${d.kind} destinations`));
    }
    if (names.length > deliveryPropertyLimits.maxProperties) {
      found.push(
        violation(
          `${path}.deliveryProperties`,
          `${names.length} properties`,
          `exceeds Event Grid's maximum of ${deliveryPropertyLimits.maxProperties} per subscription`,
        ),
      );
    }
    for (const [name, p] of Object.entries(props)) {
      if ("sourceField" in p) {
        if (!p.sourceField)
          found.push(
            violation(
              `${path}.deliveryProperties.${name}.sourceField`,
              p.sourceField,
              "must name an event field, e.g. data.orderId",
            ),
          );
      } else if (isKnown(p.value) && Buffer.byteLength(p.value, "utf8") > deliveryPropertyLimits.maxValueBytes) {
        found.push(
          violation(
            `${path}.deliveryProperties.${name}.value`,
            `${Buffer.byteLength(p.value, "utf8")} bytes`,
            `exceeds the maximum of ${deliveryPropertyLimits.maxValueBytes} bytes per delivery property`,
          ),
        );
      }
    }
  }
  if ((d.kind === "serviceBusQueue" || d.kind === "serviceBusTopic") && d.requiresSession) {
    const has = Object.keys(d.deliveryProperties ?? {}).some(
      (n) => n.toLowerCase() === serviceBusSessionProperty.toLowerCase(),
    );
    if (!has) {
      found.push(
        violation(
          `${path}.deliveryProperties`,
          Object.keys(d.deliveryProperties ?? {}),
          `must map a '${serviceBusSessionProperty}' property: the Service Bus ${d.kind === "serviceBusQueue" ? "queue" : "topic"} requires sessions, and Event Grid cannot deliver to it without one (e.g. ${serviceBusSessionProperty}: { sourceField: data.orderId })`,
        ),
      );
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/** Checks one advanced filter's operator and value shape. Exported for tests. */
export function validateAdvancedFilter(path: string, f: AdvancedFilterArgs): Violation[] {
  const found: Violation[] = [];
  const shape = advancedFilterOperators[f.operator as AdvancedFilterOperator];
  if (!shape) {
    return [
      violation(
        `${path}.operator`,
        f.operator,
        `is not an advanced filter operator; allowed: ${Object.keys(advancedFilterOperators).join(", ")}`,
      ),
    ];
  }
  if (typeof f.key !== "string" || f.key === "")
    found.push(violation(`${path}.key`, f.key, "is required: the event field to compare, e.g. data.amount"));
  const raw = f as { value?: unknown; values?: unknown };
  const needs = (what: string) => `${f.operator} takes ${what}`;
  const single = { number: "one number in 'value'", boolean: "one boolean in 'value'" } as const;
  const lists = {
    numbers: "a list of numbers",
    strings: "a list of strings",
    ranges: "a list of [low, high] number pairs",
  } as const;
  if (shape === "number" || shape === "boolean") {
    if (raw.value === undefined && raw.values !== undefined) {
      found.push(violation(`${path}.values`, raw.values, `is not allowed: ${needs(single[shape])}`));
    } else if (shape === "number" && (typeof raw.value !== "number" || !Number.isFinite(raw.value))) {
      found.push(violation(`${path}.value`, raw.value, `must be a number: ${needs(single[shape])}`));
    } else if (shape === "boolean" && typeof raw.value !== "boolean") {
      found.push(violation(`${path}.value`, raw.value, `must be true or false: ${needs(single[shape])}`));
    }
  } else if (shape === "none") {
    if (raw.value !== undefined || raw.values !== undefined) {
      const field = raw.value !== undefined ? "value" : "values";
      found.push(violation(`${path}.${field}`, raw[field], `is not allowed: ${f.operator} takes no value`));
    }
  } else {
    const what = lists[shape];
    if (raw.values === undefined && raw.value !== undefined) {
      found.push(violation(`${path}.value`, raw.value, `is not allowed: ${needs(`${what} in 'values'`)}`));
    } else if (!Array.isArray(raw.values) || raw.values.length === 0) {
      found.push(
        violation(
          `${path}.values`,
          raw.values,
          `must be ${what} with at least one entry: ${needs(`${what} in 'values'`)}`,
        ),
      );
    } else {
      raw.values.forEach((v: unknown, i: number) => {
        const at = `${path}.values.${i}`;
        if (shape === "numbers" && (typeof v !== "number" || !Number.isFinite(v))) {
          found.push(violation(at, v, `must be a number (${f.operator})`));
        } else if (shape === "strings" && typeof v !== "string") {
          found.push(violation(at, v, `must be a string (${f.operator})`));
        } else if (shape === "strings" && (v as string).length > advancedFilterLimits.maxStringLength) {
          found.push(
            violation(
              at,
              `${(v as string).length} characters`,
              `exceeds the maximum of ${advancedFilterLimits.maxStringLength} characters per filter value`,
            ),
          );
        } else if (shape === "ranges") {
          const ok = Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === "number" && Number.isFinite(n));
          if (!ok) found.push(violation(at, v, `must be a [low, high] pair of numbers (${f.operator})`));
          else if (v[0] > v[1]) found.push(violation(at, v, "is an empty range: low must not exceed high"));
        }
      });
    }
  }
  return found;
}

/** Validates one subscription against its parent. Pure; exported for tests. */
export function validateEventSubscription(
  path: string,
  key: string,
  sub: EventSubscriptionArgs,
  ctx: SubscriptionContext,
): Violation[] {
  const found: (Violation | undefined)[] = [];
  found.push(
    matches(`${path}.name`, sub.name ?? key, namePatterns.subscription.pattern, namePatterns.subscription.rule),
  );
  found.push(...validateDestination(`${path}.destination`, sub.destination));

  // Filters.
  const filters = Object.entries(sub.advancedFilters ?? {});
  found.push(...mapKeys(`${path}.advancedFilters`, sub.advancedFilters));
  if (filters.length > advancedFilterLimits.maxFilters) {
    found.push(
      violation(
        `${path}.advancedFilters`,
        `${filters.length} filters`,
        `exceeds Event Grid's maximum of ${advancedFilterLimits.maxFilters} advanced filters per subscription`,
      ),
    );
  }
  let totalValues = 0;
  for (const [fk, f] of filters) {
    found.push(...validateAdvancedFilter(`${path}.advancedFilters.${fk}`, f));
    const shape = advancedFilterOperators[f.operator as AdvancedFilterOperator];
    if (shape) totalValues += filterValueCount(shape, (f as { values?: unknown[] }).values);
  }
  if (totalValues > advancedFilterLimits.maxValuesTotal) {
    found.push(
      violation(
        `${path}.advancedFilters`,
        `${totalValues} values`,
        `exceeds Event Grid's maximum of ${advancedFilterLimits.maxValuesTotal} values across all advanced filters of a subscription`,
      ),
    );
  }
  for (const [field, value] of [
    ["subjectBeginsWith", sub.subjectBeginsWith],
    ["subjectEndsWith", sub.subjectEndsWith],
  ] as const) {
    if (value?.includes("*"))
      found.push(
        violation(`${path}.${field}`, value, "must not contain wildcards: Event Grid compares the subject literally"),
      );
  }

  // Retry.
  found.push(
    intInRange(
      `${path}.retry.maxDeliveryAttempts`,
      sub.retry?.maxDeliveryAttempts,
      retryLimits.minDeliveryAttempts,
      retryLimits.maxDeliveryAttempts,
    ),
  );
  found.push(
    intInRange(
      `${path}.retry.eventTtlMinutes`,
      sub.retry?.eventTtlMinutes,
      retryLimits.minEventTtlMinutes,
      retryLimits.maxEventTtlMinutes,
    ),
  );
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

  // Identity delivery and its roles.
  const assignRoles = sub.assignRoles ?? true;
  if (sub.identity !== undefined && sub.identity !== false) {
    const facts = destinationFacts[sub.destination.kind];
    if (facts && !facts.deliveryRole) {
      found.push(
        violation(
          `${path}.identity`,
          sub.identity,
          `is not supported on ${sub.destination.kind} destinations: Event Grid delivers with a managed identity only to Service Bus queues and topics, event hubs and storage queues`,
        ),
      );
    } else {
      found.push(...validateIdentity(`${path}.identity`, sub.identity, ctx, assignRoles));
    }
  }

  // Dead-letter: on by default.
  if (sub.deadLetter === undefined && !ctx.defaultDeadLetter) {
    found.push(
      violation(
        `${path}.deadLetter`,
        undefined,
        "is required: dead-lettering is on by default so that undeliverable events are kept; give { storageAccountId, containerName } here or as the component's deadLetter, or set deadLetter: false to drop them",
      ),
    );
  }
  if (sub.deadLetter) found.push(...validateDeadLetterDefault(`${path}.deadLetter`, sub.deadLetter));
  const dl = resolveDeadLetter(sub, ctx);
  if (dl?.destination.identity)
    found.push(...validateIdentity(`${path}.deadLetter.identity`, dl.destination.identity, ctx, assignRoles));
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

/** Validates a dead-letter destination: a component's shared default, or a subscription's own. Pure. */
export function validateDeadLetterDefault(path: string, dl: DeadLetterArgs | undefined): Violation[] {
  if (!dl) return [];
  return [
    armId(`${path}.storageAccountId`, dl.storageAccountId, "Microsoft.Storage/storageAccounts"),
    matches(
      `${path}.containerName`,
      dl.containerName,
      STORAGE_CHILD_NAME,
      "a container name: 3-63 lowercase letters, digits and single hyphens",
    ),
  ].filter((v): v is Violation => v !== undefined);
}

/**
 * Warnings (not errors) for a valid subscription: a retry policy Event Grid's schedule cannot honour. Event Grid
 * retries after 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h, 3 h, 6 h, then every 12 h up to 24 h, so an explicit
 * maxDeliveryAttempts above what the TTL allows is never reached. Pure; exported for tests.
 */
export function eventSubscriptionWarnings(path: string, sub: EventSubscriptionArgs): string[] {
  const attempts = sub.retry?.maxDeliveryAttempts;
  if (attempts === undefined || !Number.isInteger(attempts)) return [];
  const ttl = sub.retry?.eventTtlMinutes ?? retryLimits.defaultEventTtlMinutes;
  if (!Number.isInteger(ttl) || ttl < retryLimits.minEventTtlMinutes || ttl > retryLimits.maxEventTtlMinutes) return [];
  const possible = attemptsWithinTtl(ttl);
  if (attempts <= possible) return [];
  const schedule = [...retryScheduleSeconds, retryRepeatSeconds].map(shortDuration).join(", ");
  return [
    `${path}.retry: maxDeliveryAttempts ${attempts} can never happen with an event TTL of ${ttl} minutes: Event Grid retries on a fixed schedule (${schedule} repeating, up to 24 h), so that TTL allows at most ${possible} delivery attempts; lower maxDeliveryAttempts to ${possible} or raise eventTtlMinutes`,
  ];
}

function shortDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
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

/**
 * A stable text for one part of a grant's target: a string as it is; an Output by the resources it is derived
 * from (type and logical name, unique in a stack). Never by construction order, so that which subscription comes
 * first in the config decides nothing. Undefined for an Output that names no resource.
 */
function stablePart(x: unknown): string | undefined {
  if (typeof x === "string") return `s:${x.toLowerCase()}`;
  if (pulumi.Output.isInstance(x)) {
    // `resources()` is the Output's own (synchronous) record of the resources it was derived from.
    const from = (x as unknown as { resources?: () => Set<pulumi.Resource> }).resources?.();
    if (!from || from.size === 0) return undefined;
    return `r:${[...from]
      .map((r) => `${pulumi.resourceType(r)}::${pulumi.resourceName(r)}`)
      .sort()
      .join("+")}`;
  }
  return undefined;
}

/**
 * Role assignments a component makes for its subscriptions, de-duplicated: two subscriptions delivering to the same
 * entity with the same identity share one assignment (ARM names assignments by scope, principal and role, so a second
 * one would collide). The shared assignment is named after what it grants (purpose, identity, role, target), never
 * after the subscription that happened to ask first: reordering, adding or removing subscriptions never moves it to
 * another URN, which would make `pulumi up` delete the live assignment after re-creating it.
 */
export class GrantRegistry {
  private readonly objectIds = new WeakMap<object, number>();
  private nextId = 0;
  private readonly made = new Map<string, authorization.RoleAssignment>();

  constructor(private readonly component: pulumi.ComponentResource) {}

  /** Parts no stable text exists for are told apart by object identity (their name then depends on order). */
  private keyOf(x: unknown): string {
    const stable = stablePart(x);
    if (stable !== undefined) return stable;
    if (x !== null && typeof x === "object") {
      let n = this.objectIds.get(x);
      if (n === undefined) {
        n = this.nextId++;
        this.objectIds.set(x, n);
      }
      return `o:${n}`;
    }
    return `v:${String(x)}`;
  }

  grant(
    purpose: string,
    a: {
      role: string;
      identity: string;
      scopeParts: unknown[];
      scope: pulumi.Input<string>;
      principalId: pulumi.Input<string>;
      description: string;
    },
  ): authorization.RoleAssignment {
    const key = [a.role, a.identity, ...a.scopeParts.map((p) => this.keyOf(p))].join("|");
    const existing = this.made.get(key);
    if (existing) return existing;
    const ra = createRoleAssignment(
      childName(pulumi.resourceName(this.component), "ra", purpose, stableSuffix(12, key)),
      {
        scope: a.scope,
        role: a.role,
        principalId: a.principalId,
        principalType: "ServicePrincipal",
        description: a.description,
      },
      { parent: this.component },
    );
    this.made.set(key, ra);
    return ra;
  }
}

/** What creating subscriptions needs from the component that owns them. */
export interface SubscriptionHost {
  readonly component: pulumi.ComponentResource;
  /** How warnings name the component, e.g. `azint:eventgrid:Topic orders`. */
  readonly source: string;
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

function deliveryProperties(props: Record<string, DeliveryPropertyArgs> | undefined) {
  const entries = Object.entries(props ?? {});
  if (entries.length === 0) return undefined;
  return entries.map(([name, p]) =>
    "sourceField" in p
      ? { name, type: "Dynamic" as const, sourceField: p.sourceField }
      : { name, type: "Static" as const, value: p.value, isSecret: p.secret ?? false },
  );
}

/** The azure-native `destination` input for a destination. */
export function destinationInputs(d: DestinationArgs) {
  switch (d.kind) {
    case "webhook":
      return {
        endpointType: "WebHook" as const,
        endpointUrl: d.endpointUrl,
        azureActiveDirectoryApplicationIdOrUri: d.entraId?.applicationIdOrUri,
        azureActiveDirectoryTenantId: d.entraId?.tenantId,
        maxEventsPerBatch: d.maxEventsPerBatch,
        preferredBatchSizeInKilobytes: d.preferredBatchSizeKb,
        minimumTlsVersionAllowed: d.minimumTlsVersion ?? "1.2",
        deliveryAttributeMappings: deliveryProperties(d.deliveryProperties),
      };
    case "azureFunction":
      return {
        endpointType: "AzureFunction" as const,
        resourceId: d.resourceId,
        maxEventsPerBatch: d.maxEventsPerBatch,
        preferredBatchSizeInKilobytes: d.preferredBatchSizeKb,
        deliveryAttributeMappings: deliveryProperties(d.deliveryProperties),
      };
    case "eventHub":
      return {
        endpointType: "EventHub" as const,
        resourceId: d.resourceId,
        deliveryAttributeMappings: deliveryProperties(d.deliveryProperties),
      };
    case "serviceBusQueue":
      return {
        endpointType: "ServiceBusQueue" as const,
        resourceId: d.resourceId,
        deliveryAttributeMappings: deliveryProperties(d.deliveryProperties),
      };
    case "serviceBusTopic":
      return {
        endpointType: "ServiceBusTopic" as const,
        resourceId: d.resourceId,
        deliveryAttributeMappings: deliveryProperties(d.deliveryProperties),
      };
    case "storageQueue":
      return {
        endpointType: "StorageQueue" as const,
        resourceId: d.storageAccountId,
        queueName: d.queueName,
        queueMessageTimeToLiveInSeconds: d.messageTtlSeconds,
      };
    case "hybridConnection":
      return {
        endpointType: "HybridConnection" as const,
        resourceId: d.resourceId,
        deliveryAttributeMappings: deliveryProperties(d.deliveryProperties),
      };
  }
}

/** What a role assignment is scoped to, and the parts that identify it for de-duplication. */
type GrantTarget = { readonly scope: pulumi.Input<string>; readonly parts: unknown[] };

/** The entity a delivery role is scoped to. */
function deliveryScope(d: DestinationArgs): GrantTarget | undefined {
  switch (d.kind) {
    case "eventHub":
    case "serviceBusQueue":
    case "serviceBusTopic":
      return { scope: d.resourceId, parts: [d.resourceId] };
    case "storageQueue":
      return {
        scope: pulumi.interpolate`${d.storageAccountId}/queueServices/default/queues/${d.queueName}`,
        parts: [d.storageAccountId, "queue", d.queueName],
      };
    default:
      return undefined;
  }
}

type ArmAdvancedFilter = inputs.eventgrid.EventSubscriptionFilterArgs["advancedFilters"];

/** The azure-native `advancedFilters` input: the operator becomes the `operatorType` discriminator. */
export function advancedFilterInputs(filters: Record<string, AdvancedFilterArgs> | undefined): ArmAdvancedFilter {
  const list = sortedValues(filters);
  if (list.length === 0) return undefined;
  return list.map((f) => {
    const out: Record<string, unknown> = { operatorType: f.operator, key: f.key };
    if ("value" in f) out.value = f.value;
    if ("values" in f) out.values = f.values.map((v) => (Array.isArray(v) ? [...v] : v));
    // The union member is decided by operatorType at runtime; validateAdvancedFilter checked the shape.
    return out as unknown as { operatorType: "IsNotNull"; key: string };
  });
}

/** The blob container a dead-letter role is scoped to. */
function deadLetterScope(dl: DeadLetterArgs): GrantTarget {
  return {
    scope: pulumi.interpolate`${dl.storageAccountId}/blobServices/default/containers/${dl.containerName}`,
    parts: [dl.storageAccountId, "container", dl.containerName],
  };
}

/**
 * Creates the subscriptions of one parent, each after the role assignments it needs (delivery identity on the
 * destination entity, dead-letter identity on the container), and logs their warnings (at `path`) on the component.
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
      const role = destinationFacts[sub.destination.kind].deliveryRole;
      const scope = deliveryScope(sub.destination);
      if (deliveryIdentity && assignRoles && role && scope) {
        grant("delivery", "delivery", role, deliveryIdentity, scope);
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
  warnSubscriptions(host.component, host.source, path, subs);
  return out;
}

/** Logs the warnings of every subscription (retry policies that cannot be honoured) on the component. */
export function warnSubscriptions(
  component: pulumi.Resource,
  source: string,
  path: string,
  subs: Record<string, EventSubscriptionArgs> | undefined,
): string[] {
  const warnings = Object.entries(subs ?? {}).flatMap(([key, sub]) => eventSubscriptionWarnings(`${path}.${key}`, sub));
  for (const w of warnings) pulumi.log.warn(`${source}: ${w}`, component);
  return warnings;
}
