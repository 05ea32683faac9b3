/**
 * Where a resource comes from in the configuration: the stack builders (and components, for their keyed children)
 * run construction inside `withConfigKey(key, ...)`, and every resource constructed inside is attributed to the
 * joined key path, e.g. `servicebus.namespaces.orders` + `queues.audit`. Costs nothing in `pulumi up`; the offline
 * plan reads it (`currentConfigKey()` at construction time) to name the config key behind every finding.
 */
const scope: string[] = [];

/** Runs `build` with `key` (relative to the enclosing scope) as the config key of everything it constructs. */
export function withConfigKey<T>(key: string, build: () => T): T {
  scope.push(key);
  try {
    return build();
  } finally {
    scope.pop();
  }
}

/** The config key path of the resource being constructed now, if any. */
export function currentConfigKey(): string | undefined {
  return scope.length > 0 ? scope.join(".") : undefined;
}

const warned = new Set<string>();

/**
 * Logs a warning once per program run, keyed by its text without any source prefix: the stack program reports a
 * component's warnings at config time with their config key paths, and the component, constructed later inside the
 * same config key scope, then finds the same text already reported.
 */
export function warnOnce(warning: string, log: (message: string) => void): void {
  if (warned.has(warning)) return;
  warned.add(warning);
  log(warning);
}
