import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../components/core/errors";
import type { CommonResourceArgs, PrivateEndpointArgs, RoleAssignmentArgs } from "../../components/core/interfaces";
import { privateDnsZoneFor } from "../../components/network/privateLink";
import type { PrincipalConfig, PrivateEndpointConfig, RoleAssignmentConfig } from "../config/common";
import type { StackContext, StackRefs } from "../context";
import { privateEndpointArgs } from "../config/privateEndpoints";
import { DiagnosticDestinations, DiagnosticsConfig, diagnosticSettingsArgs } from "../config/diagnostics";

/** Principal id and type for a config principal (a stack identity by key, or an explicit object id). */
export function resolvePrincipal(
  refs: Partial<StackRefs>,
  p: PrincipalConfig,
  path: string,
): { principalId: pulumi.Input<string>; principalType: RoleAssignmentArgs["principalType"] } {
  if ("identity" in p) {
    const identity = refs.foundation?.identities[p.identity];
    if (!identity) {
      throw new ValidationError("stack config", [
        { path, value: p.identity, message: "names no identity declared under 'identities'" },
      ]);
    }
    return { principalId: identity.principalId, principalType: "ServicePrincipal" };
  }
  return { principalId: p.principalId, principalType: p.principalType };
}

export function resolveRoleAssignments(
  refs: Partial<StackRefs>,
  assignments: Record<string, RoleAssignmentConfig> | undefined,
  path: string,
): Record<string, RoleAssignmentArgs> | undefined {
  if (!assignments) return undefined;
  const out: Record<string, RoleAssignmentArgs> = {};
  for (const [key, a] of Object.entries(assignments)) {
    const customKey = a.role.startsWith("custom:") ? a.role.slice("custom:".length) : undefined;
    const customId = customKey
      ? refs.rbac && (refs.rbac as { customRoleIds?: Record<string, pulumi.Output<string>> }).customRoleIds?.[customKey]
      : undefined;
    if (customKey && !customId) {
      throw new ValidationError("stack config", [
        {
          path: `${path}.${key}.role`,
          value: a.role,
          message: "names no custom role declared under 'rbac.customRoles'",
        },
      ]);
    }
    out[key] = {
      role: customId ?? a.role,
      ...resolvePrincipal(refs, a.principal, `${path}.${key}.principal.identity`),
      description: a.description,
      condition: a.condition,
    };
  }
  return out;
}

/** Private endpoints from config: subnet by `network.subnets` key (or a full id), zone from the stack's DNS registry. */
export function resolvePrivateEndpoints(
  refs: Partial<StackRefs>,
  endpoints: Record<string, PrivateEndpointConfig & { location?: string }> | undefined,
  resourceType: string,
  path: string,
  resourceTags?: Record<string, string>,
): Record<string, PrivateEndpointArgs> | undefined {
  if (!endpoints) return undefined;
  const out: Record<string, PrivateEndpointArgs> = {};
  for (const [key, pe] of Object.entries(endpoints)) {
    const subnetId = pe.subnet.startsWith("/subscriptions/") ? pe.subnet : refs.network?.subnets[pe.subnet];
    if (!subnetId) {
      throw new ValidationError("stack config", [
        {
          path: `${path}.${key}.subnet`,
          value: pe.subnet,
          message: "names no subnet declared under 'network.subnets' and is not a subnet id",
        },
      ]);
    }
    // The zone comes from the environment's registry (created once per zone, shared by Event Hubs and Service Bus);
    // none when the stack manages no zones (DNS handled elsewhere). A bad group id is reported by the component.
    const zoneName = privateDnsZoneFor(resourceType, pe.groupId);
    const zoneId = zoneName ? refs.network?.dnsZoneId(zoneName) : undefined;
    // A private endpoint lives in its subnet's region; Service Bus pairs set it per endpoint (defaults to the resource's).
    out[key] = privateEndpointArgs(
      pe,
      {
        subnetId,
        privateDnsZoneIds: zoneId ? [zoneId] : undefined,
        roleAssignments: resolveRoleAssignments(refs, pe.roleAssignments, `${path}.${key}.roleAssignments`),
      },
      resourceTags,
    );
  }
  return out;
}

/** Maps the shared config keys of one resource onto the components' shared interface, with environment defaults. */
export function commonArgs(
  ctx: StackContext,
  refs: Partial<StackRefs>,
  cfg: {
    tags?: Record<string, string>;
    lock?: CommonResourceArgs["lock"];
    roleAssignments?: Record<string, RoleAssignmentConfig>;
    privateEndpoints?: Record<string, PrivateEndpointConfig & { location?: string }>;
  } & DiagnosticsConfig,
  resourceType: string,
  stateful: boolean,
  path = "",
): CommonResourceArgs {
  return {
    resourceGroupName: ctx.resourceGroupName,
    location: ctx.location,
    tags: { ...ctx.tags, ...cfg.tags },
    lock: cfg.lock ?? (stateful && ctx.lockStateful ? { kind: "CanNotDelete" } : undefined),
    roleAssignments: resolveRoleAssignments(refs, cfg.roleAssignments, `${path}roleAssignments`),
    privateEndpoints: resolvePrivateEndpoints(refs, cfg.privateEndpoints, resourceType, `${path}privateEndpoints`, {
      ...ctx.tags,
      ...cfg.tags,
    }),
    diagnosticSettings: diagnosticSettingsArgs(
      cfg,
      ctx.config.monitoring?.logAnalytics !== undefined,
      diagnosticDestinations(refs),
      path,
    ),
    protect: stateful && ctx.protect,
  };
}

/** Diagnostic destinations by stack key: what the earlier builders produced (checked at config time). */
function diagnosticDestinations(refs: Partial<StackRefs>): DiagnosticDestinations {
  const missing = (path: string, value: string, message: string): never => {
    throw new ValidationError("stack config", [{ path, value, message }]);
  };
  return {
    workspace: (path) =>
      refs.foundation?.workspaceId ??
      missing(path, "default", "needs 'monitoring.logAnalytics' (the stack's workspace)"),
    storageAccount: (key, path) =>
      refs.foundation?.storage[key]?.id ?? missing(path, key, "names no storage account declared under 'storage'"),
    eventHubsRule: (ns, rule, path) =>
      refs.eventHubs?.namespaces[ns]?.authorizationRules[rule] ??
      missing(path, rule, `names no rule of eventhubs.namespaces.${ns} built before this resource`),
    eventHubName: (ns, hub, path) =>
      refs.eventHubs?.namespaces[ns]?.hubs[hub]?.name ??
      missing(path, hub, `names no event hub of eventhubs.namespaces.${ns}`),
  };
}
