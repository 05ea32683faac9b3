// Event Grid subscription filters, evaluated as Event Grid does. Every rule's source is in the table of
// router/README.md; the main ones:
//   EGF  https://learn.microsoft.com/azure/event-grid/event-filtering (event types, subject, advanced filters: operator
//        pseudo-code, "All string comparisons aren't case-sensitive", missing keys, OR within a filter's values,
//        AND across filters, arrays with enableAdvancedFilteringOnArrays, CloudEvents extension attributes as keys)
// ⚠️ marks a behaviour the docs leave open; the choice is written next to it and in router/README.md.

import type { AdvancedFilter, EventGridFilter } from "../types";
import { EventEnvelope, lookupKey } from "./schema";

export interface FilterVerdict {
  readonly matched: boolean;
  /** The filters that were checked (all of them when matched), e.g. `includedEventTypes`, `advancedFilters.large`. */
  readonly checked: readonly string[];
  /** When not matched: the first filter that rejected the event and why. */
  readonly rejectedBy?: { readonly filter: string; readonly reason: string };
}

/**
 * Operators that match when the key is absent from the event. EGF: "the filter is evaluated as matched for
 * NumberNotIn, StringNotIn" and as not matched for every other value operator (StringNotContains,
 * StringNotBeginsWith and StringNotEndsWith included). ⚠️ NumberNotInRange is in neither list; like NumberNotIn it
 * is a "not in a set" test, so it matches too. IsNullOrUndefined matches an absent key by definition (EGF).
 */
const matchWhenMissing: ReadonlySet<string> = new Set([
  "NumberNotIn",
  "StringNotIn",
  "NumberNotInRange",
  "IsNullOrUndefined",
]);

type Elem = unknown;
const show = (v: unknown) => JSON.stringify(v);

/** EGF: all string comparisons are case-insensitive. */
const fold = (s: string) => s.toLowerCase();

/**
 * The string form of an event value for String* operators: strings as they are; numbers and booleans by their JSON
 * text (EGF's CloudEvents example filters the number 5 with StringBeginsWith "5"); anything else is a value of
 * another type, which the pseudo-code says is ignored.
 */
function asString(v: Elem): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

const asNumber = (v: Elem) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

type Test = (elements: readonly Elem[]) => boolean;

function positive<T>(conv: (v: Elem) => T | undefined, pred: (x: T) => boolean): Test {
  // EGF pseudo-code: MATCH as soon as one element satisfies one filter value; wrongly typed elements are ignored.
  return (els) =>
    els.some((e) => {
      const x = conv(e);
      return x !== undefined && pred(x);
    });
}
function negative<T>(conv: (v: Elem) => T | undefined, pred: (x: T) => boolean): Test {
  // EGF pseudo-code: FAIL_MATCH as soon as one element hits one filter value; otherwise a match.
  return (els) =>
    !els.some((e) => {
      const x = conv(e);
      return x !== undefined && pred(x);
    });
}

function operatorTest(f: AdvancedFilter): Test {
  const nums = (f.values ?? []).filter((v): v is number => typeof v === "number");
  const strs = (f.values ?? []).map((v) => fold(String(v)));
  const ranges = (f.values ?? []).filter((r): r is [number, number] => Array.isArray(r) && r.length === 2);
  const inRange = (x: number) => ranges.some(([lo, hi]) => x >= lo && x <= hi); // EGF: both ends inclusive
  const one = Number(f.value);
  const str = (pred: (s: string) => boolean) => (s: string) => pred(fold(s));
  switch (f.operator) {
    case "NumberIn":
      return positive(asNumber, (x) => nums.includes(x));
    case "NumberNotIn":
      return negative(asNumber, (x) => nums.includes(x));
    case "NumberLessThan":
      return positive(asNumber, (x) => x < one);
    case "NumberGreaterThan":
      return positive(asNumber, (x) => x > one);
    case "NumberLessThanOrEquals":
      return positive(asNumber, (x) => x <= one);
    case "NumberGreaterThanOrEquals":
      return positive(asNumber, (x) => x >= one);
    case "NumberInRange":
      return positive(asNumber, inRange);
    case "NumberNotInRange":
      return negative(asNumber, inRange);
    case "BoolEquals":
      return positive(
        (v) => (typeof v === "boolean" ? v : undefined),
        (x) => x === f.value,
      );
    case "StringIn":
      return positive(
        asString,
        str((s) => strs.includes(s)),
      );
    case "StringNotIn":
      return negative(
        asString,
        str((s) => strs.includes(s)),
      );
    case "StringBeginsWith":
      return positive(
        asString,
        str((s) => strs.some((p) => s.startsWith(p))),
      );
    case "StringNotBeginsWith":
      return negative(
        asString,
        str((s) => strs.some((p) => s.startsWith(p))),
      );
    case "StringEndsWith":
      return positive(
        asString,
        str((s) => strs.some((p) => s.endsWith(p))),
      );
    case "StringNotEndsWith":
      return negative(
        asString,
        str((s) => strs.some((p) => s.endsWith(p))),
      );
    case "StringContains":
      return positive(
        asString,
        str((s) => strs.some((p) => s.includes(p))),
      );
    case "StringNotContains":
      return negative(
        asString,
        str((s) => strs.some((p) => s.includes(p))),
      );
    default:
      throw new Error(`unknown advanced filter operator ${f.operator}`);
  }
}

