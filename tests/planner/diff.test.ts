import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Change, diffPlans, DiffResource, readBaseline } from "../../planner/diff";
import { changeVerdict, renderChanges } from "../../planner/diffReport";
import { replaceRules } from "../../planner/replaceRules";
import { runPlanCli } from "../helpers/runPlanCli";
import { sharedPlan } from "../helpers/sharedPlans";

/**
 * The change set against a baseline: the run's shared plan of prod (a CLI process, tests/helpers/sharedPlans.ts) is
 * the baseline; changed copies are built in-process for every rule of planner/replaceRules.ts, and two more CLI runs
 * check the exit codes of data loss.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-"));
let baselineFile: string;
let baseline: DiffResource[];

beforeAll(() => {
  const r = sharedPlan("stacks/Pulumi.prod.yaml");
  expect(r.status).toBe(0);
  baselineFile = r.outputs.json;
  baseline = readBaseline(baselineFile);
}, 180_000);

type Mutable = { urn: string; name: string; inputs: Record<string, unknown>; protect?: boolean };
/** A copy of the baseline with `change` applied to the first resource of `type` (optionally: whose name ends so). */
function changed(type: string, change: (r: Mutable, all: Mutable[]) => void, suffix = ""): DiffResource[] {
  const copy = structuredClone(baseline) as Mutable[];
  const r = copy.find((x) => (x as unknown as DiffResource).type === type && x.name.endsWith(suffix));
  if (!r) throw new Error(`prod has no ${type} named *${suffix}`);
  change(r, copy);
  return copy as unknown as DiffResource[];
}
const only = (changes: Change[]) => {
  expect(changes).toHaveLength(1);
  return changes[0];
};

