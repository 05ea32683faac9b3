import type * as inputs from "@pulumi/azure-native/types/input";
import { Violation } from "../core/errors";
import { mapKeys, violation } from "../core/validate";
import { sortedValues } from "../core/collections";
import { AdvancedFilterOperator, advancedFilterLimits, advancedFilterOperators, filterValueCount } from "./limits";
import { AdvancedFilterArgs, EventSubscriptionArgs } from "./subscriptionArgs";

// Event subscription filters: each advanced filter typed to its operator's value shape, Azure's caps (EG-F in
// docs/azure-facts.md), literal subject filters, and the azure-native `advancedFilters` input.

/** Checks one advanced filter's operator and value shape. Exported for tests. */
export function validateAdvancedFilter(path: string, f: AdvancedFilterArgs): Violation[] {
  const found: Violation[] = [];
  const shape = advancedFilterOperators[f.operator as AdvancedFilterOperator];
  if (!shape) {
    return [
      violation(
        `${path}.operator`,
        f.operator,
        `is not an advanced filter operator; allowed: ${Object.keys(advancedFilterOperators).join(", ")}`,
      ),
    ];
  }
  if (typeof f.key !== "string" || f.key === "")
    found.push(violation(`${path}.key`, f.key, "is required: the event field to compare, e.g. data.amount"));
  const raw = f as { value?: unknown; values?: unknown };
  const needs = (what: string) => `${f.operator} takes ${what}`;
  const single = { number: "one number in 'value'", boolean: "one boolean in 'value'" } as const;
  const lists = {
    numbers: "a list of numbers",
    strings: "a list of strings",
    ranges: "a list of [low, high] number pairs",
  } as const;
  if (shape === "number" || shape === "boolean") {
    if (raw.value === undefined && raw.values !== undefined) {
      found.push(violation(`${path}.values`, raw.values, `is not allowed: ${needs(single[shape])}`));
    } else if (shape === "number" && (typeof raw.value !== "number" || !Number.isFinite(raw.value))) {
      found.push(violation(`${path}.value`, raw.value, `must be a number: ${needs(single[shape])}`));
    } else if (shape === "boolean" && typeof raw.value !== "boolean") {
      found.push(violation(`${path}.value`, raw.value, `must be true or false: ${needs(single[shape])}`));
    }
  } else if (shape === "none") {
    if (raw.value !== undefined || raw.values !== undefined) {
      const field = raw.value !== undefined ? "value" : "values";
      found.push(violation(`${path}.${field}`, raw[field], `is not allowed: ${f.operator} takes no value`));
    }
  } else {
    const what = lists[shape];
    if (raw.values === undefined && raw.value !== undefined) {
      found.push(violation(`${path}.value`, raw.value, `is not allowed: ${needs(`${what} in 'values'`)}`));
    } else if (!Array.isArray(raw.values) || raw.values.length === 0) {
      found.push(
        violation(
          `${path}.values`,
          raw.values,
          `must be ${what} with at least one entry: ${needs(`${what} in 'values'`)}`,
        ),
      );
    } else {
      raw.values.forEach((v: unknown, i: number) => {
        const at = `${path}.values.${i}`;
        if (shape === "numbers" && (typeof v !== "number" || !Number.isFinite(v))) {
          found.push(violation(at, v, `must be a number (${f.operator})`));
        } else if (shape === "strings" && typeof v !== "string") {
          found.push(violation(at, v, `must be a string (${f.operator})`));
        } else if (shape === "strings" && (v as string).length > advancedFilterLimits.maxStringLength) {
          found.push(
            violation(
              at,
              `${(v as string).length} characters`,
              `exceeds the maximum of ${advancedFilterLimits.maxStringLength} characters per filter value`,
            ),
          );
        } else if (shape === "ranges") {
          const ok = Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === "number" && Number.isFinite(n));
          if (!ok) found.push(violation(at, v, `must be a [low, high] pair of numbers (${f.operator})`));
          else if (v[0] > v[1]) found.push(violation(at, v, "is an empty range: low must not exceed high"));
        }
      });
    }
  }
  return found;
}

/** The filters of one subscription: each advanced filter, the filter and value caps, literal subject filters. */
export function validateFilters(path: string, sub: EventSubscriptionArgs): (Violation | undefined)[] {
  const found: (Violation | undefined)[] = [];
  const filters = Object.entries(sub.advancedFilters ?? {});
  found.push(...mapKeys(`${path}.advancedFilters`, sub.advancedFilters));
  if (filters.length > advancedFilterLimits.maxFilters) {
    found.push(
      violation(
        `${path}.advancedFilters`,
        `${filters.length} filters`,
        `exceeds Event Grid's maximum of ${advancedFilterLimits.maxFilters} advanced filters per subscription`,
      ),
    );
  }
  let totalValues = 0;
  for (const [fk, f] of filters) {
    found.push(...validateAdvancedFilter(`${path}.advancedFilters.${fk}`, f));
    const shape = advancedFilterOperators[f.operator as AdvancedFilterOperator];
    if (shape) totalValues += filterValueCount(shape, (f as { values?: unknown[] }).values);
  }
  if (totalValues > advancedFilterLimits.maxValuesTotal) {
    found.push(
      violation(
        `${path}.advancedFilters`,
        `${totalValues} values`,
        `exceeds Event Grid's maximum of ${advancedFilterLimits.maxValuesTotal} values across all advanced filters of a subscription`,
      ),
    );
  }
  for (const [field, value] of [
    ["subjectBeginsWith", sub.subjectBeginsWith],
    ["subjectEndsWith", sub.subjectEndsWith],
  ] as const) {
    if (value?.includes("*"))
      found.push(
        violation(`${path}.${field}`, value, "must not contain wildcards: Event Grid compares the subject literally"),
      );
  }

  return found;
}

type ArmAdvancedFilter = inputs.eventgrid.EventSubscriptionFilterArgs["advancedFilters"];

/** The azure-native `advancedFilters` input: the operator becomes the `operatorType` discriminator. */
export function advancedFilterInputs(filters: Record<string, AdvancedFilterArgs> | undefined): ArmAdvancedFilter {
  const list = sortedValues(filters);
  if (list.length === 0) return undefined;
  return list.map((f) => {
    const out: Record<string, unknown> = { operatorType: f.operator, key: f.key };
    if ("value" in f) out.value = f.value;
    if ("values" in f) out.values = f.values.map((v) => (Array.isArray(v) ? [...v] : v));
    // The union member is decided by operatorType at runtime; validateAdvancedFilter checked the shape.
    return out as unknown as { operatorType: "IsNotNull"; key: string };
  });
}
