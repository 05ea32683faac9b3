/**
 * Where a component's argument differs from the config key that sets it, declared once per section: config names
 * other stack resources by key (one `container: <storage>/<container>` fills three ids) and keeps its short names
 * (`name` for `namespaceName`). `[argPath, configPath]` pairs, most specific first; `*` is one map key. Exact segment
 * matching: the rest of the argument path is kept (`eventHubs.*.capture.containerId` -> `...capture.container`).
 */
export type ArgPaths = readonly (readonly [argPath: string, configPath: string])[];

/** The config key path for a component's violation path (the argument path itself when the table has no entry). */
export function configPathOf(table: ArgPaths, argPath: string): string {
  const parts = argPath.split(".");
  for (const [from, to] of table) {
    const pattern = from.split(".");
    if (pattern.length > parts.length) continue;
    const keys: string[] = [];
    const matches = pattern.every((seg, i) => (seg === "*" ? keys.push(parts[i]) > 0 : seg === parts[i]));
    if (!matches) continue;
    const target = to.split(".").map((seg) => (seg === "*" ? (keys.shift() ?? seg) : seg));
    return [...target, ...parts.slice(pattern.length)].join(".");
  }
  return argPath;
}