function describeOperand(f: AdvancedFilter): string {
  if (f.operator === "IsNullOrUndefined" || f.operator === "IsNotNull") return f.operator;
  return `${f.operator} ${f.values !== undefined ? show(f.values) : show(f.value)}`;
}

/** One advanced filter: whether it matches and a sentence saying why (for the path printout). */
export function evaluateAdvancedFilter(
  f: AdvancedFilter,
  event: EventEnvelope,
  onArrays: boolean,
): { matched: boolean; reason: string } {
  const found = lookupKey(event, f.key);
  const op = describeOperand(f);
  if (f.operator === "IsNullOrUndefined" || f.operator === "IsNotNull") {
    const isNull = !found.present || found.value === null;
    const matched = f.operator === "IsNullOrUndefined" ? isNull : !isNull;
    return {
      matched,
      reason: `${f.key} is ${found.present ? show(found.value) : "not in the event"}: ${op} is ${matched}`,
    };
  }
  if (!found.present) {
    const matched = matchWhenMissing.has(f.operator);
    return {
      matched,
      reason: `${f.key} is not in the event: ${f.operator} ${matched ? "matches" : "does not match"} a missing key`,
    };
  }
  const value = found.value;
  // EGF: an array key is compared element by element only with enableAdvancedFilteringOnArrays; without it the
  // array is one value of another type, ignored like any wrongly typed value (⚠️ for Not* operators that means a match).
  const elements = Array.isArray(value) && onArrays ? value : [value];
  const matched = operatorTest(f)(elements);
  const note = Array.isArray(value) && !onArrays ? " (an array: advancedFilteringOnArrays is off)" : "";
  return { matched, reason: `${f.key} is ${show(value)}${note}: ${op} is ${matched}` };
}

function subjectTest(subject: string | undefined, filter: EventGridFilter, which: "begins" | "ends"): boolean {
  const want = which === "begins" ? filter.subjectBeginsWith : filter.subjectEndsWith;
  if (want === undefined || want === "") return true;
  if (subject === undefined) return false;
  // EGF: isSubjectCaseSensitive defaults to false.
  const cs = filter.subjectCaseSensitive === true;
  const s = cs ? subject : fold(subject);
  const w = cs ? want : fold(want);
  return which === "begins" ? s.startsWith(w) : s.endsWith(w);
}

/** All of a subscription's filters, ANDed, in the order Event Grid documents them; stops at the first rejection. */
export function evaluateFilter(filter: EventGridFilter, event: EventEnvelope): FilterVerdict {
  const checked: string[] = [];
  const types = filter.includedEventTypes;
  if (types && types.length > 0) {
    checked.push("includedEventTypes");
    // ⚠️ EGF does not say whether event types compare case-insensitively; like every other string compare of
    // Event Grid we fold case.
    const t = event.eventType;
    if (t === undefined || !types.some((x) => fold(x) === fold(t))) {
      return {
        matched: false,
        checked,
        rejectedBy: { filter: "includedEventTypes", reason: `event type ${show(t)} is not one of ${show(types)}` },
      };
    }
  }
  for (const which of ["begins", "ends"] as const) {
    const name = which === "begins" ? "subjectBeginsWith" : "subjectEndsWith";
    const want = filter[name];
    if (want === undefined || want === "") continue;
    checked.push(name);
    if (!subjectTest(event.subject, filter, which)) {
      const cs = filter.subjectCaseSensitive === true ? "case-sensitive" : "case-insensitive";
      return {
        matched: false,
        checked,
        rejectedBy: {
          filter: name,
          reason: `subject ${show(event.subject)} does not ${which === "begins" ? "begin" : "end"} with ${show(want)} (${cs})`,
        },
      };
    }
  }
  for (const f of filter.advancedFilters) {
    const name = `advancedFilters.${f.name}`;
    checked.push(name);
    const r = evaluateAdvancedFilter(f, event, filter.advancedFilteringOnArrays === true);
    if (!r.matched) return { matched: false, checked, rejectedBy: { filter: name, reason: r.reason } };
  }
  return { matched: true, checked };
}
