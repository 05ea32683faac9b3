import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../router/cli";
import { renderCheck, runRoutingTests } from "../../router/check";
import { loadStackFile, routingModel } from "../../router/model";
import { route } from "../../router/route";
import type { RoutingModel } from "../../router/types";
import { projectDir } from "../helpers/runPlanCli";

const routesDir = path.join(projectDir, "stacks", "routes");
const routingFiles = fs.readdirSync(routesDir).filter((f) => f.endsWith(".yaml"));

const models = new Map<string, RoutingModel>();
function modelOf(stack: string): RoutingModel {
  if (!models.has(stack)) {
    const { config, violations } = loadStackFile(path.join(projectDir, "stacks", `Pulumi.${stack}.yaml`));
    if (!config) throw new Error(`stack ${stack} is invalid: ${JSON.stringify(violations)}`);
    models.set(stack, routingModel(stack, config));
  }
  return models.get(stack)!;
}

test("every reference stack ships a routing file", () => {
  expect(routingFiles).toEqual(expect.arrayContaining(["dev.yaml", "test.yaml", "prod.yaml"]));
});

describe.each(routingFiles)("stacks/routes/%s", (file) => {
  test("every routing expectation holds", () => {
    const results = runRoutingTests(modelOf(file.replace(/\.yaml$/, "")), path.join(routesDir, file));
    const failed = results.filter((r) => r.missing.length > 0 || r.unexpected.length > 0);
    if (failed.length > 0) throw new Error(renderCheck(failed));
    expect(results.length).toBeGreaterThan(0);
  });
});

describe("the sample Orders.OrderCreated event (amount 1500, region eu) in dev", () => {
  const event = JSON.parse(fs.readFileSync(path.join(routesDir, "events", "order-created.json"), "utf8"));
  const result = route(modelOf("dev"), "eventgrid.topics.orders", event);
  const sub = result.path.next.find((s) => s.at === "eventgrid.topics.orders.subscriptions.high-value-orders")!;

  test("matches high-value-orders by its event type and both advanced filters", () => {
    expect(sub.outcome).toBe("matched");
    expect(sub.notes).toContain("matched: includedEventTypes, advancedFilters.large, advancedFilters.region");
    expect(sub.notes).toContain("delivery schema: CloudEvents 1.0 schema");
  });

  test("arrives in the orders session queue with SessionId = the order id, with its dead-letter paths", () => {
    const queue = sub.next[0];
    expect(queue.at).toBe("servicebus.namespaces.orders.queues.orders");
    expect(queue.notes.join("\n")).toContain('sessionId="4711"');
    expect(sub.notes.join("\n")).toContain("dead-letters to storage.events.containers.deadletters after 10 attempt(s)");
    expect(queue.notes.join("\n")).toContain(
      "servicebus.namespaces.orders.queues.orders/$DeadLetterQueue after 5 deliveries",
    );
  });
});

describe("route CLI exit codes (in-process)", () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    jest.spyOn(console, "log").mockImplementation((s: string) => void out.push(s));
    jest.spyOn(console, "error").mockImplementation((s: string) => void out.push(s));
  });
  afterEach(() => jest.restoreAllMocks());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "route-cli-"));
  const write = (name: string, text: string) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };

  test("1 with a readable diff when an expectation fails", () => {
    const file = write(
      "fail.yaml",
      [
        "events:",
        "  - name: small order",
        "    to: eventgrid.topics.orders",
        "    event: { specversion: '1.0', type: Orders.OrderCreated, source: /a, id: x, data: { orderId: '1', amount: 10, region: eu } }",
        "    mustReach: [servicebus.namespaces.orders.queues.orders]",
      ].join("\n"),
    );
    expect(main(["--stack", "dev", "--check", file])).toBe(1);
    const text = out.join("\n");
    expect(text).toContain("- must reach servicebus.namespaces.orders.queues.orders: not reached");
    expect(text).toContain(
      "rejected by advancedFilters.large: data.amount is 10: NumberGreaterThanOrEquals 1000 is false",
    );
  });

  test.each<[string, string[], string]>([
    [
      "an unknown --to key",
      ["--to", "eventgrid.topics.nope", "--event", "EVENT"],
      "is not an Event Grid topic or a Service Bus queue or topic",
    ],
    [
      "a typo in mustNotReach",
      ["--check", "TYPO"],
      "servicebus.namespaces.orders.queues.ordrs is not a key of stack dev's routing",
    ],
    [
      "a message with an unknown system property",
      ["--to", "servicebus.namespaces.orders.queues.audit", "--event", "BADMSG"],
      "lable: is not a Service Bus message property",
    ],
  ])("2 for %s", (_name, args, message) => {
    const files: Record<string, string> = {
      EVENT: path.join(routesDir, "events", "order-created.json"),
      TYPO: write(
        "typo.yaml",
        "events:\n  - { name: t, to: eventgrid.topics.orders, event: {}, mustNotReach: [servicebus.namespaces.orders.queues.ordrs] }\n",
      ),
      BADMSG: write("bad.json", JSON.stringify({ lable: "x" })),
    };
    expect(main(["--stack", "dev", ...args.map((a) => files[a] ?? a)])).toBe(2);
    expect(out.join("\n")).toContain(message);
  });
});

test("npm run route prints the path as JSON (smoke test of the CLI process)", () => {
  // The same launcher `npm run route` uses (scripts/tsRequire.cjs: cached transpilation).
  const r = spawnSync(
    process.execPath,
    [
      "-r",
      path.join(projectDir, "scripts", "tsRequire.cjs"),
      path.join(projectDir, "router", "cli.ts"),
      "--stack",
      "dev",
      "--to",
      "eventgrid.topics.orders",
      "--event",
      path.join(routesDir, "events", "order-created.json"),
      "--json",
    ],
    { cwd: projectDir, encoding: "utf8", timeout: 120_000 },
  );
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout) as { reached: string[] };
  expect(json.reached).toEqual(
    expect.arrayContaining([
      "servicebus.namespaces.orders.queues.orders",
      "eventhubs.namespaces.telemetry.eventHubs.telemetry",
    ]),
  );
});
