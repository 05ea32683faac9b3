import { z } from "zod";
import type { Violation } from "../../components/core/errors";
import type {
  ServiceBusQueueArgs,
  ServiceBusRuleArgs,
  ServiceBusSubscriptionArgs,
  ServiceBusTopicArgs,
} from "../../components/servicebus/entities";
import {
  SERVICE_BUS_NAMESPACE_TYPE,
  ServiceBusNamespaceArgs,
  validateServiceBusNamespaceArgs,
} from "../../components/servicebus/Namespace";
import { PairedNamespacesArgs, validatePairedNamespacesArgs } from "../../components/servicebus/PairedNamespaces";
import {
  commonResourceShape,
  keyed,
  keySchema,
  managedIdentitiesSchema,
  privateEndpointSchema,
  roleAssignmentSchema,
  userAssignedResourceIds,
} from "./common";
import {
  absoluteBounds,
  geoReplication as geoReplicationLimits,
  largeMessageKb,
  maxDeliveryCount,
  migration,
} from "../../components/servicebus/limits";
import { ArgPaths, configPathOf } from "./argPaths";
import {
  namespaceKeyArgs,
  namespaceKeySchema,
  namespaceNetworkRuleSetSchema,
  namespaceNetworkRulesArgs,
} from "./messaging";
import { omit, omitShared, PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import type { StackConfig } from "./schema";

// Every key is documented in stacks/README.md ("Service Bus"). Ranges and tier rules are checked by the components'
// validators, run from serviceBusCrossCheck below, so a bad value fails with its config path before anything is planned.

/** ISO 8601 duration (`PT5M`, `P1D`); its range is checked per field by the component validators. */
const duration = z.string().min(1);
const status = z.enum(["Active", "Disabled", "SendDisabled", "ReceiveDisabled"]);

/** SAS policy: rights Send / Listen / Manage (Manage needs the other two). Only with `disableLocalAuth: false`. */
const authorizationRulesSchema = keyed(
  z.strictObject({ rights: z.array(z.enum(["Send", "Listen", "Manage"])).min(1) }),
);

/**
 * A rule: exactly one of `sqlFilter` / `correlationFilter`, plus an optional SQL `action`.
 * @argsType {@link ServiceBusRuleArgs}
 */
const ruleSchema = z.strictObject({
  sqlFilter: z.string().optional(),
  /** Exact matches on system and application properties, all ANDed (cheaper than SQL). */
  correlationFilter: z
    .strictObject({
      /** The message's `correlationId`. */
      correlationId: z.string().optional(),
      /** The message's `messageId`. */
      messageId: z.string().optional(),
      /** The message's `to` address. */
      to: z.string().optional(),
      /** The message's `replyTo` address. */
      replyTo: z.string().optional(),
      /** The message's subject (ARM calls it `label`). */
      label: z.string().optional(),
      /** The message's `sessionId`. */
      sessionId: z.string().optional(),
      /** The message's `replyToSessionId`. */
      replyToSessionId: z.string().optional(),
      /** The message's `contentType`. */
      contentType: z.string().optional(),
      /** Custom application properties, all must match. */
      properties: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  /** SQL action text, or the text with its options (the component's `action`). */
  action: z
    .union([
      z.string(),
      z.strictObject({
        sqlExpression: z.string(),
        /** Reserved by Service Bus (20); another value has no effect (a warning). */
        compatibilityLevel: z.number().int().optional(),
        /** Whether the expression needs preprocessing. Defaults to Azure's (true). */
        requiresPreprocessing: z.boolean().optional(),
      }),
    ])
    .optional(),
});

/** Keys of entities that messages are received from (queues, subscriptions). @argsType {@link ServiceBusSubscriptionArgs} */
const receiving = {
  lockDuration: duration.optional(),
  maxDeliveryCount: z.number().int().min(maxDeliveryCount.min).max(maxDeliveryCount.max).optional(),
  deadLetteringOnMessageExpiration: z.boolean().optional(),
  defaultMessageTimeToLive: duration.optional(),
  autoDeleteOnIdle: duration.optional(),
  enableBatchedOperations: z.boolean().optional(),
  status: status.optional(),
  requiresSession: z.boolean().optional(),
  forwardTo: keySchema.optional(),
  forwardDeadLetteredMessagesTo: keySchema.optional(),
  /** Role assignments scoped to the entity (e.g. Azure Service Bus Data Receiver). Defaults to none. */
  roleAssignments: keyed(roleAssignmentSchema).optional(),
};

/** Keys of entities that messages are sent to (queues, topics). @argsType {@link ServiceBusTopicArgs} */
const messageEntity = {
  requiresDuplicateDetection: z.boolean().optional(),
  duplicateDetectionHistoryTimeWindow: duration.optional(),
  defaultMessageTimeToLive: duration.optional(),
  autoDeleteOnIdle: duration.optional(),
  maxSizeInMegabytes: z
    .number()
    .int()
    .min(absoluteBounds.entitySizeMb.min)
    .max(absoluteBounds.entitySizeMb.max)
    .optional(),
  maxMessageSizeInKilobytes: z.number().int().min(largeMessageKb.min).max(largeMessageKb.max).optional(),
  enablePartitioning: z.boolean().optional(),
  enableExpress: z.boolean().optional(),
  enableBatchedOperations: z.boolean().optional(),
  status: status.optional(),
  authorizationRules: authorizationRulesSchema.optional(),
  /** Role assignments scoped to the entity (e.g. Azure Service Bus Data Sender). Defaults to none. */
  roleAssignments: keyed(roleAssignmentSchema).optional(),
  /** A lock on the queue or topic (`{ kind, name?, notes? }`). Defaults to none. */
  lock: commonResourceShape.lock,
};

/** A topic subscription. @argsType {@link ServiceBusSubscriptionArgs} */
const subscriptionSchema = z.strictObject({
  ...receiving,
  deadLetteringOnFilterEvaluationExceptions: z.boolean().optional(),
  /** Client affinity (JMS): makes the subscription client-affine with these properties. */
  clientAffineProperties: z
    .strictObject({
      /** The JMS client id. */
      clientId: z.string().min(1).optional(),
      /** A durable subscription (survives the client's disconnect). */
      isDurable: z.boolean().optional(),
      /** A shared subscription (several consumers). */
      isShared: z.boolean().optional(),
    })
    .optional(),
  /** Filter rules, keyed by rule name (at most 50 characters): a message is delivered when any rule matches. Defaults to none. */
  rules: keyed(ruleSchema).optional(),
  /** `keep`, `disable` (sets `$Default` to `1=0`; the default when rules are given) or a rule that replaces `$Default`'s filter. */
  defaultRule: z.union([z.enum(["keep", "disable"]), ruleSchema]).optional(),
});

const queueSchema = z.strictObject({ ...messageEntity, ...receiving });

/** A topic. @argsType {@link ServiceBusTopicArgs} */
const topicSchema = z.strictObject({
  ...messageEntity,
  supportOrdering: z.boolean().optional(),
  /** Subscriptions, keyed; the key is the name (at most 50 characters, 2,000 per topic). Defaults to none. */
  subscriptions: keyed(subscriptionSchema).optional(),
});

/** The Service Bus tiers (`tier`, as the components and Event Hubs call it). */
export const serviceBusTierSchema = z.enum(["Basic", "Standard", "Premium"]) satisfies z.ZodType<
  NonNullable<ServiceBusNamespaceArgs["tier"]>
>;

/** Settings namespaces and pairs share. */
/** Keys of a namespace and of a geo-DR pair. @argsType {@link ServiceBusNamespaceArgs} */
const namespaceShape = {
  ...commonResourceShape,
  /**
   * As the shared key, plus `location`: a private endpoint lives in its subnet's region (a pair mirrors every endpoint
   * onto the secondary in the same subnets, SB-GEO). Defaults to the (primary) namespace's region.
   */
  privateEndpoints: keyed(privateEndpointSchema.extend({ location: z.string().min(1).optional() })).optional(),
  capacity: z.number().int().min(absoluteBounds.messagingUnits.min).max(absoluteBounds.messagingUnits.max).optional(),
  premiumMessagingPartitions: z
    .number()
    .int()
    .min(absoluteBounds.premiumMessagingPartitions.min)
    .max(absoluteBounds.premiumMessagingPartitions.max)
    .optional(),
  zoneRedundant: z.boolean().optional(),
  minimumTlsVersion: z.enum(["1.0", "1.1", "1.2", "1.3"]).optional(),
  disableLocalAuth: z.boolean().optional(),
  publicNetworkAccess: z.enum(["Enabled", "Disabled", "SecuredByPerimeter"]).optional(),
  /** IP firewall, VNet rules and trusted services (Premium only). Defaults to none. */
  networkRuleSet: namespaceNetworkRuleSetSchema.optional(),
  customerManagedKey: namespaceKeySchema.optional(),
  /**
   * The namespace's managed identities: `{ systemAssigned, userAssigned: [<identities key>] }`. Defaults to none
   * (system-assigned when a customer-managed key names no identity). A customer-managed key's identity is added to
   * `userAssigned`.
   */
  managedIdentities: managedIdentitiesSchema.optional(),
  authorizationRules: authorizationRulesSchema.optional(),
  /** Queues, keyed; the key is the name (queue and topic keys must not clash). Defaults to none. */
  queues: keyed(queueSchema).optional(),
  /** Topics, keyed; the key is the name. Defaults to none. */
  topics: keyed(topicSchema).optional(),
};

/** A Service Bus namespace with its entities. @argsType {@link ServiceBusNamespaceArgs} */
export const serviceBusNamespaceSchema = z.strictObject({
  ...namespaceShape,
  /** Globally unique namespace name. Defaults to an auto-name. */
  name: z.string().optional(),
  /** The tier; it decides every tier rule. Defaults to `Standard`. */
  tier: serviceBusTierSchema.optional(),
  geoReplication: z
    .strictObject({
      secondaryLocation: z.string().min(1),
      // 0 (synchronous) or min-max; the gap between is the component validator's.
      maxReplicationLagSeconds: z
        .number()
        .int()
        .min(geoReplicationLimits.lagSeconds.synchronous)
        .max(geoReplicationLimits.lagSeconds.max),
    })
    .optional(),
  /** The component's `alternateName` (a namespace name reused as a geo-DR alias). Defaults to none. */
  alternateName: z.string().min(1).optional(),
  /** Standard to Premium migration. */
  migrationConfig: z
    .strictObject({
      /** A Premium namespace of this stack by `servicebus.namespaces` key (no entities), or its ARM id. */
      targetNamespace: z.string().min(1),
      /** The name the Standard namespace keeps after the migration. */
      postMigrationName: z.string().min(1),
    })
    .optional(),
});

/** Two Premium namespaces paired by a geo-DR alias. @argsType {@link PairedNamespacesArgs} */
export const serviceBusPairSchema = z.strictObject({
  ...namespaceShape,
  alias: z.string(),
  secondaryLocation: z.string().min(1),
  primaryLocation: z.string().min(1).optional(),
  /** The primary namespace's name, 6-50 letters, digits and hyphens. Defaults to an auto-name. */
  primaryName: z.string().optional(),
  /** The secondary namespace's name, 6-50 letters, digits and hyphens. Defaults to an auto-name. */
  secondaryName: z.string().optional(),
});

/** Service Bus namespaces (with entities) and geo-DR paired namespaces, keyed. */
export const serviceBusSchema = z.strictObject({
  /** Namespaces with their queues and topics, keyed. */
  namespaces: keyed(serviceBusNamespaceSchema).optional(),
  /**
   * Geo-DR pairs of two Premium namespaces, keyed: entities are created on the primary only, which is also
   * registered as namespace `<key>` (keys must not clash with `namespaces`).
   */
  pairs: keyed(serviceBusPairSchema).optional(),
});

export type ServiceBusNamespaceConfig = z.infer<typeof serviceBusNamespaceSchema>;
export type ServiceBusPairConfig = z.infer<typeof serviceBusPairSchema>;
type NamespaceShapeConfig = Omit<
  ServiceBusNamespaceConfig,
  "name" | "tier" | "geoReplication" | "alternateName" | "migrationConfig"
>;
type QueueConfig = z.infer<typeof queueSchema>;
type TopicConfig = z.infer<typeof topicSchema>;
type SubscriptionConfig = z.infer<typeof subscriptionSchema>;
type RuleConfig = z.infer<typeof ruleSchema>;

function rule(cfg: RuleConfig): ServiceBusRuleArgs {
  void (true satisfies PassesThrough<RuleConfig, ServiceBusRuleArgs>);
  // Both or neither filter is reported by the validator ("needs exactly one filter"), not dropped here.
  return cfg as ServiceBusRuleArgs;
}

// Entities: only role assignments (principals by key), rules and subscriptions are mapped; the rest passes through.
function queueArgs(cfg: QueueConfig, r: StackResolver, path: string): ServiceBusQueueArgs {
  const passThrough = omit(cfg, "roleAssignments");
  void (true satisfies PassesThrough<typeof passThrough, ServiceBusQueueArgs>);
  return { ...passThrough, roleAssignments: r.roleAssignments(cfg.roleAssignments, `${path}roleAssignments`) };
}

function subscriptionArgs(cfg: SubscriptionConfig, r: StackResolver, path: string): ServiceBusSubscriptionArgs {
  const passThrough = omit(cfg, "rules", "defaultRule", "roleAssignments");
  void (true satisfies PassesThrough<typeof passThrough, ServiceBusSubscriptionArgs>);
  return {
    ...passThrough,
    rules: cfg.rules ? Object.fromEntries(Object.entries(cfg.rules).map(([k, v]) => [k, rule(v)])) : undefined,
    defaultRule: typeof cfg.defaultRule === "object" ? rule(cfg.defaultRule) : cfg.defaultRule,
    roleAssignments: r.roleAssignments(cfg.roleAssignments, `${path}roleAssignments`),
  };
}

function topicArgs(cfg: TopicConfig, r: StackResolver, path: string): ServiceBusTopicArgs {
  const passThrough = omit(cfg, "subscriptions", "roleAssignments");
  void (true satisfies PassesThrough<typeof passThrough, ServiceBusTopicArgs>);
  return {
    ...passThrough,
    subscriptions: cfg.subscriptions
      ? Object.fromEntries(
          Object.entries(cfg.subscriptions).map(([k, s]) => [k, subscriptionArgs(s, r, `${path}subscriptions.${k}.`)]),
        )
      : undefined,
    roleAssignments: r.roleAssignments(cfg.roleAssignments, `${path}roleAssignments`),
  };
}

/** Queues and topics by key: a namespace's, a pair's, or a team's on a platform namespace. */
export function entitiesArgs(
  cfg: Pick<NamespaceShapeConfig, "queues" | "topics">,
  r: StackResolver,
  path: string,
): Pick<ServiceBusNamespaceArgs, "queues" | "topics"> {
  return {
    queues: cfg.queues
      ? Object.fromEntries(Object.entries(cfg.queues).map(([k, q]) => [k, queueArgs(q, r, `${path}queues.${k}.`)]))
      : undefined,
    topics: cfg.topics
      ? Object.fromEntries(Object.entries(cfg.topics).map(([k, t]) => [k, topicArgs(t, r, `${path}topics.${k}.`)]))
      : undefined,
  };
}

/** Namespace and pair keys config sets differently from the components: references by key, and the entities. */
const mappedShapeKeys = ["networkRuleSet", "customerManagedKey", "managedIdentities", "queues", "topics"] as const;

/** The keys of `mappedShapeKeys` as component args (a namespace's and a pair's alike). */
function namespaceSettingsFromConfig(
  cfg: NamespaceShapeConfig,
  r: StackResolver,
  path: string,
): Pick<ServiceBusNamespaceArgs, "networkRuleSet" | "customerManagedKey" | "managedIdentities" | "queues" | "topics"> {
  const { queues, topics } = entitiesArgs(cfg, r, path);
  const cmk = cfg.customerManagedKey;
  const cmkIdentity = cmk?.identity ? r.identity(cmk.identity, `${path}customerManagedKey.identity`).id : undefined;
  const userAssigned = userAssignedResourceIds(cfg.managedIdentities, r, `${path}managedIdentities`);
  if (cmk?.identity && cmkIdentity !== undefined) userAssigned[cmk.identity] = cmkIdentity;
  const nrs = cfg.networkRuleSet;
  return {
    networkRuleSet: nrs && namespaceNetworkRulesArgs(nrs, r, `${path}networkRuleSet`),
    customerManagedKey: cmk && namespaceKeyArgs(cmk, r, `${path}customerManagedKey`),
    managedIdentities:
      cfg.managedIdentities || cmk?.identity
        ? {
            systemAssigned: cfg.managedIdentities?.systemAssigned,
            userAssignedResourceIds: Object.keys(userAssigned).length > 0 ? userAssigned : undefined,
          }
        : undefined,
    queues,
    topics,
  };
}

/** An ARM id (outside the stack) rather than a stack key. */
const isArmId = (ref: string) => ref.startsWith("/");

/**
 * One `servicebus.namespaces.<key>` as ServiceBusNamespaceArgs, for the cross-check (placeholders) and the builder (real
 * references). Passed through: every key but the shared ones, `mappedShapeKeys`, `name` (the component's
 * `namespaceName`) and `migrationConfig`, whose target is a `servicebus.namespaces` key unless it is an ARM id.
 */
export function serviceBusNamespaceArgs(config: StackConfig, key: string, r: StackResolver): ServiceBusNamespaceArgs {
  const cfg = config.servicebus!.namespaces![key];
  const path = `servicebus.namespaces.${key}.`;
  const passThrough = omit(omitShared(cfg), ...mappedShapeKeys, "name", "migrationConfig");
  void (true satisfies PassesThrough<typeof passThrough, ServiceBusNamespaceArgs>);
  const m = cfg.migrationConfig;
  const target = m?.targetNamespace;
  return {
    ...r.common(cfg, SERVICE_BUS_NAMESPACE_TYPE, true, path),
    ...passThrough,
    ...namespaceSettingsFromConfig(cfg, r, path),
    namespaceName: cfg.name ?? r.azureName("serviceBusNamespace", key),
    migrationConfig:
      m && target !== undefined
        ? {
            ...m,
            targetNamespace: isArmId(target)
              ? target
              : r.serviceBusNamespace(target, `${path}migrationConfig.targetNamespace`),
          }
        : undefined,
  };
}

/** One `servicebus.pairs.<key>` as PairedNamespacesArgs: as a namespace, with the two names. */
export function serviceBusPairArgs(config: StackConfig, key: string, r: StackResolver): PairedNamespacesArgs {
  const cfg = config.servicebus!.pairs![key];
  const path = `servicebus.pairs.${key}.`;
  const passThrough = omit(omitShared(cfg), ...mappedShapeKeys, "primaryName", "secondaryName");
  void (true satisfies PassesThrough<typeof passThrough, PairedNamespacesArgs>);
  return {
    ...r.common(cfg, SERVICE_BUS_NAMESPACE_TYPE, true, path),
    ...passThrough,
    ...namespaceSettingsFromConfig(cfg, r, path),
    primaryNamespaceName: cfg.primaryName ?? r.azureName("serviceBusNamespace", `${key}-primary`),
    secondaryNamespaceName: cfg.secondaryName ?? r.azureName("serviceBusNamespace", `${key}-secondary`),
  };
}

/** Keys of `servicebus.namespaces` that are migration targets of another namespace (built first). */
export function migrationTargets(sb: StackConfig["servicebus"]): Set<string> {
  return new Set(
    Object.values(sb?.namespaces ?? {})
      .map((n) => n.migrationConfig?.targetNamespace)
      .filter((t): t is string => t !== undefined && !isArmId(t)),
  );
}

/**
 * A migration target given by key: it must be another Premium namespace of this stack, with no entities and one
 * partition (components/servicebus/limits.ts `migration`).
 */
function migrationTargetRules(
  sb: NonNullable<StackConfig["servicebus"]>,
  key: string,
  cfg: ServiceBusNamespaceConfig,
): Violation[] {
  const ref = cfg.migrationConfig?.targetNamespace;
  if (ref === undefined || isArmId(ref)) return [];
  const path = `servicebus.namespaces.${key}.migrationConfig.targetNamespace`;
  const target = sb.namespaces?.[ref];
  const v = (message: string): Violation[] => [{ path, value: ref, message }];
  if (ref === key) return v("is this namespace itself; name another (Premium) namespace");
  if (!target) {
    return v(
      `names no namespace declared under servicebus.namespaces (declared: ${Object.keys(sb.namespaces ?? {}).join(", ")}); or give an ARM id`,
    );
  }
  if ((target.tier ?? "Standard") !== migration.targetTier) {
    return v(`is a ${target.tier ?? "Standard"} namespace; Service Bus migrates to a ${migration.targetTier} one`);
  }
  const entities = [...Object.keys(target.queues ?? {}), ...Object.keys(target.topics ?? {})];
  if (migration.targetWithoutEntities && entities.length > 0) {
    return v(
      `has entities (${entities.join(", ")}); the migration target must have none (they are copied from the source)`,
    );
  }
  if ((target.premiumMessagingPartitions ?? 1) > migration.targetPartitions) {
    return v("is partitioned (premiumMessagingPartitions above 1); the migration target must not be");
  }
  return [];
}

/** ServiceBusNamespaceArgs set by other config keys: short names, and references by key. */
const namespaceArgPaths: ArgPaths = [
  ["namespaceName", "name"],
  ["customerManagedKey.userAssignedIdentityId", "customerManagedKey.identity"],
  ["managedIdentities.userAssignedResourceIds", "managedIdentities.userAssigned"],
  ["networkRuleSet.virtualNetworkRules.*.subnetId", "networkRuleSet.virtualNetworkRules.*.subnet"],
];

/** PairedNamespacesArgs: as a namespace, plus the two names. */
const pairArgPaths: ArgPaths = [
  ["primaryNamespaceName", "primaryName"],
  ["secondaryNamespaceName", "secondaryName"],
  ...namespaceArgPaths,
];

const prefixed = (prefix: string, vs: Violation[]): Violation[] =>
  vs.map((v) => ({ ...v, path: `${prefix}${v.path}` }));

/**
 * Checks across config sections (identity references) and runs the Service Bus components' validators on the
 * config (tier rules, entity ranges, forwarding, rules, pairs), so every error names its config path.
 */
export function serviceBusCrossCheck(config: StackConfig, check: CheckContext): Violation[] {
  const sb = config.servicebus;
  if (!sb) return [];
  const found: (Violation | undefined)[] = [];
  const r = placeholderResolver(config, check.location, (v) => found.push(v));
  for (const [key, cfg] of Object.entries(sb.namespaces ?? {})) {
    const path = `servicebus.namespaces.${key}.`;
    const args = serviceBusNamespaceArgs(config, key, r);
    found.push(...migrationTargetRules(sb, key, cfg));
    found.push(
      ...prefixed(
        path,
        validateServiceBusNamespaceArgs(args).map((v) => ({ ...v, path: configPathOf(namespaceArgPaths, v.path) })),
      ),
    );
  }
  for (const key of Object.keys(sb.pairs ?? {})) {
    const path = `servicebus.pairs.${key}.`;
    if (sb.namespaces?.[key]) {
      found.push({
        path: `servicebus.pairs.${key}`,
        value: key,
        message:
          "is also a key of servicebus.namespaces; a pair's primary is registered under its key, so keys must be distinct",
      });
    }
    const args = serviceBusPairArgs(config, key, r);
    const vs = validatePairedNamespacesArgs(args).map((v) => ({ ...v, path: configPathOf(pairArgPaths, v.path) }));
    found.push(...prefixed(path, vs));
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * Finds a queue or topic declared in the `servicebus` section (a namespace or a pair, by key), for other
 * sections' cross-checks (Event Grid destinations). Contract: `servicebus.namespaces.<ns>.queues.<q>` /
 * `.topics.<t>`, and `servicebus.pairs.<key>` with the same entity maps.
 */
export function findServiceBusEntity(
  config: StackConfig,
  namespace: string,
  kind: "queue" | "topic",
  name: string,
): { requiresSession: boolean } | undefined {
  const sb = config.servicebus;
  const ns = sb?.namespaces?.[namespace] ?? sb?.pairs?.[namespace];
  if (!ns) return undefined;
  if (kind === "queue") {
    const q = ns.queues?.[name];
    return q ? { requiresSession: q.requiresSession === true } : undefined;
  }
  return ns.topics?.[name] ? { requiresSession: false } : undefined;
}
