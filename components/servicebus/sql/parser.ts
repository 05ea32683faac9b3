// Recursive-descent parser for Service Bus SQL filters and SQL rule actions. Pure TypeScript: the Service Bus component
// (config-time check) and the offline router (evaluation) share it.
// Grammar sources:
//   filters  https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter
//   actions  https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-rule-action
// Precedence (lowest first): OR, AND, NOT, predicates (comparison, IS [NOT] NULL, [NOT] IN, [NOT] LIKE, EXISTS),
// + -, * / %, unary + -.

import { Action, ArithmeticOp, CompareOp, Node, predicateKinds, PropertyRef } from "./ast";
import { SqlSyntaxError, Token, tokenize } from "./lexer";
import { systemProperties, systemProperty } from "./systemProperties";

const compareOps: ReadonlySet<string> = new Set(["=", "<>", "!=", ">", ">=", "<", "<="]);

/** A token for an error message, shortened so a message stays one readable line. */
function describe(t: Token): string {
  const text = t.text.length > 40 ? `${t.text.slice(0, 37)}...` : t.text;
  switch (t.kind) {
    case "eof":
      return "the end of the expression";
    case "string":
      return `string '${text}'`;
    case "number":
      return `number ${t.text}`;
    case "keyword":
      return `keyword ${t.text}`;
    case "ident":
      return `'${text}'`;
    default:
      return `'${text}'`;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  get peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private isKeyword(word: string, ahead = 0): boolean {
    const t = this.tokens[this.i + ahead];
    return t.kind === "keyword" && t.text === word;
  }
  private isOp(op: string): boolean {
    return this.peek.kind === "op" && this.peek.text === op;
  }
  fail(expected: string, t: Token = this.peek): never {
    throw new SqlSyntaxError(`expected ${expected}, found ${describe(t)}`, t.offset);
  }
  private expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail(`'${op}'`);
    return this.next();
  }

  /** A condition: checked to be a predicate, not a bare value, as the grammar requires. */
  condition(): Node {
    const start = this.peek;
    const node = this.or();
    if (!predicateKinds.has(node.kind) && !(node.kind === "constant" && node.type === "boolean")) {
      this.fail("a condition (comparison, IS NULL, IN, LIKE, EXISTS, AND, OR, NOT)", start);
    }
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.isKeyword("OR")) {
      const op = this.next();
      left = { kind: "or", left: this.operand(left), right: this.operand(this.and(), op), offset: left.offset };
    }
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.isKeyword("AND")) {
      const op = this.next();
      left = { kind: "and", left: this.operand(left), right: this.operand(this.not(), op), offset: left.offset };
    }
    return left;
  }

  /** AND/OR/NOT take predicates (a boolean constant is accepted too). */
  private operand(node: Node, after?: Token): Node {
    if (predicateKinds.has(node.kind) || (node.kind === "constant" && node.type === "boolean")) return node;
    throw new SqlSyntaxError(
      `expected a condition${after ? ` after ${after.text}` : ""}, found a value expression`,
      node.offset,
    );
  }

  private not(): Node {
    if (this.isKeyword("NOT")) {
      const t = this.next();
      return { kind: "not", operand: this.operand(this.not(), t), offset: t.offset };
    }
    return this.predicate();
  }

  private predicate(): Node {
    if (this.isKeyword("EXISTS")) {
      const t = this.next();
      this.expectOp("(");
      const property = this.property();
      this.expectOp(")");
      return { kind: "exists", property, offset: t.offset };
    }
    const left = this.additive();
    const t = this.peek;
    if (t.kind === "op" && compareOps.has(t.text)) {
      this.next();
      const right = this.additive();
      return { kind: "compare", op: t.text as CompareOp, left, right, offset: left.offset };
    }
    if (this.isKeyword("IS")) {
      this.next();
      const negated = this.isKeyword("NOT");
      if (negated) this.next();
      if (!this.isKeyword("NULL")) this.fail("NULL");
      this.next();
      if (left.kind !== "property") {
        throw new SqlSyntaxError("IS [NOT] NULL applies to a property, not to an expression", left.offset);
      }
      return { kind: "isNull", property: left, negated, offset: left.offset };
    }
    const negated = this.isKeyword("NOT") && (this.isKeyword("IN", 1) || this.isKeyword("LIKE", 1));
    if (negated) this.next();
    if (this.isKeyword("IN")) {
      this.next();
      this.expectOp("(");
      const list: Node[] = [this.additive()];
      while (this.isOp(",")) {
        this.next();
        list.push(this.additive());
      }
      this.expectOp(")");
      return { kind: "in", operand: left, list, negated, offset: left.offset };
    }
    if (this.isKeyword("LIKE")) {
      this.next();
      const pattern = this.additive();
      let escape: Node | undefined;
      if (this.isKeyword("ESCAPE")) {
        this.next();
        escape = this.additive();
        if (escape.kind === "constant" && (escape.type !== "string" || escape.value.length !== 1)) {
          throw new SqlSyntaxError("the ESCAPE character must be a string of length 1", escape.offset);
        }
      }
      return { kind: "like", operand: left, pattern, escape, negated, offset: left.offset };
    }
    if (this.isKeyword("NOT")) this.fail("IN or LIKE after NOT", this.tokens[this.i + 1]);
    return left;
  }

  additive(): Node {
    let left = this.multiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next().text as ArithmeticOp;
      left = { kind: "arithmetic", op, left, right: this.multiplicative(), offset: left.offset };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("%")) {
      const op = this.next().text as ArithmeticOp;
      left = { kind: "arithmetic", op, left, right: this.unary(), offset: left.offset };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp("+") || this.isOp("-")) {
      const t = this.next();
      return { kind: "unary", op: t.text as "+" | "-", operand: this.unary(), offset: t.offset };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.peek;
    if (t.kind === "string") {
      this.next();
      return { kind: "constant", type: "string", value: t.text, offset: t.offset };
    }
    if (t.kind === "number") {
      this.next();
      return { kind: "constant", type: t.numberKind ?? "double", value: Number(t.text), offset: t.offset };
    }
    if (t.kind === "keyword" && (t.text === "TRUE" || t.text === "FALSE")) {
      this.next();
      return { kind: "constant", type: "boolean", value: t.text === "TRUE", offset: t.offset };
    }
    if (t.kind === "keyword" && t.text === "NULL") {
      this.next();
      return { kind: "constant", type: "null", value: null, offset: t.offset };
    }
    if (this.isOp("(")) {
      this.next();
      const inner = this.or();
      this.expectOp(")");
      return inner;
    }
    if (t.kind === "ident" && this.tokens[this.i + 1].kind === "op" && this.tokens[this.i + 1].text === "(") {
      return this.func();
    }
    if (t.kind === "ident") return this.property();
    return this.fail("a value (constant, property or function)");
  }

  private func(): Node {
    const t = this.next();
    this.expectOp("(");
    const name = t.text.toLowerCase();
    if (name === "newid") {
      this.expectOp(")");
      return { kind: "newid", offset: t.offset };
    }
    if (name === "property" || name === "p") {
      const arg = this.additive();
      this.expectOp(")");
      return { kind: "propertyFn", name: arg, offset: t.offset };
    }
    throw new SqlSyntaxError(`unknown function '${t.text}'; allowed: newid(), property(name), p(name)`, t.offset);
  }

  /** `[sys. | user.] name`; unprefixed names are user properties. */
  property(): PropertyRef {
    const t = this.peek;
    if (t.kind !== "ident") this.fail("a property name");
    this.next();
    if (this.isOp(".")) {
      this.next();
      const scope = t.text.toLowerCase();
      if (scope !== "sys" && scope !== "user") {
        throw new SqlSyntaxError(`unknown scope '${t.text}'; allowed: sys, user`, t.offset);
      }
      const n = this.peek;
      if (n.kind !== "ident") this.fail("a property name after the scope");
      this.next();
      if (scope === "sys" && systemProperty(n.text) === undefined) {
        throw new SqlSyntaxError(
          `sys.${n.text} is not a system property; allowed: ${Object.keys(systemProperties).join(", ")}`,
          n.offset,
        );
      }
      return { kind: "property", scope, name: n.text, offset: t.offset };
    }
    return { kind: "property", scope: "user", name: t.text, offset: t.offset };
  }

  actions(): Action[] {
    const out: Action[] = [];
    while (this.peek.kind !== "eof") {
      const t = this.peek;
      if (this.isKeyword("SET")) {
        this.next();
        const property = this.property();
        this.expectOp("=");
        out.push({ kind: "set", property, value: this.additive(), offset: t.offset });
      } else if (this.isKeyword("REMOVE")) {
        this.next();
        out.push({ kind: "remove", property: this.property(), offset: t.offset });
      } else {
        this.fail(out.length === 0 ? "SET or REMOVE" : "';', SET, REMOVE or the end of the action");
      }
      while (this.isOp(";")) this.next();
    }
    if (out.length === 0) this.fail("SET or REMOVE");
    return out;
  }
}

/** Parses a SQL filter expression. Throws SqlSyntaxError (with the offset) when it does not parse. */
export function parseSqlFilter(text: string): Node {
  const p = new Parser(tokenize(text));
  const node = p.condition();
  if (p.peek.kind !== "eof") p.fail("AND, OR or the end of the filter");
  return node;
}

/** Parses a SQL rule action (`SET p = expr; REMOVE q`). Throws SqlSyntaxError (with the offset). */
export function parseSqlAction(text: string): Action[] {
  return new Parser(tokenize(text)).actions();
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
