// Where a Service Bus message goes: topic subscriptions and their rules, rule actions, auto-forwarding chains and
// dead-letter queues.
// Sources:
//   TF   https://learn.microsoft.com/azure/service-bus-messaging/topic-filters (rules without actions are ORed into one
//        copy; each matching rule with an action makes a copy carrying a `RuleName` property; the `$Default` rule is a
//        TrueFilter; correlation filters are exact matches on system and application properties, all ANDed)
//   AF   https://learn.microsoft.com/azure/service-bus-messaging/service-bus-auto-forwarding (forwardTo,
//        forwardDeadLetteredMessagesTo)
//   DLQ  https://learn.microsoft.com/azure/service-bus-messaging/service-bus-dead-letter-queues (MaxDeliveryCountExceeded,
//        TTLExpiredException with deadLetteringOnMessageExpiration, filter evaluation exceptions with
//        deadLetteringOnFilterEvaluationExceptions; the dead-letter queue is `<entity>/$DeadLetterQueue`)

import { FilterEvaluationError, Message, applySqlAction, evaluateSqlFilter } from "./sqlEval";
import { describePosition, SqlSyntaxError } from "../../components/servicebus/sql";
import type {
  RoutingModel,
  ServiceBusReceiver,
  ServiceBusRule,
  ServiceBusSubscription,
  ServiceBusTopic,
} from "../types";
import { RouteOptions, Step, step } from "../trace";

/** Chains longer than this are cut (the Service Bus validator already refuses loops and chains over 4 hops). */
const MAX_DEPTH = 10;

export const deadLetterQueue = (key: string) => `${key}/$DeadLetterQueue`;

/** Correlation filter names of system properties (ARM `CorrelationFilter`) -> message model names. */
const correlationSystem: Readonly<Record<string, string>> = {
  correlationId: "correlationId",
  messageId: "messageId",
  to: "to",
  replyTo: "replyTo",
  label: "label",
  sessionId: "sessionId",
  replyToSessionId: "replyToSessionId",
  contentType: "contentType",
};

const show = (v: unknown) => (v === undefined ? "(not set)" : JSON.stringify(v));

interface RuleResult {
  readonly rule: ServiceBusRule;
  readonly matched: boolean;
  readonly reason: string;
  readonly error?: string;
}

function evaluateRule(rule: ServiceBusRule, msg: Message): RuleResult {
  const f = rule.filter;
  if (f.kind === "true") return { rule, matched: true, reason: "TrueFilter" };
  if (f.kind === "correlation") {
    // TF: every given property must equal the message's; ⚠️ values compare as exact, case-sensitive strings (ARM stores
    // correlation values as strings, so a number-typed application property does not equal them).
    for (const [k, want] of Object.entries(f.system)) {
      const got = msg.system[correlationSystem[k] ?? k];
      if (got !== want) return { rule, matched: false, reason: `${k} is ${show(got)}, the filter wants ${show(want)}` };
    }
    for (const [k, want] of Object.entries(f.properties)) {
      const got = msg.properties[k];
      if (got !== want)
        return { rule, matched: false, reason: `property ${k} is ${show(got)}, the filter wants ${show(want)}` };
    }
    const all = [...Object.entries(f.system), ...Object.entries(f.properties).map(([k, v]) => [`property ${k}`, v])];
    return { rule, matched: true, reason: `correlation ${all.map(([k, v]) => `${k} = ${show(v)}`).join(", ")}` };
  }
  try {
    const t = evaluateSqlFilter(f.expression, msg);
    return { rule, matched: t === "true", reason: `SQL ${JSON.stringify(f.expression)} is ${t}` };
  } catch (e) {
    if (e instanceof FilterEvaluationError || e instanceof SqlSyntaxError) {
      const where = e.offset > 0 ? ` at ${describePosition(f.expression, e.offset)}` : "";
      return {
        rule,
        matched: false,
        reason: `SQL ${JSON.stringify(f.expression)} throws`,
        error: `${e.message}${where}`,
      };
    }
    throw e;
  }
}

export class ServiceBusRouter {
  constructor(
    private readonly model: RoutingModel,
    private readonly options: RouteOptions,
  ) {}

  /** The path of a message sent to a queue or topic (config key path). */
  send(key: string, msg: Message, depth = 0): Step {
    const entity = this.model.serviceBus.get(key);
    if (!entity) return step(key, "endpoint", "received", ["outside the stack's Service Bus config: not followed"]);
    if (depth > MAX_DEPTH)
      return step(key, "serviceBusQueue", "dropped", [`forwarding chain longer than ${MAX_DEPTH} hops: stopped`]);
    if (entity.kind === "topic") return this.topic(entity, msg, depth);
    return this.receiver(entity, "serviceBusQueue", msg, depth, []);
  }

  private topic(topic: ServiceBusTopic, msg: Message, depth: number): Step {
    const subs = topic.subscriptions.map((s) => this.subscription(s, msg, depth));
    const notes = topic.subscriptions.length === 0 ? ["no subscriptions: the message is accepted and dropped"] : [];
    return step(topic.key, "serviceBusTopic", "received", notes, subs);
  }

