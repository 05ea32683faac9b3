import * as fs from "fs";
import * as path from "path";
import type { Change, ChangeAction, PropertyChange } from "./diff";
import { EXIT_INVALID_CONFIG, EXIT_MANDATORY_VIOLATION, EXIT_OK } from "./plan";

/** The symbols `pulumi preview --diff` prints. */
export const SYMBOL: Record<ChangeAction, string> = { create: "+", update: "~", replace: "+-", delete: "-" };

const MAX_VALUE = 100;

export function formatValue(v: unknown): string {
  const s = JSON.stringify(v) ?? "undefined";
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

export function formatProperty(p: PropertyChange): string {
  if (!("old" in p)) return `+ ${p.path}: ${formatValue(p.new)}`;
  if (!("new" in p)) return `- ${p.path}: ${formatValue(p.old)}`;
  if (typeof p.old === "string" && typeof p.new === "string") {
    // Long ids differ at the end: elide their common path prefix so that the difference shows.
    const common = commonPathPrefix(p.old, p.new);
    if (common > 20) {
      return `~ ${p.path}: ${formatValue(`…${p.old.slice(common)}`)} => ${formatValue(`…${p.new.slice(common)}`)}`;
    }
  }
  return `~ ${p.path}: ${formatValue(p.old)} => ${formatValue(p.new)}`;
}

/** Length of the common prefix of two strings, cut back to the last `/` in it. */
function commonPathPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.lastIndexOf("/", i - 1) + 1;
}

export function countChanges(changes: readonly Change[]): Record<ChangeAction, number> & { dataLoss: number } {
  const n = (a: ChangeAction) => changes.filter((c) => c.action === a).length;
  return {
    create: n("create"),
    update: n("update"),
    replace: n("replace"),
    delete: n("delete"),
    dataLoss: changes.filter((c) => c.dataLoss).length,
  };
}

export function summaryLine(changes: readonly Change[]): string {
  const c = countChanges(changes);
  if (changes.length === 0) return "no changes";
  return (
    `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete` +
    (c.dataLoss ? `; ${c.dataLoss} lose data` : "")
  );
}

/** Notes a reviewer must read on one change (data loss, protection, refusal, the reason of a replace). */
export function changeNotes(c: Change): string[] {
  const notes: string[] = [];
  if (c.dataLoss)
    notes.push(`DATA LOSS: ${c.action === "replace" ? "replacing" : "deleting"} it deletes ${c.dataLoss}`);
  if (c.protected) {
    notes.push(
      `protected: pulumi up refuses to ${c.action} it until protection is lifted (pulumi state unprotect '${c.previousUrn ?? c.urn}')`,
    );
  }
  if (c.refused?.length) {
    const props = c.refused.map((r) => r.slice(0, r.indexOf(":")));
    notes.push(`REFUSED: Azure rejects the update of ${props.join(", ")}; pulumi up would fail (see below)`);
  }
  if (c.action === "replace" && c.previousUrn) notes.push(`replace: ${c.reason}`);
  return notes;
}

/** The change set as text, like `pulumi preview --diff`. */
export function renderChanges(changes: readonly Change[], baseline: string): string {
  const lines = [`Changes against ${baseline}: ${summaryLine(changes)}`];
  for (const c of changes) {
    const key = c.configKey ? `  [config key ${c.configKey}]` : "";
    lines.push(`  ${SYMBOL[c.action].padEnd(2)} ${c.type}  ${c.name}  (${c.action})${key}`);
    for (const note of changeNotes(c)) lines.push(`       ! ${note}`);
    for (const p of c.properties) {
      lines.push(
        `       ${formatProperty(p)}${p.replaces ? `   [forces ${c.refused ? "an error" : "replacement"}]` : ""}`,
      );
    }
    for (const p of c.properties.filter((x) => x.replaces)) lines.push(`         ${p.path}: ${p.replaces}`);
  }
  return lines.join("\n");
}

/** Environments where data loss fails the plan: planner/diffPolicy.json (prod by default). */
export function blocksDataLoss(environment: string, file = path.join(__dirname, "diffPolicy.json")): boolean {
  const policy = JSON.parse(fs.readFileSync(file, "utf8")) as { blockDataLoss?: string[] };
  return (policy.blockDataLoss ?? ["prod"]).includes(environment);
}

export interface ChangeVerdict {
  readonly exitCode: number;
  /** Why the change set fails the plan (empty when it does not). */
  readonly problems: string[];
}

/**
 * What the change set does to the exit code: an update Azure refuses fails like invalid configuration (exit 2);
 * data loss in an environment that blocks it fails like a mandatory policy (exit 1) unless allowed; past that gate,
 * a protected resource still cannot be deleted or replaced by the engine (exit 2).
 */
export function changeVerdict(
  changes: readonly Change[],
  opts: { blockDataLoss: boolean; allowDataLoss: boolean; environment: string },
): ChangeVerdict {
  const refused = changes.filter((c) => c.refused?.length);
  if (refused.length > 0) {
    return {
      exitCode: EXIT_INVALID_CONFIG,
      problems: refused.map((c) => `${c.name}: ${c.refused!.join("; ")}`),
    };
  }
  const losses = changes.filter((c) => c.dataLoss);
  if (losses.length > 0 && opts.blockDataLoss && !opts.allowDataLoss) {
    return {
      exitCode: EXIT_MANDATORY_VIOLATION,
      problems: [
        `${losses.length} change(s) lose data in environment '${opts.environment}' (planner/diffPolicy.json blocks ` +
          `it): ${losses.map((c) => `${c.action} ${c.name}`).join(", ")}; review them and plan with ` +
          `--allow-data-loss to accept`,
      ],
    };
  }
  const locked = changes.filter((c) => c.protected);
  if (locked.length > 0) {
    return {
      exitCode: EXIT_INVALID_CONFIG,
      problems: locked.map(
        (c) => `${c.name}: protected; pulumi up refuses to ${c.action} it until protection is lifted first`,
      ),
    };
  }
  return { exitCode: EXIT_OK, problems: [] };
}
