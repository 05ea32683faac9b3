import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as eventhub from "@pulumi/azure-native/eventhub";
import { configOf, enforcementLevelOf, evaluatePolicies, typeMatches } from "../../planner/policyEngine";
import type { PlannedResource } from "../../planner/simulatedArm";

const res = (type: string, name: string, inputs: Record<string, unknown>): PlannedResource => ({
  urn: `urn:pulumi:dev::p::${type}::${name}`,
  type,
  name,
  custom: true,
  inputs,
  dependencies: [],
  propertyDependencies: {},
  protect: false,
});

const ns = res("azure-native:eventhub:Namespace", "ns", { disableLocalAuth: false });
const versioned = res("azure-native:eventhub/v20250501preview:Namespace", "ns2", { disableLocalAuth: false });

const localAuth: ResourceValidationPolicy = {
  name: "eh-local-auth",
  description: "d",
  enforcementLevel: "mandatory",
  configSchema: { properties: { allow: { type: "boolean", default: false } } },
  validateResource: (args, report) => {
    const props = args.asType(eventhub.Namespace);
    if (props && props.disableLocalAuth !== true && !args.getConfig<{ allow: boolean }>().allow)
      report("local auth on");
  },
};

describe("enforcement precedence: config -> policy -> pack -> advisory", () => {
  test.each([
    [{ "eh-local-auth": "disabled" }, "mandatory", "disabled"],
    [{ "eh-local-auth": { enforcementLevel: "advisory" } }, "mandatory", "advisory"],
    [{ all: "advisory" }, "mandatory", "advisory"],
    [{}, "mandatory", "mandatory"],
    [{}, undefined, "remediate"],
  ] as const)("config %j, policy %s", (config, policyLevel, expected) => {
    expect(
      enforcementLevelOf(
        { ...localAuth, enforcementLevel: policyLevel },
        policyLevel ? "advisory" : "remediate",
        config,
      ),
    ).toBe(expected);
  });

  test("no level anywhere means advisory", () => {
    expect(enforcementLevelOf({ ...localAuth, enforcementLevel: undefined }, undefined, undefined)).toBe("advisory");
  });
});

describe("evaluatePolicies", () => {
  test("asType matches the class's token, also versioned tokens", () => {
    expect(typeMatches("azure-native:eventhub/v20250501preview:Namespace", "azure-native:eventhub:Namespace")).toBe(
      true,
    );
    expect(typeMatches("azure-native:servicebus:Namespace", "azure-native:eventhub:Namespace")).toBe(false);
    const v = evaluatePolicies({ policies: [localAuth], resources: [ns, versioned] });
    expect(v.map((x) => [x.urn, x.enforcementLevel])).toEqual([
      [ns.urn, "mandatory"],
      [versioned.urn, "mandatory"],
    ]);
  });

  test("getConfig applies schema defaults and config parameters", () => {
    expect(configOf(localAuth, undefined)).toEqual({ allow: false });
    expect(
      evaluatePolicies({ policies: [localAuth], resources: [ns], config: { "eh-local-auth": { allow: true } } }),
    ).toEqual([]);
  });

  test("disabled policies are skipped; notApplicable stops a policy without a violation", () => {
    expect(
      evaluatePolicies({ policies: [localAuth], resources: [ns], config: { "eh-local-auth": "disabled" } }),
    ).toEqual([]);
    const na: ResourceValidationPolicy = {
      name: "na",
      description: "d",
      validateResource: (args, report) => {
        args.notApplicable("not relevant");
        report("unreachable");
      },
    };
    expect(evaluatePolicies({ policies: [na], resources: [ns] })).toEqual([]);
  });

  test("stack policies see every custom resource", () => {
    const count: StackValidationPolicy = {
      name: "count",
      description: "d",
      validateStack: (args, report) => report(`${args.resources.length} resources`),
    };
    expect(evaluatePolicies({ policies: [count], resources: [ns, versioned] })).toEqual([
      { policy: "count", enforcementLevel: "advisory", urn: undefined, message: "2 resources" },
    ]);
  });
});
