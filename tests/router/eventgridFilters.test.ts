import { evaluateAdvancedFilter, evaluateFilter } from "../../router/eventgrid/filters";
import { EventEnvelope, readEvent, toDeliverySchema } from "../../router/eventgrid/schema";
import type { AdvancedFilter, EventGridFilter } from "../../router/types";

// Table-driven: one positive and one negative case per operator and rule (router/README.md has the sources).

function egEvent(data: Record<string, unknown>, extra: Record<string, unknown> = {}): EventEnvelope {
  const e = readEvent(
    {
      id: "1",
      eventType: "Orders.OrderCreated",
      subject: "/orders/eu/4711",
      eventTime: "2026-12-01T09:30:00Z",
      dataVersion: "1",
      data,
      ...extra,
    },
    "EventGridSchema",
  );
  if ("rejected" in e) throw new Error(e.rejected);
  return e;
}

const data = {
  amount: 1500,
  region: "eu",
  vip: true,
  note: null,
  tags: ["urgent", "billing"],
  nested: { a: { b: 7 } },
};
const f = (operator: string, key: string, v: { value?: unknown; values?: unknown[] } = {}): AdvancedFilter => ({
  name: "f",
  operator,
  key,
  ...v,
});

describe("Event Grid advanced filter operators", () => {
  test.each<[string, AdvancedFilter, boolean]>([
    ["NumberIn matches a listed value", f("NumberIn", "data.amount", { values: [5, 1500] }), true],
    ["NumberIn rejects an unlisted value", f("NumberIn", "data.amount", { values: [5] }), false],
    ["NumberNotIn matches an unlisted value", f("NumberNotIn", "data.amount", { values: [5] }), true],
    ["NumberNotIn rejects a listed value", f("NumberNotIn", "data.amount", { values: [1500] }), false],
    ["NumberLessThan matches", f("NumberLessThan", "data.amount", { value: 2000 }), true],
    ["NumberLessThan rejects equal", f("NumberLessThan", "data.amount", { value: 1500 }), false],
    ["NumberLessThanOrEquals matches equal", f("NumberLessThanOrEquals", "data.amount", { value: 1500 }), true],
    ["NumberLessThanOrEquals rejects", f("NumberLessThanOrEquals", "data.amount", { value: 1499 }), false],
    ["NumberGreaterThan matches", f("NumberGreaterThan", "data.amount", { value: 1000 }), true],
    ["NumberGreaterThan rejects equal", f("NumberGreaterThan", "data.amount", { value: 1500 }), false],
    ["NumberGreaterThanOrEquals matches equal", f("NumberGreaterThanOrEquals", "data.amount", { value: 1500 }), true],
    ["NumberGreaterThanOrEquals rejects", f("NumberGreaterThanOrEquals", "data.amount", { value: 1501 }), false],
    [
      "NumberInRange includes both ends",
      f("NumberInRange", "data.amount", {
        values: [
          [1, 3],
          [1000, 1500],
        ],
      }),
      true,
    ],
    ["NumberInRange rejects outside", f("NumberInRange", "data.amount", { values: [[1, 3]] }), false],
    ["NumberNotInRange matches outside", f("NumberNotInRange", "data.amount", { values: [[1, 3]] }), true],
    ["NumberNotInRange rejects inside", f("NumberNotInRange", "data.amount", { values: [[1500, 1600]] }), false],
    ["BoolEquals matches", f("BoolEquals", "data.vip", { value: true }), true],
    ["BoolEquals rejects", f("BoolEquals", "data.vip", { value: false }), false],
    ["StringIn matches ignoring case", f("StringIn", "data.region", { values: ["EU", "us"] }), true],
    ["StringIn rejects", f("StringIn", "data.region", { values: ["us"] }), false],
    ["StringNotIn matches", f("StringNotIn", "data.region", { values: ["us"] }), true],
    ["StringNotIn rejects ignoring case", f("StringNotIn", "data.region", { values: ["Eu"] }), false],
    ["StringBeginsWith matches", f("StringBeginsWith", "subject", { values: ["/ORDERS/"] }), true],
    ["StringBeginsWith rejects", f("StringBeginsWith", "subject", { values: ["/invoices/"] }), false],
    ["StringNotBeginsWith matches", f("StringNotBeginsWith", "subject", { values: ["/invoices/"] }), true],
    ["StringNotBeginsWith rejects", f("StringNotBeginsWith", "subject", { values: ["/orders"] }), false],
    ["StringEndsWith matches", f("StringEndsWith", "subject", { values: ["/4711"] }), true],
    ["StringEndsWith rejects", f("StringEndsWith", "subject", { values: [".jpg"] }), false],
    ["StringNotEndsWith matches", f("StringNotEndsWith", "subject", { values: [".jpg"] }), true],
    ["StringNotEndsWith rejects", f("StringNotEndsWith", "subject", { values: ["4711"] }), false],
    ["StringContains matches ignoring case", f("StringContains", "subject", { values: ["/EU/"] }), true],
    ["StringContains rejects", f("StringContains", "subject", { values: ["/us/"] }), false],
    ["StringNotContains matches", f("StringNotContains", "subject", { values: ["/us/"] }), true],
    ["StringNotContains rejects", f("StringNotContains", "subject", { values: ["eu"] }), false],
    ["IsNullOrUndefined matches a null value", f("IsNullOrUndefined", "data.note"), true],
    ["IsNullOrUndefined matches a missing key", f("IsNullOrUndefined", "data.missing"), true],
    ["IsNullOrUndefined rejects a value", f("IsNullOrUndefined", "data.region"), false],
    ["IsNotNull matches a value", f("IsNotNull", "data.region"), true],
    ["IsNotNull rejects null", f("IsNotNull", "data.note"), false],
    ["IsNotNull rejects a missing key", f("IsNotNull", "data.missing"), false],
    ["nested keys are followed", f("NumberIn", "data.nested.a.b", { values: [7] }), true],
    ["envelope names ignore case (EventType)", f("StringIn", "EventType", { values: ["orders.ordercreated"] }), true],
    ["numbers compare as strings for String operators", f("StringBeginsWith", "data.amount", { values: ["15"] }), true],
    ["a string value is ignored by Number operators", f("NumberIn", "data.region", { values: [0] }), false],
  ])("%s", (_name, filter, expected) => {
    expect(evaluateAdvancedFilter(filter, egEvent(data), false).matched).toBe(expected);
  });
});

