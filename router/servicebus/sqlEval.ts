// Evaluates Service Bus SQL filters and rule actions on a message, with the semantics Service Bus documents.
// Sources:
//   SQF  https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter ("Property evaluation
//        semantics": unknown for missing user properties, AND/OR truth tables, IS NULL, IN/LIKE with unknown;
//        "Considerations": property names case-insensitive, C# operator binding and implicit conversions;
//        integer constants are Int64, decimal and scientific constants Double; LIKE wildcards % and _ with ESCAPE)
//   SQA  https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-rule-action (SET, REMOVE)
// The parser is components/servicebus/sql (the one the config check uses).

import { randomUUID } from "crypto";
import { parseSqlAction, parseSqlFilter, systemProperties, systemProperty } from "../../components/servicebus/sql";
import type { Action, Node, PropertyRef } from "../../components/servicebus/sql";

/** A Service Bus message: broker (system) properties by camelCase name, application (user) properties, body. */
export interface Message {
  readonly system: Record<string, unknown>;
  readonly properties: Record<string, unknown>;
  readonly body?: unknown;
}

/** A filter evaluation exception (SQF: "throws a FilterException"): the message goes to the dead-letter queue. */
export class FilterEvaluationError extends Error {
  constructor(
    message: string,
    public readonly offset: number,
  ) {
    super(message);
    this.name = "FilterEvaluationError";
  }
}

const UNKNOWN = Symbol("unknown");
type Value =
  | { t: "string"; v: string }
  | { t: "long" | "double"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "null" }
  | typeof UNKNOWN;
type Truth = true | false | typeof UNKNOWN;

function fromJson(v: unknown): Value {
  if (v === undefined) return UNKNOWN;
  if (v === null) return { t: "null" };
  if (typeof v === "string") return { t: "string", v };
  if (typeof v === "boolean") return { t: "bool", v };
  if (typeof v === "number") return { t: Number.isInteger(v) ? "long" : "double", v };
  // Objects and arrays are not property types Service Bus carries in application properties.
  return { t: "string", v: JSON.stringify(v) };
}

function toJson(v: Value): unknown {
  if (v === UNKNOWN || v.t === "null") return null;
  return v.v;
}

/** Case-insensitive user property lookup (SQF: property names are case-insensitive). */
function userKey(props: Record<string, unknown>, name: string): string | undefined {
  return Object.keys(props).find((k) => k.toLowerCase() === name.toLowerCase());
}

function readProperty(msg: Message, scope: "sys" | "user", name: string): Value {
  if (scope === "sys") {
    const canonical = systemProperty(name);
    if (canonical === undefined) throw new FilterEvaluationError(`sys.${name} is not a system property`, 0);
    // A system property that is not set on this message reads as null (it exists on every message).
    const v = msg.system[systemProperties[canonical]];
    return v === undefined ? { t: "null" } : fromJson(v);
  }
  const k = userKey(msg.properties, name);
  return k === undefined ? UNKNOWN : fromJson(msg.properties[k]);
}

const typeName = (v: Value) => (v === UNKNOWN ? "unknown" : v.t === "bool" ? "boolean" : v.t);
const isNum = (v: Value): v is { t: "long" | "double"; v: number } =>
  v !== UNKNOWN && (v.t === "long" || v.t === "double");

class Evaluator {
  constructor(private readonly msg: Message) {}

  value(n: Node): Value {
    switch (n.kind) {
      case "constant":
        if (n.type === "null") return { t: "null" };
        if (n.type === "boolean") return { t: "bool", v: n.value };
        if (n.type === "string") return { t: "string", v: n.value };
        return { t: n.type, v: n.value };
      case "property":
        return readProperty(this.msg, n.scope, n.name);
      case "newid":
        return { t: "string", v: randomUUID() };
      case "propertyFn": {
        const name = this.value(n.name);
        if (name === UNKNOWN || name.t !== "string")
          throw new FilterEvaluationError("property(name) needs a string name", n.offset);
        const m = /^(sys|user)\.(.+)$/i.exec(name.v);
        return m
          ? readProperty(this.msg, m[1].toLowerCase() as "sys" | "user", m[2])
          : readProperty(this.msg, "user", name.v);
      }
      case "unary": {
        const v = this.value(n.operand);
        if (v === UNKNOWN || v.t === "null") return v; // SQF: unknown in, unknown out
        if (!isNum(v)) throw new FilterEvaluationError(`unary ${n.op} on a ${typeName(v)}`, n.offset);
        return n.op === "-" ? { t: v.t, v: -v.v } : v;
      }
      case "arithmetic":
        return this.arithmetic(n.op, this.value(n.left), this.value(n.right), n.offset);
      default: {
        const t = this.truth(n);
        return t === UNKNOWN ? UNKNOWN : { t: "bool", v: t };
      }
    }
  }

