// Entry point of the evaluators: route one event or message, sent to a config key path, through a routing model.

import { systemProperties, systemProperty } from "../components/servicebus/sql";
import { EventGridRouter } from "./eventgrid/route";
import type { Message } from "./servicebus/sqlEval";
import { ServiceBusRouter } from "./servicebus/route";
import { reachedKeys, RouteOptions, Step } from "./trace";
import type { RoutingModel } from "./types";

/** Bad input to the router (unknown key, malformed message): the CLI exits 2 with it. */
export class RouteInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RouteInputError";
  }
}

export interface RouteResult {
  readonly to: string;
  /** A short name of the event: its id, type or subject. */
  readonly event: string;
  readonly path: Step;
  /** Config key paths (or outside targets) the event reached, in path order. */
  readonly reached: string[];
}

const userPropertyKeys = ["properties", "applicationProperties", "userProperties"];

/**
 * A Service Bus message from JSON: broker properties at the top level by name (`messageId`, `label` or `subject`,
 * `sessionId`, `correlationId`, `to`, `replyTo`, `contentType`, ...), application properties under `properties`
 * (or `applicationProperties` / `userProperties`), and an optional `body`.
 */
export function readMessage(json: unknown, where: string): Message {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new RouteInputError(`${where}: a Service Bus message must be a JSON object`);
  }
  const system: Record<string, unknown> = {};
  let properties: Record<string, unknown> = {};
  let body: unknown;
  for (const [k, v] of Object.entries(json)) {
    if (userPropertyKeys.includes(k)) {
      if (typeof v !== "object" || v === null || Array.isArray(v))
        throw new RouteInputError(`${where}.${k}: must be an object of application properties`);
      properties = { ...properties, ...(v as Record<string, unknown>) };
    } else if (k === "body") body = v;
    else {
      const sys = systemProperty(k);
      if (!sys) {
        throw new RouteInputError(
          `${where}.${k}: is not a Service Bus message property; put application properties under "properties" (system properties: ${Object.keys(systemProperties).join(", ")})`,
        );
      }
      system[systemProperties[sys]] = v;
    }
  }
  return { system, properties, body };
}

function eventName(e: unknown): string {
  if (typeof e !== "object" || e === null) return String(e);
  const o = e as Record<string, unknown>;
  const first = [o.id, o.messageId, o.MessageId, o.type, o.eventType, o.label, o.subject].find(
    (x) => typeof x === "string",
  );
  return typeof first === "string" ? first : JSON.stringify(e).slice(0, 60);
}

/** The config key paths an event or message can be sent to. */
export function entryPoints(model: RoutingModel): string[] {
  return [...model.eventGrid.keys(), ...[...model.serviceBus.keys()]];
}

/** Routes one event (Event Grid key) or message (Service Bus queue or topic key). */
export function route(
  model: RoutingModel,
  to: string,
  event: unknown,
  options: RouteOptions = {},
  where = "event",
): RouteResult {
  let path: Step;
  if (model.eventGrid.has(to)) {
    path = new EventGridRouter(model, options).publish(to, event);
  } else if (model.serviceBus.has(to)) {
    path = new ServiceBusRouter(model, options).send(to, readMessage(event, where));
  } else {
    const known = entryPoints(model);
    throw new RouteInputError(
      `--to ${to}: is not an Event Grid topic or a Service Bus queue or topic of stack ${model.stack}; known: ${known.length > 0 ? known.join(", ") : "(none)"}`,
    );
  }
  return { to, event: eventName(event), path, reached: reachedKeys(path) };
}
