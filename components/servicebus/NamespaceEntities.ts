import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as servicebus from "@pulumi/azure-native/servicebus";
import { throwIfInvalid, Violation } from "../core/errors";
import { CommonResourceArgs } from "../core/interfaces";
import { applyEntityExtensions } from "../core/extensions";
import { childName } from "../core/naming";
import { createRoleAssignment } from "../core/roleAssignment";
import { oneOf, requireValue } from "../core/validate";
import {
  queueCreationOrder,
  ServiceBusQueueArgs,
  ServiceBusRuleArgs,
  ServiceBusTopicArgs,
  toRuleAction,
  validateEntities,
} from "./entities";
import { durations, ruleLimits, ServiceBusTier, serviceBusTiers } from "./limits";
import { withConfigKey } from "../core/configKey";

/** The entities created on one namespace, by key. */
export interface ServiceBusEntityResources {
  readonly queues: Record<string, servicebus.Queue>;
  readonly topics: Record<string, servicebus.Topic>;
  /** Subscriptions by topic key, then subscription key. */
  readonly subscriptions: Record<string, Record<string, servicebus.Subscription>>;
  /** Data-plane role assignments on entities, keyed `<queue|topic|sub>-<entity>-<assignment>`. */
  readonly entityRoleAssignments: Record<string, authorization.RoleAssignment>;
  /** Primary connection strings of entity SAS policies (secrets), keyed `queues/<q>/<rule>`, `topics/<t>/<rule>`. */
  readonly connectionStrings: Record<string, pulumi.Output<string>>;
}

function toFilter(rule: ServiceBusRuleArgs) {
  return rule.sqlFilter !== undefined
    ? { filterType: "SqlFilter" as const, sqlFilter: { sqlExpression: rule.sqlFilter } }
    : { filterType: "CorrelationFilter" as const, correlationFilter: rule.correlationFilter };
}

/**
 * Creates queues, topics, subscriptions, rules, `$Default` handling, entity SAS policies and entity-scoped role
 * assignments on a namespace: topics first, then queues in forwarding order (targets before sources, SB-FWD), then
 * subscriptions and their rules. Shared by ServiceBusNamespace and ServiceBusNamespaceEntities; validate first
 * (validateEntities).
 */
