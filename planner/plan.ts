import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import type { PolicyPackConfig } from "@pulumi/policy";
import { ValidationError } from "../components/core/errors";
import { AnyPolicy, evaluatePolicies, PolicyConfigError, PolicyViolation } from "./policyEngine";
import { formatArmViolation } from "./arm/constraints/plannedCheck";
import { installSimulatedArm, PlannedResource } from "./simulatedArm";
import { readProjectName, readStackFile } from "./stackFile";

export const EXIT_OK = 0;
export const EXIT_MANDATORY_VIOLATION = 1;
export const EXIT_INVALID_CONFIG = 2;
export const EXIT_INTERNAL_ERROR = 3;

export interface PlanOptions {
  /** Folder with Pulumi.yaml. */
  readonly projectDir: string;
  /** Stack name; the stack file defaults to `<stackConfigDir>/Pulumi.<stack>.yaml`. */
  readonly stack: string;
  /** Any stack file to read instead. */
  readonly configFile?: string;
  /** Policy pack config (`--policy-pack-config` format). Defaults to `policies/config/<environment>.json` if present. */
  readonly policyConfigFile?: string;
  /** Policies to evaluate. Defaults to the CrossGuard pack's own list. */
  readonly policies?: readonly AnyPolicy[];
  /** Outputs of referenced stacks, for team stacks' StackReferences. */
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
  /** Plan like `pulumi preview` of a new stack: ids and computed outputs unknown (what the policies see then). */
  readonly preview?: boolean;
  /** Called as each phase ends (progress on a terminal): load config, validate, register, evaluate policies. */
  readonly onPhase?: (phase: PlanPhase, count?: number) => void;
}

export type PlanPhase = "load config" | "validate" | "register" | "evaluate policies";

export interface PlanReport {
  readonly stack: string;
  readonly exitCode: number;
  readonly resources: PlannedResource[];
  readonly violations: PolicyViolation[];
  /** Set when the plan could not be made (invalid config, or an internal error). */
  readonly error?: string;
  /**
   * The stack's outputs (the program's exports), as `pulumi stack output --json` prints them after `pulumi up`;
   * set when the program ran to completion. A team stack's plan reads a platform's outputs this way.
   */
  readonly outputs?: Record<string, unknown>;
  /** The stack's environment (its `environment` config, else the stack name); set when the program ran. */
  readonly environment?: string;
  /** The policy exemptions of the environment's policy config, each with whether it names a resource of the plan. */
  readonly exemptions?: PolicyExemption[];
}

/** One `exemptions` entry of a rule in the policy config (policies/lib/rule.ts `Exemption`). */
export interface PolicyExemption {
  readonly policy: string;
  readonly resource: string;
  readonly reason: string;
  /** False when no planned resource has that name: the exemption has no effect (printed as a warning). */
  readonly matched: boolean;
}

function exemptionsOf(config: PolicyPackConfig | undefined, resources: readonly PlannedResource[]): PolicyExemption[] {
  const names = new Set(resources.map((r) => r.name));
  return Object.entries(config ?? {}).flatMap(([policy, entry]) => {
    const list = entry && typeof entry === "object" ? (entry as { exemptions?: unknown }).exemptions : undefined;
    return (Array.isArray(list) ? (list as { resource: string; reason: string }[]) : []).map((e) => ({
      policy,
      resource: e.resource,
      reason: e.reason,
      matched: names.has(e.resource),
    }));
  });
}

/** The JSON document `--json FILE` writes. Deterministic: the same config gives the same bytes. */
export function planJson(report: PlanReport, extra: { changes?: readonly object[] } = {}): string {
  return (
    JSON.stringify(
      {
        stack: report.stack,
        resources: [...report.resources]
          .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))
          .map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent ?? null,
            inputs: r.inputs,
            dependencies: r.dependencies,
            protect: r.protect,
            ...(r.configKey ? { configKey: r.configKey } : {}),
          })),
        violations: report.violations.map((v) => ({
          policy: v.policy,
          enforcementLevel: v.enforcementLevel,
          urn: v.urn ?? null,
          message: v.message,
          ...(v.configKey ? { configKey: v.configKey } : {}),
          ...(v.fix ? { fix: v.fix } : {}),
        })),
        ...(report.error ? { error: report.error } : {}),
        ...(extra.changes ? { changes: extra.changes } : {}),
      },
      null,
      2,
    ) + "\n"
  );
}

function stackConfigDir(projectDir: string): string {
  const text = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  const m = /^stackConfigDir:\s*(\S+)/m.exec(text);
  return path.join(projectDir, m ? m[1] : ".");
}

function programPath(projectDir: string): string {
  const text = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  const m = /^main:\s*(\S+)/m.exec(text);
  return path.resolve(projectDir, m ? m[1] : "index.ts");
}

/** The stacks that have a `Pulumi.<stack>.yaml` in `dir` (what `--stack` accepts). */
function knownStacks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/**
 * Runs the stack program that `pulumi up` runs, in-process on the simulated ARM, and evaluates the policy pack.
 * One plan per process: the Pulumi runtime keeps global state.
 */
