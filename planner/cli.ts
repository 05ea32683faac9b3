import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { renderMermaid } from "./diagram";
import { EXIT_INTERNAL_ERROR, EXIT_INVALID_CONFIG, planJson, runPlan } from "./plan";
import type { AnyPolicy } from "./policyEngine";
import { renderTree, renderViolations } from "./report";

const usage = `Usage: npm run plan -- --stack <name> [options]

Runs the stack program offline on the simulated Azure Resource Manager and evaluates the policy pack.

Options:
  --stack NAME             stack to plan (reads stacks/Pulumi.NAME.yaml)          [required]
  --config FILE            read this stack file instead
  --json FILE              write { stack, resources, violations } as JSON
  --diagram FILE           write a Mermaid diagram of the event flow
  --policy-config FILE     policy pack config (default: policies/config/<environment>.json)
  --policy-module FILE     evaluate the policies this module exports as 'policies' instead of the pack's
  --stack-outputs FILE     JSON { "<org/project/stack>": { outputs } } for StackReferences (team stacks)
  --quiet                  print only violations and the result line
  --help

Exit codes: 0 valid plan (advisory violations allowed), 1 a mandatory policy is violated,
            2 invalid configuration, 3 internal error.`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        config: { type: "string" },
        json: { type: "string" },
        diagram: { type: "string" },
        "policy-config": { type: "string" },
        "policy-module": { type: "string" },
        "stack-outputs": { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage}`);
    return EXIT_INVALID_CONFIG;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  if (!args.stack && !args.config) {
    console.error(`--stack is required\n\n${usage}`);
    return EXIT_INVALID_CONFIG;
  }
  const projectDir = path.resolve(__dirname, "..");
  const stack = args.stack ?? path.basename(args.config!).replace(/^Pulumi\.|\.yaml$/g, "");
  let policies: AnyPolicy[] | undefined;
  if (args["policy-module"]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    policies = require(path.resolve(args["policy-module"])).policies;
  }
  const stackOutputs = args["stack-outputs"] ? JSON.parse(fs.readFileSync(args["stack-outputs"], "utf8")) : undefined;

  const report = await runPlan({
    projectDir,
    stack,
    configFile: args.config ? path.resolve(args.config) : undefined,
    policyConfigFile: args["policy-config"] ? path.resolve(args["policy-config"]) : undefined,
    policies,
    stackOutputs,
  });

  if (report.error) {
    const kind = report.exitCode === EXIT_INVALID_CONFIG ? "Invalid configuration" : "Plan failed";
    console.error(`${kind} for stack '${stack}':\n${report.error}`);
  } else {
    if (!args.quiet) console.log(`Plan for stack '${stack}'\n\n${renderTree(report.resources)}\n`);
    console.log(renderViolations(report.violations));
  }
  if (args.json) fs.writeFileSync(args.json, planJson(report));
  if (args.diagram && !report.error) fs.writeFileSync(args.diagram, renderMermaid(report.resources));
  const verdict = ["plan is valid", "a mandatory policy is violated", "invalid configuration", "internal error"][
    report.exitCode
  ];
  console.log(`\nResult: ${verdict} (exit ${report.exitCode})`);
  return report.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`Plan failed: ${(e as Error)?.stack ?? e}`);
    process.exit(EXIT_INTERNAL_ERROR);
  },
);
