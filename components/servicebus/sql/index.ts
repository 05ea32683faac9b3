// The Service Bus SQL language (filters and rule actions): parser and the config-time check the rule validator calls.
// Pure TypeScript with no Pulumi imports, so the offline router evaluates with the very parser that validates config.

import { ruleLimits } from "../limits";
import { lineColumn, parseSqlAction, parseSqlFilter } from "./parser";
import { SqlSyntaxError } from "./lexer";

export type { Action, Node, PropertyRef } from "./ast";
export { SqlSyntaxError } from "./lexer";
export { lineColumn, parseSqlAction, parseSqlFilter } from "./parser";
export { systemProperties, systemProperty } from "./systemProperties";
export type { SystemPropertyName } from "./systemProperties";

/** Same shape as components/core/errors.ts `Violation` (kept structural: this folder imports nothing from Pulumi). */
export interface SqlViolation {
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
}

/** "line 1, column 12 (offset 11)": where a syntax error is, for a message. */
export function describePosition(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column} (offset ${offset})`;
}

function check(path: string, text: unknown, parse: (t: string) => unknown, what: string): SqlViolation[] {
  // Outputs are checked by Azure at deploy time; empty and over-long strings are the rule validator's own messages.
  if (typeof text !== "string" || text.trim() === "" || text.length > ruleLimits.maxSqlLength) return [];
  try {
    parse(text);
    return [];
  } catch (e) {
    if (!(e instanceof SqlSyntaxError)) throw e;
    return [
      {
        path,
        value: text,
        message: `is not a valid Service Bus SQL ${what}: ${e.message} at ${describePosition(text, e.offset)} (Azure refuses it at deploy; grammar: https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-${what === "filter" ? "filter" : "rule-action"})`,
      },
    ];
  }
}

/**
 * Config-time check of a rule's SQL filter and SQL action: a text that does not parse, or that names a `sys.`
 * property that does not exist, is a violation at `<path>.sqlFilter` / `<path>.action` with the line, column and
 * character offset of the error. Non-string values (Outputs) are left to Azure.
 */
export function sqlRuleViolations(path: string, rule: { sqlFilter?: unknown; action?: unknown }): SqlViolation[] {
  // An action with options carries its text in `sqlExpression` (entityArgs.ts RuleActionArgs).
  const a = rule.action;
  const withOptions = typeof a === "object" && a !== null && "sqlExpression" in a;
  return [
    ...check(`${path}.sqlFilter`, rule.sqlFilter, parseSqlFilter, "filter"),
    withOptions
      ? check(
          `${path}.action.sqlExpression`,
          (a as { sqlExpression?: unknown }).sqlExpression,
          parseSqlAction,
          "action",
        )
      : check(`${path}.action`, a, parseSqlAction, "action"),
  ].flat();
}
