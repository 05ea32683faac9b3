import * as authorization from "@pulumi/azure-native/authorization";
import * as servicebus from "@pulumi/azure-native/servicebus";
import * as pulumi from "@pulumi/pulumi";
import { analyzeChains, ChainResource, shortUrn } from "../../planner/chains";
import { useSimulatedArm } from "../helpers/simulation";

const urn = (type: string, name: string) => `urn:pulumi:s::p::${type}::${name}`;
const T = "azure-native:x:T";
const C = "azint:x:Component";

/** A cloud resource with data dependencies (`data`) and ordering-only ones (`after`). */
function res(name: string, data: string[] = [], after: string[] = [], parent?: string): ChainResource {
  return {
    urn: urn(T, name),
    type: T,
    name,
    parent,
    custom: true,
    dependencies: [...data, ...after].map((n) => (n.startsWith("urn:") ? n : urn(T, n))),
    propertyDependencies: data.length > 0 ? { input: data.map((n) => urn(T, n)) } : {},
  };
}

describe("analyzeChains", () => {
  test.each([
    { title: "an empty plan", plan: [] as ChainResource[], all: [], data: [] },
    { title: "independent resources", plan: [res("a"), res("b")], all: ["a"], data: ["a"] },
    {
      title: "a data chain only",
      plan: [res("a"), res("b", ["a"]), res("c", ["b"])],
      all: ["a", "b", "c"],
      data: ["a", "b", "c"],
    },
    {
      title: "an ordering edge that lengthens the chain",
      plan: [res("a"), res("b", ["a"]), res("c", [], ["b"])],
      all: ["a", "b", "c"],
      data: ["a", "b"],
    },
    {
      title: "an ordering edge implied by data (does not lengthen)",
      plan: [res("a"), res("b", ["a"]), res("c", ["b"], ["a"])],
      all: ["a", "b", "c"],
      data: ["a", "b", "c"],
    },
  ])("$title", ({ plan, all, data }) => {
    const r = analyzeChains(plan);
    expect(r.resources).toBe(plan.length);
    expect(r.all.urns).toEqual(all.map((n) => urn(T, n)));
    expect(r.all.length).toBe(all.length);
    expect(r.data.urns).toEqual(data.map((n) => urn(T, n)));
  });

  test("names the ordering-only edges on the longest chain and what removing their pattern saves", () => {
    const plan = [res("a"), res("b", ["a"]), res("c", [], ["b"]), res("d", [], ["a"])];
    const r = analyzeChains(plan);
    // c -> b lies on the longest chain (a, b, c); d -> a does not (a, d is shorter).
    expect(r.orderingEdges).toEqual([{ from: urn(T, "c"), to: urn(T, "b"), through: 3 }]);
    expect(r.patterns).toEqual([{ fromType: T, toType: T, edges: 2, lengthWithout: 2 }]);
  });

  test("a dependency on a component stands for its cloud descendants; components are not steps", () => {
    const comp: ChainResource = {
      urn: urn(C, "comp"),
      type: C,
      name: "comp",
      custom: false,
      dependencies: [],
      propertyDependencies: {},
    };
    const plan = [
      comp,
      res("a"),
      res("inner1", ["a"], [], comp.urn),
      res("inner2", ["inner1"], [], comp.urn),
      res("after", [], [comp.urn]),
      { ...res("provider"), type: "pulumi:providers:azure-native", urn: urn("pulumi:providers:azure-native", "p") },
    ];
    const r = analyzeChains(plan);
    expect(r.resources).toBe(4);
    expect(r.all.urns.map(shortUrn)).toEqual(["x:T::a", "x:T::inner1", "x:T::inner2", "x:T::after"]);
    expect(r.data.length).toBe(3);
  });

  test("a cycle (a bug elsewhere) does not hang the analysis", () => {
    const r = analyzeChains([res("a", ["b"]), res("b", ["a"])]);
    expect(r.all.length).toBeGreaterThanOrEqual(1);
  });
});

describe("analyzeChains on a recorded plan", () => {
  const sim = useSimulatedArm();

  test("property dependencies from the simulated ARM are the data chain; dependsOn adds ordering", async () => {
    const ns = new servicebus.Namespace("ns", { resourceGroupName: "rg", namespaceName: "ns1" });
    const queue = new servicebus.Queue("q", { resourceGroupName: "rg", namespaceName: ns.name, queueName: "q" });
    const ra = new authorization.RoleAssignment("ra", {
      scope: queue.id,
      principalId: "p",
      principalType: "ServicePrincipal",
      roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/x",
      roleAssignmentName: "5f0c0000-0000-5000-a000-000000000000",
    });
    new servicebus.Topic(
      "t",
      { resourceGroupName: "rg", namespaceName: pulumi.output("ns1"), topicName: "t" },
      { dependsOn: [ra] },
    );
    await sim.settle();
    const r = analyzeChains(sim.arm.resources);
    const names = (urns: readonly string[]) => urns.map((u) => u.split("::").pop());
    expect(names(r.data.urns)).toEqual(["ns", "q", "ra"]);
    expect(names(r.all.urns)).toEqual(["ns", "q", "ra", "t"]);
    expect(r.orderingEdges.map((e) => [e.from, e.to].map((u) => u.split("::").pop()))).toEqual([["t", "ra"]]);
  });
});
