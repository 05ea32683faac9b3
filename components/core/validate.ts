import * as pulumi from "@pulumi/pulumi";
import { Violation } from "./errors";

// Small, pure building blocks for validators. Each returns a Violation or undefined, so validators read as tables.
// Values given as Outputs are not known until deployment: they are skipped here and left to Azure, and the
// component that accepts an Output for a checked field says so in its JSDoc.

/** True when the value is known now (not undefined and not an Output / promise). */
export function isKnown<T>(value: pulumi.Input<T> | undefined): value is T {
  return value !== undefined && !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

export function violation(path: string, value: unknown, message: string): Violation {
  return { path, value, message };
}

/** A setting Azure accepts that has no effect: `message` says why (README "Errors and warnings"). */
export function warning(path: string, value: unknown, message: string): Violation {
  return { path, value, message, severity: "warning" };
}

export function requireValue(path: string, value: unknown, what = "is required"): Violation | undefined {
  return value === undefined || value === null || value === "" ? violation(path, value, what) : undefined;
}

/** An integer in [min, max]; `context` names the rule's source, e.g. "on the Standard tier". */
export function intInRange(
  path: string,
  value: pulumi.Input<number> | undefined,
  min: number,
  max: number,
  context = "",
): Violation | undefined {
  if (!isKnown(value)) return undefined;
  const where = context ? ` ${context}` : "";
  if (!Number.isInteger(value)) return violation(path, value, `must be a whole number from ${min} to ${max}${where}`);
  if (value < min || value > max) return violation(path, value, `must be from ${min} to ${max}${where}`);
  return undefined;
}

export function oneOf<T>(
  path: string,
  value: pulumi.Input<T> | undefined,
  allowed: readonly T[],
  context = "",
): Violation | undefined {
  if (!isKnown(value)) return undefined;
  if (allowed.includes(value as T)) return undefined;
  const where = context ? ` ${context}` : "";
  return violation(path, value, `is not allowed${where}; allowed: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
}

export function maxLength(path: string, value: pulumi.Input<string> | undefined, max: number): Violation | undefined {
  if (!isKnown(value)) return undefined;
  return value.length > max
    ? violation(path, value, `is ${value.length} characters; at most ${max} are allowed`)
    : undefined;
}

export function matches(
  path: string,
  value: pulumi.Input<string> | undefined,
  pattern: RegExp,
  rule: string,
): Violation | undefined {
  if (!isKnown(value)) return undefined;
  return pattern.test(value) ? undefined : violation(path, value, `must be ${rule}`);
}

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Parses the ISO 8601 durations ARM uses for time spans (days and time parts only: `P7D`, `PT5M`, `P1DT2H`).
 * Years, months and weeks are rejected because their length in seconds is ambiguous. Returns seconds, or undefined.
 */
export function isoDurationSeconds(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const [d, h, min, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  return d * 86400 + h * 3600 + min * 60 + s;
}

export function formatSeconds(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? "" : "s"}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** An ISO 8601 duration within [minSeconds, maxSeconds]. */
export function durationInRange(
  path: string,
  value: pulumi.Input<string> | undefined,
  minSeconds: number,
  maxSeconds: number,
): Violation | undefined {
  if (!isKnown(value)) return undefined;
  const seconds = isoDurationSeconds(value);
  const range = `from ${formatSeconds(minSeconds)} to ${formatSeconds(maxSeconds)}`;
  if (seconds === undefined) {
    return violation(path, value, `is not an ISO 8601 duration such as "PT5M" or "P1D"; must be ${range}`);
  }
  if (seconds < minSeconds || seconds > maxSeconds) return violation(path, value, `must be ${range}`);
  return undefined;
}

/** A full ARM resource id, optionally of a given type (`Microsoft.Storage/storageAccounts`). */
const SUBNET_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

/**
 * A subnet id: a virtual network's id (no `/subnets/<name>`) is refused, as Azure refuses it for a private endpoint's or
 * a pool's subnet.
 */
export function subnetId(path: string, value: pulumi.Input<string> | undefined): Violation | undefined {
  if (!isKnown(value) || SUBNET_ID.test(value)) return undefined;
  return violation(
    path,
    value,
    "is not a subnet id (/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet})",
  );
}

export function armId(
  path: string,
  value: pulumi.Input<string> | undefined,
  resourceType?: string,
): Violation | undefined {
  if (!isKnown(value)) return undefined;
  const ok = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+/i.test(value);
  const typeOk = !resourceType || value.toLowerCase().includes(`/providers/${resourceType.toLowerCase()}/`);
  if (ok && typeOk) return undefined;
  return violation(
    path,
    value,
    `is not an ARM resource id${resourceType ? ` of type ${resourceType}` : ""} ` +
      `(/subscriptions/{sub}/resourceGroups/{rg}/providers/${resourceType ?? "{type}"}/{name})`,
  );
}

/** Keys of keyed collections become parts of logical names and ARM names: keep them portable. */
export function mapKeys(path: string, map: Record<string, unknown> | undefined): Violation[] {
  return Object.keys(map ?? {})
    .filter((k) => !/^[A-Za-z0-9][A-Za-z0-9-_.]{0,62}$/.test(k))
    .map((k) =>
      violation(
        `${path}.${k}`,
        k,
        "is not a valid key: use 1-63 letters, digits, '-', '_' or '.', starting alphanumeric",
      ),
    );
}

/**
 * IP or virtual network firewall rules while `publicNetworkAccess` is Disabled: Azure accepts them, but they filter
 * public traffic only and with public access Disabled only private endpoints connect, so they have no effect. The same
 * warning in Event Hubs, Service Bus and Event Grid; `source` is the service's page stating what Disabled means.
 */
export function rulesWithoutPublicAccess(
  path: string,
  ruleKeys: readonly string[],
  publicNetworkAccess: unknown,
  source: string,
): Violation | undefined {
  if (ruleKeys.length === 0 || publicNetworkAccess !== "Disabled") return undefined;
  return warning(
    path,
    ruleKeys,
    "has no effect while publicNetworkAccess is Disabled: firewall rules filter public traffic only, and only " +
      `private endpoints connect (${source}); remove them or enable public access`,
  );
}
