// The path an event or message takes, as a tree of steps: what the CLI prints and what routing tests compare.

export type StepKind =
  | "eventGridTopic"
  | "eventGridSubscription"
  | "serviceBusQueue"
  | "serviceBusTopic"
  | "serviceBusSubscription"
  | "deadLetter"
  | "endpoint";

export type Outcome =
  /** Reached this entity (a topic, a queue, a destination). */
  | "received"
  /** A subscription whose filters matched. */
  | "matched"
  /** A subscription whose filters did not match (the event does not go on from here). */
  | "rejected"
  /** Moved on automatically (Service Bus auto-forwarding). */
  | "forwarded"
  /** Refused before routing (an event not in the topic's input schema). */
  | "refused"
  /** Lost: expired or undeliverable with no dead-letter target. */
  | "dropped";

export interface Step {
  /** Config key path of the entity, or its ARM id / URL when it is outside the stack. */
  readonly at: string;
  readonly kind: StepKind;
  readonly outcome: Outcome;
  /** Human-readable facts about this step (filter results, schema, actions applied, dead-letter target). */
  readonly notes: string[];
  readonly next: Step[];
}

export interface RouteOptions {
  /** Every delivery attempt fails (Event Grid: retries exhausted; Service Bus: the receiver abandons each time). */
  readonly failDelivery?: boolean;
  /** The message expires before anyone receives it (Service Bus time-to-live). */
  readonly expire?: boolean;
}

export const step = (at: string, kind: StepKind, outcome: Outcome, notes: string[] = [], next: Step[] = []): Step => ({
  at,
  kind,
  outcome,
  notes,
  next,
});

/** Every entity the event reached (steps with outcome received, matched or forwarded), in path order, once each. */
export function reachedKeys(root: Step): string[] {
  const out: string[] = [];
  const walk = (s: Step) => {
    if (s.outcome !== "rejected" && s.outcome !== "refused" && s.outcome !== "dropped" && !out.includes(s.at))
      out.push(s.at);
    s.next.forEach(walk);
  };
  walk(root);
  return out;
}
