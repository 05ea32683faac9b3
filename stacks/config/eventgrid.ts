import type { Violation } from "../../components/core/errors";
import type { EventGridIdentityArgs, PublisherGrantArgs } from "../../components/eventgrid/common";
import { DomainArgs, validateDomainArgs } from "../../components/eventgrid/Domain";
import { topicKinds } from "../../components/eventgrid/limits";
import { PartnerTopicArgs, validatePartnerTopicArgs } from "../../components/eventgrid/PartnerTopic";
import {
  AdvancedFilterArgs,
  DeadLetterArgs,
  DestinationArgs,
  EventSubscriptionArgs,
} from "../../components/eventgrid/subscription";
import { isGlobalSource, SystemTopicArgs, validateSystemTopicArgs } from "../../components/eventgrid/SystemTopic";
import { TopicArgs, validateTopicArgs } from "../../components/eventgrid/Topic";
import { checkContainerRef } from "./foundation";
import { omit, omitShared, PassesThrough } from "./passThrough";
import { CheckContext, placeholderResolver, StackResolver } from "./resolver";
import type { StackConfig } from "./schema";
import { parseContainerId } from "./targets";
import { ArgPaths, configPathOf } from "./argPaths";
import { identityIds, userAssignedIdentities } from "./common";
import { DeadLetterConfig, DestinationConfig, EventGridConfig, EventSubscriptionConfig } from "./eventgridSchema";

// The `eventgrid` section (schema in eventgridSchema.ts) mapped to the components' args: one function per resource kind,
// used by the cross-check (placeholder references) and the builder (stacks/build/eventgrid.ts).

type TopicConfig = NonNullable<EventGridConfig["topics"]>[string];
type ParentConfig = Pick<TopicConfig, "managedIdentities" | "deadLetter" | "subscriptions"> &
  Partial<Pick<TopicConfig, "publishers">>;

function deadLetterArgs(cfg: DeadLetterConfig, r: StackResolver, path: string): DeadLetterArgs {
  const o = typeof cfg === "string" ? { container: cfg } : cfg;
  const external = o.container === undefined ? undefined : parseContainerId(o.container);
  if (external)
    return { storageAccountId: external.storageAccountId, containerName: external.containerName, identity: o.identity };
  if (o.container) {
    const [account, container] = o.container.split("/");
    return { storageAccountId: r.storageAccount(account, `${path}`), containerName: container, identity: o.identity };
  }
  return { storageAccountId: o.storageAccountId ?? "", containerName: o.containerName ?? "", identity: o.identity };
}

function destinationArgs(d: DestinationConfig, r: StackResolver, path: string): DestinationArgs {
  switch (d.kind) {
    case "serviceBusQueue":
    case "serviceBusTopic": {
      const { namespace, resourceId, deliveryProperties: props, requiresSession } = d;
      const entity = d.kind === "serviceBusQueue" ? d.queue : d.topic;
      if (resourceId === undefined && namespace && entity) {
        const found = r.serviceBusEntity(namespace, d.kind === "serviceBusQueue" ? "queue" : "topic", entity, path);
        return {
          kind: d.kind,
          resourceId: found.id,
          requiresSession: found.requiresSession,
          deliveryProperties: props,
        };
      }
      return { kind: d.kind, resourceId: resourceId ?? "", requiresSession, deliveryProperties: props };
    }
    case "eventHub":
      return {
        kind: "eventHub",
        resourceId:
          d.resourceId === undefined && d.namespace && d.eventHub
            ? r.eventHub(d.namespace, d.eventHub, path)
            : (d.resourceId ?? ""),
        deliveryProperties: d.deliveryProperties,
      };
    case "storageQueue":
      if (d.storageAccountId === undefined && d.storage && d.queue) {
        return {
          kind: "storageQueue",
          storageAccountId: r.storageAccount(d.storage, `${path}.storage`),
          queueName: d.queue,
          messageTtlSeconds: d.messageTtlSeconds,
        };
      }
      return {
        kind: "storageQueue",
        storageAccountId: d.storageAccountId ?? "",
        queueName: d.queueName ?? "",
        messageTtlSeconds: d.messageTtlSeconds,
      };
    default:
      return d as DestinationArgs;
  }
}