  private subscription(sub: ServiceBusSubscription, msg: Message, depth: number): Step {
    const results = sub.rules.map((r) => evaluateRule(r, msg));
    const failed = results.find((r) => r.error !== undefined);
    if (failed) {
      // DLQ: a rule whose evaluation throws dead-letters the message (when the subscription says so) or drops it.
      const notes = [`rule ${failed.rule.name}: ${failed.reason}: ${failed.error}`];
      if (!sub.deadLetteringOnFilterEvaluationExceptions) {
        return step(sub.key, "serviceBusSubscription", "rejected", [
          ...notes,
          "deadLetteringOnFilterEvaluationExceptions is off: the message is discarded for this subscription",
        ]);
      }
      return step(sub.key, "serviceBusSubscription", "matched", notes, [
        this.deadLetter(sub, msg, "FilterEvaluationException", depth),
      ]);
    }
    const matched = results.filter((r) => r.matched);
    if (matched.length === 0) {
      const notes =
        results.length === 0
          ? ["no rules (the $Default rule was removed): receives nothing"]
          : results.map((r) => `rule ${r.rule.name} rejects: ${r.reason}`);
      return step(sub.key, "serviceBusSubscription", "rejected", notes);
    }
    // TF: rules without actions make one copy between them; each rule with an action makes its own copy.
    const copies: { rules: string[]; msg: Message; action?: string }[] = [];
    const plain = matched.filter((r) => r.rule.action === undefined);
    if (plain.length > 0) copies.push({ rules: plain.map((r) => r.rule.name), msg });
    const notes: string[] = matched.map((r) => `rule ${r.rule.name} matches: ${r.reason}`);
    for (const r of matched.filter((x) => x.rule.action !== undefined)) {
      try {
        const acted = applySqlAction(r.rule.action!, msg);
        copies.push({
          rules: [r.rule.name],
          msg: { ...acted, properties: { ...acted.properties, RuleName: r.rule.name } },
          action: r.rule.action,
        });
      } catch (e) {
        if (!(e instanceof FilterEvaluationError)) throw e;
        notes.push(`rule ${r.rule.name}: action ${JSON.stringify(r.rule.action)} throws: ${e.message}`);
        return step(sub.key, "serviceBusSubscription", "matched", notes, [
          this.deadLetter(sub, msg, "FilterEvaluationException (rule action)", depth),
        ]);
      }
    }
    const received = copies.map((c) =>
      this.receiver(sub, "serviceBusSubscription", c.msg, depth, [
        ...(copies.length > 1 ? [`copy for rule${c.rules.length > 1 ? "s" : ""} ${c.rules.join(", ")}`] : []),
        ...(c.action ? [`action ${JSON.stringify(c.action)} -> properties ${JSON.stringify(c.msg.properties)}`] : []),
      ]),
    );
    if (received.length === 1) {
      const only = received[0];
      return {
        ...only,
        outcome: only.outcome === "forwarded" ? "forwarded" : "matched",
        notes: [...notes, ...only.notes],
      };
    }
    // TF: one copy per rule with an action, plus one for the rules without.
    notes.push(`${received.length} copies of the message on this subscription`);
    return step(sub.key, "serviceBusSubscription", "matched", notes, received);
  }

  /** A queue or a matched subscription: forwarded on, or received (and possibly dead-lettered). */
  private receiver(r: ServiceBusReceiver, kind: Step["kind"], msg: Message, depth: number, notes: string[]): Step {
    if (r.forwardTo) {
      // AF: auto-forwarding moves the message on as soon as it arrives; receive-side settings apply at the end.
      return step(
        r.key,
        kind,
        "forwarded",
        [...notes, `auto-forwards to ${r.forwardTo}`],
        [this.send(r.forwardTo, msg, depth + 1)],
      );
    }
    if (this.options.expire) {
      if (!r.deadLetteringOnMessageExpiration) {
        return step(
          r.key,
          kind,
          "received",
          [...notes, "expires: deadLetteringOnMessageExpiration is off, so it is discarded"],
          [step("(discarded)", "endpoint", "dropped", ["TTLExpiredException without dead-lettering"])],
        );
      }
      return step(r.key, kind, "received", notes, [this.deadLetter(r, msg, "TTLExpiredException", depth)]);
    }
    if (this.options.failDelivery) {
      return step(
        r.key,
        kind,
        "received",
        [...notes, `delivered ${r.maxDeliveryCount} times, abandoned each time`],
        [this.deadLetter(r, msg, "MaxDeliveryCountExceeded", depth)],
      );
    }
    const sessions = r.requiresSession
      ? [
          msg.system.sessionId === undefined
            ? "sessions on: a message without SessionId is refused by the sender"
            : `session ${show(msg.system.sessionId)}`,
        ]
      : [];
    return step(r.key, kind, "received", [
      ...notes,
      ...sessions,
      `delivered to its receivers (dead-letters to ${deadLetterQueue(r.key)} after ${r.maxDeliveryCount} deliveries${r.deadLetteringOnMessageExpiration ? " or on expiry" : ""})`,
    ]);
  }

  private deadLetter(r: ServiceBusReceiver, msg: Message, reason: string, depth: number): Step {
    const dlq = deadLetterQueue(r.key);
    if (r.forwardDeadLetteredMessagesTo) {
      return step(
        dlq,
        "deadLetter",
        "forwarded",
        [`DeadLetterReason ${reason}`, `auto-forwards to ${r.forwardDeadLetteredMessagesTo}`],
        [this.send(r.forwardDeadLetteredMessagesTo, msg, depth + 1)],
      );
    }
    return step(dlq, "deadLetter", "received", [`DeadLetterReason ${reason}`]);
  }
}
