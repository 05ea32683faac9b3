import type * as pulumi from "@pulumi/pulumi";
import { diagnosticLimits } from "../../components/core/diagnostics";
import type { Violation } from "../../components/core/errors";
import type { DiagnosticSettingArgs } from "../../components/core/interfaces";
import { defaultPublicNetworkAccess } from "../../components/core/extensions";
import type { DiagnosticSettingConfig } from "./common";
import type { StackConfig } from "./schema";

// `diagnostics` / `diagnosticSettings` of a resource in config -> the components' `diagnosticSettings`. One mapping
// for the placeholder resolver (validation) and the real one (build); the checks that need the rest of the config
// (references by key, regions, firewalls) run at config time with their key paths.

/** The shared keys of a resource that decide its diagnostic settings (`commonResourceShape`). */
export interface DiagnosticsConfig {
  readonly diagnostics?: boolean;
  readonly diagnosticSettings?: Record<string, DiagnosticSettingConfig>;
}

/** Destinations by stack key, from the resolver asking (placeholders or built resources). */
export interface DiagnosticDestinations {
  /** The stack's Log Analytics workspace (`monitoring.logAnalytics`). */
  workspace(path: string): pulumi.Input<string>;
  storageAccount(key: string, path: string): pulumi.Input<string>;
  eventHubsRule(namespace: string, rule: string, path: string): pulumi.Input<string>;
  eventHubName(namespace: string, hub: string, path: string): pulumi.Input<string>;
}

/** The key of the stack's default setting, and the value naming the stack's workspace. */
export const DEFAULT_SETTING = "workspace";
export const STACK_WORKSPACE = "default";

/**
 * The settings of one resource: an explicit `diagnosticSettings` map replaces the default setting (all logs and
 * metrics to the stack's workspace, on when `monitoring.logAnalytics` is and `diagnostics` is not false).
 */
export function diagnosticSettingsArgs(
  cfg: DiagnosticsConfig,
  monitoring: boolean,
  to: DiagnosticDestinations,
  path: string,
): Record<string, DiagnosticSettingArgs> | undefined {
  const p = `${path}diagnosticSettings`;
  if (!cfg.diagnosticSettings) {
    return cfg.diagnostics === false || !monitoring
      ? undefined
      : { [DEFAULT_SETTING]: { workspaceId: to.workspace(`${path}diagnostics`) } };
  }
  return Object.fromEntries(
    Object.entries(cfg.diagnosticSettings).map(([key, d]): [string, DiagnosticSettingArgs] => {
      const { workspace, storage, eventHub, ...selection } = d;
      const at = `${p}.${key}`;
      const hub =
        eventHub === undefined
          ? {}
          : "authorizationRuleId" in eventHub
            ? { eventHubAuthorizationRuleId: eventHub.authorizationRuleId, eventHubName: eventHub.eventHubName }
            : {
                eventHubAuthorizationRuleId: to.eventHubsRule(
                  eventHub.namespace,
                  eventHub.authorizationRule,
                  `${at}.eventHub.authorizationRule`,
                ),
                eventHubName:
                  eventHub.eventHub === undefined
                    ? undefined
                    : to.eventHubName(eventHub.namespace, eventHub.eventHub, `${at}.eventHub.eventHub`),
              };
      return [
        key,
        {
          ...selection,
          workspaceId:
            workspace === undefined
              ? undefined
              : workspace === STACK_WORKSPACE
                ? to.workspace(`${at}.workspace`)
                : workspace,
          storageAccountId:
            storage === undefined
              ? undefined
              : isArmId(storage)
                ? storage
                : to.storageAccount(storage, `${at}.storage`),
          ...hub,
        },
      ];
    }),
  );
}

const isArmId = (ref: string) => ref.startsWith("/subscriptions/");
const sameRegion = (a: string, b: string) => a.toLowerCase().replace(/\s/g, "") === b.toLowerCase().replace(/\s/g, "");
const declared = (m: object | undefined) => Object.keys(m ?? {}).join(", ") || "(none)";

/**
 * Config-time checks of one resource's diagnostics: references by key, the combination with `diagnostics`, and the
 * destination rules Azure enforces (diagnosticLimits: rule rights, same region, trusted-service access).
 * `regions`: where the resource lives (a pair: both namespaces); empty for a non-regional one.
 */