export function createServiceBusEntities(
  parent: pulumi.ComponentResource,
  name: string,
  ns: { resourceGroupName: pulumi.Input<string>; namespaceName: pulumi.Input<string> },
  args: {
    readonly queues?: Record<string, ServiceBusQueueArgs>;
    readonly topics?: Record<string, ServiceBusTopicArgs>;
  },
  stateful: pulumi.CustomResourceOptions,
): ServiceBusEntityResources {
  const out: ServiceBusEntityResources = {
    queues: {},
    topics: {},
    subscriptions: {},
    entityRoleAssignments: {},
    connectionStrings: {},
  };

  const queues = args.queues ?? {};
  const topics = args.topics ?? {};
  const target = (key: string | undefined): servicebus.Queue | servicebus.Topic | undefined =>
    key === undefined ? undefined : (out.queues[key] ?? out.topics[key]);
  const forwarding = (a: { forwardTo?: string; forwardDeadLetteredMessagesTo?: string }) => {
    const to = target(a.forwardTo);
    const dlq = target(a.forwardDeadLetteredMessagesTo);
    return {
      args: { forwardTo: to?.name, forwardDeadLetteredMessagesTo: dlq?.name },
      // SB-FWD: the target must exist when the source is created.
      dependsOn: [to, dlq].filter((r): r is servicebus.Queue | servicebus.Topic => r !== undefined),
    };
  };
  // `entity` is the key path (topic, or topic and subscription): never joined into one key, so names stay injective.
  const grant = (
    kind: string,
    entity: string[],
    scope: pulumi.Output<string>,
    roles: ServiceBusQueueArgs["roleAssignments"],
  ) => {
    for (const [key, a] of Object.entries(roles ?? {})) {
      out.entityRoleAssignments[[kind, ...entity, key].join("/")] = withConfigKey(`roleAssignments.${key}`, () =>
        createRoleAssignment(childName(name, "ra", kind, ...entity, key), { ...a, scope }, { parent }),
      );
    }
  };
  // What an entity lock must wait for, by `<kind>/<key>`.
  const children: Record<string, pulumi.Resource[]> = {};
  const childrenOf = (entity: string) => (children[entity] ??= []);
  const dedup = (a: {
    requiresDuplicateDetection?: boolean;
    duplicateDetectionHistoryTimeWindow?: pulumi.Input<string>;
  }) => ({
    requiresDuplicateDetection: a.requiresDuplicateDetection ?? false,
    // Passed as given even without detection (Azure accepts and ignores it; the validator warns), never dropped.
    duplicateDetectionHistoryTimeWindow:
      a.duplicateDetectionHistoryTimeWindow ??
      (a.requiresDuplicateDetection ? durations.duplicateDetectionDefault : undefined),
  });

  for (const [t, a] of Object.entries(topics))
    withConfigKey(`topics.${t}`, () => {
      const topic = new servicebus.Topic(
        childName(name, "topic", t),
        {
          ...ns,
          topicName: t,
          ...dedup(a),
          defaultMessageTimeToLive: a.defaultMessageTimeToLive,
          autoDeleteOnIdle: a.autoDeleteOnIdle,
          maxSizeInMegabytes: a.maxSizeInMegabytes,
          maxMessageSizeInKilobytes: a.maxMessageSizeInKilobytes,
          enablePartitioning: a.enablePartitioning,
          enableExpress: a.enableExpress,
          enableBatchedOperations: a.enableBatchedOperations ?? true,
          supportOrdering: a.supportOrdering,
          status: a.status,
        },
        stateful,
      );
      out.topics[t] = topic;
      grant("topic", [t], topic.id, a.roleAssignments);
      for (const [key, rule] of Object.entries(a.authorizationRules ?? {})) {
        const r = new servicebus.TopicAuthorizationRule(
          childName(name, "sas", "topic", t, key),
          { ...ns, topicName: topic.name, authorizationRuleName: key, rights: rule.rights },
          { parent },
        );
        childrenOf(`topic/${t}`).push(r);
        out.connectionStrings[`topics/${t}/${key}`] = pulumi.secret(
          servicebus.listTopicKeysOutput({ ...ns, topicName: topic.name, authorizationRuleName: r.name }, { parent })
            .primaryConnectionString,
        );
      }
    });

  for (const q of queueCreationOrder(queues))
    withConfigKey(`queues.${q}`, () => {
      const a = queues[q];
      const fwd = forwarding(a);
      const queue = new servicebus.Queue(
        childName(name, "queue", q),
        {
          ...ns,
          queueName: q,
          requiresSession: a.requiresSession ?? false,
          ...dedup(a),
          deadLetteringOnMessageExpiration: a.deadLetteringOnMessageExpiration ?? true,
          defaultMessageTimeToLive: a.defaultMessageTimeToLive,
          lockDuration: a.lockDuration,
          maxDeliveryCount: a.maxDeliveryCount,
          maxSizeInMegabytes: a.maxSizeInMegabytes,
          maxMessageSizeInKilobytes: a.maxMessageSizeInKilobytes,
          autoDeleteOnIdle: a.autoDeleteOnIdle,
          enablePartitioning: a.enablePartitioning,
          enableExpress: a.enableExpress,
          enableBatchedOperations: a.enableBatchedOperations ?? true,
          status: a.status,
          ...fwd.args,
        },
        { ...stateful, dependsOn: fwd.dependsOn },
      );
      out.queues[q] = queue;
      grant("queue", [q], queue.id, a.roleAssignments);
      for (const [key, rule] of Object.entries(a.authorizationRules ?? {})) {
        const r = new servicebus.QueueAuthorizationRule(
          childName(name, "sas", "queue", q, key),
          { ...ns, queueName: queue.name, authorizationRuleName: key, rights: rule.rights },
          { parent },
        );
        childrenOf(`queue/${q}`).push(r);
        out.connectionStrings[`queues/${q}/${key}`] = pulumi.secret(
          servicebus.listQueueKeysOutput({ ...ns, queueName: queue.name, authorizationRuleName: r.name }, { parent })
            .primaryConnectionString,
        );
      }
    });

  for (const [t, a] of Object.entries(topics)) {
    out.subscriptions[t] = {};
    for (const [s, sa] of Object.entries(a.subscriptions ?? {}))
      withConfigKey(`topics.${t}.subscriptions.${s}`, () => {
        const fwd = forwarding(sa);
        const sub = new servicebus.Subscription(
          childName(name, "sub", t, s),
          {
            ...ns,
            topicName: out.topics[t].name,
            subscriptionName: s,
            requiresSession: sa.requiresSession ?? false,
            deadLetteringOnMessageExpiration: sa.deadLetteringOnMessageExpiration ?? true,
            deadLetteringOnFilterEvaluationExceptions: sa.deadLetteringOnFilterEvaluationExceptions ?? true,
            defaultMessageTimeToLive: sa.defaultMessageTimeToLive,
            lockDuration: sa.lockDuration,
            maxDeliveryCount: sa.maxDeliveryCount,
            autoDeleteOnIdle: sa.autoDeleteOnIdle,
            enableBatchedOperations: sa.enableBatchedOperations ?? true,
            status: sa.status,
            // Client affinity is one setting: the properties given make the subscription client-affine.
            isClientAffine: sa.clientAffineProperties ? true : undefined,
            clientAffineProperties: sa.clientAffineProperties,
            ...fwd.args,
          },
          { ...stateful, dependsOn: fwd.dependsOn },
        );
        out.subscriptions[t][s] = sub;
        childrenOf(`topic/${t}`).push(sub);
        grant("sub", [t, s], sub.id, sa.roleAssignments);
        const where = { ...ns, topicName: out.topics[t].name, subscriptionName: sub.name };
        const rules: pulumi.Resource[] = [];
        for (const [r, ra] of Object.entries(sa.rules ?? {})) {
          rules.push(
            new servicebus.Rule(
              childName(name, "rule", t, s, r),
              {
                ...where,
                ruleName: r,
                ...toFilter(ra),
                action: toRuleAction(ra.action),
              },
              { parent },
            ),
          );
        }
        childrenOf(`topic/${t}`).push(...rules);
        // The $Default TrueFilter would let everything through next to the rules: handle it explicitly.
        const def = sa.defaultRule ?? (rules.length > 0 ? "disable" : "keep");
        if (def !== "keep") {
          const rule: ServiceBusRuleArgs = def === "disable" ? { sqlFilter: ruleLimits.matchNothing } : def;
          const dr = new servicebus.DefaultRule(
            childName(name, "default-rule", t, s),
            {
              ...where,
              ...toFilter(rule),
              action: toRuleAction(rule.action),
            },
            // Narrow $Default only after the rules exist, so no message is dropped while they are being created.
            { parent, dependsOn: rules },
          );
          childrenOf(`topic/${t}`).push(dr);
        }
      });
  }
  // Locks on queues and topics come last: a ReadOnly lock refuses writes to the entity's children (rules, SAS
  // policies, subscriptions), so it waits for them. A namespace lock already covers every entity.
  for (const [t, a] of Object.entries(topics))
    withConfigKey(`topics.${t}`, () =>
      applyEntityExtensions(
        parent,
        name,
        "topic",
        [t],
        { id: out.topics[t].id, resource: out.topics[t] },
        { lock: a.lock },
        childrenOf(`topic/${t}`),
      ),
    );
  for (const [q, a] of Object.entries(queues))
    withConfigKey(`queues.${q}`, () =>
      applyEntityExtensions(
        parent,
        name,
        "queue",
        [q],
        { id: out.queues[q].id, resource: out.queues[q] },
        { lock: a.lock },
        childrenOf(`queue/${q}`),
      ),
    );
  return out;
}

