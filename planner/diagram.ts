import { simulatedTypes } from "./arm";
import type { DiagramRule } from "./arm/types";
import type { PlannedResource } from "./simulatedArm";

const ruleOf = (type: string): DiagramRule | undefined => simulatedTypes[type]?.diagram;

function get(obj: unknown, path: string): unknown[] {
  let cur: unknown[] = [obj];
  for (const part of path.split(".")) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (c === null || typeof c !== "object") continue;
      const v = (c as Record<string, unknown>)[part === "[]" ? "" : part];
      if (part === "[]" && Array.isArray(c)) next.push(...c);
      else if (v !== undefined) next.push(v);
    }
    cur = next;
  }
  return cur;
}

const nodeId = (i: number) => `n${i}`;
const escape = (s: string) => s.replace(/"/g, "'");

/** A Mermaid flowchart of the planned estate: one node per drawn resource, edges from the rules above. */
export function renderMermaid(resources: readonly PlannedResource[]): string {
  const drawn = resources.filter((r) => r.custom && ruleOf(r.type));
  const index = new Map<PlannedResource, number>();
  drawn.forEach((r, i) => index.set(r, i));
  const byId = new Map<string, PlannedResource>();
  for (const r of drawn) if (r.id) byId.set(r.id.toLowerCase(), r);

  const lines = ["flowchart LR"];
  for (const r of drawn) {
    const rule = ruleOf(r.type)!;
    const name = String((r.outputs?.name as string | undefined) ?? r.name);
    const detail = rule.detail?.(r.inputs);
    lines.push(`  ${nodeId(index.get(r)!)}["${escape(`${rule.label}: ${name}${detail ? ` (${detail})` : ""}`)}"]`);
  }
  const edges = new Set<string>();
  for (const r of drawn) {
    for (const e of ruleOf(r.type)!.edges ?? []) {
      for (const v of e.ids ? e.ids(r.inputs, r.id ?? "") : get(r.inputs, e.path ?? "")) {
        if (typeof v !== "string") continue;
        const target = byId.get(v.toLowerCase());
        if (!target || target === r) continue;
        const [a, b] = e.direction === "to" ? [r, target] : [target, r];
        const arrow = e.dashed ? "-.->" : "-->";
        const label = e.label ? `|${escape(e.label)}|` : "";
        edges.add(`  ${nodeId(index.get(a)!)} ${arrow}${label} ${nodeId(index.get(b)!)}`);
      }
    }
  }
  // Grantee edges: the holder of a role on a drawn resource -> that resource (publishers -> topics).
  const byPrincipal = new Map<string, PlannedResource>();
  for (const r of drawn) {
    const out = r.outputs as { principalId?: unknown; identity?: { principalId?: unknown } } | undefined;
    for (const p of [out?.principalId, out?.identity?.principalId]) if (typeof p === "string") byPrincipal.set(p, r);
  }
  for (const ra of resources) {
    if (ra.type !== "azure-native:authorization:RoleAssignment") continue;
    const target = byId.get(String(ra.inputs.scope ?? "").toLowerCase());
    const grantee =
      target &&
      ruleOf(target.type)!.grantees?.find((g) =>
        String(ra.inputs.roleDefinitionId ?? "")
          .toLowerCase()
          .endsWith(g.role.toLowerCase()),
      );
    const principal = byPrincipal.get(String(ra.inputs.principalId ?? ""));
    if (!target || !grantee || !principal || principal === target) continue;
    const label = grantee.label ? `|${escape(grantee.label)}|` : "";
    edges.add(`  ${nodeId(index.get(principal)!)} -->${label} ${nodeId(index.get(target)!)}`);
  }
  lines.push(...[...edges].sort());
  return lines.join("\n") + "\n";
}
