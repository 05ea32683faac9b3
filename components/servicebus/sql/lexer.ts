// Tokens of the Service Bus SQL filter and action language.
// Source: https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter (identifiers,
// delimited and quoted identifiers, string/number/boolean constants, operators) and
// https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-rule-action (SET, REMOVE, `;`).

export type TokenKind = "ident" | "keyword" | "string" | "number" | "op" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Keywords upper-cased; identifiers as written (brackets and quotes removed); operators as written. */
  readonly text: string;
  /** Character offset of the token's first character in the expression (0-based). */
  readonly offset: number;
  /** For numbers: integer constants are Int64, decimal and scientific constants are Double. */
  readonly numberKind?: "long" | "double";
}

/** A syntax error with the character offset it was found at (0-based). */
export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    public readonly offset: number,
  ) {
    super(message);
    this.name = "SqlSyntaxError";
  }
}

/** Reserved words: a regular identifier cannot be one of them (sql-filter, "property_name"). */
export const keywords: ReadonlySet<string> = new Set([
  "AND",
  "OR",
  "NOT",
  "IS",
  "NULL",
  "IN",
  "LIKE",
  "ESCAPE",
  "EXISTS",
  "TRUE",
  "FALSE",
  "SET",
  "REMOVE",
]);

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => /\p{Nd}/u.test(c);
const twoCharOps = new Set(["<>", "!=", ">=", "<="]);
const oneCharOps = new Set(["=", ">", "<", "+", "-", "*", "/", "%", "(", ")", ",", ".", ";"]);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      // String constant; '' is an embedded quote.
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new SqlSyntaxError("unterminated string constant (missing closing ')", start);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      out.push({ kind: "string", text: value, offset: start });
      continue;
    }
    if (c === "[" || c === '"') {
      // Delimited identifier ([...], `]]` is a bracket) or quoted identifier ("...", `""` is a quote).
      const close = c === "[" ? "]" : '"';
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new SqlSyntaxError(`unterminated identifier (missing closing ${close})`, start);
        if (text[i] === close) {
          if (text[i + 1] === close) {
            value += close;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      if (value === "") throw new SqlSyntaxError("empty identifier", start);
      out.push({ kind: "ident", text: value, offset: start });
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(text[i + 1] ?? ""))) {
      const m = /^(\d*\.\d+|\d+\.?\d*)([eE][+-]?\d+)?/.exec(text.slice(i))!;
      const literal = m[0];
      i += literal.length;
      if (isLetter(text[i] ?? "") || text[i] === "_") {
        throw new SqlSyntaxError(`invalid number '${literal}${text[i]}'`, start);
      }
      const double = literal.includes(".") || m[2] !== undefined;
      if (!double && !Number.isSafeInteger(Number(literal))) {
        // Int64 range; beyond 2^53 we cannot represent it exactly, so refuse rather than round silently.
        throw new SqlSyntaxError(`integer constant ${literal} is too large`, start);
      }
      out.push({ kind: "number", text: literal, offset: start, numberKind: double ? "double" : "long" });
      continue;
    }
    if (isLetter(c)) {
      while (i < text.length && (isLetter(text[i]) || isDigit(text[i]) || text[i] === "_")) i++;
      const word = text.slice(start, i);
      const upper = word.toUpperCase();
      out.push(
        keywords.has(upper)
          ? { kind: "keyword", text: upper, offset: start }
          : { kind: "ident", text: word, offset: start },
      );
      continue;
    }
    const two = text.slice(i, i + 2);
    if (twoCharOps.has(two)) {
      out.push({ kind: "op", text: two, offset: start });
      i += 2;
      continue;
    }
    if (oneCharOps.has(c)) {
      out.push({ kind: "op", text: c, offset: start });
      i++;
      continue;
    }
    throw new SqlSyntaxError(`unexpected character '${c}'`, start);
  }
  out.push({ kind: "eof", text: "", offset: text.length });
  return out;
}
