import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { renderEventFlow, renderNetwork } from "./diagram";
import { Change, diffPlans, DiffResource, readBaseline } from "./diff";
import { blocksDataLoss, ChangeVerdict, changeVerdict, renderChanges } from "./diffReport";
import { renderMarkdown } from "./markdown";
import { EXIT_INTERNAL_ERROR, EXIT_INVALID_CONFIG, planJson, runPlan } from "./plan";
import { progressReporter } from "./progress";
import type { AnyPolicy } from "./policyEngine";
import { renderExemptions, renderTree, renderViolations } from "./report";
import { readProjectName, readStackFile } from "./stackFile";

const usage = `Usage: npm run plan -- --stack <name> [options]

Runs the stack program offline on the simulated Azure Resource Manager and evaluates the policy pack.

Options:
  --stack NAME             stack to plan (reads stacks/Pulumi.NAME.yaml)          [required]
  --config FILE            read this stack file instead
  --json FILE              write { stack, resources, violations } as JSON (and changes, with --baseline)
  --baseline FILE          an earlier --json output (e.g. of the main branch): print the change set against it,
                           like pulumi preview --diff (create, update old => new, replace, delete, data loss)
  --allow-data-loss        accept changes that delete or replace stateful resources where planner/diffPolicy.json
                           blocks them (prod)
  --markdown FILE          write a pull-request report: verdict, counts, change set, violations, diagrams
  --diagram FILE           write the event-flow view as Mermaid (publishers, topics, subscriptions, destinations)
  --network-diagram FILE   write the network view as Mermaid (vnet, subnets, private endpoints, DNS zones)
  --policy-config FILE     policy pack config (default: policies/config/<environment>.json)
  --policy-module FILE     evaluate the policies this module exports as 'policies' instead of the pack's
  --stack-outputs FILE     JSON { "<org/project/stack>": { outputs } } for StackReferences (team stacks)
  --platform-stack NAME    plan stack NAME first (a child process) and give its outputs to this team stack's
                           StackReference; the default for a team stack without --stack-outputs is the stack
                           its platform.stack names, when stacks/Pulumi.<that stack>.yaml exists
  --outputs FILE           write the stack's outputs (the program's exports) as JSON, the shape of
                           \`pulumi stack output --json\`
  --quiet                  print only violations, the change set and the result line; no progress on stderr
  --help

Exit codes: 0 valid plan (advisory violations allowed), 1 a mandatory policy is violated or a change loses data
            where that is blocked, 2 invalid configuration or a change Azure or the engine refuses, 3 internal error.`;

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
        "network-diagram": { type: "string" },
        baseline: { type: "string" },
        "allow-data-loss": { type: "boolean", default: false },
        markdown: { type: "string" },
        "policy-config": { type: "string" },
        "policy-module": { type: "string" },
        "stack-outputs": { type: "string" },
        "platform-stack": { type: "string" },
        outputs: { type: "string" },
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
  let stackOutputs: Record<string, Record<string, unknown>> | undefined;
  try {
    stackOutputs = args["stack-outputs"] ? JSON.parse(fs.readFileSync(args["stack-outputs"], "utf8")) : undefined;
  } catch (e) {
    console.error(`--stack-outputs ${args["stack-outputs"]}: ${(e as Error).message}`);
    return EXIT_INVALID_CONFIG;
  }
  const configFile = args.config ? path.resolve(args.config) : undefined;
  const team = teamReference(projectDir, configFile ?? stackFilePath(projectDir, stack));
  if (team) {
    const resolved = outputsForTeam(projectDir, stack, team, stackOutputs, args["platform-stack"], args.quiet);
    if (typeof resolved === "number") return resolved;
    stackOutputs = resolved;
  }

  let baseline: DiffResource[] | undefined;
  try {
    baseline = args.baseline ? readBaseline(args.baseline) : undefined;
  } catch (e) {
    console.error((e as Error).message);
    return EXIT_INVALID_CONFIG;
  }

  const report = await runPlan({
    projectDir,
    stack,
    configFile,
    policyConfigFile: args["policy-config"] ? path.resolve(args["policy-config"]) : undefined,
    policies,
    stackOutputs,
    onPhase: progressReporter({ quiet: args.quiet }),
  });

  let changes: Change[] | undefined;
  let verdict: ChangeVerdict | undefined;
  if (baseline && !report.error) {
    changes = diffPlans(baseline, report.resources);
    const environment = report.environment ?? stack;
    verdict = changeVerdict(changes, {
      blockDataLoss: blocksDataLoss(environment),
      allowDataLoss: args["allow-data-loss"],
      environment,
    });
  }
  const exitCode =
    verdict && report.exitCode < EXIT_INVALID_CONFIG ? Math.max(report.exitCode, verdict.exitCode) : report.exitCode;

  if (report.error) {
    const kind = report.exitCode === EXIT_INVALID_CONFIG ? "Invalid configuration" : "Plan failed";
    console.error(`${kind} for stack '${stack}':\n${report.error}`);
  } else {
    if (!args.quiet) console.log(`Plan for stack '${stack}'\n\n${renderTree(report.resources)}\n`);
    console.log(renderViolations(report.violations));
    const exemptions = renderExemptions(report.exemptions ?? []);
    if (exemptions) console.log(exemptions);
    if (changes) console.log(`\n${renderChanges(changes, `baseline ${args.baseline}`)}`);
    for (const problem of verdict?.problems ?? []) console.log(`\n${problem}`);
  }
  if (args.json) fs.writeFileSync(args.json, planJson(report, { changes }));
  if (args.outputs && report.outputs) fs.writeFileSync(args.outputs, JSON.stringify(report.outputs, null, 2) + "\n");
  if (args.diagram && !report.error) fs.writeFileSync(args.diagram, renderEventFlow(report.resources));
  if (args["network-diagram"] && !report.error) {
    fs.writeFileSync(args["network-diagram"], renderNetwork(report.resources));
  }
  const result = resultText(report.exitCode, exitCode, verdict);
  if (args.markdown) {
    fs.writeFileSync(
      args.markdown,
      renderMarkdown({ report, result, exitCode, changes, verdict, baseline: args.baseline }),
    );
  }
  console.log(`\nResult: ${result} (exit ${exitCode})`);
  return exitCode;
}