  private arithmetic(op: string, a: Value, b: Value, offset: number): Value {
    if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
    if (a.t === "null" || b.t === "null") return { t: "null" };
    // C# binding (SQF): string + anything concatenates; numbers promote long -> double; nothing else is defined.
    if (op === "+" && (a.t === "string" || b.t === "string")) return { t: "string", v: `${toJson(a)}${toJson(b)}` };
    if (!isNum(a) || !isNum(b)) {
      throw new FilterEvaluationError(`'${op}' is not defined for ${typeName(a)} and ${typeName(b)}`, offset);
    }
    const t = a.t === "long" && b.t === "long" ? "long" : "double";
    if ((op === "/" || op === "%") && t === "long" && b.v === 0) {
      throw new FilterEvaluationError("integer division by zero", offset);
    }
    const r =
      op === "+" ? a.v + b.v : op === "-" ? a.v - b.v : op === "*" ? a.v * b.v : op === "/" ? a.v / b.v : a.v % b.v;
    return { t, v: t === "long" ? Math.trunc(r) : r };
  }

  /** =, <>, <, ... with C# binding: numbers with numbers, strings with strings, booleans with = and <> only. */
  private compare(op: string, a: Value, b: Value, offset: number): Truth {
    if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
    // ⚠️ SQF does not define comparisons with NULL; as in SQL-92 they are unknown (use IS [NOT] NULL).
    if (a.t === "null" || b.t === "null") return UNKNOWN;
    let c: number;
    if (isNum(a) && isNum(b)) c = a.v === b.v ? 0 : a.v < b.v ? -1 : 1;
    else if (a.t === "string" && b.t === "string")
      c = a.v === b.v ? 0 : a.v < b.v ? -1 : 1; // ordinal
    else if (a.t === "bool" && b.t === "bool" && (op === "=" || op === "<>" || op === "!=")) c = a.v === b.v ? 0 : 1;
    else {
      // ⚠️ C# has no implicit conversion between these types, so the broker's evaluation throws.
      throw new FilterEvaluationError(`cannot compare a ${typeName(a)} with a ${typeName(b)} using '${op}'`, offset);
    }
    switch (op) {
      case "=":
        return c === 0;
      case "<>":
      case "!=":
        return c !== 0;
      case ">":
        return c > 0;
      case ">=":
        return c >= 0;
      case "<":
        return c < 0;
      default:
        return c <= 0;
    }
  }

