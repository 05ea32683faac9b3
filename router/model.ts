// The adapter from a stack's configuration to the router's model (router/types.ts): the ONLY file of the router that
// knows the config's shape. The stack file is read and validated the way the plan reads it (planner/stackFile.ts,
// stacks/config/load.ts validateStackConfig, which also expands the architectures presets), without running the
// Pulumi program. Defaults are those the components apply (components/servicebus/NamespaceEntities.ts,
// components/eventgrid/subscription.ts), so the path shown is the path of the deployed stack.

import * as path from "path";
import type { Violation } from "../components/core/errors";
import { attemptsWithinTtl, retryLimits } from "../components/eventgrid/limits";
import { maxDeliveryCount, ruleLimits } from "../components/servicebus/limits";
import { readProjectName, readStackFile } from "../planner/stackFile";
import { parseConfigValue, validateStackConfig } from "../stacks/config/load";
import type { StackConfig } from "../stacks/config/schema";
import type {
  AdvancedFilter,
  Destination,
  EventGridSource,
  EventGridSubscription,
  InputSchema,
  RoutingModel,
  ServiceBusEntity,
  ServiceBusFilter,
  ServiceBusRule,
  ServiceBusSubscription,
} from "./types";

/** A rule action's SQL text: the config gives the text, or `{ sqlExpression, ... }` with options. */
const ruleActionText = (a: string | { sqlExpression: string } | undefined): string | undefined =>
  typeof a === "object" ? a.sqlExpression : a;

type EventGridConfig = NonNullable<StackConfig["eventgrid"]>;
type SubscriptionConfig = NonNullable<NonNullable<EventGridConfig["topics"]>[string]["subscriptions"]>[string];
type DeadLetterConfig = EventGridConfig["deadLetter"];
type NamespaceConfig = NonNullable<NonNullable<StackConfig["servicebus"]>["namespaces"]>[string];
type RuleConfig = NonNullable<
  NonNullable<NonNullable<NamespaceConfig["topics"]>[string]["subscriptions"]>[string]["rules"]
>[string];

/** Reads and validates a stack file; `violations` are the config errors the plan would report (exit 2). */
export function loadStackFile(file: string): { stack: string; config?: StackConfig; violations: Violation[] } {
  const projectDir = path.resolve(__dirname, "..");
  const project = readProjectName(projectDir);
  const { config: flat } = readStackFile(file);
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const [ns, ...rest] = key.split(":");
    if (ns === project) raw[rest.join(":")] = parseConfigValue(value);
  }
  const stack = path.basename(file).replace(/^Pulumi\.|\.yaml$/g, "");
  return { stack, ...validateStackConfig(raw) };
}

function deadLetterKey(cfg: DeadLetterConfig | false | undefined): string | undefined {
  if (cfg === undefined || cfg === false) return undefined;
  const o = typeof cfg === "string" ? { container: cfg } : cfg;
  if (o.container) {
    const [account, container] = o.container.split("/");
    return `storage.${account}.containers.${container}`;
  }
  return `${o.storageAccountId ?? "?"}/blobServices/default/containers/${o.containerName ?? "?"}`;
}

function serviceBusPrefix(config: StackConfig, ns: string): string | undefined {
  if (config.servicebus?.namespaces?.[ns]) return `servicebus.namespaces.${ns}`;
  if (config.servicebus?.pairs?.[ns]) return `servicebus.pairs.${ns}`;
  return undefined;
}

function destination(config: StackConfig, d: SubscriptionConfig["destination"]): Destination {
  switch (d.kind) {
    case "serviceBusQueue":
    case "serviceBusTopic": {
      const entity = d.kind === "serviceBusQueue" ? d.queue : d.topic;
      const prefix = d.namespace ? serviceBusPrefix(config, d.namespace) : undefined;
      const inStack = d.resourceId === undefined && prefix !== undefined && entity !== undefined;
      const target = inStack
        ? `${prefix}.${d.kind === "serviceBusQueue" ? "queues" : "topics"}.${entity}`
        : (d.resourceId ?? "?");
      return { kind: d.kind, target, inStack, deliveryProperties: d.deliveryProperties };
    }
    case "eventHub":
      return d.resourceId === undefined && d.namespace && d.eventHub
        ? { kind: "eventHub", target: `eventhubs.namespaces.${d.namespace}.eventHubs.${d.eventHub}`, inStack: true }
        : { kind: "eventHub", target: d.resourceId ?? "?", inStack: false };
    case "storageQueue":
      return d.storageAccountId === undefined && d.storage && d.queue
        ? { kind: "storageQueue", target: `storage.${d.storage}.queues.${d.queue}`, inStack: true }
        : {
            kind: "storageQueue",
            target: `${d.storageAccountId ?? "?"}/queueServices/default/queues/${d.queueName ?? "?"}`,
            inStack: false,
          };
    case "webhook":
      return { kind: "webhook", target: d.endpointUrl, inStack: false };
    default:
      return { kind: d.kind, target: d.resourceId, inStack: false };
  }
}

