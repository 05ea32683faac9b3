import { renderEventFlow, renderNetwork } from "./diagram";
import type { Change } from "./diff";
import { changeNotes, ChangeVerdict, formatProperty, summaryLine, SYMBOL } from "./diffReport";
import type { PlanReport } from "./plan";
import type { PolicyViolation } from "./policyEngine";

/**
 * The plan as a pull-request comment (`--markdown FILE`): the verdict, resource counts by type, the change set
 * against the baseline with data-loss lines first, mandatory policy violations with the config key to change,
 * warnings (advisory findings), and both diagrams as Mermaid blocks, which GitHub renders.
 */

export interface MarkdownInput {
  readonly report: PlanReport;
  /** The result line's text and the exit code the plan ends with. */
  readonly result: string;
  readonly exitCode: number;
  readonly changes?: readonly Change[];
  readonly verdict?: ChangeVerdict;
  /** The baseline file, when the plan was compared with one. */
  readonly baseline?: string;
}

/** A table cell: no pipes or line breaks of its own. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** The config key to change: the finding's own, else the one its resource was built from. */
type KeyOf = (v: PolicyViolation) => string | undefined;

function violationRows(list: readonly PolicyViolation[], keyOf: KeyOf): string[] {
  const rows = ["| policy | resource | config key | finding |", "|---|---|---|---|"];
  for (const v of list) {
    const key = keyOf(v);
    const fix = (v as { fix?: string }).fix;
    rows.push(
      `| ${code(v.policy)} | ${v.urn ? code(v.urn.split("::").pop()!) : "(stack)"} | ` +
        `${key ? code(key) + (fix ? `: set ${code(fix)}` : "") : ""} | ${cell(v.message)} |`,
    );
  }
  return rows;
}

function changeSection(changes: readonly Change[], baseline: string, verdict?: ChangeVerdict): string[] {
  const out = [`### Changes against ${code(baseline)}`, "", `${summaryLine(changes)}.`, ""];
  for (const p of verdict?.problems ?? []) out.push(`> **${cell(p)}**`, "");
  if (changes.length === 0) return out;
  out.push("| | resource | type | action | notes |", "|---|---|---|---|---|");
  for (const c of changes) {
    const notes = changeNotes(c).map((n) => (/^(DATA LOSS|REFUSED)/.test(n) ? `**${n}**` : n));
    if (c.configKey) notes.push(`config key ${code(c.configKey)}`);
    out.push(
      `| ${c.dataLoss ? "⚠️" : ""}${code(SYMBOL[c.action])} | ${code(c.name)} | ${code(c.type)} | ${c.action} | ` +
        `${cell(notes.join("\n"))} |`,
    );
  }
  const detailed = changes.filter((c) => c.properties.length > 0);
  if (detailed.length > 0) {
    out.push("", "<details><summary>Changed inputs</summary>", "", "```diff");
    for (const c of detailed) {
      out.push(`@@ ${c.name} (${c.action}) @@`);
      for (const p of c.properties) {
        const line = formatProperty(p);
        // diff-block colouring: + added, - removed, ! changed.
        out.push(`${line.startsWith("~") ? "!" : line[0]}   ${line.slice(2)}${p.replaces ? `   # ${p.replaces}` : ""}`);
      }
    }
    out.push("```", "", "</details>");
  }
  out.push("");
  return out;
}

export function renderMarkdown(input: MarkdownInput): string {
  const { report } = input;
  const ok = input.exitCode === 0;
  const out = [
    `## Offline plan of ${code(report.stack)}: ${ok ? "✅" : "❌"} ${input.result} (exit ${input.exitCode})`,
    "",
  ];
  if (report.error) {
    out.push("```", report.error, "```", "");
    return out.join("\n");
  }
  const counts = new Map<string, number>();
  for (const r of report.resources) if (r.custom) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const keys = new Map(report.resources.map((r) => [r.urn, (r as { configKey?: string }).configKey]));
  const keyOf: KeyOf = (v) => (v as { configKey?: string }).configKey ?? (v.urn ? keys.get(v.urn) : undefined);
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
  const advisory = report.violations.filter((v) => v.enforcementLevel !== "mandatory");
  out.push(
    `**${total}** cloud resources · **${mandatory.length}** mandatory violation(s) · **${advisory.length}** warning(s)` +
      (input.changes ? ` · changes: ${summaryLine(input.changes)}` : ""),
    "",
  );
  if (input.changes) out.push(...changeSection(input.changes, input.baseline ?? "baseline", input.verdict));
  out.push(`### Policy violations (${mandatory.length})`, "");
  out.push(...(mandatory.length ? violationRows(mandatory, keyOf) : ["None."]), "");
  out.push(`### Warnings (${advisory.length})`, "");
  out.push(...(advisory.length ? violationRows(advisory, keyOf) : ["None."]), "");
  out.push(`<details><summary>Resources by type (${total})</summary>`, "", "| type | count |", "|---|---:|");
  for (const [type, n] of [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    out.push(`| ${code(type)} | ${n} |`);
  }
  out.push("", "</details>", "");
  out.push("### Event flow", "", "```mermaid", renderEventFlow(report.resources).trimEnd(), "```", "");
  out.push(
    "<details><summary>Network</summary>",
    "",
    "```mermaid",
    renderNetwork(report.resources).trimEnd(),
    "```",
    "",
    "</details>",
    "",
  );
  return out.join("\n");
}
