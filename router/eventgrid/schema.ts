// Event Grid event envelopes: recognising the schema an event is in, reading filter keys from it, and converting it
// to the schema a subscription delivers in.
// Sources:
//   EGS  https://learn.microsoft.com/azure/event-grid/event-schema (Event Grid schema: id, topic, subject, eventType,
//        eventTime, data, dataVersion, metadataVersion)
//   CES  https://learn.microsoft.com/azure/event-grid/cloud-event-schema (CloudEvents 1.0: specversion, type, source,
//        id, time, subject, dataschema, datacontenttype, data, extension attributes)
//   EGC  https://learn.microsoft.com/azure/event-grid/event-schema-compatibility (Event Grid input -> Event Grid or
//        CloudEvents delivery; CloudEvents input -> CloudEvents only; custom input -> any)
//   EGF  https://learn.microsoft.com/azure/event-grid/event-filtering ("Key": the envelope names and data.* per schema)

import type { DeliverySchema, InputSchema } from "../types";

export type EventSchema = "EventGridSchema" | "CloudEventSchemaV1_0" | "CustomEventSchema";

export interface EventEnvelope {
  readonly schema: EventSchema;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly eventType?: string;
  readonly subject?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Which schema a published event is written in: `specversion` marks CloudEvents, `eventType` the Event Grid schema. */
export function detectSchema(event: Record<string, unknown>): EventSchema | undefined {
  if ("specversion" in event) return "CloudEventSchemaV1_0";
  if ("eventType" in event) return "EventGridSchema";
  return undefined;
}

/**
 * Reads an event as a topic with `inputSchema` receives it. Returns the reason Event Grid would refuse it at publish
 * (an event not in the topic's input schema is rejected; EGC) instead of an envelope.
 */
export function readEvent(event: unknown, inputSchema: InputSchema): EventEnvelope | { rejected: string } {
  if (!isObject(event)) return { rejected: "is not a JSON object" };
  const found = detectSchema(event);
  if (inputSchema === "CustomEventSchema") {
    // Custom input: the mapping onto eventType/subject is not modelled; the fields are read as they are.
    return {
      schema: "CustomEventSchema",
      raw: event,
      eventType: str(event.eventType ?? event.type),
      subject: str(event.subject),
    };
  }
  if (found !== inputSchema) {
    const what = found === undefined ? "in neither schema (no specversion, no eventType)" : `in the ${label(found)}`;
    return {
      rejected: `the topic's input schema is the ${label(inputSchema)}; this event is ${what}, so Event Grid refuses it at publish (EGC)`,
    };
  }
  if (found === "CloudEventSchemaV1_0") {
    for (const f of ["id", "source", "type"]) {
      if (typeof event[f] !== "string" || event[f] === "") return { rejected: `CloudEvents 1.0 requires '${f}' (CES)` };
    }
    return { schema: found, raw: event, eventType: str(event.type), subject: str(event.subject) };
  }
  for (const f of ["id", "eventType", "subject", "eventTime"]) {
    if (typeof event[f] !== "string") return { rejected: `the Event Grid schema requires '${f}' (EGS)` };
  }
  return { schema: found, raw: event, eventType: str(event.eventType), subject: str(event.subject) };
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
export const label = (s: EventSchema | DeliverySchema) =>
  s === "EventGridSchema"
    ? "Event Grid schema"
    : s === "CloudEventSchemaV1_0"
      ? "CloudEvents 1.0 schema"
      : "custom schema";

/**
 * Filter keys that name envelope fields, per schema (EGF "Key"). The docs list the CloudEvents 0.1 names (eventid,
 * eventtype, eventtypeversion) next to the 1.0 attributes; both resolve to the 1.0 attribute.
 */
const envelopeAliases: Record<EventSchema, Record<string, string>> = {
  EventGridSchema: {},
  CloudEventSchemaV1_0: { eventid: "id", eventtype: "type", eventtypeversion: "dataschema" },
  CustomEventSchema: {},
};

/**
 * The value at a filter key. The first segment (an envelope field, `data`, or a CloudEvents extension attribute)
 * is matched case-insensitively, as EGF's examples write `Data.Key1`, `Subject` and `subject` alike.
 * ⚠️ Names inside `data` are matched exactly (EGF does not say; JSON names are case-sensitive).
 */
export function lookupKey(event: EventEnvelope, key: string): { present: boolean; value?: unknown } {
  const [first, ...rest] = key.split(".");
  const alias = envelopeAliases[event.schema][first.toLowerCase()] ?? first;
  const top = Object.keys(event.raw).find((k) => k.toLowerCase() === alias.toLowerCase());
  if (top === undefined) return { present: false };
  let cur: unknown = event.raw[top];
  for (const seg of rest) {
    if (!isObject(cur) || !(seg in cur)) return { present: false };
    cur = cur[seg];
  }
  return { present: true, value: cur };
}

/** EGC: the delivery schema each input schema can be converted to. */
export const compatibleDelivery: Readonly<Record<InputSchema, readonly DeliverySchema[]>> = {
  EventGridSchema: ["EventGridSchema", "CloudEventSchemaV1_0"],
  CloudEventSchemaV1_0: ["CloudEventSchemaV1_0"],
  CustomEventSchema: ["EventGridSchema", "CloudEventSchemaV1_0", "CustomInputSchema"],
};

/** The delivery schema when a subscription sets none: the input schema's own (custom input: delivered as is). */
export const defaultDelivery: Readonly<Record<InputSchema, DeliverySchema>> = {
  EventGridSchema: "EventGridSchema",
  CloudEventSchemaV1_0: "CloudEventSchemaV1_0",
  CustomEventSchema: "CustomInputSchema",
};

/**
 * The event as the subscriber receives it. Event Grid -> CloudEvents (CES, "Azure Event Grid schema to CloudEvents"):
 * id -> id, topic -> source, subject -> subject, eventType -> type, eventTime -> time, data -> data,
 * specversion "1.0". ⚠️ dataVersion has no CloudEvents attribute in the docs; it is carried as `dataschema` when set.
 */
export function toDeliverySchema(
  event: EventEnvelope,
  delivery: DeliverySchema,
  topic: string,
): Record<string, unknown> {
  const e = event.raw;
  if (delivery === "CustomInputSchema" || event.schema === "CustomEventSchema" || event.schema === schemaOf(delivery)) {
    // Event Grid fills `topic` with the topic's resource path on Event Grid schema events (EGS).
    return event.schema === "EventGridSchema" && e.topic === undefined ? { ...e, topic } : { ...e };
  }
  if (event.schema === "EventGridSchema" && delivery === "CloudEventSchemaV1_0") {
    const out: Record<string, unknown> = {
      specversion: "1.0",
      id: e.id,
      source: e.topic ?? topic,
      type: e.eventType,
      subject: e.subject,
      time: e.eventTime,
      data: e.data,
    };
    if (typeof e.dataVersion === "string" && e.dataVersion !== "") out.dataschema = e.dataVersion;
    return out;
  }
  // CloudEvents -> Event Grid is not a conversion Event Grid offers (EGC); the subscription validator refuses it.
  return { ...e };
}

const schemaOf = (d: DeliverySchema): EventSchema | undefined =>
  d === "EventGridSchema" ? "EventGridSchema" : d === "CloudEventSchemaV1_0" ? "CloudEventSchemaV1_0" : undefined;
