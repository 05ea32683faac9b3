// Routing tests: a YAML file of events, each with the key it is sent to and the config key paths it must reach and
// must not reach. Checked in-process (jest runs every stacks/routes/*.yaml file this way).

import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { deadLetterQueue } from "./servicebus/route";
import { route, RouteInputError, RouteResult } from "./route";
import type { Step } from "./trace";
import type { RoutingModel } from "./types";

const keyList = z.array(z.string().min(1));

const routingTestSchema = z.strictObject({
  /** The stack the file is written for (informational; `--stack` decides). */
  stack: z.string().optional(),
  events: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        /** Config key path the event or message is sent to. */
        to: z.string().min(1),
        /** The event or message inline, or `file`: a JSON file relative to the routing file. */
        event: z.unknown().optional(),
        file: z.string().optional(),
        failDelivery: z.boolean().optional(),
        expire: z.boolean().optional(),
        mustReach: keyList.optional(),
        mustNotReach: keyList.optional(),
      }),
    )
    .min(1),
});

export interface CaseResult {
  readonly name: string;
  readonly result: RouteResult;
  /** Keys it must reach and did not. */
  readonly missing: string[];
  /** Keys it must not reach and did. */
  readonly unexpected: string[];
}

/** Every key a routing test can name: entry points, subscriptions, destinations, dead-letter targets. */
export function knownKeys(model: RoutingModel): Set<string> {
  const keys = new Set<string>();
  for (const [k, src] of model.eventGrid) {
    keys.add(k);
    for (const s of src.subscriptions) {
      keys.add(s.key);
      keys.add(s.destination.target);
      if (s.deadLetter) keys.add(s.deadLetter);
    }
  }
  for (const [k, e] of model.serviceBus) {
    keys.add(k);
    const receivers = e.kind === "topic" ? e.subscriptions : [e];
    for (const r of receivers) {
      keys.add(r.key);
      keys.add(deadLetterQueue(r.key));
    }
  }
  return keys;
}

function chainTo(s: Step, key: string): string[] | undefined {
  if (s.at === key && s.outcome !== "rejected") return [s.at];
  for (const n of s.next) {
    const c = chainTo(n, key);
    if (c) return [s.at, ...c];
  }
  return undefined;
}

function rejections(s: Step, out: string[] = []): string[] {
  if (s.outcome === "rejected" || s.outcome === "refused" || s.outcome === "dropped")
    out.push(`${s.at}: ${s.notes.join("; ")}`);
  s.next.forEach((n) => rejections(n, out));
  return out;
}

/**
 * Runs a routing-test file against a model. Throws RouteInputError (exit 2) for a malformed file, an unknown `to`,
 * a missing event file or a key that names nothing in the stack (a typo would otherwise pass silently).
 */
export function runRoutingTests(model: RoutingModel, file: string): CaseResult[] {
  let doc: unknown;
  try {
    doc = parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new RouteInputError(`${file}: ${(e as Error).message}`);
  }
  const parsed = routingTestSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(file)"}: ${i.message}`).join("\n");
    throw new RouteInputError(`${file}: not a routing-test file\n${issues}`);
  }
  const known = knownKeys(model);
  return parsed.data.events.map((c, i) => {
    const where = `${file}: events.${i} (${c.name})`;
    if ((c.event === undefined) === (c.file === undefined))
      throw new RouteInputError(`${where}: give exactly one of event, file`);
    for (const [field, keys] of [
      ["mustReach", c.mustReach],
      ["mustNotReach", c.mustNotReach],
    ] as const) {
      for (const k of keys ?? []) {
        if (!known.has(k))
          throw new RouteInputError(`${where}.${field}: ${k} is not a key of stack ${model.stack}'s routing`);
      }
    }
    let event = c.event;
    if (c.file !== undefined) {
      const f = path.resolve(path.dirname(file), c.file);
      try {
        event = JSON.parse(fs.readFileSync(f, "utf8"));
      } catch (e) {
        throw new RouteInputError(`${where}.file: ${(e as Error).message}`);
      }
    }
    const result = route(model, c.to, event, { failDelivery: c.failDelivery, expire: c.expire }, `${where}.event`);
    return {
      name: c.name,
      result,
      missing: (c.mustReach ?? []).filter((k) => !result.reached.includes(k)),
      unexpected: (c.mustNotReach ?? []).filter((k) => result.reached.includes(k)),
    };
  });
}

/** The readable report: one line per passing case, a diff with the reasons for a failing one. */
export function renderCheck(results: CaseResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.missing.length === 0 && r.unexpected.length === 0) {
      out.push(`✓ ${r.name}`);
      continue;
    }
    out.push(`✗ ${r.name} (sent to ${r.result.to})`);
    for (const k of r.missing) out.push(`    - must reach ${k}: not reached`);
    for (const k of r.unexpected)
      out.push(`    + must not reach ${k}: reached via ${chainTo(r.result.path, k)?.join(" -> ")}`);
    if (r.missing.length > 0) {
      const why = rejections(r.result.path);
      if (why.length > 0) out.push("    where it stopped:", ...why.map((w) => `      ${w}`));
    }
    out.push(`    reached: ${r.result.reached.join(", ") || "nothing"}`);
  }
  const failed = results.filter((r) => r.missing.length > 0 || r.unexpected.length > 0).length;
  out.push(
    failed === 0 ? `${results.length} routing test(s) passed` : `${failed} of ${results.length} routing test(s) failed`,
  );
  return out.join("\n");
}
