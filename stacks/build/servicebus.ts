import type * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../components/core/errors";
import type { CommonResourceArgs } from "../../components/core/interfaces";
import { SERVICE_BUS_NAMESPACE_TYPE, ServiceBusNamespace } from "../../components/servicebus/Namespace";
import { PairedNamespaces } from "../../components/servicebus/PairedNamespaces";
import { namespaceSettingsFromConfig, ServiceBusResolvers } from "../config/servicebus";
import type { StackContext, StackRefs } from "../context";
import { commonArgs, resolveRoleAssignments } from "./shared";

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

/** Adds each endpoint's configured region (the shared resolver does not know it). */
function withLocations(
  common: CommonResourceArgs,
  cfg: Record<string, { location?: string }> | undefined,
): CommonResourceArgs {
  if (!common.privateEndpoints) return common;
  const privateEndpoints = Object.fromEntries(
    Object.entries(common.privateEndpoints).map(([k, pe]) => [
      k,
      { ...pe, location: cfg?.[k]?.location ?? pe.location },
    ]),
  );
  return { ...common, privateEndpoints };
}

/** Config references resolved against what earlier builders produced. */
function resolvers(refs: Partial<StackRefs>): ServiceBusResolvers {
  return {
    roleAssignments: (cfg, path) => resolveRoleAssignments(refs, cfg, path),
    identityId: (key, path) => {
      const identity = refs.foundation?.identities[key];
      if (!identity) {
        throw new ValidationError("stack config", [
          { path, value: key, message: "names no identity declared under 'identities'" },
        ]);
      }
      return identity.id;
    },
    subnetId: (ref, path) => {
      const id = ref.startsWith("/subscriptions/") ? ref : refs.network?.subnets[ref];
      if (!id) {
        throw new ValidationError("stack config", [
          { path, value: ref, message: "names no subnet declared under 'network.subnets' and is not a subnet id" },
        ]);
      }
      return id;
    },
  };
}

/** Builds the `servicebus` config section: namespaces with their entities, and geo-DR pairs. */
export function buildServiceBus(ctx: StackContext, refs: Partial<StackRefs>): ServiceBusRefs {
  const sb = ctx.config.servicebus;
  const namespaces: Record<string, ServiceBusNamespaceRef> = {};
  const pairs: Record<string, ServiceBusPairRef> = {};
  const r = resolvers(refs);
  for (const [key, cfg] of Object.entries(sb?.namespaces ?? {})) {
    const path = `servicebus.namespaces.${key}.`;
    const ns = new ServiceBusNamespace(`sb-${key}`, {
      ...withLocations(commonArgs(ctx, refs, cfg, SERVICE_BUS_NAMESPACE_TYPE, true, path), cfg.privateEndpoints),
      ...namespaceSettingsFromConfig(cfg, r, path),
      namespaceName: cfg.name,
      tier: cfg.sku,
      geoReplication: cfg.geoReplication,
    });
    namespaces[key] = refOf(ns, cfg.queues);
  }
  for (const [key, cfg] of Object.entries(sb?.pairs ?? {})) {
    const path = `servicebus.pairs.${key}.`;
    const pair = new PairedNamespaces(`sbpair-${key}`, {
      ...withLocations(commonArgs(ctx, refs, cfg, SERVICE_BUS_NAMESPACE_TYPE, true, path), cfg.privateEndpoints),
      ...namespaceSettingsFromConfig(cfg, r, path),
      alias: cfg.alias,
      primaryLocation: cfg.primaryLocation,
      secondaryLocation: cfg.secondaryLocation,
      primaryNamespaceName: cfg.primaryName,
      secondaryNamespaceName: cfg.secondaryName,
    });
    namespaces[key] = refOf(pair.primary, cfg.queues);
    pairs[key] = {
      primary: namespaces[key],
      secondary: { id: pair.secondary.id, name: pair.secondary.name },
      aliasHostName: pair.aliasHostName,
    };
  }
  return { namespaces, pairs };
}