describe("missing keys", () => {
  // Matched for NumberNotIn and StringNotIn (and NumberNotInRange); not matched for every other value operator,
  // StringNotContains / StringNotBeginsWith / StringNotEndsWith included.
  test.each<[string, boolean]>([
    ["NumberIn", false],
    ["NumberNotIn", true],
    ["NumberLessThan", false],
    ["NumberGreaterThanOrEquals", false],
    ["NumberInRange", false],
    ["NumberNotInRange", true],
    ["BoolEquals", false],
    ["StringIn", false],
    ["StringNotIn", true],
    ["StringContains", false],
    ["StringNotContains", false],
    ["StringNotBeginsWith", false],
    ["StringNotEndsWith", false],
  ])("%s on a missing key matches: %s", (operator, expected) => {
    const values = operator.includes("Range") ? [[1, 2]] : operator.startsWith("String") ? ["x"] : [1];
    const filter = f(operator, "data.absent", { value: operator === "BoolEquals" ? true : 1, values });
    expect(evaluateAdvancedFilter(filter, egEvent(data), false).matched).toBe(expected);
  });
});

describe("arrays (enableAdvancedFilteringOnArrays)", () => {
  test.each<[string, AdvancedFilter, boolean, boolean]>([
    ["StringIn matches any element", f("StringIn", "data.tags", { values: ["urgent"] }), true, true],
    [
      "StringIn on an array without the flag does not match",
      f("StringIn", "data.tags", { values: ["urgent"] }),
      false,
      false,
    ],
    [
      "StringNotIn fails when one element is listed",
      f("StringNotIn", "data.tags", { values: ["billing"] }),
      true,
      false,
    ],
    ["StringNotIn matches when no element is listed", f("StringNotIn", "data.tags", { values: ["test"] }), true, true],
  ])("%s", (_name, filter, onArrays, expected) => {
    expect(evaluateAdvancedFilter(filter, egEvent(data), onArrays).matched).toBe(expected);
  });
});