/** The result line: the plan's own verdict, or the change set's when that decided the exit code. */
function resultText(planExit: number, exitCode: number, verdict: ChangeVerdict | undefined): string {
  if (verdict && exitCode !== planExit && exitCode === verdict.exitCode) {
    return exitCode === EXIT_INVALID_CONFIG ? "a change Azure or the engine refuses" : "a change loses data";
  }
  return ["plan is valid", "a mandatory policy is violated", "invalid configuration", "internal error"][exitCode];
}

function stackFilePath(projectDir: string, stack: string): string {
  const text = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  const dir = /^stackConfigDir:\s*(\S+)/m.exec(text)?.[1] ?? ".";
  return path.join(projectDir, dir, `Pulumi.${stack}.yaml`);
}

/** The platform stack a team stack file references (`<project>:platform` with role team), else undefined. */
function teamReference(projectDir: string, file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined; // runPlan reports it
  try {
    const raw = readStackFile(file).config[`${readProjectName(projectDir)}:platform`];
    const platform = raw === undefined ? undefined : (JSON.parse(raw) as { role?: unknown; stack?: unknown });
    return platform?.role === "team" && typeof platform.stack === "string" ? platform.stack : undefined;
  } catch {
    return undefined; // a malformed file or key is reported by runPlan with its path
  }
}

/**
 * The outputs a team stack's StackReference reads: from --stack-outputs when they name its platform stack, else by
 * planning the platform stack first in a child process (one plan per process: the Pulumi runtime is global state).
 * Returns an exit code when that is not possible.
 */
function outputsForTeam(
  projectDir: string,
  stack: string,
  reference: string,
  given: Record<string, Record<string, unknown>> | undefined,
  platformStack: string | undefined,
  quiet: boolean,
): Record<string, Record<string, unknown>> | number {
  if (given?.[reference] && !platformStack) return given;
  const name = platformStack ?? reference.split("/").pop()!;
  const file = stackFilePath(projectDir, name);
  if (given && !platformStack) {
    console.error(
      `Invalid configuration for stack '${stack}':\nplatform.stack: ${JSON.stringify(reference)} has no outputs in the --stack-outputs file ` +
        `(it has: ${Object.keys(given).join(", ") || "none"}); add them under that key (pulumi stack output --json --stack ${reference}) ` +
        `or plan the platform first with --platform-stack NAME`,
    );
    return EXIT_INVALID_CONFIG;
  }
  if (!fs.existsSync(file)) {
    console.error(
      `Invalid configuration for stack '${stack}':\nplatform.stack: ${JSON.stringify(reference)} is a team stack's platform, but no ` +
        `outputs were given and ${path.relative(projectDir, file)} does not exist; pass --stack-outputs FILE or --platform-stack NAME`,
    );
    return EXIT_INVALID_CONFIG;
  }
  if (!reference.endsWith(`/${name}`)) {
    console.error(
      `Invalid configuration for stack '${stack}':\n--platform-stack ${name}: the team's platform.stack is ${JSON.stringify(reference)}; ` +
        `plan the stack it names`,
    );
    return EXIT_INVALID_CONFIG;
  }
  const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-platform-")), "outputs.json");
  if (!quiet) console.log(`Planning platform stack '${name}' first (its outputs answer ${reference})...`);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, "--stack", name, "--quiet", "--outputs", outFile],
    { cwd: process.cwd(), encoding: "utf8" },
  );
  if ((child.status !== 0 && child.status !== 1) || !fs.existsSync(outFile)) {
    console.error(
      `Platform stack '${name}' could not be planned (exit ${child.status}), so team stack '${stack}' cannot be:\n` +
        `${child.stderr}${child.stdout}`.trim(),
    );
    return child.status === EXIT_INVALID_CONFIG ? EXIT_INVALID_CONFIG : EXIT_INTERNAL_ERROR;
  }
  const outputs = JSON.parse(fs.readFileSync(outFile, "utf8")) as Record<string, unknown>;
  fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
  return { ...given, [reference]: outputs };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`Plan failed: ${(e as Error)?.stack ?? e}`);
    process.exit(EXIT_INTERNAL_ERROR);
  },
);
