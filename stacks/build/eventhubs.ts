import type * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../components/core/errors";
import { EventHubsCluster } from "../../components/eventhubs/Cluster";
import { EventHubNamespace } from "../../components/eventhubs/Namespace";
import { EventHubsResolver, namespaceArgs } from "../config/eventhubs";
import type { StackContext, StackRefs } from "../context";
import { commonArgs, resolvePrincipal } from "./shared";

export interface EventHubRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
}
export interface EventHubNamespaceRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  readonly hubs: Record<string, EventHubRef>;
  /** Principal id of the namespace's system-assigned identity (empty when it has none). */
  readonly principalId?: pulumi.Output<string>;
}

/** What this builder exposes to later builders: namespaces and their event hubs by config key. */
export interface EventHubsRefs {
  readonly namespaces: Record<string, EventHubNamespaceRef>;
  /** Dedicated clusters by `eventhubs.clusters` key. */
  readonly clusters?: Record<string, { readonly id: pulumi.Output<string>; readonly name: pulumi.Output<string> }>;
}

function missing(path: string, value: string, message: string): never {
  throw new ValidationError("stack config", [{ path, value, message }]);
}

/**
 * Builds the `eventhubs` config section: Dedicated clusters first, then geo-DR secondaries, then every other
 * namespace (a primary needs its secondary's id). Tier rules were already checked by `eventHubsCrossCheck`.
 */
export function buildEventHubs(ctx: StackContext, refs: Partial<StackRefs>): EventHubsRefs {
  const section = ctx.config.eventhubs;
  const out = {
    namespaces: {} as Record<string, EventHubNamespaceRef>,
    clusters: {} as NonNullable<EventHubsRefs["clusters"]>,
  };
  if (!section) return out;

  const clusters: Record<string, EventHubsCluster> = {};
  for (const [key, c] of Object.entries(section.clusters ?? {})) {
    clusters[key] = new EventHubsCluster(`evhc-${key}`, {
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      tags: { ...ctx.tags, ...c.tags },
      lock: c.lock ?? (ctx.lockStateful ? { kind: "CanNotDelete" } : undefined),
      protect: ctx.protect,
      clusterName: c.name ?? `evhc-${key}-${ctx.environment}`,
      capacityUnits: c.capacityUnits,
      supportsScaling: c.supportsScaling,
    });
    out.clusters[key] = { id: clusters[key].id, name: clusters[key].name };
  }

  const storage = refs.foundation?.storage ?? {};
  const resolver: EventHubsResolver = {
    defaultLocation: ctx.location,
    common: (cfg, key) =>
      commonArgs(ctx, refs, cfg, "Microsoft.EventHub/namespaces", true, `eventhubs.namespaces.${key}.`),
    container: (ref) => {
      const [account, container] = ref.split("/");
      const c = storage[account]?.containers[container];
      if (!c) missing("eventhubs", ref, "names no container declared under 'storage'");
      return { storageAccountId: storage[account].id, containerName: c.name, containerId: c.id };
    },
    identity: (key) => {
      const id = refs.foundation?.identities[key];
      if (!id) missing("eventhubs", key, "names no identity declared under 'identities'");
      return { id: id.id, principalId: id.principalId };
    },
    principal: (p, path) => resolvePrincipal(refs, p, path),
    subnet: (ref, path) =>
      ref.startsWith("/subscriptions/")
        ? ref
        : (refs.network?.subnets[ref] ??
          missing(path, ref, "names no subnet declared under 'network.subnets' and is not a subnet id")),
    cluster: (ref) =>
      ref.startsWith("/subscriptions/")
        ? { clusterId: ref }
        : { clusterId: clusters[ref].id, capacityUnits: clusters[ref].capacityUnits },
    namespaceId: (key) => out.namespaces[key]?.id ?? missing("eventhubs", key, "geo-DR partner was not built"),
  };

  const namespaces = section.namespaces ?? {};
  const secondaries = new Set(Object.values(namespaces).flatMap((n) => n.geoDisasterRecovery?.partner ?? []));
  const order = [
    ...Object.keys(namespaces).filter((k) => secondaries.has(k)),
    ...Object.keys(namespaces).filter((k) => !secondaries.has(k)),
  ];
  for (const key of order) {
    const ns = new EventHubNamespace(`evhns-${key}`, namespaceArgs(ctx.config, key, resolver));
    out.namespaces[key] = {
      id: ns.id,
      name: ns.name,
      principalId: ns.principalId,
      hubs: Object.fromEntries(Object.entries(ns.eventHubs).map(([k, h]) => [k, { id: h.hub.id, name: h.hub.name }])),
    };
  }
  return out;
}