function subscriptionArgs(s: EventSubscriptionConfig, r: StackResolver, path: string): EventSubscriptionArgs {
  // Every other key passes through; the cast below is for the filters' value shapes (checked per operator).
  void (true satisfies PassesThrough<
    Omit<EventSubscriptionConfig, "destination" | "advancedFilters" | "deadLetter">,
    EventSubscriptionArgs
  >);
  return {
    ...s,
    destination: destinationArgs(s.destination, r, `${path}.destination`),
    advancedFilters: s.advancedFilters as Record<string, AdvancedFilterArgs> | undefined,
    deadLetter:
      s.deadLetter === false || s.deadLetter === undefined
        ? s.deadLetter
        : deadLetterArgs(s.deadLetter, r, `${path}.deadLetter`),
  } as EventSubscriptionArgs;
}

function subscriptionsArgs(subs: Record<string, EventSubscriptionConfig> | undefined, r: StackResolver, path: string) {
  if (!subs) return undefined;
  return Object.fromEntries(Object.entries(subs).map(([k, s]) => [k, subscriptionArgs(s, r, `${path}.${k}`)]));
}

/** Identities, publishers, default dead-letter and subscriptions of any parent. */
function parentArgs(
  cfg: ParentConfig,
  sectionDeadLetter: DeadLetterConfig | undefined,
  r: StackResolver,
  path: string,
): EventGridIdentityArgs &
  PublisherGrantArgs & { deadLetter?: DeadLetterArgs; subscriptions?: Record<string, EventSubscriptionArgs> } {
  const identities = userAssignedIdentities(cfg.managedIdentities, r, `${path}.managedIdentities`);
  const ids = Object.entries(identities);
  const dl = cfg.deadLetter ?? sectionDeadLetter;
  return {
    managedIdentities: {
      systemAssigned: cfg.managedIdentities?.systemAssigned ?? true,
      userAssignedResourceIds: ids.length > 0 ? identityIds(identities) : undefined,
    },
    userAssignedPrincipalIds: ids.length > 0 ? Object.fromEntries(ids.map(([k, v]) => [k, v.principalId])) : undefined,
    publishers: cfg.publishers
      ? Object.fromEntries(
          Object.entries(cfg.publishers).map(([k, p]) => [k, r.principal(p, `${path}.publishers.${k}`)]),
        )
      : undefined,
    deadLetter: dl ? deadLetterArgs(dl, r, cfg.deadLetter ? `${path}.deadLetter` : "eventgrid.deadLetter") : undefined,
    subscriptions: subscriptionsArgs(cfg.subscriptions, r, `${path}.subscriptions`),
  };
}

// One mapping per resource (config + resolver -> component args), used by the cross-check (placeholders) and the
// builder (real references). Config differs from the args in: `name` (the component's `<kind>Name`, defaulting to the
// naming policy), references by key (identities, dead-letter containers, destinations, system topic sources), the
// shared keys (the resolver's `common`) and `managedIdentities.userAssigned` as a list of keys.

/** The keys every parent maps by hand (parentArgs, with topics' and domains' publishers): identities by key, dead-letter containers, subscriptions. */
const parentKeys = ["managedIdentities", "deadLetter", "subscriptions"] as const;

/** One `eventgrid.topics.<key>` as TopicArgs. */
export function eventGridTopicArgs(config: StackConfig, key: string, r: StackResolver): TopicArgs {
  const eg = config.eventgrid!;
  const cfg = eg.topics![key];
  const path = `eventgrid.topics.${key}`;
  // `kind` and `extendedLocation` are refused by the cross-check (no deployable API has them): never passed on.
  const passThrough = omit(omitShared(cfg), ...parentKeys, "publishers", "name", "kind", "extendedLocation");
  void (true satisfies PassesThrough<typeof passThrough, TopicArgs>);
  return {
    ...r.common(cfg, "Microsoft.EventGrid/topics", true, `${path}.`),
    ...passThrough,
    topicName: cfg.name ?? r.azureName("eventGridTopic", key),
    ...parentArgs(cfg, eg.deadLetter, r, path),
  };
}

