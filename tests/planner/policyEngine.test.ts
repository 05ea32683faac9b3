import {
  validateResourceOfType,
  validateStackResourcesOfType,
  type PolicyPackConfig,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";
import * as eventhub from "@pulumi/azure-native/eventhub";
import {
  analyze,
  configOf,
  enforcementLevelOf,
  evaluatePolicies,
  isTypeOf,
  PolicyConfigError,
  reconcileConfig,
} from "../../planner/policyEngine";
import type { PlannedResource } from "../../planner/simulatedArm";
import { resourceRule, typeMatches } from "../../policies/lib/rule";

/** The engine's sentinel for a value unknown during preview (the same string @pulumi/pulumi sends). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const res = (
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<PlannedResource> = {},
): PlannedResource => ({
  urn: `urn:pulumi:dev::p::${type}::${name}`,
  type,
  name,
  custom: true,
  inputs,
  dependencies: [],
  propertyDependencies: {},
  protect: false,
  ...extra,
});

const ns = res("azure-native:eventhub:Namespace", "ns", { disableLocalAuth: false });
const versioned = res("azure-native:eventhub/v20250501preview:Namespace", "ns2", { disableLocalAuth: false });

const localAuth: ResourceValidationPolicy = {
  name: "eh-local-auth",
  description: "d",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { allow: { type: "boolean", default: false }, max: { type: "integer", minimum: 1, default: 3 } },
  },
  validateResource: (args, report) => {
    const props = args.asType(eventhub.Namespace);
    if (props && props.disableLocalAuth !== true && !args.getConfig<{ allow: boolean }>().allow)
      report("local auth on");
  },
};

describe("enforcement precedence: config -> all -> policy -> pack -> advisory", () => {
  test.each([
    [{ "eh-local-auth": "disabled" }, "mandatory", "advisory", "disabled"],
    [{ "eh-local-auth": { enforcementLevel: "advisory" } }, "mandatory", "advisory", "advisory"],
    [{ all: "advisory", "eh-local-auth": "mandatory" }, undefined, "advisory", "mandatory"],
    [{ all: "advisory" }, "mandatory", "advisory", "advisory"],
    [{ all: { enforcementLevel: "disabled" } }, "mandatory", "advisory", "disabled"],
    [{ "eh-local-auth": { allow: true } }, "mandatory", "advisory", "mandatory"],
    [{}, undefined, "remediate", "remediate"],
    [undefined, undefined, undefined, "advisory"],
  ] as const)("config %j, policy %s, pack %s -> %s", (config, policyLevel, packLevel, expected) => {
    expect(
      enforcementLevelOf({ ...localAuth, enforcementLevel: policyLevel }, packLevel, config as PolicyPackConfig),
    ).toBe(expected);
  });

  test("a mandatory policy lowered to advisory by config reports advisory; disabled is skipped", async () => {
    const advisory = await evaluatePolicies({
      policies: [localAuth],
      resources: [ns],
      config: { "eh-local-auth": "advisory" },
    });
    expect(advisory.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
    expect(await evaluatePolicies({ policies: [localAuth], resources: [ns], config: { all: "disabled" } })).toEqual([]);
  });

  test("remediate runs the remediation first and reports what is left as mandatory", async () => {
    const fix: ResourceValidationPolicy = {
      ...localAuth,
      name: "fix",
      enforcementLevel: "remediate",
      remediateResource: (args) => ({ ...args.props, disableLocalAuth: true }),
      validateResource: (args, report) => {
        if (args.props.disableLocalAuth !== true) report("still on");
        if (args.props.zoneRedundant !== true) report("not zone redundant");
      },
    };
    const v = await evaluatePolicies({ policies: [fix], resources: [ns] });
    // As the analyzer prints it: the policy's description, a newline, the message.
    expect(v.map((x) => [x.enforcementLevel, x.message])).toEqual([["mandatory", "d\nnot zone redundant"]]);
  });
});

describe("getConfig: the policy's config with the schema's defaults, validated like the CLI", () => {
  test("defaults, overrides, and no enforcementLevel in what the policy sees", () => {
    expect(configOf(localAuth, undefined)).toEqual({ allow: false, max: 3 });
    expect(configOf(localAuth, { "eh-local-auth": { enforcementLevel: "advisory", allow: true } })).toEqual({
      allow: true,
      max: 3,
    });
  });

  test("config parameters change the outcome", async () => {
    expect(
      await evaluatePolicies({ policies: [localAuth], resources: [ns], config: { "eh-local-auth": { allow: true } } }),
    ).toEqual([]);
  });

  test.each([
    [{ "eh-local-auth": { allow: "yes" } }, "eh-local-auth: allow: invalid type, expected boolean, given string"],
    [{ "eh-local-auth": { max: 0 } }, "eh-local-auth: max: 0 is less than the minimum 1"],
    [{ "eh-local-auth": "strict" }, 'eh-local-auth: "strict" is not a valid enforcement level'],
    [{ all: { enforcementLevel: "loud" } }, 'all.enforcementLevel: "loud" is not a valid enforcement level'],
    [{ "eh-local-auth": 3 }, "eh-local-auth: 3 is not a valid value; must be a string or object"],
  ])("invalid config %j is refused", (config, message) => {
    expect(() => reconcileConfig([localAuth], undefined, config as unknown as PolicyPackConfig)).toThrow(
      PolicyConfigError,
    );
    expect(() => reconcileConfig([localAuth], undefined, config as unknown as PolicyPackConfig)).toThrow(message);
  });
});

describe("type matching", () => {
  test("isType/asType compare the class's token exactly, like the CLI (isInstance as fallback)", async () => {
    expect(isTypeOf("azure-native:eventhub:Namespace", eventhub.Namespace)).toBe(true);
    expect(isTypeOf("azure-native:eventhub/v20250501preview:Namespace", eventhub.Namespace)).toBe(false);
    const byInstance = { isInstance: (o: { __pulumiType: string }) => o.__pulumiType.endsWith(":Namespace") };
    expect(isTypeOf("azure-native:servicebus:Namespace", byInstance)).toBe(true);
    expect(isTypeOf("azure-native:servicebus:Queue", byInstance)).toBe(false);
    // So a plain CrossGuard helper skips a versioned token, as `pulumi preview` does ...
    const plain: ResourceValidationPolicy = {
      name: "plain",
      description: "d",
      validateResource: validateResourceOfType(eventhub.Namespace, (p, _a, report) => {
        if (p.disableLocalAuth !== true) report("local auth on");
      }),
    };
    const r = await analyze({ policies: [plain], resources: [ns, versioned] });
    expect(r.violations.map((v) => v.urn)).toEqual([ns.urn]);
    expect(r.notApplicable).toEqual([
      {
        policy: "plain",
        urn: versioned.urn,
        reason: "Policy only applies to resources of type 'azure-native:eventhub:Namespace'",
      },
    ]);
  });

  test("... while the pack's rules match versioned tokens themselves (in the CLI and offline alike)", async () => {
    expect(typeMatches("azure-native:eventhub/v20250501preview:Namespace", "azure-native:eventhub:Namespace")).toBe(
      true,
    );
    expect(typeMatches("azure-native:eventhub:Namespace", "azure-native:eventhub:Namespace")).toBe(true);
    expect(typeMatches("azure-native:servicebus:Namespace", "azure-native:eventhub:Namespace")).toBe(false);
    expect(typeMatches("azure-native:eventhubx/v1:Namespace", "azure-native:eventhub:Namespace")).toBe(false);
    const rule = resourceRule(
      { name: "r", code: "EH-99", description: "d", severity: "high", anchor: "derived", remediation: "x" },
      [eventhub.Namespace],
      (p, _a, report) => {
        if (p.disableLocalAuth !== true) report("local auth on");
      },
    );
    const v = await evaluatePolicies({ policies: [rule], resources: [ns, versioned] });
    expect(v.map((x) => x.urn)).toEqual([ns.urn, versioned.urn]);
  });
});

describe("notApplicable", () => {
  test("throws: nothing after it runs, and the reason is recorded", async () => {
    const na: ResourceValidationPolicy = {
      name: "na",
      description: "d",
      validateResource: (args, report) => {
        args.notApplicable("not relevant");
        report("unreachable");
      },
    };
    const r = await analyze({ policies: [na], resources: [ns] });
    expect(r.violations).toEqual([]);
    expect(r.notApplicable).toEqual([{ policy: "na", urn: ns.urn, reason: "not relevant" }]);
  });

  test("a stack helper with no resource of its type is not applicable", async () => {
    const stack: StackValidationPolicy = {
      name: "stack",
      description: "d",
      validateStack: validateStackResourcesOfType(eventhub.EventHub, (_hubs, _a, report) => report("x")),
    };
    const r = await analyze({ policies: [stack], resources: [ns] });
    expect(r.violations).toEqual([]);
    expect(r.notApplicable[0]).toMatchObject({ policy: "stack" });
  });
});

describe("values unknown during preview", () => {
  const preview = res("azure-native:eventhub:Namespace", "p", {
    disableLocalAuth: true,
    clusterArmId: UNKNOWN,
    encryption: { keyVaultProperties: [{ keyVaultUri: UNKNOWN }] },
  });

  test("reading one raises and is reported as cannot be checked (advisory), not as a pass", async () => {
    const readsCluster: ResourceValidationPolicy = {
      name: "reads-cluster",
      description: "d",
      enforcementLevel: "mandatory",
      severity: "high",
      validateResource: (args, report) => {
        if (!String(args.props.clusterArmId).includes("/clusters/")) report("not in a cluster");
      },
    };
    expect(await evaluatePolicies({ policies: [readsCluster], resources: [preview] })).toEqual([
      {
        policy: "reads-cluster",
        enforcementLevel: "advisory",
        urn: preview.urn,
        severity: "high",
        previewUnknown: true,
        message:
          "can't run policy 'reads-cluster' from policy pack 'policy-pack@v0.0.0' during preview: string value at .clusterArmId can't be known during preview",
      },
    ]);
  });

  test("nested unknowns raise with their path; known values and presence checks do not", async () => {
    const nested: ResourceValidationPolicy = {
      name: "nested",
      description: "d",
      validateResource: (args, report) => {
        if (!("clusterArmId" in args.props)) report("presence is known");
        if (args.props.disableLocalAuth !== true) report("known value");
        report(`uri ${args.props.encryption.keyVaultProperties[0].keyVaultUri}`);
      },
    };
    const violations = await evaluatePolicies({ policies: [nested], resources: [preview] });
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toBe(
      "can't run policy 'nested' from policy pack 'policy-pack@v0.0.0' during preview: string value at .encryption.keyVaultProperties.0.keyVaultUri can't be known during preview",
    );
  });

  test("stack policies too: the stack policy is reported, violations before the read stay", async () => {
    const stack: StackValidationPolicy = {
      name: "stack-reads",
      description: "d",
      validateStack: (args, report) => {
        report("first");
        for (const r of args.resources) report(String(r.props.clusterArmId));
      },
    };
    const v = await evaluatePolicies({ policies: [stack], resources: [preview] });
    expect(v.map((x) => [x.message, x.previewUnknown ?? false])).toEqual([
      ["d\nfirst", false],
      [
        "can't run policy 'stack-reads' from policy pack 'policy-pack@v0.0.0' during preview: string value at .clusterArmId can't be known during preview",
        true,
      ],
    ]);
  });
});

describe("stack policies", () => {
  test("see every resource's outputs, linked through parent, dependencies and property dependencies", async () => {
    const component = res("azint:eventhubs:Namespace", "c", {}, { custom: false });
    const nsOut = res(
      "azure-native:eventhub:Namespace",
      "n",
      { namespaceName: "n" },
      { parent: component.urn, outputs: { name: "n", status: "Active" } },
    );
    const diag = res(
      "azure-native:monitor:DiagnosticSetting",
      "d",
      { resourceUri: "x" },
      {
        parent: component.urn,
        dependencies: [nsOut.urn],
        propertyDependencies: { resourceUri: [nsOut.urn] },
      },
    );
    const seen: string[] = [];
    const stack: StackValidationPolicy = {
      name: "links",
      description: "d",
      validateStack: (args) => {
        const d = args.resources.find((r) => r.name === "d")!;
        const n = args.resources.find((r) => r.name === "n")!;
        seen.push(
          String(args.resources.length),
          String(d.propertyDependencies.resourceUri[0] === n),
          String(d.dependencies[0] === n),
          String(d.parent?.name),
          String(n.props.status),
          String(d.isType(eventhub.Namespace)),
          String((n.asType(eventhub.Namespace) as { name?: string } | undefined)?.name),
        );
      },
    };
    await evaluatePolicies({ policies: [stack], resources: [component, nsOut, diag] });
    expect(seen).toEqual(["3", "true", "true", "c", "Active", "false", "n"]);
  });

  test("async validations are awaited; report objects and errors are handled like the server", async () => {
    const asyncPolicy: ResourceValidationPolicy = {
      name: "async",
      description: "described",
      validateResource: async (_args, report) => {
        await new Promise((r) => setTimeout(r, 1));
        report({ name: "async", description: "from object", enforcementLevel: "mandatory" } as never);
      },
    };
    const v = await evaluatePolicies({ policies: [asyncPolicy], resources: [ns] });
    expect(v).toEqual([
      { policy: "async", enforcementLevel: "mandatory", urn: ns.urn, message: "from object", severity: undefined },
    ]);
    const broken: ResourceValidationPolicy = {
      name: "broken",
      description: "d",
      validateResource: () => {
        throw new TypeError("boom");
      },
    };
    await expect(
      evaluatePolicies({ policies: [broken], resources: [ns], packName: "pack", packVersion: "1.2.3" }),
    ).rejects.toThrow("Error validating resource with policy 'broken' from policy pack 'pack@v1.2.3'");
  });
});
