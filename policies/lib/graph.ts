import type { PolicyResource } from "@pulumi/policy";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import { asArray, has, isOfType, Props, ResourceClass } from "./rule";

/**
 * Stack-rule helpers. Resources are linked through `propertyDependencies` (which input came from which resource),
 * `dependencies` and `parent` — never through ARM id strings, which are unknown during a real preview.
 */

export function ofType(resources: readonly PolicyResource[], classes: readonly ResourceClass[]): PolicyResource[] {
  return resources.filter((r) => isOfType(r.type, classes));
}

/** The resources an input was computed from (`propertyDependencies[key]`), or from any input when key is omitted. */
export function linked(r: PolicyResource, key?: string): PolicyResource[] {
  if (key !== undefined) return r.propertyDependencies[key] ?? [];
  return Object.values(r.propertyDependencies).flat();
}

export function isLinked(from: PolicyResource, to: PolicyResource, key?: string): boolean {
  return linked(from, key).some((x) => x.urn === to.urn);
}

/** Resources of the classes whose input `key` was computed from `target` (e.g. diagnostic settings of a namespace). */
export function referrers(
  resources: readonly PolicyResource[],
  target: PolicyResource,
  classes: readonly ResourceClass[],
  key?: string,
): PolicyResource[] {
  return ofType(resources, classes).filter((r) => isLinked(r, target, key));
}

/** A private endpoint's connections, auto-approved and manual. */
export function connectionsOf(endpoint: PolicyResource): Props[] {
  const p = endpoint.props as Props;
  return [...asArray(p.privateLinkServiceConnections), ...asArray(p.manualPrivateLinkServiceConnections)] as Props[];
}

/** The group ids a private endpoint connects to. */
export function groupIdsOf(endpoint: PolicyResource): string[] {
  return connectionsOf(endpoint).flatMap((c) => asArray(c.groupIds).map(String));
}

/** Private endpoints whose connection targets `target`, with the group ids they connect to. */
export function privateEndpointsOf(
  resources: readonly PolicyResource[],
  target: PolicyResource,
): { endpoint: PolicyResource; groupIds: string[] }[] {
  return referrers(resources, target, [network.PrivateEndpoint]).map((endpoint) => ({
    endpoint,
    groupIds: groupIdsOf(endpoint),
  }));
}

/** Does `target` have a private endpoint (to one of `groupIds`, when given)? */
export function hasPrivateEndpoint(
  resources: readonly PolicyResource[],
  target: PolicyResource,
  groupIds?: readonly string[],
): boolean {
  return privateEndpointsOf(resources, target).some(
    (pe) => !groupIds || pe.groupIds.some((g) => groupIds.some((x) => x.toLowerCase() === g.toLowerCase())),
  );
}

/** Zone groups registering a private endpoint in DNS. */
export function zoneGroupsOf(resources: readonly PolicyResource[], endpoint: PolicyResource): PolicyResource[] {
  return ofType(resources, [network.PrivateDnsZoneGroup]).filter(
    (g) => isLinked(g, endpoint, "privateEndpointName") || g.parent?.urn === endpoint.urn,
  );
}

export interface DiagnosticsRequirement {
  /** Any-of: one enabled log entry must use one of these category groups. Empty: any enabled log entry. */
  readonly categoryGroups: readonly string[];
  /** Any-of, besides the groups: individual log categories (named settings may select categories, not groups). */
  readonly categories?: readonly string[];
}

/**
 * Why `target` has no usable diagnostic setting, or undefined when it has one: one setting (of any name) linked to it
 * through `resourceUri`, with a destination and an enabled log entry of an accepted category group or category.
 */
export function diagnosticsProblem(
  resources: readonly PolicyResource[],
  target: PolicyResource,
  req: DiagnosticsRequirement,
): string | undefined {
  const settings = referrers(resources, target, [monitor.DiagnosticSetting], "resourceUri");
  if (settings.length === 0) return "has no diagnostic setting";
  const destinations = ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"];
  const lower = (xs: readonly string[] | undefined) => (xs ?? []).map((x) => x.toLowerCase());
  const groups = lower(req.categoryGroups);
  const categories = lower(req.categories);
  const enabledLogs = (s: PolicyResource) =>
    asArray((s.props as Props).logs)
      .map((l) => l as Props)
      .filter((l) => l.enabled === true);
  const routed = settings.filter((s) => destinations.some((d) => has(s.props as Props, d)));
  const usable = routed.some((s) =>
    enabledLogs(s).some((log) => {
      if (groups.length === 0) return true;
      const group = typeof log.categoryGroup === "string" ? log.categoryGroup.toLowerCase() : undefined;
      const category = typeof log.category === "string" ? log.category.toLowerCase() : undefined;
      return (
        (group !== undefined && groups.includes(group)) || (category !== undefined && categories.includes(category))
      );
    }),
  );
  if (usable) return undefined;
  if (groups.length === 0) return "has no diagnostic setting with a destination and an enabled log category";
  const named = routed
    .flatMap((s) => enabledLogs(s).map((l) => l.category))
    .filter((c): c is string => typeof c === "string");
  const accepted = [
    `the log category group ${req.categoryGroups.join(" or ")}`,
    ...(req.categories?.length ? [`the category ${req.categories.join(" or ")}`] : []),
  ].join(", or ");
  return named.length > 0
    ? `has diagnostic settings that send only the individual categories ${[...new Set(named)].join(", ")}; none sends ${accepted}`
    : `has no diagnostic setting with a destination that sends ${accepted}`;
}

/** The SKU name of a namespace-like resource (`sku.name`, or `sku.tier`), or undefined. */
export function skuOf(p: Props): string | undefined {
  const sku = p.sku as Props | undefined;
  const v = sku?.tier ?? sku?.name;
  return typeof v === "string" ? v : undefined;
}
