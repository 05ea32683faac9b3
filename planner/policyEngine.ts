import * as pulumi from "@pulumi/pulumi";
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyPackConfig,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { PlannedResource } from "./simulatedArm";

/**
 * The offline analyzer: evaluates CrossGuard policies over the planned resources the way the Pulumi CLI and
 * `@pulumi/policy`'s server do during `pulumi preview --policy-pack` (server.ts `makeAnalyzeRpcFun`,
 * `makeAnalyzeStackRpcFun`, `makeRemediateRpcFun`; pulumi/pulumi `ReconcilePolicyPackConfig`):
 * - props are deserialized like the server does and wrapped in CrossGuard's own unknown-checking proxy, so reading a
 *   value that is unknown during preview throws, and the policy is reported as "can't run ... during preview"
 *   (advisory), never as a pass;
 * - `isType`/`asType` compare the class's type token exactly (then `isInstance`), as the CLI does; a single
 *   `validateResource` function carrying `__pulumiType` is skipped for other types (the server's fast path);
 * - `notApplicable` throws and is recorded; `getConfig` returns the policy's config with the schema's defaults;
 * - enforcement precedence: the policy's config -> `all` -> the policy's level -> the pack's -> advisory; `disabled`
 *   is skipped; `remediate` runs the remediation first and is reported as `mandatory`;
 * - resource policies see every registered resource's inputs; stack policies see every resource's outputs, linked
 *   through parent, dependencies and property dependencies.
 */

// @pulumi/policy re-exports these for test harnesses without typings (its proxy.d.ts is `export {}`): typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(o: T): T;
  UnknownValueError: new (...args: never[]) => Error;
  unknownStringValue: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deserialize = require("@pulumi/policy/deserialize") as {
  deserializeProperties(s: { toJavaScript(): unknown }, proxySecrets: boolean): Record<string, unknown>;
};

export type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

export interface PolicyViolation {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  /** The resource the violation is about; undefined for stack-wide findings without one. */
  readonly urn?: string;
  readonly message: string;
  readonly severity?: Severity;
  /** True when the policy read a value that is unknown during preview: it could not be checked (always advisory). */
  readonly previewUnknown?: boolean;
  /** Offline only: the stack config key that produced the resource (`PlannedResource.configKey`), when known. */
  readonly configKey?: string;
  /** Offline only: the config setting that fixes it (`<configKey>.<the rule's configField>`), when the rule has one. */
  readonly fix?: string;
}

export interface NotApplicable {
  readonly policy: string;
  /** Resource for resource policies; undefined for stack policies. */
  readonly urn?: string;
  readonly reason?: string;
}

export interface EvaluateOptions {
  readonly policies: readonly AnyPolicy[];
  readonly packName?: string;
  readonly packVersion?: string;
  readonly packEnforcementLevel?: EnforcementLevel;
  /** Policy pack config as in `--policy-pack-config` (`all` plus per-policy levels and parameters). */
  readonly config?: PolicyPackConfig;
  readonly resources: readonly PlannedResource[];
  readonly stackTags?: ReadonlyMap<string, string>;
}

export interface EvaluationResult {
  readonly violations: PolicyViolation[];
  readonly notApplicable: NotApplicable[];
}

/** Invalid policy pack config (the CLI refuses to run the pack). */
export class PolicyConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`policy pack configuration is invalid:\n  - ${problems.join("\n  - ")}`);
    this.name = "PolicyConfigError";
  }
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

interface ReconciledConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

