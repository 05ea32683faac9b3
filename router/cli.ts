import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { formatViolation } from "../components/core/errors";
import { renderCheck, runRoutingTests } from "./check";
import { loadStackFile, routingModel } from "./model";
import { renderResult } from "./render";
import { route, RouteInputError } from "./route";

const usage = `Usage: npm run route -- --stack <name> (--to KEY --event FILE [--json] | --check FILE.yaml)

Routes events and messages offline through the stack's Event Grid subscriptions and Service Bus rules, read from
the validated stack config (no Pulumi program run).

Options:
  --stack NAME       stack (reads stacks/Pulumi.NAME.yaml)                            [required]
  --config FILE      read this stack file instead
  --to KEY           config key path the event is sent to: eventgrid.topics.<t>, eventgrid.domains.<d>.topics.<t>,
                     eventgrid.systemTopics.<k>, eventgrid.partnerTopics.<k>, servicebus.namespaces.<ns>.topics.<t>,
                     servicebus.namespaces.<ns>.queues.<q> (servicebus.pairs.<p>... for geo-DR pairs)
  --event FILE       one event or message (JSON), or an array of them
  --fail-delivery    every delivery fails (shows the dead-letter path)
  --expire           the message expires before it is received (Service Bus)
  --json             print the paths as JSON
  --check FILE       run a routing-test file (events with 'to', 'mustReach', 'mustNotReach')
  --help

Exit codes: 0 ok, 1 a routing expectation failed, 2 invalid input or configuration, 3 internal error.`;

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        config: { type: "string" },
        to: { type: "string" },
        event: { type: "string" },
        check: { type: "string" },
        json: { type: "boolean", default: false },
        "fail-delivery": { type: "boolean", default: false },
        expire: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  if (!args.stack && !args.config) {
    console.error(`--stack is required\n\n${usage}`);
    return 2;
  }
  const single = args.to !== undefined || args.event !== undefined;
  if (args.check ? single : !(args.to && args.event)) {
    console.error(`give either --to KEY with --event FILE, or --check FILE\n\n${usage}`);
    return 2;
  }
  const file = args.config ?? path.resolve(__dirname, "..", "stacks", `Pulumi.${args.stack}.yaml`);
  if (!fs.existsSync(file)) {
    console.error(`stack file ${file} not found`);
    return 2;
  }
  const { stack, config, violations } = loadStackFile(file);
  if (!config) {
    console.error(
      `stack config of '${stack}' is invalid:\n${violations.map((v) => `  - ${formatViolation(v)}`).join("\n")}`,
    );
    return 2;
  }
  const model = routingModel(stack, config);
  try {
    if (args.check) {
      const results = runRoutingTests(model, args.check);
      if (args.json) console.log(JSON.stringify(results, null, 2));
      else console.log(renderCheck(results));
      return results.every((r) => r.missing.length === 0 && r.unexpected.length === 0) ? 0 : 1;
    }
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(args.event!, "utf8"));
    } catch (e) {
      throw new RouteInputError(`--event ${args.event}: ${(e as Error).message}`);
    }
    const events = Array.isArray(input) ? input : [input];
    const options = { failDelivery: args["fail-delivery"], expire: args.expire };
    const results = events.map((e, i) =>
      route(model, args.to!, e, options, Array.isArray(input) ? `event[${i}]` : "event"),
    );
    if (args.json) console.log(JSON.stringify(Array.isArray(input) ? results : results[0], null, 2));
    else console.log(results.map(renderResult).join("\n\n"));
    return 0;
  } catch (e) {
    if (e instanceof RouteInputError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`internal error (a bug: please report it): ${(e as Error).stack ?? e}`);
    process.exitCode = 3;
  }
}

export { main };
