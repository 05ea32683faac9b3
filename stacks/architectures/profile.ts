import type { Violation } from "../../components/core/errors";
import type { ArchitecturesConfig } from "../config/architectures";
import { isPlainObject } from "./merge";

export type Environment = "dev" | "test" | "prod";

/**
 * What an environment means for the presets. dev: cheapest tiers that still have the features (Standard: capture,
 * consumer groups, topics, sessions), public endpoints, no DR. test: Standard tiers, private endpoints where the tier
 * allows them (not on Service Bus Standard). prod: Premium, zone redundant, private endpoints, a Service Bus geo-DR
 * pair in two regions, protect + CanNotDelete locks, diagnostics to Log Analytics.
 */
export interface Profile {
  readonly environment: Environment;
  /** The stack's `location` when written in the stack's config (the provider's location is not known here). */
  readonly location?: string;
  /** Private endpoints in this subnet, or none. */
  readonly privateEndpointSubnet?: string;
  readonly secondaryPrivateEndpointSubnet?: string;
  readonly serviceBusSku: "Standard" | "Premium";
  /** Service Bus as a geo-DR pair (prod). */
  readonly serviceBusPair: boolean;
  readonly eventHubsTier: "Standard" | "Premium";
  readonly zoneRedundant: boolean;
  readonly storageSku: "Standard_LRS" | "Standard_ZRS" | "Standard_GZRS";
  readonly defaultRetentionDays: number;
  readonly defaultBatchMaxNodes: number;
  /** Protect stateful resources and lock them (CanNotDelete). */
  readonly protectAndLock: boolean;
  /** A Log Analytics workspace receives every component's diagnostics. */
  readonly monitoring: boolean;
}

/**
 * Azure region pairs the prod preset uses for the Service Bus pair's secondary region when none is given. Source:
 * https://learn.microsoft.com/azure/reliability/cross-region-replication-azure (Azure paired regions table). Only
 * well-known pairs are listed; any other region needs `architectures.secondaryLocation`.
 */
export const pairedRegions: Readonly<Record<string, string>> = {
  westeurope: "northeurope",
  northeurope: "westeurope",
  uksouth: "ukwest",
  ukwest: "uksouth",
  francecentral: "francesouth",
  germanywestcentral: "germanynorth",
  swedencentral: "swedensouth",
  eastus: "westus",
  westus: "eastus",
  eastus2: "centralus",
  centralus: "eastus2",
};

/** The environment profile for the raw config, with violations of the shared `architectures.*` options. */
export function profileFor(
  environment: Environment,
  raw: Record<string, unknown>,
  arch: ArchitecturesConfig,
): { profile: Profile; violations: Violation[] } {
  const violations: Violation[] = [];
  const peOn = arch.privateEndpoints?.enabled ?? environment !== "dev";
  const checkSubnet = (path: string, subnet: string | undefined, explicit: boolean) => {
    const hint = explicit
      ? ""
      : ` (the default in ${environment}: declare it, set ${path}, or privateEndpoints.enabled: false)`;
    const v = checkSubnetOption(raw, path, subnet, hint);
    if (v) violations.push(v);
  };
  const peSubnet = peOn ? (arch.privateEndpoints?.subnet ?? "private-endpoints") : undefined;
  checkSubnet("architectures.privateEndpoints.subnet", peSubnet, arch.privateEndpoints?.subnet !== undefined);
  const secondarySubnet = peOn ? arch.privateEndpoints?.secondarySubnet : undefined;
  checkSubnet("architectures.privateEndpoints.secondarySubnet", secondarySubnet, true);
  const prod = environment === "prod";
  return {
    profile: {
      environment,
      location: typeof raw.location === "string" ? raw.location : undefined,
      privateEndpointSubnet: peSubnet,
      secondaryPrivateEndpointSubnet: secondarySubnet,
      serviceBusSku: prod ? "Premium" : "Standard",
      serviceBusPair: prod,
      eventHubsTier: prod ? "Premium" : "Standard",
      zoneRedundant: environment !== "dev",
      storageSku: prod ? "Standard_GZRS" : environment === "test" ? "Standard_ZRS" : "Standard_LRS",
      defaultRetentionDays: prod ? 7 : environment === "test" ? 3 : 1,
      defaultBatchMaxNodes: prod ? 10 : environment === "test" ? 4 : 2,
      protectAndLock: prod,
      monitoring: prod,
    },
    violations,
  };
}

/** A subnet option of a preset, checked like the shared one. */
export function checkSubnetOption(
  raw: Record<string, unknown>,
  path: string,
  subnet: string | undefined,
  hint = "",
): Violation | undefined {
  const subnets = isPlainObject(raw.network) && isPlainObject(raw.network.subnets) ? raw.network.subnets : {};
  if (subnet === undefined || subnet.startsWith("/subscriptions/") || subnet in subnets) return undefined;
  return {
    path,
    value: subnet,
    message: `names no subnet declared under 'network.subnets' and is not a subnet id; declared: ${Object.keys(subnets).join(", ") || "(none)"}${hint}`,
  };
}
