import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import { diagnosticsProblem, hasPrivateEndpoint, linked, ofType, skuOf } from "./graph";
import { asArray, Props, ResourceClass, same, schema, tlsNumber } from "./rule";

/** Checks shared by several services' rules (same property names across Event Hubs, Service Bus, Event Grid, Batch). */

export function localAuthDisabled(p: Props, report: ReportViolation): void {
  if (p.disableLocalAuth !== true) {
    report(
      `disableLocalAuth is ${JSON.stringify(p.disableLocalAuth ?? null)}: shared access keys (SAS) still authenticate; set it to true`,
    );
  }
}

/** A managed identity block is missing, or has no type, or type None. */
export function identityMissing(identity: Props | undefined): boolean {
  return !identity?.type || same(identity.type, "None");
}

export function zoneRedundant(p: Props, report: ReportViolation): void {
  if (p.zoneRedundant !== true) report(`zoneRedundant is ${JSON.stringify(p.zoneRedundant ?? null)}; set it to true`);
}

export function infrastructureEncryption(p: Props, report: ReportViolation): void {
  if ((p.encryption as Props | undefined)?.requireInfrastructureEncryption !== true) {
    report("encryption.requireInfrastructureEncryption is not true");
  }
}

export const pnaConfig = {
  properties: {
    allowedValues: schema.stringList(
      ["Disabled"],
      "publicNetworkAccess values that pass (e.g. add SecuredByPerimeter).",
    ),
  },
};

export function publicAccessDisabled(p: Props, report: ReportViolation, cfg: { allowedValues: string[] }): void {
  const v = p.publicNetworkAccess;
  if (!cfg.allowedValues.some((a) => same(v, a))) {
    report(
      `publicNetworkAccess is ${JSON.stringify(v ?? null)} (the SDK and Azure default to Enabled); allowed: ${cfg.allowedValues.join(", ")}`,
    );
  }
}

export const tlsConfig = (requireExplicitDefault: boolean) => ({
  properties: {
    minimumVersion: schema.string("1.2", "Lowest TLS version clients may use.", ["1.0", "1.1", "1.2", "1.3"]),
    requireExplicit: schema.boolean(
      requireExplicitDefault,
      "Fail when the property is not set (Azure's default applies).",
    ),
  },
});

export function minimumTls(
  p: Props,
  key: string,
  report: ReportViolation,
  cfg: { minimumVersion: string; requireExplicit: boolean },
  azureDefault: string,
): void {
  const v = p[key];
  if (v === undefined || v === null) {
    if (cfg.requireExplicit)
      report(`${key} is not set (Azure's default: ${azureDefault}); set it to ${cfg.minimumVersion} or later`);
    return;
  }
  const n = tlsNumber(v);
  if (!(n >= tlsNumber(cfg.minimumVersion))) {
    report(`${key} is ${JSON.stringify(v)}; must be ${cfg.minimumVersion} or later`);
  }
}

/** Customer-managed key: key source Key Vault AND at least one key (the SDK defaults keySource to KeyVault). */
export function customerManagedKey(encryption: Props | undefined, report: ReportViolation, what: string): void {
  if (!encryption) {
    report(`${what} has no encryption block: data is encrypted with Microsoft-managed keys; configure a Key Vault key`);
    return;
  }
  if (!same(encryption.keySource, "Microsoft.KeyVault")) {
    report(`encryption.keySource is ${JSON.stringify(encryption.keySource ?? null)}; must be Microsoft.KeyVault`);
    return;
  }
  if (asArray(encryption.keyVaultProperties).length === 0) {
    report("encryption.keySource is Microsoft.KeyVault but encryption.keyVaultProperties names no key");
  }
}

export const tiersConfig = (def: string[], description: string) => ({
  properties: { tiers: schema.stringList(def, description) },
});

export function tierIn(p: Props, tiers: readonly string[]): boolean {
  const sku = skuOf(p);
  return sku !== undefined && tiers.some((t) => same(sku, t));
}

/** Stack check: every resource of `classes` (optionally only some SKU tiers) has a private endpoint to `groupIds`. */
export function requirePrivateEndpoint(
  resources: readonly PolicyResource[],
  classes: readonly ResourceClass[],
  groupIds: readonly string[],
  report: ReportViolation,
  tiers?: readonly string[],
): void {
  for (const r of ofType(resources, classes)) {
    if (tiers && !tierIn(r.props, tiers)) continue;
    if (!hasPrivateEndpoint(resources, r, groupIds)) {
      report(`${r.name} has no private endpoint (group id ${groupIds.join(" or ")}) linked to it`, r.urn);
    }
  }
}

