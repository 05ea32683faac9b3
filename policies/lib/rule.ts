import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

/**
 * Where a rule comes from, e.g. `AP 5d4e3c65 Event Hub/DisableLocalAuth_AuditDeny.json` (Azure Policy built-in),
 * `PS Azure.EventHub.DisableLocalAuth` (PSRule), `CK CKV_AZURE_223` (Checkov) or `derived: ...` (our own reading of
 * the azure-native schema). The README (policies/README.md) lists every rule's anchor.
 */
export type Anchor = string;

/** Path of Azure Policy's built-in definitions, which `AP` anchors cite. */
export const AP = "Azure/azure-policy built-in-policies/policyDefinitions";

/** Metadata every rule of the pack carries, on top of CrossGuard's own policy fields. */
export interface RuleMeta {
  /** Stable id: the CrossGuard policy name, used as the key in policy config files. Never rename. */
  readonly name: string;
  /** Short code (EH-01, SB-10, ...) of the rule, as policies/README.md lists it. */
  readonly code: string;
  readonly description: string;
  readonly severity: Severity;
  readonly anchor: Anchor;
  readonly remediation: string;
  /** Default enforcement level; environments raise it in policies/config/<env>.json. Defaults to advisory. */
  readonly enforcementLevel?: EnforcementLevel;
  readonly configSchema?: PolicyConfigSchema;
  /**
   * The setting that fixes a violation, relative to the config key that produced the resource, e.g.
   * `disableLocalAuth: true`: the offline plan prints `<configKey>.<configField>` (CrossGuard ignores it).
   */
  readonly configField?: string;
  /**
   * Why the rule cannot decide on values known in a preview of a new stack, and what covers the gap. Unset: it can
   * (it reads only inputs the program sets, presence of computed values, or links through property dependencies).
   */
  readonly previewGap?: string;
}

/** What the pack adds to CrossGuard's policy fields (README table, offline fix hints). */
interface PackFields {
  readonly code: string;
  readonly anchor: Anchor;
  readonly configField?: string;
  readonly previewGap?: string;
}

export type PackResourcePolicy = ResourceValidationPolicy & PackFields;
export type PackStackPolicy = StackValidationPolicy & PackFields;
export type PackPolicy = PackResourcePolicy | PackStackPolicy;

/** A resource class of azure-native (or anything with the `__pulumiType` static CrossGuard reads). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResourceClass = { new (...args: any[]): unknown };

/** The type token of a resource class (`static __pulumiType`, @internal in the SDK so absent from the .d.ts). */
export function tokenOf(cls: ResourceClass): string {
  const token = (cls as unknown as { __pulumiType?: string }).__pulumiType;
  if (!token) throw new Error(`${cls.name} has no __pulumiType`);
  return token;
}

/**
 * True when `type` is the class's token or a versioned token of it: `azure-native:eventhub/v20250501preview:Namespace`
 * matches `azure-native:eventhub:Namespace`. CrossGuard's own `isType`/`validateResourceOfType` compare tokens exactly,
 * so resources from a versioned local SDK would pass silently; the pack matches them itself, in the CLI and offline.
 */
export function typeMatches(type: string, token: string): boolean {
  if (type === token) return true;
  const [pkg, mod, name] = token.split(":");
  const [tpkg, tmod, tname] = type.split(":");
  return (
    tpkg === pkg &&
    tname === name &&
    typeof tmod === "string" &&
    /^v\w+$/.test(tmod.slice(mod.length + 1)) &&
    tmod.startsWith(`${mod}/`)
  );
}

export function isOfType(type: string, classes: readonly ResourceClass[]): boolean {
  return classes.some((c) => typeMatches(type, tokenOf(c)));
}

/**
 * A resource a rule does not report, with the reason, like an Azure Policy exemption
 * (https://learn.microsoft.com/azure/governance/policy/concepts/exemption-structure): set per environment in
 * `policies/config/<env>.json` under the rule's `exemptions`, so a deliberate deviation is written down and reviewed.
 * `resource` is the Pulumi resource name (the last part of its URN, as the plan prints it).
 */
export interface Exemption {
  readonly resource: string;
  readonly reason: string;
}

/** Every rule accepts `exemptions` in its config (the CLI validates policy config against the rule's schema). */
const exemptionsSchema = {
  type: "array" as const,
  default: [],
  description:
    "Resources this rule does not report, each with the reason (an exemption, like Azure Policy's): `{ resource: <Pulumi resource name>, reason }`.",
  items: {
    type: "object" as const,
    properties: {
      resource: { type: "string" as const, minLength: 1 },
      reason: { type: "string" as const, minLength: 1 },
    },
    required: ["resource", "reason"],
    additionalProperties: false,
  },
};

