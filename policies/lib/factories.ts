import * as resources from "@pulumi/azure-native/resources";
import {
  diagnosticsConfig,
  geoDrConfig,
  geoDrPairs,
  localAuthDisabled,
  minimumTls,
  pnaConfig,
  publicAccessDisabled,
  requireDiagnostics,
  requirePrivateEndpoint,
  tiersConfig,
  tlsConfig,
} from "./checks";
import { PackResourcePolicy, PackStackPolicy, resourceRule, ResourceClass, RuleMeta, same, stackRule } from "./rule";

/**
 * Rules that several services share the logic of: each service passes its own metadata (name, code, description,
 * severity, anchor, remediation) and classes; the factory adds the check and, where the check has one, its config
 * schema.
 */

type Meta = Omit<RuleMeta, "configSchema">;

/** `disableLocalAuth` is true: shared access keys (SAS) do not authenticate. */
export function localAuthRule(meta: Meta, classes: readonly ResourceClass[]): PackResourcePolicy {
  return resourceRule(meta, classes, (p, _a, report) => localAuthDisabled(p, report));
}

/** `publicNetworkAccess` is one of the configured values (Disabled by default). */
export function publicNetworkAccessRule(meta: Meta, classes: readonly ResourceClass[]): PackResourcePolicy {
  return resourceRule<{ allowedValues: string[] }>(
    { ...meta, configSchema: pnaConfig },
    classes,
    (p, _a, report, cfg) => publicAccessDisabled(p, report, cfg),
  );
}

/** The TLS property `key` is at least the configured version; unset fails only when `requireExplicit` is configured. */
export function minimumTlsRule(
  meta: Meta,
  classes: readonly ResourceClass[],
  tls: { readonly key: string; readonly azureDefault: string; readonly requireExplicit: boolean },
): PackResourcePolicy {
  return resourceRule<{ minimumVersion: string; requireExplicit: boolean }>(
    { ...meta, configSchema: tlsConfig(tls.requireExplicit) },
    classes,
    (p, _a, report, cfg) => minimumTls(p, tls.key, report, cfg, tls.azureDefault),
  );
}

/** Namespace network rule sets deny by default unless public access is off (Event Hubs, Service Bus). */
export function networkRuleSetDefaultDenyRule(meta: Meta, classes: readonly ResourceClass[]): PackResourcePolicy {
  return resourceRule(meta, classes, (p, _a, report) => {
    if (!same(p.publicNetworkAccess, "Disabled") && !same(p.defaultAction, "Deny")) {
      report(
        `publicNetworkAccess is ${JSON.stringify(p.publicNetworkAccess ?? null)} and defaultAction is ${JSON.stringify(p.defaultAction ?? null)}: the namespace is open to every network; set defaultAction: Deny`,
      );
    }
  });
}

/** No SAS authorization rule besides the built-in RootManageSharedAccessKey (Event Hubs, Service Bus). */
export function noSasAuthorizationRulesRule(meta: Meta, classes: readonly ResourceClass[]): PackResourcePolicy {
  return resourceRule(meta, classes, (p, _a, report) => {
    if (p.authorizationRuleName !== "RootManageSharedAccessKey") {
      report(
        `authorization rule ${JSON.stringify(p.authorizationRuleName ?? null)} hands out shared keys (rights ${JSON.stringify(p.rights ?? [])})`,
      );
    }
  });
}

/**
 * Every resource of `classes` has a private endpoint to one of `groupIds`. With `tiers`, only resources of the
 * configured SKU tiers must (the rule gets a `tiers` config with that default and description).
 */
export function privateEndpointRule(
  meta: Meta,
  classes: readonly ResourceClass[],
  groupIds: readonly string[],
  tiers?: { readonly default: string[]; readonly description: string },
): PackStackPolicy {
  return stackRule<{ tiers: string[] }>(
    tiers ? { ...meta, configSchema: tiersConfig(tiers.default, tiers.description) } : meta,
    (all, _a, report, cfg) => requirePrivateEndpoint(all, classes, groupIds, report, tiers && cfg.tiers),
  );
}

/** Every resource of `classes` sends resource logs of the configured category groups to a destination. */
export function diagnosticsRule(meta: Meta, classes: readonly ResourceClass[]): PackStackPolicy {
  return stackRule<{ categoryGroups: string[]; categories: string[] }>(
    { ...meta, configSchema: diagnosticsConfig },
    (all, _a, report, cfg) => requireDiagnostics(all, classes, report, cfg),
  );
}

/** Geo-DR aliases pair two namespaces of the stack of allowed tiers, in two regions, with the same security settings. */
export function geoDrRule(meta: RuleMeta, drClass: ResourceClass, namespaceClass: ResourceClass): PackStackPolicy {
  return stackRule<{ tiers: string[]; settings: string[] }>(
    { ...meta, configSchema: meta.configSchema ?? geoDrConfig },
    (all, _a, report, cfg) => geoDrPairs(all, drClass, namespaceClass, resources.ResourceGroup, report, cfg),
  );
}