describe("diffPlans: prod against a changed copy, one case per rule of the replace table", () => {
  test("the same plan has no changes", () => {
    expect(diffPlans(baseline, baseline)).toEqual([]);
  });

  const Q = "azure-native:servicebus:Queue";
  const T = "azure-native:servicebus:Topic";
  const S = "azure-native:servicebus:Subscription";
  const H = "azure-native:eventhub:EventHub";
  const SA = "azure-native:storage:StorageAccount";
  const PE = "azure-native:network:PrivateEndpoint";
  const RA = "azure-native:authorization:RoleAssignment";
  const flip = (p: string) => (r: Mutable) => (r.inputs[p] = !r.inputs[p]);
  const cases: {
    rule: string;
    type: string;
    property: string;
    change: (r: Mutable, all: Mutable[]) => void;
    action: Change["action"];
    refused?: boolean;
    dataLoss: boolean;
    line: RegExp;
  }[] = [
    ...["requiresSession", "requiresDuplicateDetection", "enablePartitioning"].flatMap((property) =>
      [Q, T].map((type) => ({
        rule: `${type} ${property}`,
        type,
        property,
        change: flip(property),
        action: "replace" as const,
        dataLoss: true,
        line: new RegExp(
          `~ ${property}: (true|false) => (true|false) {3}\\[forces replacement\\]|\\+ ${property}: true`,
        ),
      })),
    ),
    {
      rule: "subscription requiresSession",
      type: S,
      property: "requiresSession",
      change: flip("requiresSession"),
      action: "update",
      refused: true,
      dataLoss: false,
      line: /~ requiresSession: false => true {3}\[forces an error\]/,
    },
    {
      rule: "event hub partitions down",
      type: H,
      property: "partitionCount",
      change: (r) => (r.inputs.partitionCount = 1),
      action: "update",
      refused: true,
      dataLoss: false,
      line: /Azure cannot lower an event hub's partition count \(\d+ -> 1\)/,
    },
    {
      rule: "event hub partitions up on a tier that cannot raise them",
      type: H,
      property: "partitionCount",
      change: (r, all) => {
        r.inputs.partitionCount = Number(r.inputs.partitionCount) + 1;
        const deps = (r as unknown as DiffResource).dependencies ?? [];
        const ns = all.find(
          (x) => (x as unknown as DiffResource).type === "azure-native:eventhub:Namespace" && deps.includes(x.urn),
        )!;
        ns.inputs.sku = { name: "Standard", tier: "Standard", capacity: 1 };
      },
      action: "update",
      refused: true,
      dataLoss: false,
      line: /only on Premium and Dedicated namespaces; this one is Standard/,
    },
    {
      rule: "storage account name",
      type: SA,
      property: "accountName",
      change: (r) => (r.inputs.accountName = "stordersrenamed01"),
      action: "replace",
      dataLoss: true,
      line: /accountName: accountName is part of the ARM id/,
    },
    {
      rule: "namespace name",
      type: "azure-native:eventhub:Namespace",
      property: "namespaceName",
      change: (r) => (r.inputs.namespaceName = `${String(r.inputs.namespaceName)}-renamed`),
      action: "replace",
      dataLoss: true,
      line: /~ namespaceName: "([^"]+)" => "\1-renamed" {3}\[forces replacement\]/,
    },
    {
      rule: "location",
      type: SA,
      property: "location",
      change: (r) => (r.inputs.location = "northeurope"),
      action: "replace",
      dataLoss: true,
      line: /location: Azure does not move a resource to another region/,
    },
    {
      rule: "storage isHnsEnabled",
      type: SA,
      property: "isHnsEnabled",
      change: flip("isHnsEnabled"),
      action: "replace",
      dataLoss: true,
      line: /isHnsEnabled: the hierarchical namespace/,
    },
    {
      rule: "private endpoint subnet",
      type: PE,
      property: "subnet",
      change: (r) => ((r.inputs.subnet as { id: string }).id += "-moved"),
      action: "replace",
      dataLoss: false,
      line: /~ subnet\.id: "…private-endpoints" => "…private-endpoints-moved" {3}\[forces replacement\]/,
    },
    ...["principalId", "scope"].map((property) => ({
      rule: `role assignment ${property}`,
      type: RA,
      property,
      change: (r: Mutable) => (r.inputs[property] = `${String(r.inputs[property])}0`),
      action: "replace" as const,
      dataLoss: false,
      // scope is also part of the assignment's ARM id, the rule that is reported first.
      line: new RegExp(`${property}: (a role assignment's ${property} is fixed|${property} is part of the ARM id)`),
    })),
  ];

  test("every rule of planner/replaceRules.ts has a case here", () => {
    for (const rule of replaceRules) {
      const types = rule.types.includes("*") ? [SA] : rule.types;
      for (const type of types) {
        expect({
          type,
          property: rule.property,
          covered: cases.some((c) => c.type === type && c.property === rule.property),
        }).toEqual({
          type,
          property: rule.property,
          covered: true,
        });
      }
    }
  });

  test.each(cases)("$rule: $action", ({ type, change, action, refused, dataLoss, line }) => {
    const changes = diffPlans(baseline, changed(type, change));
    const c = changes.find((x) => x.type === type)!;
    expect(c).toMatchObject({ type, action });
    expect(Boolean(c.refused)).toBe(Boolean(refused));
    expect(Boolean(c.dataLoss)).toBe(dataLoss);
    const text = renderChanges(changes, "baseline prod.json");
    expect(text).toContain(`${action === "replace" ? "+-" : "~ "} ${type}  ${c.name}  (${action})`);
    expect(text).toMatch(line);
    if (dataLoss) expect(text).toMatch(/! DATA LOSS: replacing it deletes /);
  });

  test("an ordinary update lists the input old => new, without data loss", () => {
    const c = only(
      diffPlans(
        baseline,
        changed(Q, (r) => (r.inputs.maxDeliveryCount = 9), "/orders"),
      ),
    );
    expect(c).toMatchObject({ action: "update", properties: [{ path: "maxDeliveryCount", old: 5, new: 9 }] });
    expect(c.dataLoss).toBeUndefined();
    expect(renderChanges([c], "b")).toMatch(/^ {7}~ maxDeliveryCount: 5 => 9$/m);
  });

  test("a new URN for the same Azure resource is a replace that deletes the old URN after creating the new one", () => {
    const current = changed(Q, (r) => (r.urn = r.urn.replace(/::([^:]+)$/, "::renamed-key")), "/orders");
    const c = only(diffPlans(baseline, current));
    expect(c).toMatchObject({ action: "replace", urn: expect.stringMatching(/::renamed-key$/), protected: true });
    expect(c.previousUrn).toMatch(/queue\/orders$/);
    expect(c.reason).toMatch(/creates the new URN, then deletes the old one.*aliases/);
    expect(c.dataLoss).toBeDefined();
  });

  test("create and delete: a stateful delete loses data, an identity's does not", () => {
    const current = changed("azure-native:storage:BlobContainer", (r, all) => {
      r.urn += "-new";
      r.inputs.containerName = "new-container";
      all.splice(
        all.findIndex(
          (x) => (x as unknown as DiffResource).type === "azure-native:managedidentity:UserAssignedIdentity",
        ),
        1,
      );
    });
    const changes = diffPlans(baseline, current);
    expect(changes.map((c) => [c.action, c.type.split(":").pop(), Boolean(c.dataLoss)])).toEqual([
      ["delete", "BlobContainer", true],
      ["delete", "UserAssignedIdentity", false],
      ["create", "BlobContainer", false],
    ]);
    expect(renderChanges(changes, "b")).toMatch(
      /^ {2}- {2}azure-native:storage:BlobContainer .*\(delete\).*\n {7}! DATA LOSS: deleting it deletes its blobs/m,
    );
  });

  test("exit codes: refused 2; data loss 1 where blocked; allowed: 2 while protected, else 0", () => {
    const opts = { blockDataLoss: true, allowDataLoss: false, environment: "prod" };
    const refused = diffPlans(baseline, changed(S, flip("requiresSession")));
    expect(changeVerdict(refused, opts).exitCode).toBe(2);
    const loss = diffPlans(baseline, changed(Q, flip("requiresSession")));
    expect(changeVerdict(loss, opts)).toMatchObject({
      exitCode: 1,
      problems: [expect.stringMatching(/--allow-data-loss/)],
    });
    expect(changeVerdict(loss, { ...opts, allowDataLoss: true }).exitCode).toBe(2); // prod protects it
    // Protection is the baseline's (the stack's state): the engine checks it before deleting.
    const unprotectedBaseline = changed(Q, (r) => (r.protect = false), "/orders");
    const unprotected = diffPlans(
      unprotectedBaseline,
      structuredClone(unprotectedBaseline).map((r) =>
        r.name.endsWith("/orders") && r.type === Q
          ? { ...r, inputs: { ...r.inputs, requiresSession: !r.inputs.requiresSession } }
          : r,
      ),
    );
    expect(changeVerdict(unprotected, { ...opts, allowDataLoss: true }).exitCode).toBe(0);
    expect(changeVerdict(unprotected, { ...opts, blockDataLoss: false }).exitCode).toBe(0);
  });
});