export function checkDiagnostics(
  config: StackConfig,
  cfg: DiagnosticsConfig,
  resourceType: string,
  regions: readonly string[],
  stackLocation: string,
  path: string,
): Violation[] {
  const found: Violation[] = [];
  const settings = cfg.diagnosticSettings;
  if (!settings) return found;
  const p = `${path}diagnosticSettings`;
  if (cfg.diagnostics !== undefined) {
    found.push({
      path: `${path}diagnostics`,
      value: cfg.diagnostics,
      message: `cannot be set together with ${p}, which replaces the default setting; remove one (add \`workspace: ${STACK_WORKSPACE}\` to a named setting to keep the stack's workspace)`,
    });
  }
  const region = (where: string, location: string, what: string) => {
    for (const r of regions) {
      if (!sameRegion(r, location)) {
        found.push({
          path: where,
          value: location,
          message: `${what} is in ${location} and the resource in ${r}; Azure requires the same region (${diagnosticLimits.sameRegion}, Destination limitations)`,
        });
      }
    }
  };
  for (const [key, d] of Object.entries(settings)) {
    const at = `${p}.${key}`;
    if (d.workspace !== undefined && !isArmId(d.workspace)) {
      if (d.workspace !== STACK_WORKSPACE) {
        found.push({
          path: `${at}.workspace`,
          value: d.workspace,
          message: `must be '${STACK_WORKSPACE}' (the stack's workspace) or a Log Analytics workspace id`,
        });
      } else if (!config.monitoring?.logAnalytics) {
        found.push({
          path: `${at}.workspace`,
          value: d.workspace,
          message: "names the stack's workspace, but 'monitoring.logAnalytics' is not configured",
        });
      }
    }
    if (d.storage !== undefined && !isArmId(d.storage)) {
      const st = config.storage?.[d.storage];
      if (!st) {
        found.push({
          path: `${at}.storage`,
          value: d.storage,
          message: `names no storage account declared under 'storage' and is not a storage account id; declared: ${declared(config.storage)}`,
        });
      } else {
        region(`${at}.storage`, stackLocation, "the storage account");
        const access = defaultPublicNetworkAccess(
          st.publicNetworkAccess,
          Object.keys(st.privateEndpoints ?? {}).length > 0,
          false,
        );
        if (access === "Disabled") {
          found.push({
            path: `${at}.storage`,
            value: d.storage,
            message: `names a storage account with public network access Disabled: Azure Monitor writes as a trusted Microsoft service, which only passes the firewall with storage.${d.storage}.publicNetworkAccess: Enabled (${diagnosticLimits.sameRegion}, Destination limitations)`,
          });
        }
      }
    }
    const eh = d.eventHub;
    if (eh && !("authorizationRuleId" in eh)) {
      const ns = config.eventhubs?.namespaces?.[eh.namespace];
      if (!ns) {
        found.push({
          path: `${at}.eventHub.namespace`,
          value: eh.namespace,
          message: `names no namespace declared under 'eventhubs.namespaces'; declared: ${declared(config.eventhubs?.namespaces)}`,
        });
        continue;
      }
      if (resourceType === "Microsoft.EventHub/namespaces") {
        // Namespaces are built destinations first; a cycle (itself included) has no order.
        const cycle = eventHubsNamespaceOrder(config).cycle;
        const self = path.split(".")[2];
        if (cycle?.includes(self) && cycle.includes(eh.namespace)) {
          found.push({
            path: `${at}.eventHub.namespace`,
            value: eh.namespace,
            message: `streams in a cycle of Event Hubs namespaces (${[...cycle, cycle[0]].join(" -> ")}, geo-DR primaries after their secondaries): the rule must exist before the setting; give \`authorizationRuleId\` of a namespace outside the cycle`,
          });
        }
      }
      const rule = ns.authorizationRules?.[eh.authorizationRule];
      if (!rule) {
        found.push({
          path: `${at}.eventHub.authorizationRule`,
          value: eh.authorizationRule,
          message: `names no rule under eventhubs.namespaces.${eh.namespace}.authorizationRules; declared: ${declared(ns.authorizationRules)}`,
        });
      } else {
        const missing = diagnosticLimits.eventHubRuleRights.filter((r) => !rule.rights.includes(r));
        if (missing.length > 0) {
          found.push({
            path: `${at}.eventHub.authorizationRule`,
            value: eh.authorizationRule,
            message: `has rights ${rule.rights.join(", ")}; Azure Monitor streams with Manage, Send and Listen (missing ${missing.join(", ")})`,
          });
        }
      }
      if (eh.eventHub !== undefined && !ns.eventHubs?.[eh.eventHub]) {
        found.push({
          path: `${at}.eventHub.eventHub`,
          value: eh.eventHub,
          message: `names no event hub under eventhubs.namespaces.${eh.namespace}.eventHubs; declared: ${declared(ns.eventHubs)}`,
        });
      }
      region(`${at}.eventHub.namespace`, ns.location ?? stackLocation, "the Event Hubs namespace");
      const rules = ns.networkRuleSet;
      const restricted =
        rules !== undefined ||
        Object.keys(ns.privateEndpoints ?? {}).length > 0 ||
        (ns.publicNetworkAccess !== undefined && ns.publicNetworkAccess !== "Enabled");
      if (restricted && rules?.trustedServiceAccessEnabled !== true) {
        found.push({
          path: `${at}.eventHub.namespace`,
          value: eh.namespace,
          message: `names a namespace with network restrictions: Azure Monitor passes them only as a trusted Microsoft service; set eventhubs.namespaces.${eh.namespace}.networkRuleSet.trustedServiceAccessEnabled: true (${diagnosticLimits.sameRegion}, Destination limitations)`,
        });
      }
    }
  }
  return found;
}

