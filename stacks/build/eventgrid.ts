import type * as pulumi from "@pulumi/pulumi";
import { Domain } from "../../components/eventgrid/Domain";
import { PartnerTopic } from "../../components/eventgrid/PartnerTopic";
import { SystemTopic } from "../../components/eventgrid/SystemTopic";
import { Topic } from "../../components/eventgrid/Topic";
import { eventGridDomainArgs, eventGridTopicArgs, partnerTopicArgs, systemTopicArgs } from "../config/eventgrid";
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
  const config = ctx.config;
  const eg = config.eventgrid;
  if (!eg) return out;
  const r = stackResolver(ctx, refs);

  for (const key of Object.keys(eg.topics ?? {})) {
    const t = withConfigKey(
      `eventgrid.topics.${key}`,
      () => new Topic(`eg-${key}`, eventGridTopicArgs(config, key, r)),
    );
    out.topics[key] = { id: t.id, name: t.name, endpoint: t.endpoint };
  }
  for (const key of Object.keys(eg.domains ?? {})) {
    const d = withConfigKey(
      `eventgrid.domains.${key}`,
      () => new Domain(`egd-${key}`, eventGridDomainArgs(config, key, r)),
    );
    out.domains[key] = { id: d.id, name: d.name, endpoint: d.endpoint };
  }
  for (const key of Object.keys(eg.systemTopics ?? {})) {
    const s = withConfigKey(
      `eventgrid.systemTopics.${key}`,
      () => new SystemTopic(`egst-${key}`, systemTopicArgs(config, key, r)),
    );
    out.systemTopics[key] = { id: s.id, name: s.name };
  }
  for (const key of Object.keys(eg.partnerTopics ?? {})) {
    const p = withConfigKey(
      `eventgrid.partnerTopics.${key}`,
      () => new PartnerTopic(`egpt-${key}`, partnerTopicArgs(config, key, r)),
    );
    out.partnerTopics[key] = { id: p.id, name: p.name };
  }
  return out;
}
