import * as pulumi from "@pulumi/pulumi";
import type * as monitor from "@pulumi/azure-native/monitor";
import { Violation } from "./errors";
import type { DiagnosticSettingArgs } from "./interfaces";
import { isKnown, mapKeys, violation, warning } from "./validate";

// Diagnostic settings (Microsoft.Insights/diagnosticSettings): the facts, the validator and the inputs, once. The
// shared interface (extensions.ts) calls them for every component's `diagnosticSettings`.

const DS = "https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings";
const SPEC =
  "Azure/azure-rest-api-specs specification/monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json";

/** Facts about diagnostic settings, each with its source. */
export const diagnosticLimits = {
  /** "Each resource can have up to five diagnostic settings." (DS, introduction) */
  maxSettingsPerResource: 5,
  /**
   * "When you use category groups, you no longer can individually select resource logs based on individual category
   * types." (DS, Resource logs / Category groups): one setting selects either groups or categories.
   */
  groupsOrCategories: DS,
  /** The category groups Azure defines: `allLogs` and `audit` (DS, Category groups; `categoryGroup` in SPEC #/definitions/LogSettings). */
  categoryGroups: ["allLogs", "audit"] as const,
  /**
   * `logAnalyticsDestinationType`: "Possible values are: Dedicated and null (null is default.)" (SPEC
   * #/definitions/DiagnosticSettings). It only shapes what a Log Analytics workspace receives.
   */
  logAnalyticsDestinationTypes: ["Dedicated"] as const,
  /**
   * Event Hubs destination: "The shared access policy for the namespace defines the permissions that the streaming
   * mechanism has. Streaming to Event Hubs requires Manage, Send, and Listen permissions." and "The event hub
   * namespace needs to be in the same region as the resource being monitored if the resource is regional." (DS,
   * Destination limitations). So the rule is a namespace rule (`.../namespaces/<ns>/authorizationRules/<rule>`).
   */
  eventHubRuleRights: ["Manage", "Send", "Listen"] as const,
  eventHubRuleIdPattern:
    /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.EventHub\/namespaces\/[^/]+\/authorizationRules\/[^/]+$/i,
  /**
   * Storage destination: "The storage account needs to be in the same region as the resource being monitored if the
   * resource is regional." and it must let trusted Microsoft services through its firewall (DS, Destination limitations).
   */
  sameRegion: DS,
  /**
   * Log category names are per resource type and served by Azure (`listDiagnosticSettingsCategory`); the public
   * reference (https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/logs-index) lists display
   * names, not the category ids the API takes, so category names are NOT checked offline: Azure rejects an unknown one.
   */
  categoryNamesChecked: false,
  /** The metric category every resource type of this repository offers (DS, Metrics: `AllMetrics`). */
  allMetrics: "AllMetrics",
  source: { page: DS, spec: SPEC },
} as const;

const DESTINATIONS = "workspaceId, storageAccountId, eventHubAuthorizationRuleId or marketplacePartnerId";

/** Checks `diagnosticSettings` (paths relative to the component's args). Pure; exported for tests. */
export function validateDiagnosticSettings(settings: Record<string, DiagnosticSettingArgs> | undefined): Violation[] {
  const found: (Violation | undefined)[] = [...mapKeys("diagnosticSettings", settings)];
  const entries = Object.entries(settings ?? {});
  if (entries.length > diagnosticLimits.maxSettingsPerResource) {
    found.push(
      violation(
        "diagnosticSettings",
        entries.map(([k]) => k),
        `has ${entries.length} settings; Azure allows at most ${diagnosticLimits.maxSettingsPerResource} per resource (${DS})`,
      ),
    );
  }
  for (const [key, d] of entries) {
    const p = `diagnosticSettings.${key}`;
    if (!d.workspaceId && !d.storageAccountId && !d.eventHubAuthorizationRuleId && !d.marketplacePartnerId) {
      found.push(violation(p, d, `needs a destination: ${DESTINATIONS}`));
    }
    if (d.eventHubName !== undefined && !d.eventHubAuthorizationRuleId) {
      found.push(
        violation(`${p}.eventHubName`, d.eventHubName, "needs eventHubAuthorizationRuleId (the namespace's rule)"),
      );
    }
    const ruleId = d.eventHubAuthorizationRuleId;
    if (isKnown(ruleId) && !diagnosticLimits.eventHubRuleIdPattern.test(ruleId)) {
      found.push(
        violation(
          `${p}.eventHubAuthorizationRuleId`,
          ruleId,
          "must be a namespace authorization rule id (…/Microsoft.EventHub/namespaces/<ns>/authorizationRules/<rule>, rights Manage, Send and Listen); an event hub's own rule is not accepted",
        ),
      );
    }
    if (d.logCategories !== undefined && d.logCategoryGroups !== undefined) {
      found.push(
        violation(
          `${p}.logCategories`,
          d.logCategories,
          `cannot be combined with logCategoryGroups in one setting (${DS}: with category groups, categories cannot be selected individually); use two settings`,
        ),
      );
    }
    for (const [i, g] of (d.logCategoryGroups ?? []).entries()) {
      if (!(diagnosticLimits.categoryGroups as readonly string[]).includes(g)) {
        found.push(
          violation(
            `${p}.logCategoryGroups.${i}`,
            g,
            `is not a category group; allowed: ${diagnosticLimits.categoryGroups.join(", ")}`,
          ),
        );
      }
    }
    found.push(...duplicates(`${p}.logCategoryGroups`, d.logCategoryGroups));
    found.push(...duplicates(`${p}.logCategories`, d.logCategories));
    for (const [i, c] of (d.logCategories ?? []).entries()) {
      if (c.trim() === "") found.push(violation(`${p}.logCategories.${i}`, c, "must be a log category name"));
    }
    if (d.logAnalyticsDestinationType !== undefined && !d.workspaceId) {
      // Azure accepts it and it shapes only what a workspace receives: no effect without one.
      found.push(
        warning(
          `${p}.logAnalyticsDestinationType`,
          d.logAnalyticsDestinationType,
          "has no effect without a Log Analytics workspace destination (workspaceId)",
        ),
      );
    }
  }
  return found.filter((v): v is Violation => v !== undefined);
}

function duplicates(path: string, values: readonly string[] | undefined): Violation[] {
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const [i, v] of (values ?? []).entries()) {
    // Azure compares category names case-insensitively.
    if (seen.has(v.toLowerCase())) out.push(violation(`${path}.${i}`, v, "is listed twice"));
    seen.add(v.toLowerCase());
  }
  return out;
}

/** The DiagnosticSetting inputs of one validated setting; the ARM name of the setting is its key. */
export function diagnosticSettingInputs(
  key: string,
  resourceUri: pulumi.Input<string>,
  d: DiagnosticSettingArgs,
): monitor.DiagnosticSettingArgs {
  const logs = d.logCategories
    ? d.logCategories.map((category) => ({ category, enabled: true }))
    : (d.logCategoryGroups ?? ["allLogs"]).map((categoryGroup) => ({ categoryGroup, enabled: true }));
  return {
    name: key,
    resourceUri,
    workspaceId: d.workspaceId,
    storageAccountId: d.storageAccountId,
    eventHubAuthorizationRuleId: d.eventHubAuthorizationRuleId,
    eventHubName: d.eventHubName,
    marketplacePartnerId: d.marketplacePartnerId,
    logAnalyticsDestinationType: d.logAnalyticsDestinationType,
    logs,
    metrics: d.metrics === false ? [] : [{ category: diagnosticLimits.allMetrics, enabled: true }],
  };
}
