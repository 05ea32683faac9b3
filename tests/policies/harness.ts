import * as pulumi from "@pulumi/pulumi";
import type { PolicyPackConfig } from "@pulumi/policy";
import { analyze, EvaluationResult, PolicyViolation } from "../../planner/policyEngine";
import { simulatedTypes } from "../../planner/arm";
import { rg } from "../../planner/arm/types";
import { policies, policyPackName, policyPackVersion } from "../../policies/pack";
import type { PackPolicy } from "../../policies/lib/rule";
import { useSimulatedArm } from "../helpers/simulation";

/**
 * Rule tests: real azure-native resources are constructed on the simulated ARM (so the SDK's defaults are in the
 * inputs), the recorded registrations are evaluated by the offline analyzer with one policy of the pack.
 */

// Test-only: Event Grid namespaces are not used by the stacks, so the simulated ARM does not know them.
simulatedTypes["azure-native:eventgrid:Namespace"] ??= {
  nameInput: "namespaceName",
  id: `${rg}/Microsoft.EventGrid/namespaces/{name}`,
};
// Test-only: the components never create standalone NSG rules.
simulatedTypes["azure-native:network:SecurityRule"] ??= {
  nameInput: "securityRuleName",
  id: `${rg}/Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}/securityRules/{name}`,
};

export const RG = "rg-test";
export const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
export const WORKSPACE = `${SUB}/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law`;
export const SUBNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe`;

export interface RuleCase {
  /** Policy name. */
  readonly rule: string;
  readonly label: string;
  /** Constructs azure-native resources; `n` is a unique prefix for logical names. */
  readonly build: (n: string) => void;
  /** Empty: the rule applies and passes. Otherwise one regex per violation (in any order). */
  readonly expect: readonly RegExp[];
  readonly config?: PolicyPackConfig;
}

export const pass = (rule: string, label: string, build: (n: string) => void, config?: PolicyPackConfig): RuleCase => ({
  rule,
  label,
  build,
  expect: [],
  config,
});

export const fail = (
  rule: string,
  label: string,
  build: (n: string) => void,
  expect: RegExp | RegExp[],
  config?: PolicyPackConfig,
): RuleCase => ({ rule, label, build, expect: Array.isArray(expect) ? expect : [expect], config });

export function policyByName(name: string): PackPolicy {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name} in the pack`);
  return p;
}

/** Installs the simulated ARM for a test file and runs rule cases through the offline analyzer. */
export function ruleHarness(options: { preview?: boolean } = {}) {
  const sim = useSimulatedArm(options.preview ? { preview: true } : {});
  let counter = 0;
  return {
    sim,
    async evaluate(rule: string, build: (n: string) => void, config?: PolicyPackConfig): Promise<EvaluationResult> {
      build(`c${counter++}`);
      await sim.settle();
      return analyze({
        policies: [policyByName(rule)],
        packName: policyPackName,
        packVersion: policyPackVersion,
        resources: sim.arm.resources,
        config,
      });
    },
    /** Runs a case and checks it: a pass must apply to some resource and report nothing. */
    async check(c: RuleCase): Promise<PolicyViolation[]> {
      const result = await this.evaluate(c.rule, c.build, c.config);
      const real = result.violations.filter((v) => !v.previewUnknown);
      expect(result.violations.filter((v) => v.previewUnknown)).toEqual([]);
      if (c.expect.length === 0) {
        expect(real).toEqual([]);
        expect(
          applied(
            c.rule,
            result,
            sim.arm.resources.map((r) => r.urn),
          ),
        ).toBe(true);
      } else {
        // Registration order (and so report order) across independent resources is not deterministic.
        const messages = real.map((v) => v.message);
        const unmatched = [...messages];
        for (const re of c.expect) {
          const i = unmatched.findIndex((m) => re.test(m));
          if (i < 0) throw new Error(`no violation matches ${re}; got ${JSON.stringify(messages)}`);
          unmatched.splice(i, 1);
        }
        expect(unmatched).toEqual([]);
      }
      return real;
    },
  };
}

/** Did the policy apply to something (not every resource declared it not applicable)? */
function applied(rule: string, result: EvaluationResult, urns: string[]): boolean {
  const policy = policyByName(rule);
  if ("validateStack" in policy) return !result.notApplicable.some((n) => n.policy === rule);
  return urns.some((u) => !result.notApplicable.some((n) => n.urn === u));
}

/** Every policy of `group` has at least one passing and one failing case. */
export function expectFullCoverage(group: readonly PackPolicy[], cases: readonly RuleCase[]): void {
  const missing = group.flatMap((p) => {
    const mine = cases.filter((c) => c.rule === p.name);
    return [
      ...(mine.some((c) => c.expect.length === 0) ? [] : [`${p.name}: no passing case`]),
      ...(mine.some((c) => c.expect.length > 0) ? [] : [`${p.name}: no failing case`]),
    ];
  });
  expect(missing).toEqual([]);
  const unknownRules = cases.filter((c) => !group.some((p) => p.name === c.rule)).map((c) => c.rule);
  expect(unknownRules).toEqual([]);
}

/** An Output that resolves to a fixed string (an id of something outside the stack). */
export const known = (s: string) => pulumi.output(s);