function subscriptions(
  config: StackConfig,
  subs: Record<string, SubscriptionConfig> | undefined,
  parentDeadLetter: DeadLetterConfig,
  prefix: string,
): EventGridSubscription[] {
  return Object.entries(subs ?? {}).map(([k, s]) => ({
    key: `${prefix}.subscriptions.${k}`,
    name: s.name ?? k,
    filter: {
      includedEventTypes: s.includedEventTypes,
      subjectBeginsWith: s.subjectBeginsWith,
      subjectEndsWith: s.subjectEndsWith,
      subjectCaseSensitive: s.subjectCaseSensitive,
      advancedFilteringOnArrays: s.advancedFilteringOnArrays,
      advancedFilters: Object.entries(s.advancedFilters ?? {}).map(([name, f]): AdvancedFilter => ({
        name,
        operator: f.operator,
        key: f.key,
        value: f.value,
        values: f.values,
      })),
    },
    deliverySchema: s.deliverySchema,
    destination: destination(config, s.destination),
    // The subscription's own dead-letter, else its parent's, else the section's (`false` turns it off).
    deadLetter: deadLetterKey(s.deadLetter === undefined ? parentDeadLetter : s.deadLetter),
    maxDeliveryAttempts: s.retry?.maxDeliveryAttempts ?? retryLimits.defaultDeliveryAttempts,
    eventTtlMinutes: s.retry?.eventTtlMinutes ?? retryLimits.defaultEventTtlMinutes,
    attemptsWithinTtl: attemptsWithinTtl(s.retry?.eventTtlMinutes ?? retryLimits.defaultEventTtlMinutes),
  }));
}

function eventGridSources(config: StackConfig): Map<string, EventGridSource> {
  const eg = config.eventgrid;
  const out = new Map<string, EventGridSource>();
  if (!eg) return out;
  const add = (key: string, kind: EventGridSource["kind"], inputSchema: InputSchema, subs: EventGridSubscription[]) =>
    out.set(key, { key, kind, inputSchema, subscriptions: subs });
  for (const [k, t] of Object.entries(eg.topics ?? {})) {
    const key = `eventgrid.topics.${k}`;
    add(
      key,
      "topic",
      t.inputSchema ?? "EventGridSchema",
      subscriptions(config, t.subscriptions, t.deadLetter ?? eg.deadLetter, key),
    );
  }
  for (const [d, dom] of Object.entries(eg.domains ?? {})) {
    const domainKey = `eventgrid.domains.${d}`;
    const dl = dom.deadLetter ?? eg.deadLetter;
    // Domain-scope subscriptions receive the events of every domain topic.
    const domainSubs = subscriptions(config, dom.subscriptions, dl, domainKey);
    for (const [t, dt] of Object.entries(dom.topics ?? {})) {
      const key = `${domainKey}.topics.${t}`;
      add(key, "domainTopic", dom.inputSchema ?? "EventGridSchema", [
        ...subscriptions(config, dt.subscriptions, dl, key),
        ...domainSubs,
      ]);
    }
  }
  for (const [k, st] of Object.entries(eg.systemTopics ?? {})) {
    const key = `eventgrid.systemTopics.${k}`;
    // System topics publish Azure's events in the Event Grid schema (components/eventgrid/SystemTopic.ts).
    add(
      key,
      "systemTopic",
      "EventGridSchema",
      subscriptions(config, st.subscriptions, st.deadLetter ?? eg.deadLetter, key),
    );
  }
  for (const [k, pt] of Object.entries(eg.partnerTopics ?? {})) {
    const key = `eventgrid.partnerTopics.${k}`;
    add(
      key,
      "partnerTopic",
      pt.inputSchema ?? "CloudEventSchemaV1_0",
      subscriptions(config, pt.subscriptions, pt.deadLetter ?? eg.deadLetter, key),
    );
  }
  return out;
}

