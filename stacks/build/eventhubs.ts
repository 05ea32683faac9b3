import type * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../components/core/errors";
import { EventHubsCluster } from "../../components/eventhubs/Cluster";
import { EventHubNamespace } from "../../components/eventhubs/Namespace";
import { clusterArgs, namespaceArgs } from "../config/eventhubs";
import type { StackResolver } from "../config/resolver";
import type { StackContext, StackRefs } from "../context";
import { stackResolver } from "./resolver";
import { commonArgs } from "./shared";
import { eventHubsNamespaceOrder } from "../config/diagnostics";
import { withConfigKey } from "../../components/core/configKey";

export interface EventHubRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
}
export interface EventHubNamespaceRef {
  readonly id: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  readonly hubs: Record<string, EventHubRef>;
  /** Namespace-level SAS rule ids by key (diagnostic settings stream with them). */
  readonly authorizationRules: Record<string, pulumi.Output<string>>;
  /** Principal id of the namespace's system-assigned identity (empty when it has none). */
  readonly principalId?: pulumi.Output<string>;
}

/** What this builder exposes to later builders: namespaces and their event hubs by config key. */
export interface EventHubsRefs {
  readonly namespaces: Record<string, EventHubNamespaceRef>;
  /** Dedicated clusters by `eventhubs.clusters` key. */
  readonly clusters?: Record<
    string,
    { readonly id: pulumi.Output<string>; readonly name: pulumi.Output<string>; readonly capacityUnits?: number }
  >;
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
  const real = stackResolver(ctx, refs);
  for (const key of Object.keys(section.clusters ?? {})) {
    clusters[key] = withConfigKey(
      `eventhubs.clusters.${key}`,
      () => new EventHubsCluster(`evhc-${key}`, clusterArgs(ctx.config, key, real)),
    );
    out.clusters[key] = {
      id: clusters[key].id,
      name: clusters[key].name,
      capacityUnits: clusters[key].capacityUnits,
    };
  }

  // Clusters and geo-DR secondaries are built here, before the namespaces that reference them.
  const resolver: StackResolver = {
    ...real,
    eventHubsCluster: (ref) =>
      ref.startsWith("/subscriptions/")
        ? { clusterId: ref }
        : { clusterId: clusters[ref].id, capacityUnits: clusters[ref].capacityUnits },
    eventHubsNamespace: (key, path) => out.namespaces[key]?.id ?? missing(path, key, "geo-DR partner was not built"),
    // Diagnostic settings may stream to a namespace built just before (its rule ids are in `out`).
    common: (cfg, resourceType, stateful, path) =>
      commonArgs(ctx, { ...refs, eventHubs: out }, cfg, resourceType, stateful, path),
  };

  // Geo-DR secondaries before their primaries, diagnostics destinations before the namespaces streaming to them.
  for (const key of eventHubsNamespaceOrder(ctx.config).order) {
    const ns = withConfigKey(
      `eventhubs.namespaces.${key}`,
      () => new EventHubNamespace(`evhns-${key}`, namespaceArgs(ctx.config, key, resolver)),
    );
    out.namespaces[key] = {
      id: ns.id,
      name: ns.name,
      principalId: ns.principalId,
      authorizationRules: ns.authorizationRuleIds,
      hubs: Object.fromEntries(Object.entries(ns.eventHubs).map(([k, h]) => [k, { id: h.hub.id, name: h.hub.name }])),
    };
  }
  return out;
}
