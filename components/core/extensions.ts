import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as monitor from "@pulumi/azure-native/monitor";
import { PrivateEndpoint, validatePrivateEndpointArgs } from "../network/PrivateEndpoint";
import { Violation } from "./errors";
import { CommonResourceArgs, EntityExtensionArgs, ExtensionTarget } from "./interfaces";
import { childName } from "./naming";
import { createRoleAssignment, validateRoleAssignments } from "./roleAssignment";
import { diagnosticSettingInputs, validateDiagnosticSettings } from "./diagnostics";
import { mapKeys, oneOf } from "./validate";
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
  found.push(...validateDiagnosticSettings(args.diagnosticSettings));
  return found.filter((v): v is Violation => v !== undefined);
}

/** Checks an entity's role assignments and lock (paths under `path`, the entity's key path). Pure. */
export function validateEntityExtensions(path: string, args: EntityExtensionArgs): Violation[] {
  return [
    args.lock ? oneOf(`${path}.lock.kind`, args.lock.kind, ["CanNotDelete", "ReadOnly"]) : undefined,
    ...validateRoleAssignments(`${path}.roleAssignments`, args.roleAssignments),
    ...mapKeys(`${path}.roleAssignments`, args.roleAssignments),
  ].filter((v): v is Violation => v !== undefined);
}

/**
 * Creates an entity's role assignments and lock, scoped to `target.id`. `kind` and `keys` name them (`<name>-<kind>-ra/
 * <keys>/<role key>`, `<name>-<kind>-lock/<keys>`), so they never collide with the component's other children. Call
 * inside the entity's `withConfigKey`; the lock waits for the assignments so it never blocks their creation.
 */
export function applyEntityExtensions(
  parent: pulumi.ComponentResource,
  name: string,
  kind: string,
  keys: string[],
  target: { readonly id: pulumi.Input<string>; readonly resource: pulumi.Resource },
  args: EntityExtensionArgs,
  after: pulumi.Resource[] = [],
): Record<string, authorization.RoleAssignment> {
  const roleAssignments: Record<string, authorization.RoleAssignment> = {};
  for (const [key, a] of Object.entries(args.roleAssignments ?? {})) {
    roleAssignments[key] = withConfigKey(`roleAssignments.${key}`, () =>
      createRoleAssignment(childName(name, `${kind}-ra`, ...keys, key), { ...a, scope: target.id }, { parent }),
    );
  }
  const lock = args.lock;
  if (lock) {
    withConfigKey(
      "lock",
      () =>
        new authorization.ManagementLockByScope(
          childName(name, `${kind}-lock`, ...keys),
          {
            scope: target.id,
            // Lock names are unique per scope and may not contain '/': the entity's own key.
            lockName: lock.name ?? `lock-${keys[keys.length - 1]}`,
            level: lock.kind,
            notes: lock.notes ?? `Managed by Pulumi component ${name}.`,
          },
          // A ReadOnly lock would refuse writes to the entity's children: it comes after them (`after`).
          { parent, dependsOn: [target.resource, ...Object.values(roleAssignments), ...after] },
        ),
    );
  }
  return roleAssignments;
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
    withConfigKey(
      `diagnosticSettings.${key}`,
      () =>
        new monitor.DiagnosticSetting(childName(name, "diag", key), diagnosticSettingInputs(key, target.id, d), {
          parent: component,
        }),
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
