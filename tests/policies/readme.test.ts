import * as fs from "fs";
import { alzPolicies } from "../../policies/alz/guardrails";
import { levelIn, readmePath, renderPolicyReadme } from "../../policies/lib/readme";
import { policies } from "../../policies/pack";
import type { PolicyPackConfig } from "@pulumi/policy";
import prodJson from "../../policies/config/prod.json";

const prod = prodJson as unknown as PolicyPackConfig;

describe("policies/README.md", () => {
  test("is the table generated from the rules, the configs and the ALZ mapping (run `npx tsx policies/lib/readme.ts`)", () => {
    expect(fs.readFileSync(readmePath, "utf8")).toBe(renderPolicyReadme());
  });
});

describe("the Azure Landing Zones guardrails", () => {
  const names = new Set(policies.map((p) => p.name));

  test("every policy names rules of the pack, or says why it does not apply", () => {
    expect(alzPolicies.filter((x) => x.rules.some((r) => !names.has(r))).map((x) => x.ref)).toEqual([]);
    expect(alzPolicies.filter((x) => x.rules.length === 0 && !x.note).map((x) => x.ref)).toEqual([]);
  });

  test("every Deny policy that applies is mandatory in prod", () => {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const lax = alzPolicies
      .filter((x) => /^deny$/i.test(x.effect))
      .flatMap((x) => x.rules.map((r) => [x.ref, r, levelIn(byName.get(r)!, prod)] as const))
      .filter(([, , level]) => level !== "mandatory");
    expect(lax).toEqual([]);
  });
});
