/**
 * Keyed collections (`Record<string, T>`) in key order. Where a map becomes an ARM array (IP rules, filters,
 * identities, metadata), its order must not depend on the order of keys in the config: ARM treats these arrays as
 * sets, and a reordered stack file must plan no update.
 */
export function sortedEntries<T>(record: Record<string, T> | undefined): [string, T][] {
  return Object.keys(record ?? {})
    .sort()
    .map((k) => [k, record![k]]);
}

export function sortedValues<T>(record: Record<string, T> | undefined): T[] {
  return sortedEntries(record).map(([, v]) => v);
}
