// Where an Event Grid event goes: each subscription's filters, the delivery schema, the destination (followed into
// Service Bus when the destination is a queue or topic of the stack) and the dead-letter container.
// Sources:
//   EGR  https://learn.microsoft.com/azure/event-grid/delivery-and-retry (retries up to maxDeliveryAttempts within the
//        event TTL, then the event is dead-lettered, or dropped when no dead-letter destination is set)
//   EGSB https://learn.microsoft.com/azure/event-grid/handler-service-bus (one brokered message per event; MessageId is
//        the event id; application properties aeg-subscription-name, aeg-delivery-count, aeg-event-type,
//        aeg-metadata-version, aeg-data-version)
//   EGDP https://learn.microsoft.com/azure/event-grid/delivery-properties (static and dynamic delivery properties;
//        for Service Bus, MessageId, PartitionKey, SessionId, CorrelationId, Label, ReplyTo, ReplyToSessionId, To and
//        ViaPartitionKey set the message's system properties, other names become application properties; dynamic
//        values only from string, number and boolean event fields)

import type { DeliveryProperty, EventGridSource, EventGridSubscription, RoutingModel } from "../types";
import type { Message } from "../servicebus/sqlEval";
import { ServiceBusRouter } from "../servicebus/route";
import { RouteOptions, Step, step } from "../trace";
import { evaluateFilter } from "./filters";
import {
  compatibleDelivery,
  defaultDelivery,
  EventEnvelope,
  label,
  lookupKey,
  readEvent,
  toDeliverySchema,
} from "./schema";

/** EGDP: delivery property names that set Service Bus system properties (compared case-insensitively). */
const serviceBusSystemProperties: Readonly<Record<string, string>> = {
  messageid: "messageId",
  partitionkey: "partitionKey",
  sessionid: "sessionId",
  correlationid: "correlationId",
  label: "label",
  replyto: "replyTo",
  replytosessionid: "replyToSessionId",
  to: "to",
  viapartitionkey: "viaPartitionKey",
};

function deliveryValue(p: DeliveryProperty, event: EventEnvelope): unknown {
  if ("value" in p) return p.value;
  const found = lookupKey(event, p.sourceField);
  const v = found.value;
  // EGDP: only string, number and boolean values are supported; anything else leaves the property unset.
  return found.present && (typeof v === "string" || typeof v === "number" || typeof v === "boolean") ? v : undefined;
}

/** The brokered message Event Grid sends to a Service Bus queue or topic for one event (EGSB, EGDP). */
export function eventToMessage(
  event: EventEnvelope,
  delivered: Record<string, unknown>,
  sub: EventGridSubscription,
  props: Readonly<Record<string, DeliveryProperty>> = {},
): Message {
  const system: Record<string, unknown> = { messageId: event.raw.id };
  const properties: Record<string, unknown> = {
    "aeg-subscription-name": sub.name,
    "aeg-delivery-count": 0, // the first attempt
    "aeg-event-type": "Notification",
    "aeg-metadata-version": event.schema === "CloudEventSchemaV1_0" ? "1.0" : "1",
  };
  if (typeof event.raw.dataVersion === "string") properties["aeg-data-version"] = event.raw.dataVersion;
  for (const [name, p] of Object.entries(props)) {
    const v = deliveryValue(p, event);
    if (v === undefined) continue;
    const sys = serviceBusSystemProperties[name.toLowerCase()];
    if (sys) system[sys] = String(v);
    else properties[name] = v;
  }
  return { system, properties, body: delivered };
}

export class EventGridRouter {
  private readonly serviceBus: ServiceBusRouter;
  constructor(
    private readonly model: RoutingModel,
    private readonly options: RouteOptions,
  ) {
    this.serviceBus = new ServiceBusRouter(model, options);
  }

  /** The path of an event published to a topic, domain topic, system topic or partner topic (config key path). */
  publish(key: string, event: unknown): Step {
    const source = this.model.eventGrid.get(key)!;
    const read = readEvent(event, source.inputSchema);
    if ("rejected" in read) return step(key, "eventGridTopic", "refused", [read.rejected]);
    const notes = [`input schema: ${label(source.inputSchema)}`];
    if (source.subscriptions.length === 0) notes.push("no event subscriptions: the event is accepted and dropped");
    return step(
      key,
      "eventGridTopic",
      "received",
      notes,
      source.subscriptions.map((s) => this.subscription(source, s, read)),
    );
  }

  private subscription(source: EventGridSource, sub: EventGridSubscription, event: EventEnvelope): Step {
    const verdict = evaluateFilter(sub.filter, event);
    if (!verdict.matched) {
      const r = verdict.rejectedBy!;
      return step(sub.key, "eventGridSubscription", "rejected", [`rejected by ${r.filter}: ${r.reason}`]);
    }
    const delivery = sub.deliverySchema ?? defaultDelivery[source.inputSchema];
    const notes = [
      verdict.checked.length > 0 ? `matched: ${verdict.checked.join(", ")}` : "matched: no filters (every event)",
      `delivery schema: ${label(delivery)}`,
    ];
    if (!compatibleDelivery[source.inputSchema].includes(delivery)) {
      notes.push(
        `⚠ the ${label(source.inputSchema)} cannot be delivered as ${label(delivery)}: Azure refuses this subscription`,
      );
    }
    // EGR: retries stop at maxDeliveryAttempts or when the TTL runs out on the retry schedule, whichever is first.
    const attempts = Math.min(sub.maxDeliveryAttempts, sub.attemptsWithinTtl);
    const limit = `${attempts} attempt(s) (maxDeliveryAttempts ${sub.maxDeliveryAttempts}, ${sub.attemptsWithinTtl} fit in the ${sub.eventTtlMinutes}-min TTL)`;
    const deadLetter = sub.deadLetter
      ? `dead-letters to ${sub.deadLetter} after ${limit}`
      : `no dead-letter destination: undeliverable events are dropped after ${limit}`;
    if (this.options.failDelivery) {
      notes.push(`every delivery to ${sub.destination.target} fails`);
      const end = sub.deadLetter
        ? step(sub.deadLetter, "deadLetter", "received", [`after ${limit} (EGR)`])
        : step("(discarded)", "endpoint", "dropped", [`no dead-letter destination: dropped after ${limit} (EGR)`]);
      return step(sub.key, "eventGridSubscription", "matched", notes, [end]);
    }
    notes.push(deadLetter);
    const delivered = toDeliverySchema(event, delivery, source.key);
    const d = sub.destination;
    let next: Step;
    if ((d.kind === "serviceBusQueue" || d.kind === "serviceBusTopic") && d.inStack) {
      const msg = eventToMessage(event, delivered, sub, d.deliveryProperties);
      const sent = this.serviceBus.send(d.target, msg);
      const sys = Object.entries(msg.system)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(", ");
      next = { ...sent, notes: [`as a Service Bus message (${sys})`, ...sent.notes] };
    } else {
      next = step(d.target, "endpoint", "received", [`${d.kind}${d.inStack ? "" : " (outside the stack)"}`]);
    }
    return step(sub.key, "eventGridSubscription", "matched", notes, [next]);
  }
}
