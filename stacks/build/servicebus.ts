import type * as pulumi from "@pulumi/pulumi";
import { SERVICE_BUS_NAMESPACE_TYPE, ServiceBusNamespace } from "../../components/servicebus/Namespace";
import { PairedNamespaces } from "../../components/servicebus/PairedNamespaces";
import { migrationTargets, namespaceOnlyArgs, namespaceSettingsFromConfig } from "../config/servicebus";
import type { StackContext, StackRefs } from "../context";
import { stackResolver } from "./resolver";
import { withConfigKey } from "../../components/core/configKey";

export interface ServiceBusEntityRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
}
export interface ServiceBusQueueRef extends ServiceBusEntityRef {
  /** Whether the queue requires sessions (Event Grid then needs a SessionId delivery attribute mapping). */
  readonly requiresSession: boolean;
}
export interface ServiceBusNamespaceRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  readonly queues: Record<string, ServiceBusQueueRef>;
  readonly topics: Record<string, ServiceBusEntityRef>;
}

/** A geo-DR pair: its primary (also under `namespaces`), its secondary and the alias applications connect to. */
export interface ServiceBusPairRef {
  readonly primary: ServiceBusNamespaceRef;
  /** The secondary: Event Grid subscriptions on the namespace are not replicated and must be mirrored onto it. */
  readonly secondary: { readonly id: pulumi.Output<string>; readonly name: pulumi.Output<string> };
  /** `<alias>.servicebus.windows.net`. */
  readonly aliasHostName: pulumi.Output<string>;
}

/** What this builder exposes to later builders: namespaces (and the primary of each pair) by config key. */
export interface ServiceBusRefs {
  readonly namespaces: Record<string, ServiceBusNamespaceRef>;
  /** Geo-DR pairs by config key (added field). */
  readonly pairs?: Record<string, ServiceBusPairRef>;
}

function refOf(
  c: ServiceBusNamespace,
  queues: Record<string, { requiresSession?: boolean }> | undefined,
): ServiceBusNamespaceRef {
  return {
    id: c.id,
    name: c.name,
    queues: Object.fromEntries(
      Object.entries(c.queues).map(([q, r]) => [
        q,
        { id: r.id, name: r.name, requiresSession: queues?.[q]?.requiresSession === true },
      ]),
    ),
    topics: Object.fromEntries(Object.entries(c.topics).map(([t, r]) => [t, { id: r.id, name: r.name }])),
  };
}

/** Builds the `servicebus` config section: namespaces with their entities, and geo-DR pairs. */
export function buildServiceBus(ctx: StackContext, refs: Partial<StackRefs>): ServiceBusRefs {
  const sb = ctx.config.servicebus;
  const namespaces: Record<string, ServiceBusNamespaceRef> = {};
  const pairs: Record<string, ServiceBusPairRef> = {};
  const r = stackResolver(ctx, refs);
  // Migration targets first: a Standard namespace's migration names its Premium target by id.
  const targets = migrationTargets(sb);
  const ordered = Object.entries(sb?.namespaces ?? {}).sort(
    ([a], [b]) => Number(targets.has(b)) - Number(targets.has(a)),
  );
  for (const [key, cfg] of ordered) {
    const path = `servicebus.namespaces.${key}.`;
    const ns = withConfigKey(
      `servicebus.namespaces.${key}`,
      () =>
        new ServiceBusNamespace(`sb-${key}`, {
          ...r.common(cfg, SERVICE_BUS_NAMESPACE_TYPE, true, path),
          ...namespaceSettingsFromConfig(cfg, r, path),
          namespaceName: cfg.name ?? r.azureName("serviceBusNamespace", key),
          ...namespaceOnlyArgs(cfg, (target) => namespaces[target].id),
        }),
    );
    namespaces[key] = refOf(ns, cfg.queues);
  }
  for (const [key, cfg] of Object.entries(sb?.pairs ?? {})) {
    const path = `servicebus.pairs.${key}.`;
    const pair = withConfigKey(
      `servicebus.pairs.${key}`,
      () =>
        new PairedNamespaces(`sbpair-${key}`, {
          ...r.common(cfg, SERVICE_BUS_NAMESPACE_TYPE, true, path),
          ...namespaceSettingsFromConfig(cfg, r, path),
          alias: cfg.alias,
          primaryLocation: cfg.primaryLocation,
          secondaryLocation: cfg.secondaryLocation,
          primaryNamespaceName: cfg.primaryName ?? r.azureName("serviceBusNamespace", `${key}-primary`),
          secondaryNamespaceName: cfg.secondaryName ?? r.azureName("serviceBusNamespace", `${key}-secondary`),
        }),
    );
    namespaces[key] = refOf(pair.primary, cfg.queues);
    pairs[key] = {
      primary: namespaces[key],
      secondary: { id: pair.secondary.id, name: pair.secondary.name },
      aliasHostName: pair.aliasHostName,
    };
  }
  return { namespaces, pairs };
}