function ruleFilter(r: RuleConfig): ServiceBusFilter {
  if (r.sqlFilter !== undefined) return { kind: "sql", expression: r.sqlFilter };
  const { properties, ...system } = r.correlationFilter ?? {};
  const sys = Object.fromEntries(Object.entries(system).filter((e): e is [string, string] => e[1] !== undefined));
  return { kind: "correlation", system: sys, properties: properties ?? {} };
}

function serviceBusEntities(config: StackConfig): Map<string, ServiceBusEntity> {
  const out = new Map<string, ServiceBusEntity>();
  const namespaces: [string, NamespaceConfig][] = [
    ...Object.entries(config.servicebus?.namespaces ?? {}).map(([k, v]): [string, NamespaceConfig] => [
      `servicebus.namespaces.${k}`,
      v,
    ]),
    ...Object.entries(config.servicebus?.pairs ?? {}).map(([k, v]): [string, NamespaceConfig] => [
      `servicebus.pairs.${k}`,
      v as NamespaceConfig,
    ]),
    // A team stack's entities on a platform namespace have the same entity keys.
    ...Object.entries(config.platform?.servicebus ?? {}).map(([k, v]): [string, NamespaceConfig] => [
      `platform.servicebus.${k}`,
      v as NamespaceConfig,
    ]),
  ];
  for (const [prefix, ns] of namespaces) {
    // forwardTo names a queue or topic of the same namespace by key.
    const target = (k: string | undefined) =>
      k === undefined ? undefined : ns.queues?.[k] ? `${prefix}.queues.${k}` : `${prefix}.topics.${k}`;
    for (const [q, a] of Object.entries(ns.queues ?? {})) {
      const key = `${prefix}.queues.${q}`;
      out.set(key, {
        kind: "queue",
        key,
        requiresSession: a.requiresSession ?? false,
        maxDeliveryCount: a.maxDeliveryCount ?? maxDeliveryCount.default,
        deadLetteringOnMessageExpiration: a.deadLetteringOnMessageExpiration ?? true,
        forwardTo: target(a.forwardTo),
        forwardDeadLetteredMessagesTo: target(a.forwardDeadLetteredMessagesTo),
      });
    }
    for (const [t, a] of Object.entries(ns.topics ?? {})) {
      const key = `${prefix}.topics.${t}`;
      const subs: ServiceBusSubscription[] = Object.entries(a.subscriptions ?? {}).map(([s, sa]) => {
        const sk = `${key}.subscriptions.${s}`;
        const rules: ServiceBusRule[] = Object.entries(sa.rules ?? {}).map(([r, ra]) => ({
          name: r,
          key: `${sk}.rules.${r}`,
          filter: ruleFilter(ra),
          action: ruleActionText(ra.action),
        }));
        // $Default (a TrueFilter): disabled when rules are given, unless kept or replaced (NamespaceEntities.ts).
        const def = sa.defaultRule ?? (rules.length > 0 ? "disable" : "keep");
        if (def === "keep") rules.push({ name: "$Default", key: sk, filter: { kind: "true" } });
        else if (def === "disable")
          rules.push({
            name: "$Default (disabled)",
            key: `${sk}.defaultRule`,
            filter: { kind: "sql", expression: ruleLimits.matchNothing },
          });
        else
          rules.push({
            name: "$Default",
            key: `${sk}.defaultRule`,
            filter: ruleFilter(def),
            action: ruleActionText(def.action),
          });
        return {
          kind: "subscription",
          key: sk,
          requiresSession: sa.requiresSession ?? false,
          maxDeliveryCount: sa.maxDeliveryCount ?? maxDeliveryCount.default,
          deadLetteringOnMessageExpiration: sa.deadLetteringOnMessageExpiration ?? true,
          deadLetteringOnFilterEvaluationExceptions: sa.deadLetteringOnFilterEvaluationExceptions ?? true,
          forwardTo: target(sa.forwardTo),
          forwardDeadLetteredMessagesTo: target(sa.forwardDeadLetteredMessagesTo),
          rules,
        };
      });
      out.set(key, { kind: "topic", key, subscriptions: subs });
    }
  }
  return out;
}

/** The routing model of a validated stack config. */
export function routingModel(stack: string, config: StackConfig): RoutingModel {
  return { stack, eventGrid: eventGridSources(config), serviceBus: serviceBusEntities(config) };
}
