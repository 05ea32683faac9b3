// Syntax tree of Service Bus SQL filters and actions (grammar:
// https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter and
// https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-rule-action).
// Every node carries the character offset it starts at, so evaluation errors can point into the expression.

export type Scope = "sys" | "user";

export interface PropertyRef {
  readonly kind: "property";
  readonly scope: Scope;
  /** As written (system names are matched case-insensitively; user names too, per the sql-filter page). */
  readonly name: string;
  readonly offset: number;
}

export type Constant =
  | { readonly kind: "constant"; readonly type: "string"; readonly value: string; readonly offset: number }
  | { readonly kind: "constant"; readonly type: "long" | "double"; readonly value: number; readonly offset: number }
  | { readonly kind: "constant"; readonly type: "boolean"; readonly value: boolean; readonly offset: number }
  | { readonly kind: "constant"; readonly type: "null"; readonly value: null; readonly offset: number };

export type CompareOp = "=" | "<>" | "!=" | ">" | ">=" | "<" | "<=";
export type ArithmeticOp = "+" | "-" | "*" | "/" | "%";

export type Node =
  | PropertyRef
  | Constant
  | { readonly kind: "newid"; readonly offset: number }
  | { readonly kind: "propertyFn"; readonly name: Node; readonly offset: number }
  | { readonly kind: "unary"; readonly op: "+" | "-"; readonly operand: Node; readonly offset: number }
  | {
      readonly kind: "arithmetic";
      readonly op: ArithmeticOp;
      readonly left: Node;
      readonly right: Node;
      readonly offset: number;
    }
  | {
      readonly kind: "compare";
      readonly op: CompareOp;
      readonly left: Node;
      readonly right: Node;
      readonly offset: number;
    }
  | { readonly kind: "and" | "or"; readonly left: Node; readonly right: Node; readonly offset: number }
  | { readonly kind: "not"; readonly operand: Node; readonly offset: number }
  | { readonly kind: "isNull"; readonly property: PropertyRef; readonly negated: boolean; readonly offset: number }
  | {
      readonly kind: "in";
      readonly operand: Node;
      readonly list: readonly Node[];
      readonly negated: boolean;
      readonly offset: number;
    }
  | {
      readonly kind: "like";
      readonly operand: Node;
      readonly pattern: Node;
      readonly escape?: Node;
      readonly negated: boolean;
      readonly offset: number;
    }
  | { readonly kind: "exists"; readonly property: PropertyRef; readonly offset: number };

/** Node kinds that are conditions (predicates); the rest are value expressions. */
export const predicateKinds: ReadonlySet<Node["kind"]> = new Set([
  "compare",
  "and",
  "or",
  "not",
  "isNull",
  "in",
  "like",
  "exists",
]);

export type Action =
  | { readonly kind: "set"; readonly property: PropertyRef; readonly value: Node; readonly offset: number }
  | { readonly kind: "remove"; readonly property: PropertyRef; readonly offset: number };
