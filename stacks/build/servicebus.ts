import type * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../components/core/errors";
import { ServiceBusNamespace } from "../../components/servicebus/Namespace";
import { PairedNamespaces } from "../../components/servicebus/PairedNamespaces";
import { migrationTargets, serviceBusNamespaceArgs, serviceBusPairArgs } from "../config/servicebus";
import type { StackResolver } from "../config/resolver";
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

function missing(path: string, value: string, message: string): never {
  throw new ValidationError("stack config", [{ path, value, message }]);
}

/** Builds the `servicebus` config section: namespaces with their entities, and geo-DR pairs. */
export function buildServiceBus(ctx: StackContext, refs: Partial<StackRefs>): ServiceBusRefs {
  const sb = ctx.config.servicebus;
  const namespaces: Record<string, ServiceBusNamespaceRef> = {};
  const pairs: Record<string, ServiceBusPairRef> = {};
  // A migration target is a namespace of this section, built before the namespaces migrating to it.
  const r: StackResolver = {
    ...stackResolver(ctx, refs),
    serviceBusNamespace: (key, path) =>
      namespaces[key]?.id ?? missing(path, key, "names no Service Bus namespace built before it"),
  };
  // Migration targets first: a Standard namespace's migration names its Premium target by id.
  const targets = migrationTargets(sb);
  const ordered = Object.entries(sb?.namespaces ?? {}).sort(
    ([a], [b]) => Number(targets.has(b)) - Number(targets.has(a)),
  );
  for (const [key, cfg] of ordered) {
    const ns = withConfigKey(
      `servicebus.namespaces.${key}`,
      () => new ServiceBusNamespace(`sb-${key}`, serviceBusNamespaceArgs(ctx.config, key, r)),
    );
    namespaces[key] = refOf(ns, cfg.queues);
  }
  for (const [key, cfg] of Object.entries(sb?.pairs ?? {})) {
    const pair = withConfigKey(
      `servicebus.pairs.${key}`,
      () => new PairedNamespaces(`sbpair-${key}`, serviceBusPairArgs(ctx.config, key, r)),
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
