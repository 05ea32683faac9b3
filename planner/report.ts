import type { PolicyExemption } from "./plan";
import type { PolicyViolation } from "./policyEngine";
import type { PlannedResource } from "./simulatedArm";

/** A tree of the planned resources (type and logical name, nested by parent), then counts per type. */
export function renderTree(resources: readonly PlannedResource[]): string {
  const children = new Map<string | undefined, PlannedResource[]>();
  for (const r of resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, prefix: string) => {
    const list = [...(children.get(parent) ?? [])].sort(
      (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
    );
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      const flags = [r.custom ? "" : "component", r.protect ? "protected" : ""].filter(Boolean).join(", ");
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${r.type}  ${r.name}${flags ? `  (${flags})` : ""}`);
      walk(r.urn, prefix + (last ? "   " : "│  "));
    });
  };
  walk(undefined, "");
  const counts = new Map<string, number>();
  for (const r of resources) if (r.custom) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  lines.push("", `Resources by type (${total} cloud resources, ${resources.length - total} components/stack):`);
  for (const [type, n] of [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(n).padStart(4)}  ${type}`);
  }
  return lines.join("\n");
}

export function renderViolations(violations: readonly PolicyViolation[]): string {
  if (violations.length === 0) return "Policies: no violations.";
  const count = (f: (v: PolicyViolation) => boolean) => violations.filter(f).length;
  const unknown = count((v) => v.previewUnknown === true);
  const lines = [
    `Policies: ${violations.length} violation(s): ${count((v) => v.enforcementLevel === "mandatory")} mandatory, ` +
      `${count((v) => v.enforcementLevel === "advisory" && !v.previewUnknown)} advisory` +
      (unknown ? `, ${unknown} cannot be checked during preview` : ""),
  ];
  for (const v of violations) {
    const where = v.urn ? ` ${v.urn.split("::").pop()}` : "";
    const level = v.severity ? `${v.enforcementLevel}, ${v.severity}` : v.enforcementLevel;
    // The message as the analyzer prints it (the policy's description, a newline, the finding), indented.
    lines.push(`  [${level}] ${v.policy}${where}: ${v.message.split("\n").join("\n      ")}`);
    if (v.configKey) lines.push(`      config key: ${v.configKey}${v.fix ? `; set ${v.fix}` : ""}`);
  }
  return lines.join("\n");
}

/** The exemptions the policy config grants, so a reviewer sees every deliberate deviation next to the violations. */
export function renderExemptions(exemptions: readonly PolicyExemption[]): string | undefined {
  if (exemptions.length === 0) return undefined;
  const lines = [`Policy exemptions: ${exemptions.length}`];
  for (const e of exemptions) {
    lines.push(`  ${e.policy} ${e.resource}: ${e.reason}`);
    if (!e.matched)
      lines.push(`      warning: no resource of this stack is named ${e.resource}; the exemption has no effect`);
  }
  return lines.join("\n");
}
