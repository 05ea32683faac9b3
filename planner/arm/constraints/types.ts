/**
 * Azure's published constraints on the inputs of one resource type, transcribed from the REST API specification
 * (github.com/Azure/azure-rest-api-specs) at the API version azure-native uses for that type. Data only: the generic
 * checker (./check.ts) walks a resource's inputs against it. Every rule names the spec definition (or the path
 * parameter) it was copied from; the file and API version are the type's.
 */
export interface TypeConstraints {
  /** The API version azure-native sends (`Uses Azure REST API version ...` in its `<module>/<resource>.js`). */
  readonly apiVersion: string;
  /** Spec file in Azure/azure-rest-api-specs the rules below come from, e.g. `specification/servicebus/...json`. */
  readonly spec: string;
  readonly rules: readonly PropertyRule[];
  /** Set for types that are not Azure resources (the `random` provider): there is nothing to check. */
  readonly notArm?: string;
}

/**
 * One property's constraints. `path` is the azure-native input path (flattened `properties`, camelCase): segments
 * joined by `.`, `[]` steps into every array item, `{}` into every map value. The name input of a resource
 * (`queueName`) is checked with the auto-name azure-native would choose when the program gives none.
 */
export interface PropertyRule {
  readonly path: string;
  /** Where in the spec: `#/definitions/SBQueueProperties` or `parameter queueName` (a path parameter). */
  readonly definition: string;
  /**
   * A public Microsoft page stating a rule stricter than the spec (e.g. a name's character set the spec leaves
   * open); the rule's source is then this URL, not the spec.
   */
  readonly doc?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enum?: readonly string[];
  /**
   * `x-ms-enum.modelAsString: true`: the spec lists the known values but Azure accepts others (the enum is
   * extensible), so the checker does not enforce it; kept so a reader sees the values Azure documents.
   */
  readonly extensible?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  /** `format: duration` (ISO 8601, e.g. `PT5M`) or `format: uuid`. */
  readonly format?: "duration" | "uuid";
  /** Listed in the definition's `required` (or a required path parameter). */
  readonly required?: boolean;
  /** The object's complete property list at this API version: any other key is a property Azure does not have. */
  readonly properties?: readonly string[];
}

/** One service's table: resource type token -> constraints. */
export type ServiceConstraints = Readonly<Record<string, TypeConstraints>>;

/** What the checker reports for one broken rule. */
export interface ConstraintViolation {
  readonly path: string;
  readonly value: unknown;
  /** The rule in words, e.g. `at most 24 characters`, `one of Basic, Standard, Premium`. */
  readonly rule: string;
  /** `<spec file> <definition> (API version <v>)`. */
  readonly source: string;
}