export interface ServiceBusNamespaceEntitiesArgs extends Pick<CommonResourceArgs, "resourceGroupName" | "protect"> {
  /**
   * Name of the EXISTING namespace the entities are attached to (e.g. read from the platform stack's exports).
   * Required. Its resource group is `resourceGroupName`.
   */
  readonly namespaceName: pulumi.Input<string>;
  /**
   * The namespace's tier as this stack expects it. Required and plain: every entity tier rule (topics, sessions,
   * duplicate detection and forwarding not on Basic; express not on Premium; large messages Premium only) is checked
   * against it before anything is planned. The caller checks it against the namespace's real tier (the stacks do,
   * against the platform export).
   */
  readonly tier: ServiceBusTier;
  /**
   * Whether the namespace accepts local (SAS) authentication. Defaults to false (the secure default): SAS policies on
   * the entities then can never be used (a warning).
   */
  readonly localAuthEnabled?: boolean;
  /** Queues keyed by queue name. Defaults to none. */
  readonly queues?: Record<string, ServiceBusQueueArgs>;
  /** Topics (with subscriptions and rules) keyed by topic name. Not on Basic. Defaults to none. */
  readonly topics?: Record<string, ServiceBusTopicArgs>;
}

/** Validates ServiceBusNamespaceEntitiesArgs: the namespace reference and every entity rule. Pure; exported for tests. */
export function validateServiceBusNamespaceEntitiesArgs(args: ServiceBusNamespaceEntitiesArgs): Violation[] {
  const tierCheck = oneOf("tier", args.tier, serviceBusTiers);
  const found: (Violation | undefined)[] = [
    requireValue("namespaceName", args.namespaceName, "is required: the existing namespace's name"),
    requireValue("resourceGroupName", args.resourceGroupName, "is required: the existing namespace's resource group"),
    tierCheck,
  ];
  // Entity rules depend on the tier: without a valid one they would only repeat the tier error.
  if (!tierCheck && args.tier !== undefined) {
    found.push(
      ...validateEntities({ tier: args.tier, localAuth: args.localAuthEnabled === true }, args.queues, args.topics),
    );
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * Queues, topics, subscriptions and rules on a Service Bus namespace that another stack owns (a team stack on the
 * platform's namespace). Same validation, defaults, forwarding order and entity-scoped roles as ServiceBusNamespace;
 * the namespace itself, its network, keys and locks stay with its owner.
 */
export class ServiceBusNamespaceEntities extends pulumi.ComponentResource {
  public readonly queues: Record<string, servicebus.Queue> = {};
  public readonly topics: Record<string, servicebus.Topic> = {};
  public readonly subscriptions: Record<string, Record<string, servicebus.Subscription>> = {};
  public readonly entityRoleAssignments: Record<string, authorization.RoleAssignment> = {};
  /** Connection strings of entity SAS policies (secrets); empty unless local auth is enabled and policies declared. */
  public readonly connectionStrings: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: ServiceBusNamespaceEntitiesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azint:servicebus:NamespaceEntities", name, {}, opts);
    throwIfInvalid(`azint:servicebus:NamespaceEntities ${name}`, validateServiceBusNamespaceEntitiesArgs(args));
    const created = createServiceBusEntities(
      this,
      name,
      { resourceGroupName: args.resourceGroupName, namespaceName: args.namespaceName },
      args,
      { parent: this, protect: args.protect },
    );
    Object.assign(this.queues, created.queues);
    Object.assign(this.topics, created.topics);
    Object.assign(this.subscriptions, created.subscriptions);
    Object.assign(this.entityRoleAssignments, created.entityRoleAssignments);
    Object.assign(this.connectionStrings, created.connectionStrings);
    this.registerOutputs({
      queueIds: Object.fromEntries(Object.entries(this.queues).map(([k, q]) => [k, q.id])),
      topicIds: Object.fromEntries(Object.entries(this.topics).map(([k, t]) => [k, t.id])),
      connectionStrings: this.connectionStrings,
    });
  }
}