/** Splits one config entry like the CLI's parsePolicyPackConfig: a level string, or an object with an optional level. */
function parseEntry(
  key: string,
  value: unknown,
  problems: string[],
): { level?: EnforcementLevel; props: Record<string, unknown> } {
  if (typeof value === "string") {
    if (!LEVELS.includes(value as EnforcementLevel)) {
      problems.push(`${key}: ${JSON.stringify(value)} is not a valid enforcement level (${LEVELS.join(", ")})`);
      return { props: {} };
    }
    return { level: value as EnforcementLevel, props: {} };
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const { enforcementLevel, ...props } = value as Record<string, unknown>;
    if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as EnforcementLevel)) {
      problems.push(`${key}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
      return { props };
    }
    return { level: enforcementLevel as EnforcementLevel | undefined, props };
  }
  problems.push(`${key}: ${JSON.stringify(value)} is not a valid value; must be a string or object`);
  return { props: {} };
}

/**
 * The config every policy runs with, as the CLI computes it (ReconcilePolicyPackConfig): schema defaults and the
 * policy's (or the pack's) level, then `all`'s level, then the policy's own entry; finally validated against the
 * policy's configSchema. Throws PolicyConfigError listing every problem.
 */
export function reconcileConfig(
  policies: readonly AnyPolicy[],
  packLevel: EnforcementLevel | undefined,
  config: PolicyPackConfig | undefined,
): Map<string, ReconciledConfig> {
  const problems: string[] = [];
  const parsed = Object.entries(config ?? {}).map(([k, v]) => [k, parseEntry(k, v, problems)] as const);
  const all = parsed.find(([k]) => k === "all")?.[1];
  const result = new Map<string, ReconciledConfig>();
  for (const policy of policies) {
    const defaults: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (s && typeof s === "object" && "default" in s) defaults[k] = structuredClone(s.default);
    }
    const own = parsed.find(([k]) => k === policy.name)?.[1];
    const enforcementLevel = own?.level ?? all?.level ?? policy.enforcementLevel ?? packLevel ?? "advisory";
    const properties = { ...defaults, ...own?.props };
    if (policy.configSchema) problems.push(...validateConfig(policy.name, policy.configSchema, properties));
    result.set(policy.name, { enforcementLevel, properties });
  }
  if (problems.length > 0) throw new PolicyConfigError(problems);
  return result;
}

/** Enforcement precedence as the CLI applies it: policy config -> `all` -> the policy's own level -> the pack's -> advisory. */
export function enforcementLevelOf(
  policy: AnyPolicy,
  pack: EnforcementLevel | undefined,
  config: PolicyPackConfig | undefined,
): EnforcementLevel {
  return reconcileConfig([policy], pack, config).get(policy.name)!.enforcementLevel;
}

/** The policy's parameters from config, with the schema's defaults applied (what `getConfig()` returns). */
export function configOf(policy: AnyPolicy, config: PolicyPackConfig | undefined): Record<string, unknown> {
  return reconcileConfig([policy], undefined, config).get(policy.name)!.properties;
}

// --- JSON schema subset of PolicyConfigSchema (what gojsonschema checks in the CLI) -------------------------------

function typeOfJson(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function validateValue(path: string, s: PolicyConfigJSONSchema | boolean | undefined, v: unknown): string[] {
  if (s === undefined || s === true) return [];
  if (s === false) return [`${path}: no value is allowed`];
  const out: string[] = [];
  const actual = typeOfJson(v);
  if (s.type) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const ok = types.some((t) => t === actual || (t === "number" && actual === "integer"));
    if (!ok) return [`${path}: invalid type, expected ${types.join(" or ")}, given ${actual}`];
  }
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    out.push(`${path}: must be one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}, given ${JSON.stringify(v)}`);
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(v)) {
    out.push(`${path}: must be ${JSON.stringify(s.const)}`);
  }
  if (typeof v === "number") {
    if (s.minimum !== undefined && v < s.minimum) out.push(`${path}: ${v} is less than the minimum ${s.minimum}`);
    if (s.maximum !== undefined && v > s.maximum) out.push(`${path}: ${v} is greater than the maximum ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum)
      out.push(`${path}: must be > ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum)
      out.push(`${path}: must be < ${s.exclusiveMaximum}`);
  }
  if (typeof v === "string") {
    if (s.minLength !== undefined && v.length < s.minLength) out.push(`${path}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && v.length > s.maxLength) out.push(`${path}: longer than ${s.maxLength}`);
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(v)) out.push(`${path}: does not match ${s.pattern}`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) out.push(`${path}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && v.length > s.maxItems) out.push(`${path}: more than ${s.maxItems} items`);
    if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
      out.push(`${path}: items must be unique`);
    if (s.items && !Array.isArray(s.items))
      v.forEach((x, i) => out.push(...validateValue(`${path}[${i}]`, s.items as PolicyConfigJSONSchema, x)));
  }
  if (actual === "object") out.push(...validateObject(path, s, v as Record<string, unknown>));
  return out;
}

function validateObject(
  path: string,
  s: PolicyConfigJSONSchema | PolicyConfigSchema,
  v: Record<string, unknown>,
): string[] {
  const out: string[] = [];
  const prefix = path ? `${path}.` : "";
  for (const r of s.required ?? []) if (!(r in v)) out.push(`${prefix}${r}: is required`);
  for (const [k, x] of Object.entries(v)) {
    const props = s.properties ?? {};
    if (k in props) out.push(...validateValue(`${prefix}${k}`, props[k], x));
    else if ("additionalProperties" in s && s.additionalProperties !== undefined) {
      out.push(...validateValue(`${prefix}${k}`, s.additionalProperties, x));
    }
  }
  return out;
}

/** Checks a policy's reconciled properties against its configSchema (the CLI's validatePolicyPackConfig). */
export function validateConfig(
  policyName: string,
  schema: PolicyConfigSchema,
  props: Record<string, unknown>,
): string[] {
  return validateObject("", schema, props).map((m) => `${policyName}: ${m}`);
}

// --- props as the analyzer sees them -------------------------------------------------------------------------------

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/**
 * Planned values -> the wire form the engine sends to the analyzer: unknowns (preview) become the unknown sentinel,
 * secrets stay redacted ("[secret]"), undefined members disappear.
 */
export function toWire(v: unknown): unknown {
  if (pulumi.isUnknown(v)) return proxy.unknownStringValue;
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : toWire(x)));
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o[SIG_KEY] === SECRET_SIG) return "[secret]";
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) if (x !== undefined) out[k] = toWire(x);
    return out;
  }
  return v;
}

/** Deserialized like the server does (assets, archives, secrets) and wrapped in CrossGuard's unknown-checking proxy. */
export function analyzerProps(values: Record<string, unknown>): Record<string, unknown> {
  const wire = toWire(values) as Record<string, unknown>;
  return proxy.unknownCheckingProxy(deserialize.deserializeProperties({ toJavaScript: () => wire }, false));
}

// --- type matching, exactly like server.ts isTypeOf ----------------------------------------------------------------

function pulumiTypeOf(x: unknown): string | undefined {
  return (x as { __pulumiType?: string } | undefined)?.__pulumiType;
}

/** The CLI's isTypeOf: the class's `__pulumiType` compared exactly, else the class's `isInstance`. */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
  const token = pulumiTypeOf(resourceClass);
  if (token) return type === token;
  const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Control flow only (caught below): no stack trace, which V8 would capture for each of resources x policies. */
class NotApplicableError extends Error {
  readonly reason?: string;
  constructor(reason?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason ?? "Policy does not apply");
    Error.stackTraceLimit = limit;
    this.reason = reason;
  }
}

const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicableError(reason);
};

function optionsOf(r: PlannedResource): PolicyResourceOptions {
  return {
    protect: r.protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

function isResourcePolicy(p: AnyPolicy): p is ResourceValidationPolicy {
  const v = (p as ResourceValidationPolicy).validateResource;
  return (
    typeof v === "function" ||
    Array.isArray(v) ||
    typeof (p as ResourceValidationPolicy).remediateResource === "function"
  );
}

function isStackPolicy(p: AnyPolicy): p is StackValidationPolicy {
  return typeof (p as StackValidationPolicy).validateStack === "function";
}

/** Evaluates every policy against the planned resources, like the CLI's analyzer does during a preview. */
export async function evaluatePolicies(opts: EvaluateOptions): Promise<PolicyViolation[]> {
  return (await analyze(opts)).violations;
}

/** Like evaluatePolicies, and also returns which policies declared themselves not applicable (and why). */
export async function analyze(opts: EvaluateOptions): Promise<EvaluationResult> {
  const config = reconcileConfig(opts.policies, opts.packEnforcementLevel, opts.config);
  const packName = opts.packName ?? "policy-pack";
  const packVersion = opts.packVersion ?? "0.0.0";
  const stackTags = opts.stackTags ?? new Map<string, string>();
  const violations: PolicyViolation[] = [];
  const notApplicable: NotApplicable[] = [];
  const getConfigFor = (name: string) => () => structuredClone(config.get(name)!.properties) as never;
  const byUrn = new Map(opts.resources.map((r) => [r.urn, r] as const));
  // Offline only: the config key behind the resource, and the setting that fixes it when the rule names one.
  const origin = (policy: AnyPolicy, urn: string | undefined) => {
    const configKey = urn ? byUrn.get(urn)?.configKey : undefined;
    const field = (policy as { configField?: string }).configField;
    return {
      ...(configKey ? { configKey } : {}),
      ...(configKey && field ? { fix: `${configKey}.${field}` } : {}),
    };
  };

  // As server.ts makeReportViolationFun: a string message is printed after the policy's description and a newline.
  const reporter =
    (policy: AnyPolicy, level: EnforcementLevel, defaultUrn?: string): ReportViolation =>
    (message, urn) => {
      if (typeof message === "object") {
        const info = message as {
          name?: string;
          message?: string;
          description?: string;
          urn?: string;
          enforcementLevel?: EnforcementLevel;
          severity?: Severity;
        };
        violations.push({
          policy: info.name || policy.name,
          enforcementLevel: info.enforcementLevel || level,
          urn: info.urn ?? defaultUrn,
          message: info.message || info.description || policy.description,
          severity: info.severity || policy.severity,
          ...origin(policy, info.urn ?? defaultUrn),
        });
        return;
      }
      violations.push({
        policy: policy.name,
        enforcementLevel: level,
        urn: urn ?? defaultUrn,
        message: message ? `${policy.description}\n${message}` : policy.description,
        severity: policy.severity,
        ...origin(policy, urn ?? defaultUrn),
      });
    };

  const handle = (e: unknown, policy: AnyPolicy, urn: string | undefined) => {
    if (e instanceof proxy.UnknownValueError) {
      violations.push({
        policy: policy.name,
        enforcementLevel: "advisory",
        urn,
        message: `can't run policy '${policy.name}' from policy pack '${packName}@v${packVersion}' during preview: ${(e as Error).message}`,
        severity: policy.severity,
        previewUnknown: true,
        ...origin(policy, urn),
      });
    } else if (e instanceof NotApplicableError) {
      notApplicable.push({ policy: policy.name, urn, reason: e.reason });
    } else {
      const err = e as Error;
      throw new Error(
        `Error validating resource with policy '${policy.name}' from policy pack '${packName}@v${packVersion}':\n${err?.stack ?? err}`,
      );
    }
  };

  // Resource policies: every registered resource, in registration order; remediations first.
  for (const r of opts.resources) {
    let inputs = r.inputs;
    const base = () => {
      const props = analyzerProps(inputs);
      return {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r),
        stackTags,
        isType: (cls: unknown) => isTypeOf(r.type, cls),
        asType: (cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined),
        notApplicable: throwNotApplicable,
      };
    };
    for (const policy of opts.policies) {
      const level = config.get(policy.name)!.enforcementLevel;
      if (level !== "remediate" || !isResourcePolicy(policy) || !policy.remediateResource) continue;
      const token = pulumiTypeOf(policy.remediateResource);
      if (token && token !== r.type) continue;
      try {
        const out = await Promise.resolve(
          policy.remediateResource({ ...base(), getConfig: getConfigFor(policy.name) } as ResourceValidationArgs),
        );
        if (out) inputs = JSON.parse(JSON.stringify(out));
      } catch (e) {
        handle(e, policy, r.urn);
      }
    }
    for (const policy of opts.policies) {
      let level = config.get(policy.name)!.enforcementLevel;
      if (level === "disabled" || !isResourcePolicy(policy)) continue;
      if (!policy.validateResource) {
        notApplicable.push({ policy: policy.name, urn: r.urn, reason: "Policy does not implement validateResource" });
        continue;
      }
      if (level === "remediate") level = "mandatory";
      if (!Array.isArray(policy.validateResource)) {
        const token = pulumiTypeOf(policy.validateResource);
        if (token && token !== r.type) {
          notApplicable.push({
            policy: policy.name,
            urn: r.urn,
            reason: `Policy only applies to resources of type '${token}'`,
          });
          continue;
        }
      }
      const report = reporter(policy, level, r.urn);
      const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
      for (const validate of validations) {
        try {
          const args = { ...base(), getConfig: getConfigFor(policy.name) } as ResourceValidationArgs;
          await Promise.resolve(validate(args, report));
        } catch (e) {
          handle(e, policy, r.urn);
        }
      }
    }
  }

  // Stack policies: every resource's outputs, linked through parent, dependencies and property dependencies.
  for (const policy of opts.policies) {
    let level = config.get(policy.name)!.enforcementLevel;
    if (level === "disabled" || !isStackPolicy(policy)) continue;
    if (level === "remediate") level = "mandatory";
    const token = pulumiTypeOf(policy.validateStack);
    if (token && !opts.resources.some((r) => r.type === token)) {
      notApplicable.push({ policy: policy.name, reason: `Policy only applies to resources of type '${token}'` });
      continue;
    }
    try {
      const byUrn = new Map<string, PolicyResource>();
      const built = opts.resources.map((r) => {
        const props = analyzerProps(r.outputs ?? r.inputs);
        const resource: PolicyResource = {
          type: r.type,
          props,
          urn: r.urn,
          name: r.name,
          opts: optionsOf(r),
          dependencies: [],
          propertyDependencies: {},
          isType: (cls: unknown) => isTypeOf(r.type, cls),
          asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(r.urn, resource);
        return { r, resource };
      });
      const resolve = (urns: readonly string[]) =>
        urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
      for (const { r, resource } of built) {
        const mutable = resource as { parent?: PolicyResource; dependencies: PolicyResource[] };
        if (r.parent && byUrn.has(r.parent)) mutable.parent = byUrn.get(r.parent);
        mutable.dependencies = resolve(r.dependencies);
        for (const [k, urns] of Object.entries(r.propertyDependencies))
          resource.propertyDependencies[k] = resolve(urns);
      }
      const args: StackValidationArgs = {
        resources: built.map((b) => b.resource),
        getConfig: getConfigFor(policy.name),
        stackTags,
        notApplicable: throwNotApplicable,
      };
      await Promise.resolve(policy.validateStack(args, reporter(policy, level)));
    } catch (e) {
      handle(e, policy, undefined);
    }
  }
  return { violations, notApplicable };
}