  private like(n: Extract<Node, { kind: "like" }>): Truth {
    const v = this.value(n.operand);
    const p = this.value(n.pattern);
    const e = n.escape ? this.value(n.escape) : undefined;
    if (v === UNKNOWN || p === UNKNOWN || e === UNKNOWN) return UNKNOWN; // SQF
    if (v.t === "null" || p.t === "null") return UNKNOWN;
    if (v.t !== "string" || p.t !== "string") {
      throw new FilterEvaluationError(`LIKE needs strings, found ${typeName(v)} LIKE ${typeName(p)}`, n.offset);
    }
    if (e !== undefined && (e.t !== "string" || e.v.length !== 1)) {
      throw new FilterEvaluationError("the ESCAPE character must be a string of length 1", n.offset);
    }
    const esc = e?.t === "string" ? e.v : undefined;
    let re = "";
    for (let i = 0; i < p.v.length; i++) {
      const ch = p.v[i];
      if (esc !== undefined && ch === esc && i + 1 < p.v.length) re += p.v[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      else if (ch === "%") re += "[\\s\\S]*";
      else if (ch === "_") re += "[\\s\\S]";
      else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    // ⚠️ SQF does not state LIKE's case rule; ordinal (case-sensitive) like the other string comparisons.
    const m = new RegExp(`^${re}$`).test(v.v);
    return n.negated ? !m : m;
  }

  truth(n: Node): Truth {
    switch (n.kind) {
      case "and": {
        const a = this.truth(n.left);
        if (a === false) return false;
        const b = this.truth(n.right);
        return b === false ? false : a === true && b === true ? true : UNKNOWN;
      }
      case "or": {
        const a = this.truth(n.left);
        if (a === true) return true;
        const b = this.truth(n.right);
        return b === true ? true : a === false && b === false ? false : UNKNOWN;
      }
      case "not": {
        const a = this.truth(n.operand);
        return a === UNKNOWN ? UNKNOWN : !a;
      }
      case "compare":
        return this.compare(n.op, this.value(n.left), this.value(n.right), n.offset);
      case "isNull": {
        const v = this.value(n.property);
        const isNull = v === UNKNOWN || v.t === "null"; // SQF: missing or null
        return n.negated ? !isNull : isNull;
      }
      case "exists": {
        const p = n.property;
        const present =
          p.scope === "user"
            ? userKey(this.msg.properties, p.name) !== undefined
            : this.msg.system[systemProperties[systemProperty(p.name)!]] !== undefined;
        return present;
      }
      case "in": {
        const v = this.value(n.operand);
        if (v === UNKNOWN) return UNKNOWN; // SQF: unknown left operand
        if (v.t === "null") return UNKNOWN;
        // ⚠️ A list value of another type never equals the operand (no exception for IN).
        const hit = n.list.some((x) => {
          const w = this.value(x);
          return (
            w !== UNKNOWN &&
            w.t !== "null" &&
            (isNum(v) && isNum(w) ? v.v === w.v : w.t === v.t && toJson(w) === toJson(v))
          );
        });
        return n.negated ? !hit : hit;
      }
      case "like":
        return this.like(n);
      case "constant":
        if (n.type === "boolean") return n.value;
        return UNKNOWN;
      default: {
        const v = this.value(n);
        if (v === UNKNOWN) return UNKNOWN;
        if (v.t === "bool") return v.v;
        throw new FilterEvaluationError(`a ${typeName(v)} is not a condition`, n.offset);
      }
    }
  }
}

/** The filter's truth value on the message. Throws FilterEvaluationError on an evaluation error. */
export function evaluateSqlFilter(expression: string | Node, msg: Message): "true" | "false" | "unknown" {
  const node = typeof expression === "string" ? parseSqlFilter(expression) : expression;
  const t = new Evaluator(msg).truth(node);
  return t === UNKNOWN ? "unknown" : t ? "true" : "false";
}

/** True when the filter selects the message (SQF: unknown does not select it). */
export function sqlFilterMatches(expression: string | Node, msg: Message): boolean {
  return evaluateSqlFilter(expression, msg) === "true";
}

function setProperty(
  msg: { system: Record<string, unknown>; properties: Record<string, unknown> },
  p: PropertyRef,
  v: unknown,
): void {
  if (p.scope === "sys") {
    const canonical = systemProperty(p.name)!;
    msg.system[systemProperties[canonical]] = v;
    return;
  }
  const k = userKey(msg.properties, p.name) ?? p.name;
  if (v === undefined) delete msg.properties[k];
  else msg.properties[k] = v;
}

/** Applies a SQL rule action to a copy of the message (statements in order, each seeing the previous ones). */
export function applySqlAction(action: string | Action[], msg: Message): Message {
  const statements = typeof action === "string" ? parseSqlAction(action) : action;
  const out = { system: { ...msg.system }, properties: { ...msg.properties }, body: msg.body };
  for (const s of statements) {
    if (s.kind === "set") setProperty(out, s.property, toJson(new Evaluator(out).value(s.value)));
    else setProperty(out, s.property, undefined);
  }
  return out;
}
