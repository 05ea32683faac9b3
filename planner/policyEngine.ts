import type {
  EnforcementLevel,
  PolicyPackConfig,
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PlannedResource } from "./simulatedArm";

export type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

export interface PolicyViolation {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  /** The resource the violation is about; undefined for stack-wide findings without one. */
  readonly urn?: string;
  readonly message: string;
}

export interface EvaluateOptions {
  readonly policies: readonly AnyPolicy[];
  readonly packEnforcementLevel?: EnforcementLevel;
  /** Policy pack config as in `--policy-pack-config` (`all` plus per-policy levels and parameters). */
  readonly config?: PolicyPackConfig;
  readonly resources: readonly PlannedResource[];
  readonly stackTags?: ReadonlyMap<string, string>;
}

/** Enforcement precedence as the CLI applies it: policy config -> the policy's own level -> the pack's -> advisory. */
export function enforcementLevelOf(
  policy: AnyPolicy,
  pack: EnforcementLevel | undefined,
  config: PolicyPackConfig | undefined,
): EnforcementLevel {
  const own = config?.[policy.name];
  const fromConfig = typeof own === "string" ? own : own?.enforcementLevel;
  const all = config?.all;
  const fromAll = typeof all === "string" ? all : all?.enforcementLevel;
  return fromConfig ?? fromAll ?? policy.enforcementLevel ?? pack ?? "advisory";
}

/** The policy's parameters from config, with the schema's defaults applied. */
export function configOf(policy: AnyPolicy, config: PolicyPackConfig | undefined): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (p && typeof p === "object" && "default" in p) defaults[k] = (p as { default: unknown }).default;
  }
  const own = config?.[policy.name];
  const params = typeof own === "object" && own !== null ? { ...own } : {};
  delete (params as Record<string, unknown>).enforcementLevel;
  return { ...defaults, ...params };
}

class NotApplicable extends Error {}

/** Matches `azure-native:eventhub:Namespace` and versioned tokens like `azure-native:eventhub/v20240101:Namespace`. */
export function typeMatches(actual: string, token: string): boolean {
  if (actual === token) return true;
  const [pkg, mod, name] = token.split(":");
  const [apkg, amod, aname] = actual.split(":");
  return apkg === pkg && aname === name && amod !== undefined && amod.split("/")[0] === mod;
}

function tokenOf(resourceClass: unknown): string | undefined {
  return (resourceClass as { __pulumiType?: string }).__pulumiType;
}

/** Evaluates every policy against the planned resources, like the CLI's analyzer does during a preview. */
export function evaluatePolicies(opts: EvaluateOptions): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const custom = opts.resources.filter((r) => r.custom);
  const stackTags = opts.stackTags ?? new Map<string, string>();
  const byUrn = new Map(opts.resources.map((r) => [r.urn, r]));

  const toPolicyResource = (r: PlannedResource, depth = 0): PolicyResource => {
    const resolve = (urn: string) => {
      const x = byUrn.get(urn);
      return x && depth < 1 ? toPolicyResource(x, depth + 1) : undefined;
    };
    return {
      type: r.type,
      props: r.inputs,
      urn: r.urn,
      name: r.name,
      opts: {
        protect: r.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: r.parent,
      },
      parent: r.parent ? resolve(r.parent) : undefined,
      dependencies: r.dependencies.map(resolve).filter((x): x is PolicyResource => x !== undefined),
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([k, urns]) => [
          k,
          urns.map(resolve).filter((x): x is PolicyResource => !!x),
        ]),
      ),
      isType: (cls: unknown) => typeMatches(r.type, tokenOf(cls) ?? ""),
      asType: ((cls: unknown) =>
        typeMatches(r.type, tokenOf(cls) ?? "") ? r.inputs : undefined) as PolicyResource["asType"],
    };
  };

  for (const policy of opts.policies) {
    const level = enforcementLevelOf(policy, opts.packEnforcementLevel, opts.config);
    if (level === "disabled") continue;
    const getConfig = <T extends object>() => configOf(policy, opts.config) as T;
    const notApplicable = (reason?: string): never => {
      throw new NotApplicable(reason);
    };
    if ("validateResource" in policy && policy.validateResource) {
      const validators = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
      for (const r of custom) {
        const pr = toPolicyResource(r);
        for (const validate of validators) {
          try {
            validate(
              { ...pr, getConfig, notApplicable, stackTags } as unknown as Parameters<typeof validate>[0],
              (message: string, urn?: string) =>
                violations.push({ policy: policy.name, enforcementLevel: level, urn: urn ?? r.urn, message }),
            );
          } catch (e) {
            if (!(e instanceof NotApplicable)) throw e;
          }
        }
      }
    }
    if ("validateStack" in policy && policy.validateStack) {
      try {
        policy.validateStack(
          { resources: custom.map((r) => toPolicyResource(r)), getConfig, notApplicable, stackTags } as Parameters<
            StackValidationPolicy["validateStack"]
          >[0],
          (message: string, urn?: string) =>
            violations.push({ policy: policy.name, enforcementLevel: level, urn, message }),
        );
      } catch (e) {
        if (!(e instanceof NotApplicable)) throw e;
      }
    }
  }
  return violations;
}
