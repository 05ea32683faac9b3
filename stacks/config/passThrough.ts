import { commonResourceShape } from "./common";

// One pattern for every section's mapping (config -> component args): the keys config sets like the component are
// spread, the keys it sets differently (names, references by key, shared keys) are omitted from the spread and mapped
// next to it, and each difference is listed once in the section's ArgPaths table (argPaths.ts).

/**
 * Compile-time check that every key a mapping passes through is an argument of the component (the mapping's typed
 * return checks the types): a new setting is one edit in the schema and none in the mapping.
 * Use: `void (true satisfies PassesThrough<typeof passThrough, ComponentArgs>);`
 */
export type PassesThrough<T, Args> = [Exclude<keyof T, keyof Args>] extends [never] ? true : never;

/** `value` without the keys config sets differently (they are mapped next to the spread). */
export function omit<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const out = { ...value };
  for (const k of keys) delete out[k];
  return out;
}

/** The shared keys of a service resource (`commonResourceShape`): mapped by the resolver's `common`, never spread. */
export const commonKeys = Object.keys(commonResourceShape) as (keyof typeof commonResourceShape)[];

/** `value` without the shared keys it has (a resource may take only some of them, e.g. no private endpoints). */
export function omitShared<T extends object>(value: T): Omit<T, (typeof commonKeys)[number]> {
  const out = { ...value };
  for (const k of commonKeys) delete (out as Record<string, unknown>)[k];
  return out;
}