describe("subscription filters", () => {
  const base: EventGridFilter = { advancedFilters: [] };
  test.each<[string, EventGridFilter, boolean, string | undefined]>([
    ["no filters: every event", base, true, undefined],
    [
      "includedEventTypes matches (case-insensitive)",
      { ...base, includedEventTypes: ["orders.ordercreated"] },
      true,
      undefined,
    ],
    [
      "includedEventTypes rejects",
      { ...base, includedEventTypes: ["Orders.OrderCancelled"] },
      false,
      "includedEventTypes",
    ],
    ["subjectBeginsWith is case-insensitive by default", { ...base, subjectBeginsWith: "/ORDERS/" }, true, undefined],
    [
      "isSubjectCaseSensitive makes it exact",
      { ...base, subjectBeginsWith: "/ORDERS/", subjectCaseSensitive: true },
      false,
      "subjectBeginsWith",
    ],
    ["subjectEndsWith rejects", { ...base, subjectEndsWith: ".jpg" }, false, "subjectEndsWith"],
    [
      "advanced filters are ANDed: the first failing one is reported",
      {
        advancedFilters: [
          { ...f("NumberGreaterThan", "data.amount", { value: 1000 }), name: "large" },
          { ...f("StringIn", "data.region", { values: ["us"] }), name: "us" },
        ],
      },
      false,
      "advancedFilters.us",
    ],
  ])("%s", (_name, filter, matched, rejectedBy) => {
    const v = evaluateFilter(filter, egEvent(data));
    expect(v.matched).toBe(matched);
    expect(v.rejectedBy?.filter).toBe(rejectedBy);
  });
});

describe("schemas", () => {
  test("a topic refuses events that are not in its input schema", () => {
    const r = readEvent({ id: "1", eventType: "x", subject: "s", eventTime: "t", data: {} }, "CloudEventSchemaV1_0");
    expect(r).toEqual({ rejected: expect.stringContaining("refuses it at publish") });
  });

  test("CloudEvents filter keys: attributes, legacy aliases and extension attributes", () => {
    const e = readEvent(
      { specversion: "1.0", id: "9", source: "/apps", type: "Orders.OrderCreated", comexampleothervalue: 5, data: {} },
      "CloudEventSchemaV1_0",
    ) as EventEnvelope;
    expect(
      evaluateAdvancedFilter(f("StringIn", "eventtype", { values: ["orders.ordercreated"] }), e, false).matched,
    ).toBe(true);
    expect(
      evaluateAdvancedFilter(f("StringBeginsWith", "comexampleothervalue", { values: ["5"] }), e, false).matched,
    ).toBe(true);
    expect(evaluateFilter({ includedEventTypes: ["Orders.OrderCreated"], advancedFilters: [] }, e).matched).toBe(true);
  });

  test("Event Grid schema events are delivered as CloudEvents 1.0 with the documented mapping", () => {
    const e = egEvent({ a: 1 }, { topic: "/subscriptions/s/topics/t" });
    expect(toDeliverySchema(e, "CloudEventSchemaV1_0", "ignored")).toEqual({
      specversion: "1.0",
      id: "1",
      source: "/subscriptions/s/topics/t",
      type: "Orders.OrderCreated",
      subject: "/orders/eu/4711",
      time: "2026-12-01T09:30:00Z",
      data: { a: 1 },
      dataschema: "1",
    });
  });
});
