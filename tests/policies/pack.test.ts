import * as fs from "fs";
import * as path from "path";
import { reconcileConfig } from "../../planner/policyEngine";
import { packEnforcementLevel, policies, policyPackName, policyPackVersion } from "../../policies/pack";
import { projectDir } from "../helpers/runPlanCli";

const policiesDir = path.join(projectDir, "policies");
const readConfig = (env: string) =>
  JSON.parse(fs.readFileSync(path.join(policiesDir, "config", `${env}.json`), "utf8"));

describe("the pack's metadata", () => {
  test("at least 45 rules, each with a stable id, code, description, severity, anchor, remediation and default level", () => {
    expect(policies.length).toBeGreaterThanOrEqual(45);
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
    expect(new Set(policies.map((p) => p.code)).size).toBe(policies.length);
    const problems = policies.flatMap((p) => [
      ...(/^[a-z0-9]+(-[a-z0-9]+)+$/.test(p.name) && p.name !== "all" ? [] : [`${p.name}: name`]),
      ...(/^(EH|SB|EG|BA|RB|PE|ST|SA|NW)-\d\d$/.test(p.code) ? [] : [`${p.name}: code ${p.code}`]),
      ...(p.description.endsWith(".") ? [] : [`${p.name}: description`]),
      ...(["low", "medium", "high", "critical"].includes(p.severity ?? "") ? [] : [`${p.name}: severity`]),
      ...(p.anchor.length > 5 ? [] : [`${p.name}: anchor`]),
      ...((p.remediationSteps ?? "").length > 10 ? [] : [`${p.name}: remediation`]),
      ...(p.enforcementLevel === "advisory" ? [] : [`${p.name}: default level ${p.enforcementLevel}`]),
      ...(p.configSchema?.properties && "enforcementLevel" in p.configSchema.properties ? [`${p.name}: schema`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  test("schema defaults are valid config (the CLI validates them too)", () => {
    expect(() => reconcileConfig(policies, packEnforcementLevel, undefined)).not.toThrow();
  });

  test("the pack has its own version; index.ts is the only file that constructs PolicyPack and nothing imports it", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(policiesDir, "package.json"), "utf8"));
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(policyPackVersion).toBe(pkg.version);
    expect(policyPackName).toMatch(/^[a-zA-Z0-9-_.]{1,100}$/);
    expect(fs.readFileSync(path.join(policiesDir, "PulumiPolicy.yaml"), "utf8")).toMatch(/^main: index\.ts$/m);
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" ? [] : files(p);
        return p.endsWith(".ts") ? [p] : [];
      });
    const constructing = files(policiesDir).filter((f) => /new PolicyPack\(/.test(fs.readFileSync(f, "utf8")));
    expect(constructing.map((f) => path.relative(projectDir, f))).toEqual(["policies/index.ts"]);
    const importers = [...files(path.join(projectDir, "planner")), ...files(path.join(projectDir, "tests"))].filter(
      (f) => /from "[./]*policies(\/index)?"|policies\/index"/.test(fs.readFileSync(f, "utf8")),
    );
    expect(importers).toEqual([]);
  });

  test("the root README points to the generated rule table in policies/README.md", () => {
    const readme = fs.readFileSync(path.join(projectDir, "README.md"), "utf8");
    expect(readme.slice(readme.indexOf("## Policies"), readme.indexOf("## Tests"))).toContain("policies/README.md");
  });
});

describe("per-environment policy config", () => {
  test.each(["dev", "test", "prod"])("%s.json is valid and names only rules of the pack", (env) => {
    const config = readConfig(env);
    const names = new Set(policies.map((p) => p.name));
    expect(Object.keys(config).filter((k) => k !== "all" && !names.has(k))).toEqual([]);
    expect(() => reconcileConfig(policies, packEnforcementLevel, config)).not.toThrow();
  });

  test("dev is advisory except where captures or dead-letters would be lost; prod makes the security rules mandatory", () => {
    const dev = reconcileConfig(policies, packEnforcementLevel, readConfig("dev"));
    expect([...dev.entries()].filter(([, c]) => c.enforcementLevel === "mandatory").map(([n]) => n)).toEqual([
      "storage-sink-reachable-by-service",
    ]);
    const test = reconcileConfig(policies, packEnforcementLevel, readConfig("test"));
    expect(test.get("storage-sink-reachable-by-service")!.enforcementLevel).toBe("mandatory");
    const prod = reconcileConfig(policies, packEnforcementLevel, readConfig("prod"));
    // Every high/critical rule, plus the identity, network isolation, host hardening and data-loss rules.
    const security = policies.filter(
      (p) =>
        p.severity === "high" ||
        p.severity === "critical" ||
        /identity-delivery|dead-letter|capture|retention|geo-dr$|zone-redundant|diagnostics|auto-storage-identity|default-deny|private-endpoint|dns-zone|group-id|sas-authorization|webhook|disk-encryption|admin|principal-type|subnet|storage-account/.test(
          p.name,
        ),
    );
    expect(security.length).toBeGreaterThanOrEqual(50);
    expect(security.filter((p) => prod.get(p.name)!.enforcementLevel !== "mandatory").map((p) => p.name)).toEqual([]);
    // The landing-zone deviation is written down as exemptions of the two sink accounts (policies/README.md, "Landing
    // zones"), each with a reason, and only for the two ALZ storage network rules.
    const exempted = [...prod.entries()].filter(([, c]) => (c.properties.exemptions as unknown[]).length > 0);
    expect(exempted.map(([n]) => n).sort()).toEqual([
      "storage-account-network-exceptions",
      "storage-account-public-network-access-disabled",
    ]);
    expect(prod.get("eventhub-namespace-minimum-tls")!.properties).toEqual({
      minimumVersion: "1.2",
      requireExplicit: true,
      exemptions: [],
    });
  });
});
