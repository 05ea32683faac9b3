import { parseSqlAction, parseSqlFilter, SqlSyntaxError } from "../../components/servicebus/sql";
import { ServiceBusRouter } from "../../router/servicebus/route";
import { applySqlAction, evaluateSqlFilter, FilterEvaluationError, Message } from "../../router/servicebus/sqlEval";
import { reachedKeys, RouteOptions } from "../../router/trace";
import type { RoutingModel, ServiceBusEntity, ServiceBusRule, ServiceBusSubscription } from "../../router/types";

function syntaxError(text: string, parse: (t: string) => unknown): SqlSyntaxError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof SqlSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${text}`);
}

describe("SQL filter grammar", () => {
  test.each([
    "amount > 1000",
    "sys.Label LIKE '%bus%' OR user.tag IN ('queue', 'topic', 'subscription')",
    "sys.To NOT IN ('Store1','Store2') OR StoreId NOT IN ('Store1')",
    "property LIKE 'ABC\\%' ESCAPE '\\'",
    "[HR-EmployeeID] = 'x' AND \"Contoso & Northwind\" IS NOT NULL",
    "EXISTS (region) AND NOT (region IS NULL)",
    "(a + 1) * 2 >= -b / 3.5 % 2",
    "x = 101.5E5 OR x = 0.5E-2",
    "flag = TRUE AND other <> FALSE AND n != NULL",
    "sys.label = 'case-insensitive keywords and names' and user.Region in ('eu')",
    "p('region') = 'eu' AND property('sys.Label') = 'x' AND newid() <> ''",
    "1=0",
  ])("parses %s", (text) => {
    expect(() => parseSqlFilter(text)).not.toThrow();
  });

  test.each<[string, number, string]>([
    ["amount >", 8, "expected a value"],
    ["amount > 1000 AND", 17, "expected a value"],
    ["amount = 'open", 9, "unterminated string"],
    ["sys.Labl = 'x'", 4, "sys.Labl is not a system property"],
    ["amount", 0, "expected a condition"],
    ["amount = 1 extra", 11, "expected AND, OR or the end"],
    ["region LIKE 'a' ESCAPE 'ab'", 23, "ESCAPE character must be a string of length 1"],
    ["a IN ()", 6, "expected a value"],
    ["EXISTS(1)", 7, "expected a property name"],
    ["(a + 1) IS NULL", 1, "IS [NOT] NULL applies to a property"],
    ["foo.bar = 1", 0, "unknown scope 'foo'"],
    ["lower(a) = 'x'", 0, "unknown function 'lower'"],
    ["a = 1 # b", 6, "unexpected character '#'"],
    ["a = 12ab", 4, "invalid number"],
  ])("rejects %s at offset %i", (text, offset, message) => {
    const e = syntaxError(text, parseSqlFilter);
    expect(e.message).toContain(message);
    expect(e.offset).toBe(offset);
  });
});

describe("SQL action grammar", () => {
  test.each([
    "SET priority = 'high'",
    "SET sys.Label = 'vip'; REMOVE region;",
    "SET a = 1 SET b = a + 1",
    "REMOVE sys.To",
  ])("parses %s", (text) => expect(() => parseSqlAction(text)).not.toThrow());
  test.each<[string, number]>([
    ["SET", 3],
    ["SET a 1", 6],
    ["DELETE a", 0],
    ["SET sys.Nope = 1", 8],
  ])("rejects %s at offset %i", (text, offset) => {
    expect(syntaxError(text, parseSqlAction).offset).toBe(offset);
  });
});

const msg: Message = {
  system: { label: "order.created", messageId: "m-1" },
  properties: { amount: 1500, price: 2.5, region: "eu", flag: true, note: null, code: "A%B" },
};

describe("SQL filter evaluation", () => {
  test.each<[string, "true" | "false" | "unknown"]>([
    ["amount > 1000", "true"],
    ["amount > 2000", "false"],
    ["Amount = 1500", "true"], // property names are case-insensitive
    ["missing > 1", "unknown"], // a missing user property is unknown, not an error
    ["NOT (missing > 1)", "unknown"],
    ["missing > 1 OR amount = 1500", "true"],
    ["missing > 1 OR amount = 0", "unknown"],
    ["missing > 1 AND amount = 0", "false"],
    ["missing > 1 AND amount = 1500", "unknown"],
    ["sys.Label = 'order.created'", "true"],
    ["sys.label = 'Order.Created'", "false"], // values compare exactly
    ["sys.To IS NULL", "true"],
    ["region LIKE 'e%'", "true"],
    ["region LIKE '_u'", "true"],
    ["region NOT LIKE 'e%'", "false"],
    ["code LIKE 'A\\%B' ESCAPE '\\'", "true"],
    ["region LIKE 'A\\%B' ESCAPE '\\'", "false"],
    ["missing LIKE 'a%'", "unknown"],
    ["region IN ('us', 'eu')", "true"],
    ["region NOT IN ('us')", "true"],
    ["missing IN ('a')", "unknown"],
    ["missing IS NULL", "true"],
    ["note IS NULL", "true"],
    ["region IS NOT NULL", "true"],
    ["EXISTS(region)", "true"],
    ["EXISTS(missing)", "false"],
    ["EXISTS(sys.To)", "false"],
    ["amount / 1000 = 1", "true"], // Int64 division
    ["amount / 1000.0 = 1.5", "true"],
    ["amount % 7 = 2", "true"],
    ["-amount < 0", "true"],
    ["price * 2 = 5", "true"],
    ["region + '-1' = 'eu-1'", "true"],
    ["flag = TRUE", "true"],
    ["1=0", "false"],
    ["note = NULL", "unknown"],
    ["p('region') = 'eu'", "true"],
  ])("%s is %s", (text, expected) => {
    expect(evaluateSqlFilter(text, msg)).toBe(expected);
  });

  test.each(["region > 5", "amount / 0 = 1", "flag > TRUE", "region LIKE 5"])(
    "%s throws a filter evaluation error",
    (text) => {
      expect(() => evaluateSqlFilter(text, msg)).toThrow(FilterEvaluationError);
    },
  );
});

describe("SQL actions", () => {
  test("SET and REMOVE on user and system properties, in order", () => {
    const out = applySqlAction(
      "SET priority = 'high'; SET total = amount * 2; SET sys.Label = 'vip'; REMOVE region",
      msg,
    );
    expect(out.properties).toEqual({
      amount: 1500,
      price: 2.5,
      flag: true,
      note: null,
      code: "A%B",
      priority: "high",
      total: 3000,
    });
    expect(out.system.label).toBe("vip");
    expect(msg.properties.region).toBe("eu"); // the original is untouched (each rule action works on a copy)
  });
});

// A small model: topic t with one subscription per behaviour, queues q1 -> q2 (auto-forward) and dead-letter chains.
const ns = "servicebus.namespaces.n";
const rule = (name: string, filter: ServiceBusRule["filter"], action?: string): ServiceBusRule => ({
  name,
  key: `${name}`,
  filter,
  action,
});
const sub = (
  name: string,
  rules: ServiceBusRule[],
  extra: Partial<ServiceBusSubscription> = {},
): ServiceBusSubscription => ({
  kind: "subscription",
  key: `${ns}.topics.t.subscriptions.${name}`,
  requiresSession: false,
  maxDeliveryCount: 10,
  deadLetteringOnMessageExpiration: true,
  deadLetteringOnFilterEvaluationExceptions: true,
  rules,
  ...extra,
});
const queue = (name: string, extra: Partial<ServiceBusEntity> = {}): ServiceBusEntity =>
  ({
    kind: "queue",
    key: `${ns}.queues.${name}`,
    requiresSession: false,
    maxDeliveryCount: 3,
    deadLetteringOnMessageExpiration: true,
    ...extra,
  }) as ServiceBusEntity;

const model: RoutingModel = {
  stack: "unit",
  eventGrid: new Map(),
  serviceBus: new Map<string, ServiceBusEntity>([
    [
      `${ns}.topics.t`,
      {
        kind: "topic",
        key: `${ns}.topics.t`,
        subscriptions: [
          sub("correlation", [
            rule("eu", { kind: "correlation", system: { label: "order.created" }, properties: { region: "eu" } }),
          ]),
          sub("default", [rule("$Default", { kind: "true" })], { forwardTo: `${ns}.queues.q1` }),
          sub("disabled", [rule("$Default", { kind: "sql", expression: "1=0" })]),
          sub("throws", [rule("bad", { kind: "sql", expression: "region > 5" })]),
          sub("throws-no-dlq", [rule("bad", { kind: "sql", expression: "region > 5" })], {
            deadLetteringOnFilterEvaluationExceptions: false,
          }),
          sub("copies", [
            rule("a", { kind: "sql", expression: "amount > 1" }, "SET copy = 'a'"),
            rule("b", { kind: "sql", expression: "amount > 2" }, "SET copy = 'b'"),
            rule("plain1", { kind: "true" }),
            rule("plain2", { kind: "true" }),
          ]),
        ],
      },
    ],
    [`${ns}.queues.q1`, queue("q1", { forwardTo: `${ns}.queues.q2` })],
    [`${ns}.queues.q2`, queue("q2", { forwardDeadLetteredMessagesTo: `${ns}.queues.q3` })],
    [`${ns}.queues.q3`, queue("q3", { deadLetteringOnMessageExpiration: false })],
  ]),
};

const send = (to: string, m: Message, options: RouteOptions = {}) => new ServiceBusRouter(model, options).send(to, m);

describe("Service Bus routing", () => {
  const path = send(`${ns}.topics.t`, msg);
  const reached = reachedKeys(path);
  const child = (name: string) => path.next.find((s) => s.at === `${ns}.topics.t.subscriptions.${name}`)!;

  test.each<[string, boolean]>([
    ["correlation", true], // label and property both equal
    ["default", true], // the $Default TrueFilter
    ["disabled", false], // $Default disabled as 1=0
    ["copies", true],
    ["throws-no-dlq", false],
  ])("subscription %s receives the message: %s", (name, expected) => {
    expect(reached.includes(`${ns}.topics.t.subscriptions.${name}`)).toBe(expected);
  });

  test("a correlation filter is an exact match on every property", () => {
    const other = send(`${ns}.topics.t`, { ...msg, properties: { ...msg.properties, region: "EU" } });
    expect(reachedKeys(other)).not.toContain(`${ns}.topics.t.subscriptions.correlation`);
  });

  test("auto-forwarding chains are followed to the final queue", () => {
    expect(reached).toEqual(expect.arrayContaining([`${ns}.queues.q1`, `${ns}.queues.q2`]));
    expect(child("default").outcome).toBe("forwarded");
  });

  test("a filter evaluation exception dead-letters, or drops when the subscription does not dead-letter", () => {
    expect(reached).toContain(`${ns}.topics.t.subscriptions.throws/$DeadLetterQueue`);
    expect(child("throws-no-dlq").outcome).toBe("rejected");
  });

  test("each rule with an action makes its own copy, rules without actions share one", () => {
    const copies = child("copies").next;
    expect(copies).toHaveLength(3);
    expect(copies.map((c) => c.notes.join(" "))).toEqual([
      expect.stringContaining("copy for rules plain1, plain2"),
      expect.stringContaining('"copy":"a","RuleName":"a"'),
      expect.stringContaining('"copy":"b","RuleName":"b"'),
    ]);
  });

  test("max delivery count: dead-lettered, then forwarded from the dead-letter queue", () => {
    const r = reachedKeys(send(`${ns}.queues.q1`, msg, { failDelivery: true }));
    expect(r).toEqual([
      `${ns}.queues.q1`,
      `${ns}.queues.q2`,
      `${ns}.queues.q2/$DeadLetterQueue`,
      `${ns}.queues.q3`,
      `${ns}.queues.q3/$DeadLetterQueue`,
    ]);
  });

  test("expiry: dead-lettered with deadLetteringOnMessageExpiration, discarded without", () => {
    expect(reachedKeys(send(`${ns}.queues.q2`, msg, { expire: true }))).toContain(`${ns}.queues.q2/$DeadLetterQueue`);
    expect(reachedKeys(send(`${ns}.queues.q3`, msg, { expire: true }))).toEqual([`${ns}.queues.q3`]);
  });
});