/** One `eventgrid.domains.<key>` as DomainArgs. */
export function eventGridDomainArgs(config: StackConfig, key: string, r: StackResolver): DomainArgs {
  const eg = config.eventgrid!;
  const cfg = eg.domains![key];
  const path = `eventgrid.domains.${key}`;
  const passThrough = omit(omitShared(cfg), ...parentKeys, "publishers", "name", "topics");
  void (true satisfies PassesThrough<typeof passThrough, DomainArgs>);
  return {
    ...r.common(cfg, "Microsoft.EventGrid/domains", true, `${path}.`),
    ...passThrough,
    domainName: cfg.name ?? r.azureName("eventGridDomain", key),
    ...parentArgs(cfg, eg.deadLetter, r, path),
    topics: cfg.topics
      ? Object.fromEntries(
          Object.entries(cfg.topics).map(([k, t]) => [
            k,
            { name: t.name, subscriptions: subscriptionsArgs(t.subscriptions, r, `${path}.topics.${k}.subscriptions`) },
          ]),
        )
      : undefined,
  };
}

/** One `eventgrid.systemTopics.<key>` as SystemTopicArgs. */
export function systemTopicArgs(config: StackConfig, key: string, r: StackResolver): SystemTopicArgs {
  const eg = config.eventgrid!;
  const cfg = eg.systemTopics![key];
  const path = `eventgrid.systemTopics.${key}`;
  const common = r.common(cfg, "Microsoft.EventGrid/systemTopics", true, `${path}.`);
  const source = r.systemTopicSource(cfg.source, `${path}.source`);
  return {
    ...common,
    // Subscription and resource group sources live in `global` (the component sets it).
    location: isGlobalSource(source) ? undefined : common.location,
    systemTopicName: cfg.name ?? r.azureName("eventGridSystemTopic", key),
    source,
    ...parentArgs(cfg, eg.deadLetter, r, path),
  };
}

/** One `eventgrid.partnerTopics.<key>` as PartnerTopicArgs (`name` is required: the partner created the topic). */
export function partnerTopicArgs(config: StackConfig, key: string, r: StackResolver): PartnerTopicArgs {
  const eg = config.eventgrid!;
  const cfg = eg.partnerTopics![key];
  const path = `eventgrid.partnerTopics.${key}`;
  const passThrough = omit(omitShared(cfg), ...parentKeys, "name");
  void (true satisfies PassesThrough<typeof passThrough, PartnerTopicArgs>);
  return {
    ...r.common(cfg, "Microsoft.EventGrid/partnerTopics", true, `${path}.`),
    ...passThrough,
    partnerTopicName: cfg.name,
    ...parentArgs(cfg, eg.deadLetter, r, path),
  };
}

/** Checks across config sections (references to other keys), then runs the components' validators on the config. */
/** Event Grid arguments set by other config keys: each resource's name argument is the config key `name`. */
const eventGridArgPaths: ArgPaths = [
  ["topicName", "name"],
  ["domainName", "name"],
  ["systemTopicName", "name"],
  ["partnerTopicName", "name"],
  ["managedIdentities.userAssignedResourceIds", "managedIdentities.userAssigned"],
  ["userAssignedPrincipalIds", "managedIdentities.userAssigned"],
];

