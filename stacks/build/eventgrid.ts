import type * as pulumi from "@pulumi/pulumi";
import { Domain } from "../../components/eventgrid/Domain";
import { PartnerTopic } from "../../components/eventgrid/PartnerTopic";
import { isGlobalSource, SystemTopic } from "../../components/eventgrid/SystemTopic";
import { Topic } from "../../components/eventgrid/Topic";
import {
  domainArgsFromConfig,
  partnerTopicArgsFromConfig,
  systemTopicArgsFromConfig,
  topicArgsFromConfig,
} from "../config/eventgrid";
import type { StackContext, StackRefs } from "../context";
import { stackResolver } from "./resolver";
import { withConfigKey } from "../../components/core/configKey";

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

/** Builds the `eventgrid` config section (after storage, identities, Event Hubs and Service Bus, which it wires to). */
export function buildEventGrid(ctx: StackContext, refs: Partial<StackRefs>): EventGridRefs {
  const out: EventGridRefs = { topics: {}, domains: {}, systemTopics: {}, partnerTopics: {} };
  const eg = ctx.config.eventgrid;
  if (!eg) return out;
  const r = stackResolver(ctx, refs);

  for (const [key, cfg] of Object.entries(eg.topics ?? {})) {
    const path = `eventgrid.topics.${key}`;
    const t = withConfigKey(
      path,
      () =>
        new Topic(`eg-${key}`, {
          ...r.common(cfg, "Microsoft.EventGrid/topics", true, `${path}.`),
          ...topicArgsFromConfig(cfg, eg, r, path, cfg.name ?? r.azureName("eventGridTopic", key)),
        }),
    );
    out.topics[key] = { id: t.id, name: t.name, endpoint: t.endpoint };
  }
  for (const [key, cfg] of Object.entries(eg.domains ?? {})) {
    const path = `eventgrid.domains.${key}`;
    const d = withConfigKey(
      path,
      () =>
        new Domain(`egd-${key}`, {
          ...r.common(cfg, "Microsoft.EventGrid/domains", true, `${path}.`),
          ...domainArgsFromConfig(cfg, eg, r, path, cfg.name ?? r.azureName("eventGridDomain", key)),
        }),
    );
    out.domains[key] = { id: d.id, name: d.name, endpoint: d.endpoint };
  }
  for (const [key, cfg] of Object.entries(eg.systemTopics ?? {})) {
    const path = `eventgrid.systemTopics.${key}`;
    const args = systemTopicArgsFromConfig(cfg, eg, r, path, cfg.name ?? r.azureName("eventGridSystemTopic", key));
    const common = r.common(cfg, "Microsoft.EventGrid/systemTopics", true, `${path}.`);
    const s = withConfigKey(
      path,
      () =>
        new SystemTopic(`egst-${key}`, {
          ...common,
          // Subscription and resource group sources live in `global` (the component sets it).
          location: isGlobalSource(args.source) ? undefined : common.location,
          ...args,
        }),
    );
    out.systemTopics[key] = { id: s.id, name: s.name };
  }
  for (const [key, cfg] of Object.entries(eg.partnerTopics ?? {})) {
    const path = `eventgrid.partnerTopics.${key}`;
    const p = withConfigKey(
      path,
      () =>
        new PartnerTopic(`egpt-${key}`, {
          ...r.common(cfg, "Microsoft.EventGrid/partnerTopics", true, `${path}.`),
          ...partnerTopicArgsFromConfig(cfg, eg, r, path),
        }),
    );
    out.partnerTopics[key] = { id: p.id, name: p.name };
  }
  return out;
}
