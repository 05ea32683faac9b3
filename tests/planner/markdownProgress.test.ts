import { diffPlans, DiffResource } from "../../planner/diff";
import { changeVerdict } from "../../planner/diffReport";
import { renderMarkdown } from "../../planner/markdown";
import type { PlanReport } from "../../planner/plan";
import { progressReporter } from "../../planner/progress";
import type { PlannedResource } from "../../planner/simulatedArm";

/** The PR report and the progress lines, in-process on a small hand-made plan (no plan process needed). */

const ns = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sb-orders";
const resource = (type: string, name: string, id: string, inputs: Record<string, unknown>): PlannedResource => ({
  urn: `urn:pulumi:prod::azure-integration::${type}::${name}`,
  type,
  name,
  custom: true,
  inputs,
  dependencies: [],
  propertyDependencies: {},
  protect: false,
  id,
  outputs: { ...inputs, name: id.split("/").pop() },
});
const namespace = resource("azure-native:servicebus:Namespace", "sb", ns, {
  namespaceName: "sb-orders",
  resourceGroupName: "rg",
});
const queue = (name: string, extra: Record<string, unknown> = {}) =>
  resource("azure-native:servicebus:Queue", `sb-queue/${name}`, `${ns}/queues/${name}`, {
    namespaceName: "sb-orders",
    resourceGroupName: "rg",
    queueName: name,
    ...extra,
  });

describe("--markdown: the pull-request report", () => {
  // The new queue carries the config key it was built from (PlannedResource.configKey); its finding does not.
  const current = [
    namespace,
    queue("orders", { maxDeliveryCount: 10 }),
    { ...queue("new"), configKey: "servicebus.namespaces.orders.queues.new" },
  ];
  const baseline: DiffResource[] = [namespace, queue("orders", { maxDeliveryCount: 5 }), queue("retired")];
  const changes = diffPlans(baseline, current);
  const report: PlanReport = {
    stack: "prod",
    exitCode: 0,
    resources: current,
    violations: [
      {
        policy: "servicebus-queue-dead-letter",
        enforcementLevel: "mandatory",
        urn: current[1].urn,
        message: "dead-lettering on expiration is off",
        configKey: "servicebus.namespaces.orders.queues.orders",
        fix: "deadLetteringOnMessageExpiration: true",
      } as never,
      { policy: "tags", enforcementLevel: "advisory", urn: current[2].urn, message: "no cost-center tag" } as never,
    ],
  };
  const verdict = changeVerdict(changes, { blockDataLoss: true, allowDataLoss: false, environment: "prod" });
  const md = renderMarkdown({
    report,
    result: "a change loses data",
    exitCode: 1,
    changes,
    verdict,
    baseline: "main.json",
  });
  const lines = md.split("\n");

  test("verdict first, then the change set with the data-loss line first and the changed inputs", () => {
    expect(lines[0]).toBe("## Offline plan of `prod`: ❌ a change loses data (exit 1)");
    expect(md).toContain("### Changes against `main.json`");
    const rows = lines.filter((l) => /^\| (⚠️)?`[+~-]/.test(l));
    expect(rows.map((r) => r.split("|")[4].trim())).toEqual(["delete", "update", "create"]);
    expect(rows[0]).toMatch(/^\| ⚠️`-` \| `sb-queue\/retired` .*\*\*DATA LOSS: deleting it deletes its messages/);
    expect(md).toMatch(/> \*\*1 change\(s\) lose data in environment 'prod'.*--allow-data-loss/);
    expect(md).toContain("!   maxDeliveryCount: 5 => 10");
  });

  test("mandatory violations with the config key to change, advisory findings as warnings", () => {
    const violations = md.slice(md.indexOf("### Policy violations (1)"), md.indexOf("### Warnings"));
    expect(violations).toContain(
      "| `servicebus-queue-dead-letter` | `sb-queue/orders` | `servicebus.namespaces.orders.queues.orders`: set " +
        "`deadLetteringOnMessageExpiration: true` | dead-lettering on expiration is off |",
    );
    expect(md.slice(md.indexOf("### Warnings (1)"))).toContain(
      "| `tags` | `sb-queue/new` | `servicebus.namespaces.orders.queues.new` | no cost-center tag |",
    );
  });

  test("counts by type and both diagrams as Mermaid blocks", () => {
    expect(md).toContain("| `azure-native:servicebus:Queue` | 2 |");
    expect(md.match(/```mermaid\nflowchart LR\n/g)).toHaveLength(2);
    expect(md).toMatch(/subgraph n\d+\["<b>Service Bus namespace<\/b> sb-orders"\]/);
  });
});

describe("progress on stderr", () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, s: { isTTY, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream };
  };

  test("on a terminal: one line per phase with the elapsed time", () => {
    const out = stream(true);
    let t = 0;
    const report = progressReporter({ quiet: false, stream: out.s, env: {}, now: () => (t += 1500) })!;
    report("load config");
    report("validate");
    report("register", 152);
    report("evaluate policies", 66);
    expect(out.written).toEqual([
      "[  1.5s] loaded the stack config\n",
      "[  3.0s] validated the config and built the components\n",
      "[  4.5s] registered 152 resources on the simulated ARM\n",
      "[  6.0s] evaluated 66 policies\n",
    ]);
  });

  test("quiet with --quiet, in CI and when stderr is not a terminal", () => {
    expect(progressReporter({ quiet: true, stream: stream(true).s, env: {} })).toBeUndefined();
    expect(progressReporter({ quiet: false, stream: stream(true).s, env: { CI: "true" } })).toBeUndefined();
    expect(progressReporter({ quiet: false, stream: stream(false).s, env: {} })).toBeUndefined();
  });
});