export function eventGridCrossCheck(config: StackConfig, check: CheckContext): Violation[] {
  const eg = config.eventgrid;
  if (!eg) return [];
  const found: Violation[] = [];
  const v = (path: string, value: unknown, message: string) => found.push({ path, value, message });

  // Placeholder ids: a reference to an undeclared key is reported by the resolver; the components check the rest.
  const r = placeholderResolver(config, check.location, (x) => found.push(x));

  const checkContainers = (dl: DeadLetterConfig | false | undefined, path: string) => {
    if (dl === undefined || dl === false) return;
    const ref = typeof dl === "string" ? dl : dl.container;
    const bad = checkContainerRef(typeof dl === "string" ? path : `${path}.container`, ref, config.storage);
    if (bad) found.push(bad);
    if (typeof dl !== "string" && !dl.container && (!dl.storageAccountId || !dl.containerName)) {
      v(path, dl, "needs `container: <storage key>/<container key>`, or `storageAccountId` and `containerName`");
    }
  };
  const checkDestinations = (subs: Record<string, EventSubscriptionConfig> | undefined, path: string) => {
    for (const [k, s] of Object.entries(subs ?? {})) {
      const p = `${path}.${k}`;
      checkContainers(s.deadLetter, `${p}.deadLetter`);
      const d = s.destination;
      const ref = {
        serviceBusQueue: ["namespace", "queue"],
        serviceBusTopic: ["namespace", "topic"],
        eventHub: ["namespace", "eventHub"],
        storageQueue: ["storage", "queue"],
      }[d.kind as string];
      if (!ref) continue;
      const byRef = ref.some((f) => (d as Record<string, unknown>)[f] !== undefined);
      const byId =
        d.kind === "storageQueue"
          ? d.storageAccountId !== undefined
          : (d as { resourceId?: string }).resourceId !== undefined;
      if (byRef === byId || (byRef && ref.some((f) => (d as Record<string, unknown>)[f] === undefined))) {
        v(
          `${p}.destination`,
          d,
          `needs either ${ref.map((f) => `'${f}'`).join(" and ")} (stack keys) or ${d.kind === "storageQueue" ? "'storageAccountId' and 'queueName'" : "'resourceId'"} (outside the stack)`,
        );
      }
      if (byRef && "requiresSession" in d && d.requiresSession !== undefined) {
        v(
          `${p}.destination.requiresSession`,
          d.requiresSession,
          "is read from the servicebus section for stack queues; set it only with resourceId",
        );
      }
    }
  };
  const prefixed = (path: string, list: Violation[]) =>
    list.forEach((x) => found.push({ ...x, path: `${path}.${configPathOf(eventGridArgPaths, x.path)}` }));

  checkContainers(eg.deadLetter, "eventgrid.deadLetter");
  for (const [key, t] of Object.entries(eg.topics ?? {})) {
    const path = `eventgrid.topics.${key}`;
    if ((t.kind !== undefined && t.kind !== "Azure") || t.extendedLocation !== undefined) {
      v(
        t.extendedLocation !== undefined && t.kind === undefined ? `${path}.extendedLocation` : `${path}.kind`,
        t.kind ?? t.extendedLocation,
        `cannot be deployed: azure-native v3's eventgrid.Topic uses API 2025-02-15, which has no kind or extendedLocation (an AzureArc topic on a custom location exists only in preview API versions); allowed: ${topicKinds.deployable.join(", ")}`,
      );
    }
    checkContainers(t.deadLetter, `${path}.deadLetter`);
    checkDestinations(t.subscriptions, `${path}.subscriptions`);
    const args = eventGridTopicArgs(config, key, r);
    prefixed(path, validateTopicArgs(args));
  }
  for (const [key, d] of Object.entries(eg.domains ?? {})) {
    const path = `eventgrid.domains.${key}`;
    checkContainers(d.deadLetter, `${path}.deadLetter`);
    checkDestinations(d.subscriptions, `${path}.subscriptions`);
    for (const [tk, t] of Object.entries(d.topics ?? {}))
      checkDestinations(t.subscriptions, `${path}.topics.${tk}.subscriptions`);
    const args = eventGridDomainArgs(config, key, r);
    prefixed(path, validateDomainArgs(args));
  }
  const sources = new Map<string, string>();
  for (const [key, s] of Object.entries(eg.systemTopics ?? {})) {
    const path = `eventgrid.systemTopics.${key}`;
    checkContainers(s.deadLetter, `${path}.deadLetter`);
    checkDestinations(s.subscriptions, `${path}.subscriptions`);
    const id = `${s.source.kind}|${(s.source.key ?? s.source.resourceId ?? "").toLowerCase()}`;
    if (sources.has(id)) {
      v(
        `${path}.source`,
        s.source,
        `is also the source of system topic '${sources.get(id)}': Azure allows one system topic per source; put both sets of subscriptions on one`,
      );
    }
    sources.set(id, key);
    const args = systemTopicArgs(config, key, r);
    prefixed(path, validateSystemTopicArgs(args));
  }
  for (const [key, pt] of Object.entries(eg.partnerTopics ?? {})) {
    const path = `eventgrid.partnerTopics.${key}`;
    checkContainers(pt.deadLetter, `${path}.deadLetter`);
    checkDestinations(pt.subscriptions, `${path}.subscriptions`);
    const args = partnerTopicArgs(config, key, r);
    prefixed(path, validatePartnerTopicArgs(args));
  }
  // A reference error is reported once, by the reference check, not again as a bad placeholder id.
  const seen = new Set<string>();
  return found.filter((x) => {
    const id = `${x.path}|${x.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
