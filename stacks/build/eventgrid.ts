import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { ValidationError } from "../../components/core/errors";
import { Domain } from "../../components/eventgrid/Domain";
import { PartnerTopic } from "../../components/eventgrid/PartnerTopic";
import { isGlobalSource, SystemTopic, SystemTopicSource } from "../../components/eventgrid/SystemTopic";
import { Topic } from "../../components/eventgrid/Topic";
import {
  defaultNames,
  domainArgsFromConfig,
  EventGridResolvers,
  partnerTopicArgsFromConfig,
  systemTopicArgsFromConfig,
  topicArgsFromConfig,
} from "../config/eventgrid";
import type { StackContext, StackRefs } from "../context";
import { commonArgs, resolvePrincipal } from "./shared";

export interface EventGridTopicRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
}

/** What this builder exposes to stack outputs: every Event Grid resource by config key. */
export interface EventGridRefs {
  readonly topics: Record<string, EventGridTopicRef & { readonly endpoint: pulumi.Output<string> }>;
  readonly domains: Record<string, EventGridTopicRef & { readonly endpoint: pulumi.Output<string> }>;
  readonly systemTopics: Record<string, EventGridTopicRef>;
  readonly partnerTopics: Record<string, EventGridTopicRef>;
}

function missing(path: string, value: unknown, message: string): never {
  throw new ValidationError("stack config", [{ path, value, message }]);
}

/** Config references resolved against what earlier builders produced (the cross-check already reported bad keys). */
function resolvers(refs: Partial<StackRefs>): EventGridResolvers {
  let subscriptionId: pulumi.Output<string> | undefined;
  return {
    serviceBusEntity(ns, kind, name, path) {
      const namespace = refs.serviceBus?.namespaces[ns] ?? refs.serviceBus?.pairs?.[ns]?.primary;
      const entity = kind === "queue" ? namespace?.queues[name] : namespace?.topics[name];
      if (!entity) return missing(path, `${ns}/${name}`, `names no Service Bus ${kind} of this stack`);
      return { id: entity.id, requiresSession: "requiresSession" in entity ? entity.requiresSession === true : false };
    },
    eventHub(ns, hub, path) {
      return (
        refs.eventHubs?.namespaces[ns]?.hubs[hub]?.id ??
        missing(path, `${ns}/${hub}`, "names no event hub of this stack")
      );
    },
    storageAccount(key, path) {
      return refs.foundation?.storage[key]?.id ?? missing(path, key, "names no storage account of this stack");
    },
    identity(key, path) {
      const id =
        refs.foundation?.identities[key] ?? missing(path, key, "names no identity declared under 'identities'");
      return { id: id.id, principalId: id.principalId };
    },
    principal(p, path) {
      return resolvePrincipal(refs, p, `${path}.identity`);
    },
    systemTopicSource(s, path): SystemTopicSource {
      if (s.kind === "other")
        return { kind: "other", topicType: s.topicType!, resourceId: s.resourceId!, global: s.global };
      if (s.resourceId !== undefined) return { kind: s.kind, resourceId: s.resourceId };
      if (s.kind === "resourceGroup") return { kind: s.kind, resourceId: refs.foundation!.resourceGroup.id };
      if (s.kind === "subscription") {
        subscriptionId ??= authorization.getClientConfigOutput().subscriptionId;
        return { kind: s.kind, resourceId: pulumi.interpolate`/subscriptions/${subscriptionId}` };
      }
      const key = s.key!;
      const id =
        s.kind === "storageAccount"
          ? refs.foundation?.storage[key]?.id
          : s.kind === "eventHubNamespace"
            ? refs.eventHubs?.namespaces[key]?.id
            : (refs.serviceBus?.namespaces[key] ?? refs.serviceBus?.pairs?.[key]?.primary)?.id;
      return { kind: s.kind, resourceId: id ?? missing(`${path}.key`, key, `names no ${s.kind} of this stack`) };
    },
  };
}

/** Builds the `eventgrid` config section (after storage, identities, Event Hubs and Service Bus, which it wires to). */
export function buildEventGrid(ctx: StackContext, refs: Partial<StackRefs>): EventGridRefs {
  const out: EventGridRefs = { topics: {}, domains: {}, systemTopics: {}, partnerTopics: {} };
  const eg = ctx.config.eventgrid;
  if (!eg) return out;
  const r = resolvers(refs);
  const env = ctx.environment;

  for (const [key, cfg] of Object.entries(eg.topics ?? {})) {
    const path = `eventgrid.topics.${key}`;
    const t = new Topic(`eg-${key}`, {
      ...commonArgs(ctx, refs, cfg, "Microsoft.EventGrid/topics", true, `${path}.`),
      ...topicArgsFromConfig(cfg, eg, r, path, cfg.name ?? defaultNames.topic(key, env)),
    });
    out.topics[key] = { id: t.id, name: t.name, endpoint: t.endpoint };
  }
  for (const [key, cfg] of Object.entries(eg.domains ?? {})) {
    const path = `eventgrid.domains.${key}`;
    const d = new Domain(`egd-${key}`, {
      ...commonArgs(ctx, refs, cfg, "Microsoft.EventGrid/domains", true, `${path}.`),
      ...domainArgsFromConfig(cfg, eg, r, path, cfg.name ?? defaultNames.domain(key, env)),
    });
    out.domains[key] = { id: d.id, name: d.name, endpoint: d.endpoint };
  }
  for (const [key, cfg] of Object.entries(eg.systemTopics ?? {})) {
    const path = `eventgrid.systemTopics.${key}`;
    const args = systemTopicArgsFromConfig(cfg, eg, r, path, cfg.name ?? defaultNames.systemTopic(key, env));
    const common = commonArgs(ctx, refs, cfg, "Microsoft.EventGrid/systemTopics", true, `${path}.`);
    const s = new SystemTopic(`egst-${key}`, {
      ...common,
      // Subscription and resource group sources live in `global` (the component sets it).
      location: isGlobalSource(args.source) ? undefined : common.location,
      ...args,
    });
    out.systemTopics[key] = { id: s.id, name: s.name };
  }
  for (const [key, cfg] of Object.entries(eg.partnerTopics ?? {})) {
    const path = `eventgrid.partnerTopics.${key}`;
    const p = new PartnerTopic(`egpt-${key}`, {
      ...commonArgs(ctx, refs, cfg, "Microsoft.EventGrid/partnerTopics", true, `${path}.`),
      ...partnerTopicArgsFromConfig(cfg, eg, r, path),
    });
    out.partnerTopics[key] = { id: p.id, name: p.name };
  }
  return out;
}
