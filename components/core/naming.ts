import { createHash } from "crypto";

/**
 * Logical name of a child: `<component>-<kind>` followed by `/<key>` for each map key, e.g. `sb-orders-queue/audit`,
 * `sb-orders-sub/order-events/eu-created`. Keys may contain `-` but never `/` (config keys are letters, digits, `-`,
 * `_`, `.`), so the name is injective: two different key paths can never give one URN, which the engine would refuse
 * ("Duplicate resource URN"). Names depend only on keys, never on their order, so reordering config replaces nothing.
 */
export function childName(componentName: string, kind: string, ...keys: string[]): string {
  for (const key of keys) {
    if (key.includes("/")) throw new Error(`childName: key ${JSON.stringify(key)} must not contain '/'`);
  }
  return [`${componentName}-${kind}`, ...keys].join("/");
}

/**
 * A deterministic GUID from its parts (RFC 4122 version-5 layout over SHA-1), like ARM's `guid(...)`:
 * the same parts always give the same GUID, so role-assignment and role-definition names are stable across runs.
 */
export function deterministicGuid(...parts: string[]): string {
  const hash = createHash("sha1").update(parts.join("|").toLowerCase()).digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isGuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/** Short stable suffix for names that must be globally unique (storage accounts, namespaces). */
export function stableSuffix(length: number, ...parts: string[]): string {
  return createHash("sha1").update(parts.join("|")).digest("hex").slice(0, length);
}