describe("npm run plan -- --baseline (two CLI runs)", () => {
  // A prod-environment stack smaller than prod (tests/fixtures/stacks/Pulumi.prod-paired.yaml, environment prod).
  // The baseline has one more (unprotected) queue than it plans now: this plan deletes it and its messages.
  const paired = "tests/fixtures/stacks/Pulumi.prod-paired.yaml";
  const withExtraQueue = path.join(tmp, "prod-with-extra-queue.json");
  beforeAll(() => {
    const doc = JSON.parse(fs.readFileSync(sharedPlan(paired).outputs.json, "utf8"));
    const queue = doc.resources.find((r: DiffResource) => r.type === "azure-native:servicebus:Queue");
    doc.resources.push({
      ...queue,
      urn: `${queue.urn}-retired`,
      name: `${queue.name}-retired`,
      inputs: { ...queue.inputs, queueName: "retired" },
      protect: false,
    });
    fs.writeFileSync(withExtraQueue, JSON.stringify(doc));
  });

  test("data loss in prod exits 1 with the change set; --allow-data-loss exits 0 and --json lists the changes", () => {
    const blocked = runPlanCli(["--config", paired, "--quiet", "--baseline", withExtraQueue]);
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toMatch(
      /Changes against baseline .*: 0 to create, 0 to update, 0 to replace, 1 to delete; 1 lose data/,
    );
    expect(blocked.stdout).toMatch(
      / {2}- {2}azure-native:servicebus:Queue {2}\S+-retired {2}\(delete\).*\n {7}! DATA LOSS/,
    );
    expect(blocked.stdout).toContain("Result: a change loses data (exit 1)");

    const json = path.join(tmp, "allowed.json");
    const allowed = runPlanCli([
      "--config",
      paired,
      "--quiet",
      "--baseline",
      withExtraQueue,
      "--allow-data-loss",
      "--json",
      json,
    ]);
    expect(allowed.status).toBe(0);
    const doc = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(doc.changes).toEqual([
      expect.objectContaining({
        action: "delete",
        type: "azure-native:servicebus:Queue",
        dataLoss: expect.any(String),
      }),
    ]);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["stack", "resources", "violations", "changes"]));
  });

  test("a baseline that is not a plan document is a configuration error (exit 2)", () => {
    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ stack: "prod" }));
    const r = runPlanCli(["--stack", "prod", "--baseline", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `--baseline ${bad}: not a plan document (the --json output of npm run plan): has no resources array`,
    );
  });
});