export const diagnosticsConfig = {
  properties: {
    categoryGroups: schema.stringList(
      ["allLogs", "audit"],
      "Any-of: an enabled log entry must use one of these category groups; [] accepts any enabled log entry.",
    ),
    categories: schema.stringList(
      [],
      "Any-of, besides categoryGroups: individual log categories (per resource type) that also satisfy the rule, for named diagnostic settings that select categories instead of groups.",
    ),
  },
};

/** Stack check: every resource of `classes` has a usable diagnostic setting. */
export function requireDiagnostics(
  resources: readonly PolicyResource[],
  classes: readonly ResourceClass[],
  report: ReportViolation,
  cfg: { categoryGroups: string[]; categories?: string[] },
): void {
  for (const r of ofType(resources, classes)) {
    const problem = diagnosticsProblem(resources, r, cfg);
    if (problem) report(`${r.name} ${problem}`, r.urn);
  }
}

export const geoDrConfig = {
  properties: {
    tiers: schema.stringList(["Premium"], "SKU tiers both namespaces of a geo-DR pair must have."),
    settings: schema.stringList(
      ["disableLocalAuth", "publicNetworkAccess", "minimumTlsVersion"],
      "Security settings the secondary must match (a failover must not weaken them).",
    ),
  },
};

/** The region a resource lands in: its own `location`, else its resource group's (linked via resourceGroupName). */
export function locationOf(r: PolicyResource, resourceGroupClass: ResourceClass): string | undefined {
  const own = (r.props as Props).location;
  if (typeof own === "string") return own;
  const rg = linked(r, "resourceGroupName").find((x) => isA(x, resourceGroupClass));
  const fromRg = rg ? (rg.props as Props).location : undefined;
  return typeof fromRg === "string" ? fromRg : undefined;
}

/**
 * Stack check for Event Hubs / Service Bus geo-DR aliases: both namespaces are in the stack (linked through
 * `namespaceName` and `partnerNamespace`), of an allowed tier, in different regions, with the same security settings.
 */
export function geoDrPairs(
  resources: readonly PolicyResource[],
  drClass: ResourceClass,
  nsClass: ResourceClass,
  resourceGroupClass: ResourceClass,
  report: ReportViolation,
  cfg: { tiers: string[]; settings: string[] },
): void {
  for (const dr of ofType(resources, [drClass])) {
    const primary = linked(dr, "namespaceName").find((x) => isA(x, nsClass));
    const partner = linked(dr, "partnerNamespace").find((x) => isA(x, nsClass));
    if (!primary || !partner) {
      const missing = !primary ? "namespaceName" : "partnerNamespace";
      report(
        `${dr.name}: ${missing} is not computed from a namespace of this stack, so the pair's tier, regions and security settings can't be verified; pass the namespace resource's name/id output`,
        dr.urn,
      );
      continue;
    }
    for (const ns of [primary, partner]) {
      if (!tierIn(ns.props, cfg.tiers)) {
        report(
          `${dr.name}: namespace ${ns.name} is ${skuOf(ns.props) ?? "without a SKU"}; geo-DR pairs must be ${cfg.tiers.join(" or ")}`,
          dr.urn,
        );
      }
    }
    const [a, b] = [locationOf(primary, resourceGroupClass), locationOf(partner, resourceGroupClass)];
    if (a === undefined || b === undefined) {
      report(
        `${dr.name}: the location of ${a === undefined ? primary.name : partner.name} is not set, so the pair's regions can't be compared`,
        dr.urn,
      );
    } else if (a.replace(/\s/g, "").toLowerCase() === b.replace(/\s/g, "").toLowerCase()) {
      report(
        `${dr.name}: primary ${primary.name} and secondary ${partner.name} are both in ${a}; a geo-DR pair needs two regions`,
        dr.urn,
      );
    }
    for (const key of cfg.settings) {
      const [pv, sv] = [(primary.props as Props)[key], (partner.props as Props)[key]];
      if (JSON.stringify(pv ?? null) !== JSON.stringify(sv ?? null)) {
        report(
          `${dr.name}: ${key} differs: primary ${primary.name} has ${JSON.stringify(pv ?? null)}, secondary ${partner.name} has ${JSON.stringify(sv ?? null)}`,
          dr.urn,
        );
      }
    }
  }
}

function isA(r: PolicyResource, cls: ResourceClass): boolean {
  return ofType([r], [cls]).length === 1;
}
