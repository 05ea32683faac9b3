import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as monitor from "@pulumi/azure-native/monitor";
import { PrivateEndpoint, validatePrivateEndpointArgs } from "../network/PrivateEndpoint";
import { Violation } from "./errors";
import { CommonResourceArgs, ExtensionTarget } from "./interfaces";
import { childName } from "./naming";
import { createRoleAssignment, validateRoleAssignments } from "./roleAssignment";
import { mapKeys, oneOf, violation } from "./validate";
import { withConfigKey } from "./configKey";

/** Checks the shared interface (lock, role assignments, private endpoints, diagnostics, keys). Pure; exported for tests. */
export function validateCommonArgs(args: Partial<CommonResourceArgs>, resourceType: string): Violation[] {
  const found: (Violation | undefined)[] = [];
  if (args.lock) found.push(oneOf("lock.kind", args.lock.kind, ["CanNotDelete", "ReadOnly"]));
  found.push(...validateRoleAssignments("roleAssignments", args.roleAssignments));
  found.push(...mapKeys("roleAssignments", args.roleAssignments));
  found.push(...mapKeys("privateEndpoints", args.privateEndpoints));
  for (const [key, pe] of Object.entries(args.privateEndpoints ?? {})) {
    // The endpoint component's own rules (group id, subnet, zones, static IPs, its roles and lock), with key paths.
    const endpoint = { ...pe, resourceGroupName: "check", targetId: "check", targetType: resourceType };
    for (const v of validatePrivateEndpointArgs(endpoint))
      found.push({ ...v, path: `privateEndpoints.${key}.${v.path}` });
  }
  found.push(...mapKeys("diagnosticSettings", args.diagnosticSettings));
  for (const [key, d] of Object.entries(args.diagnosticSettings ?? {})) {
    if (!d.workspaceId && !d.storageAccountId && !d.eventHubAuthorizationRuleId) {
      found.push(
        violation(
          `diagnosticSettings.${key}`,
          d,
          "needs a destination: workspaceId, storageAccountId or eventHubAuthorizationRuleId",
        ),
      );
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}

/**
 * Public network access with AVM's secure default: Disabled when private endpoints are given and no firewall rules
 * are; Enabled otherwise. An explicit value always wins.
 */
export function defaultPublicNetworkAccess(
  explicit: "Enabled" | "Disabled" | undefined,
  hasPrivateEndpoints: boolean,
  hasFirewallRules: boolean,
): "Enabled" | "Disabled" {
  if (explicit) return explicit;
  return hasPrivateEndpoints && !hasFirewallRules ? "Disabled" : "Enabled";
}

export interface AppliedExtensions {
  readonly privateEndpoints: Record<string, PrivateEndpoint>;
  readonly roleAssignments: Record<string, authorization.RoleAssignment>;
}

/**
 * Creates the shared extension resources (lock, role assignments, diagnostic settings, private endpoints) on a
 * component's main resource, as children of the component. Call after validateCommonArgs passed.
 */
export function applyExtensions(
  component: pulumi.ComponentResource,
  name: string,
  target: ExtensionTarget,
  args: CommonResourceArgs,
): AppliedExtensions {
  const opts = { parent: component, dependsOn: [target.resource] };
  const roleAssignments: Record<string, authorization.RoleAssignment> = {};
  for (const [key, a] of Object.entries(args.roleAssignments ?? {})) {
    roleAssignments[key] = withConfigKey(`roleAssignments.${key}`, () =>
      createRoleAssignment(childName(name, "ra", key), { ...a, scope: target.id }, { parent: component }),
    );
  }
  for (const [key, d] of Object.entries(args.diagnosticSettings ?? {})) {
    const groups = d.logCategoryGroups ?? ["allLogs"];
    withConfigKey(
      `diagnosticSettings.${key}`,
      () =>
        new monitor.DiagnosticSetting(
          childName(name, "diag", key),
          {
            name: key,
            resourceUri: target.id,
            workspaceId: d.workspaceId,
            storageAccountId: d.storageAccountId,
            eventHubAuthorizationRuleId: d.eventHubAuthorizationRuleId,
            eventHubName: d.eventHubName,
            logs: groups.map((categoryGroup) => ({ categoryGroup, enabled: true })),
            metrics: d.metrics === false ? [] : [{ category: "AllMetrics", enabled: true }],
          },
          { parent: component },
        ),
    );
  }
  const privateEndpoints: Record<string, PrivateEndpoint> = {};
  for (const [key, pe] of Object.entries(args.privateEndpoints ?? {})) {
    privateEndpoints[key] = withConfigKey(
      `privateEndpoints.${key}`,
      () =>
        new PrivateEndpoint(
          childName(name, "pe", key),
          {
            ...pe,
            resourceGroupName: args.resourceGroupName,
            location: pe.location ?? args.location,
            targetId: target.id,
            targetType: target.resourceType,
            tags: pe.tags ?? args.tags,
          },
          { parent: component },
        ),
    );
  }
  const lock = args.lock;
  if (lock) {
    // The lock comes last so that it never blocks the creation of the extensions above.
    withConfigKey(
      "lock",
      () =>
        new authorization.ManagementLockByScope(
          childName(name, "lock"),
          {
            scope: target.id,
            lockName: lock.name ?? `lock-${name}`,
            level: lock.kind,
            notes: lock.notes ?? `Managed by Pulumi component ${name}.`,
          },
          {
            ...opts,
            dependsOn: [target.resource, ...Object.values(roleAssignments), ...Object.values(privateEndpoints)],
          },
        ),
    );
  }
  return { privateEndpoints, roleAssignments };
}
