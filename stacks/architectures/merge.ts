/**
 * The merge rule of the reference architectures: the preset is the base, what the user wrote explicitly wins.
 *
 * - Objects (maps) merge key by key, recursively: the user adds keys and overrides single keys of a preset object
 *   (`servicebus.namespaces.orders.queues.orders.maxDeliveryCount: 10` changes only that setting).
 * - Anything else the user writes (a string, number, boolean or list) replaces the preset's value as a whole.
 * - `null` removes the preset's key (`eventgrid.topics.orders.subscriptions.to-webhook: null` drops that part). A `null`
 *   where the preset has no key stays, so the schema reports it (never a silent drop of a user's value).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null && key in base) delete out[key];
    else out[key] = deepMerge(base[key], value);
  }
  return out;
}

/** Merges several presets into one base (later presets add to earlier ones with the same rule). */
export function mergeAll(parts: readonly Record<string, unknown>[]): Record<string, unknown> {
  return parts.reduce<Record<string, unknown>>((acc, part) => deepMerge(acc, part) as Record<string, unknown>, {});
}
