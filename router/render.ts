// Text output of the router: the path of each event as an indented tree.

import type { RouteResult } from "./route";
import type { Step } from "./trace";

const mark: Record<Step["outcome"], string> = {
  received: "->",
  matched: "✓",
  rejected: "✗",
  forwarded: "=>",
  refused: "✗",
  dropped: "✗",
};

const kindLabel: Record<Step["kind"], string> = {
  eventGridTopic: "Event Grid",
  eventGridSubscription: "event subscription",
  serviceBusQueue: "queue",
  serviceBusTopic: "topic",
  serviceBusSubscription: "subscription",
  deadLetter: "dead-letter",
  endpoint: "destination",
};

function renderStep(s: Step, indent: string, out: string[]): void {
  const outcome = s.outcome === "received" ? "" : ` [${s.outcome}]`;
  out.push(`${indent}${mark[s.outcome]} ${s.at} (${kindLabel[s.kind]})${outcome}`);
  for (const n of s.notes) out.push(`${indent}     ${n}`);
  for (const c of s.next) renderStep(c, `${indent}   `, out);
}

export function renderResult(r: RouteResult): string {
  const out = [`Event ${r.event} sent to ${r.to}:`];
  renderStep(r.path, "  ", out);
  out.push(`  reaches: ${r.reached.length > 0 ? r.reached.join(", ") : "nothing"}`);
  return out.join("\n");
}