/** The regions of a resource in config: its own `location`, a pair's two, else the stack's. */
export function resourceRegions(cfg: object, stackLocation: string): string[] {
  const c = cfg as { location?: string; primaryLocation?: string; secondaryLocation?: string };
  if (c.secondaryLocation !== undefined) return [c.primaryLocation ?? stackLocation, c.secondaryLocation];
  return [c.location ?? stackLocation];
}

const placeholderId = (type: string, name: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/config/providers/${type}/${name}`;

/**
 * The placeholder resolver's side (stacks/config/resolver.ts): reports the config-time checks and maps with
 * well-formed placeholder ids, so that the component's validator sees what the build will pass.
 */
export function placeholderDiagnostics(
  config: StackConfig,
  cfg: DiagnosticsConfig & object,
  resourceType: string,
  stackLocation: string,
  path: string,
  report: (v: Violation) => void,
): Record<string, DiagnosticSettingArgs> | undefined {
  const regions = resourceRegions(cfg, stackLocation);
  checkDiagnostics(config, cfg, resourceType, regions, stackLocation, path).forEach(report);
  return diagnosticSettingsArgs(
    cfg,
    config.monitoring?.logAnalytics !== undefined,
    {
      workspace: () => placeholderId("Microsoft.OperationalInsights/workspaces", "logs"),
      storageAccount: (key) => placeholderId("Microsoft.Storage/storageAccounts", key),
      eventHubsRule: (ns, rule) => placeholderId("Microsoft.EventHub/namespaces", `${ns}/authorizationRules/${rule}`),
      eventHubName: (_ns, hub) => hub,
    },
    path,
  );
}

/**
 * The order Event Hubs namespaces are built in: geo-DR secondaries before their primaries, and namespaces that
 * receive diagnostics (`diagnosticSettings.<key>.eventHub.namespace`) before the namespaces that stream to them.
 * `cycle`: the namespaces of a cycle, when there is one (a config error).
 */
export function eventHubsNamespaceOrder(config: StackConfig): { order: string[]; cycle?: string[] } {
  const namespaces = config.eventhubs?.namespaces ?? {};
  const deps = (key: string): string[] => {
    const ns = namespaces[key];
    const partner = ns.geoDisasterRecovery?.partner;
    const streams = Object.values(ns.diagnosticSettings ?? {}).flatMap((d) =>
      d.eventHub && "namespace" in d.eventHub ? [d.eventHub.namespace] : [],
    );
    return [...(partner ? [partner] : []), ...streams].filter((k) => namespaces[k] !== undefined);
  };
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  let cycle: string[] | undefined;
  const visit = (key: string, stack: string[]) => {
    if (state.get(key) === "done") return;
    if (state.get(key) === "visiting") {
      cycle ??= stack.slice(stack.indexOf(key));
      return;
    }
    state.set(key, "visiting");
    for (const d of deps(key)) visit(d, [...stack, key]);
    state.set(key, "done");
    order.push(key);
  };
  for (const key of Object.keys(namespaces)) visit(key, []);
  return { order, cycle };
}