/** The exemption for a resource (by name or URN), if the rule's config has one. */
export function exemptionFor(config: { exemptions?: readonly Exemption[] }, nameOrUrn: string): Exemption | undefined {
  const name = nameOrUrn.includes("::") ? nameOrUrn.slice(nameOrUrn.lastIndexOf("::") + 2) : nameOrUrn;
  return (config.exemptions ?? []).find((e) => e.resource === name);
}

function common(meta: RuleMeta) {
  const configSchema: PolicyConfigSchema = {
    ...meta.configSchema,
    properties: { ...meta.configSchema?.properties, exemptions: exemptionsSchema },
  };
  return {
    name: meta.name,
    code: meta.code,
    anchor: meta.anchor,
    displayName: `${meta.code}: ${meta.description}`,
    description: meta.description,
    severity: meta.severity,
    enforcementLevel: meta.enforcementLevel ?? "advisory",
    remediationSteps: meta.remediation,
    tags: [meta.code.split("-")[0].toLowerCase(), meta.code],
    configSchema,
    ...(meta.configField ? { configField: meta.configField } : {}),
    ...(meta.previewGap ? { previewGap: meta.previewGap } : {}),
  };
}

/** Resource props are CrossGuard's unknown-checking proxy of the inputs: reading an unknown value throws. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

/**
 * A resource rule over some azure-native classes (versioned tokens included). Other types are reported as not
 * applicable, as `validateResourceOfType` does; the function deliberately carries no `__pulumiType`, so the server's
 * exact-token fast path does not skip versioned tokens.
 */
export function resourceRule<C extends object = Record<string, unknown>>(
  meta: RuleMeta,
  classes: readonly ResourceClass[],
  check: (props: Props, args: ResourceValidationArgs, report: ReportViolation, config: C) => void,
): PackResourcePolicy {
  const tokens = classes.map(tokenOf);
  return {
    ...common(meta),
    validateResource: (args, report) => {
      if (!isOfType(args.type, classes)) {
        return args.notApplicable(`Policy only applies to resources of type ${tokens.map((t) => `'${t}'`).join(", ")}`);
      }
      const config = args.getConfig<C & { exemptions?: Exemption[] }>();
      const exemption = exemptionFor(config, args.name);
      if (exemption) return args.notApplicable(`exempted: ${exemption.reason}`);
      check(args.props, args, report, config);
    },
  };
}

/** A stack rule: sees every resource with its parent, dependencies and property dependencies. */
export function stackRule<C extends object = Record<string, unknown>>(
  meta: RuleMeta,
  check: (resources: readonly PolicyResource[], args: StackValidationArgs, report: ReportViolation, config: C) => void,
): PackStackPolicy {
  return {
    ...common(meta),
    validateStack: (args, report) => {
      const config = args.getConfig<C & { exemptions?: Exemption[] }>();
      const reportUnlessExempt: ReportViolation = (message, urn) => {
        if (!urn || !exemptionFor(config, urn)) report(message, urn);
      };
      check(args.resources, args, reportUnlessExempt, config);
    },
  };
}

/** Case-insensitive string equality (AP compares `Microsoft.Keyvault`, the enum says `Microsoft.KeyVault`). */
export function same(a: unknown, b: string): boolean {
  return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

/** Compares TLS versions like "1.2", "1.3" or "TLS1_2". Returns NaN for anything else. */
export function tlsNumber(v: unknown): number {
  if (typeof v !== "string") return NaN;
  const m = /^(?:tls)?(\d)[._](\d)$/i.exec(v.trim());
  return m ? Number(`${m[1]}.${m[2]}`) : NaN;
}

/** `key in obj` without reading the value (so an unknown value does not throw: presence is known in preview). */
export function has(obj: unknown, key: string): boolean {
  return obj !== null && typeof obj === "object" && key in obj;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** JSON-schema snippets for the rules' configSchema (each property with its default, as the CLI applies it). */
export const schema = {
  stringList: (def: string[], description: string) => ({
    type: "array" as const,
    items: { type: "string" as const },
    default: def,
    description,
  }),
  integer: (def: number, min: number, max: number, description: string) => ({
    type: "integer" as const,
    minimum: min,
    maximum: max,
    default: def,
    description,
  }),
  boolean: (def: boolean, description: string) => ({ type: "boolean" as const, default: def, description }),
  string: (def: string, description: string, values?: string[]) => ({
    type: "string" as const,
    default: def,
    description,
    ...(values ? { enum: values } : {}),
  }),
};