export async function runPlan(options: PlanOptions): Promise<PlanReport> {
  const project = readProjectName(options.projectDir);
  const file = options.configFile ?? path.join(stackConfigDir(options.projectDir), `Pulumi.${options.stack}.yaml`);
  if (!fs.existsSync(file)) {
    return {
      stack: options.stack,
      exitCode: EXIT_INVALID_CONFIG,
      resources: [],
      violations: [],
      error: `stack file ${file} does not exist${options.configFile ? "" : `; stacks: ${knownStacks(path.dirname(file)).join(", ") || "(none)"}`}`,
    };
  }
  let stackFile;
  try {
    stackFile = readStackFile(file);
  } catch (e) {
    return {
      stack: options.stack,
      exitCode: EXIT_INVALID_CONFIG,
      resources: [],
      violations: [],
      error: `${file}: ${(e as Error).message}`,
    };
  }
  options.onPhase?.("load config");
  const arm = installSimulatedArm({
    project,
    stack: options.stack,
    subscriptionId: stackFile.config["azure-native:subscriptionId"],
    config: stackFile.config,
    secretKeys: stackFile.secretKeys,
    stackOutputs: options.stackOutputs,
    preview: options.preview,
  });

  const asyncErrors: unknown[] = [];
  const onRejection = (e: unknown) => asyncErrors.push(e);
  process.on("unhandledRejection", onRejection);
  let outputs: Record<string, unknown> | undefined;
  try {
    outputs = await pulumi.runtime.runInPulumiStack(async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exports = require(programPath(options.projectDir));
      // The program validates its config and constructs every component synchronously; registrations follow.
      options.onPhase?.("validate");
      return exports;
    });
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    options.onPhase?.("register", arm.resources.filter((r) => r.custom).length);
  } catch (e) {
    asyncErrors.unshift(e);
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  const invalid = asyncErrors.find((e) => ValidationError.isInstance(e));
  if (invalid) {
    return {
      stack: options.stack,
      exitCode: EXIT_INVALID_CONFIG,
      resources: arm.resources,
      violations: [],
      error: (invalid as Error).message,
    };
  }
  if (asyncErrors.length > 0) {
    const e = asyncErrors[0] as Error;
    return {
      stack: options.stack,
      exitCode: EXIT_INTERNAL_ERROR,
      resources: arm.resources,
      violations: [],
      error: e?.stack ?? String(e),
    };
  }
  // What Azure's published rules or the Pulumi engine would refuse: a config error (exit 2), one line each.
  const refused = arm.armViolations();
  if (refused.length > 0) {
    return {
      stack: options.stack,
      exitCode: EXIT_INVALID_CONFIG,
      resources: arm.resources,
      violations: [],
      error:
        `${refused.length} input(s) Azure or the Pulumi engine would refuse:\n` +
        refused.map((v) => `  ${formatArmViolation(v)}`).join("\n"),
    };
  }

  const environment = String(JSON.parse(JSON.stringify(stackFile.config[`${project}:environment`] ?? options.stack)));
  const policyConfigFile =
    options.policyConfigFile ?? path.join(options.projectDir, "policies", "config", `${environment}.json`);
  let policyConfig: PolicyPackConfig | undefined;
  try {
    policyConfig = fs.existsSync(policyConfigFile) ? JSON.parse(fs.readFileSync(policyConfigFile, "utf8")) : undefined;
  } catch (e) {
    return {
      stack: options.stack,
      exitCode: EXIT_INVALID_CONFIG,
      resources: arm.resources,
      violations: [],
      error: `${policyConfigFile}: ${(e as Error).message}`,
    };
  }
  // Loaded lazily so that a config error never pays for the policy modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pack = require("../policies/pack") as typeof import("../policies/pack");
  let violations: PolicyViolation[];
  try {
    violations = await evaluatePolicies({
      policies: options.policies ?? pack.policies,
      packName: pack.policyPackName,
      packVersion: pack.policyPackVersion,
      packEnforcementLevel: pack.packEnforcementLevel,
      config: policyConfig,
      resources: arm.resources,
    });
  } catch (e) {
    const invalidPolicyConfig = e instanceof PolicyConfigError;
    return {
      stack: options.stack,
      exitCode: invalidPolicyConfig ? EXIT_INVALID_CONFIG : EXIT_INTERNAL_ERROR,
      resources: arm.resources,
      violations: [],
      error: invalidPolicyConfig ? `${policyConfigFile}: ${(e as Error).message}` : ((e as Error).stack ?? String(e)),
    };
  }
  options.onPhase?.("evaluate policies", (options.policies ?? pack.policies).length);
  const mandatory = violations.some((v) => v.enforcementLevel === "mandatory");
  return {
    stack: options.stack,
    exitCode: mandatory ? EXIT_MANDATORY_VIOLATION : EXIT_OK,
    resources: arm.resources,
    violations,
    outputs,
    environment,
    exemptions: exemptionsOf(policyConfig, arm.resources),
  };
}
