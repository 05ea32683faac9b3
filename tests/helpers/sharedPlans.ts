import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { CliResult, PlanJson, projectDir, runPlanCli, runPlanCliAsync } from "./runPlanCli";

/**
 * The plan of a shipped stack file as a user makes it (`npm run plan -- --config FILE --quiet --json … --diagram …
 * --network-diagram … --markdown … --outputs …`), made once per Jest run and read by every test file that checks
 * what a shipped stack plans: the CLI spawn and the plan are most of those files' time. The first worker to ask
 * plans it; another asking meanwhile waits for the result. Tests of the CLI's own behaviour (flags, exit codes,
 * printed text) spawn their own runs. The run's folder comes from tests/helpers/sharedPlansSetup.ts (Jest
 * `globalSetup`); without it (a file run another way) each test file keeps its own.
 */
export interface SharedPlan extends CliResult {
  /** The stack file, relative to the project. */
  readonly file: string;
  /** The `--json` document, when the plan wrote one (exit 0 or 1). */
  readonly plan: PlanJson;
  /** The files the plan wrote (`json`: the `--json` document). */
  readonly outputs: {
    readonly json: string;
    readonly flow: string;
    readonly network: string;
    readonly markdown: string;
    readonly stack: string;
  };
}

/** Every shipped stack file (stacks/Pulumi.*.yaml, tests/fixtures/stacks/Pulumi.*.yaml), relative to the project. */
export const shippedStackFiles: readonly string[] = ["stacks", "tests/fixtures/stacks"].flatMap((dir) =>
  fs
    .readdirSync(path.join(projectDir, dir))
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f)),
);

/** The stack name a stack file gives the plan (`Pulumi.<stack>.yaml`). */
export const stackNameOf = (file: string): string => path.basename(file).replace(/^Pulumi\.|\.yaml$/g, "");

/** The platform stack a team stack file references (`<project>:platform` with role team), if it is one. */
export function platformOf(file: string): string | undefined {
  const text = fs.readFileSync(path.resolve(projectDir, file), "utf8");
  const config = (parseYaml(text) as { config?: object }).config ?? {};
  const raw = Object.entries(config).find(([k]) => k.endsWith(":platform"))?.[1] as
    { role?: string; stack?: string } | undefined;
  return raw?.role === "team" ? raw.stack : undefined;
}

const root = process.env.AZINT_SHARED_PLANS ?? fs.mkdtempSync(path.join(os.tmpdir(), "shared-plans-"));
const WAIT_MS = 170_000;

/** Where the shared plan of a stack file lives: its folder, result and output files. */
function location(file: string) {
  const relative = path.relative(projectDir, path.resolve(projectDir, file));
  const dir = path.join(root, relative.replace(/[^A-Za-z0-9.-]+/g, "_"));
  const outputs = {
    json: path.join(dir, "plan.json"),
    flow: path.join(dir, "flow.mmd"),
    network: path.join(dir, "network.mmd"),
    markdown: path.join(dir, "report.md"),
    stack: path.join(dir, "outputs.json"),
  };
  return { relative, dir, result: path.join(dir, "result.json"), outputs };
}

/** Whether this process makes the plan (it created the folder first); false when another one is making it. */
function claim(dir: string): boolean {
  try {
    fs.mkdirSync(dir);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return false;
  }
}

/** The shared plan of `file` (a stack file, relative to the project or absolute). */
export function sharedPlan(file: string): SharedPlan {
  const at = location(file);
  if (!fs.existsSync(at.result)) {
    if (claim(at.dir))
      write(
        at.result,
        attempt(at, () => runPlanCli(cliArgs(at))),
      );
    else waitFor(at.result, at.relative);
  }
  const r = JSON.parse(fs.readFileSync(at.result, "utf8")) as CliResult;
  const plan = fs.existsSync(at.outputs.json)
    ? (JSON.parse(fs.readFileSync(at.outputs.json, "utf8")) as PlanJson)
    : undefined;
  return {
    ...r,
    file: at.relative,
    outputs: at.outputs,
    get plan(): PlanJson {
      if (!plan) throw new Error(`${at.relative} wrote no plan (exit ${r.status}):\n${r.stderr}${r.stdout}`);
      return plan;
    },
  };
}

/**
 * Plans every shipped stack, `parallel` processes at a time (platform stacks before the team stacks that read their
 * outputs): Jest's global setup does this for a whole run, before the workers start, so that no worker waits idle
 * for a plan another one is making.
 */
export async function planShippedStacks(parallel = 2): Promise<void> {
  const pool = async (files: string[]) => {
    const queue = [...files];
    const next = async (): Promise<void> => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const at = location(file);
        if (claim(at.dir)) write(at.result, await attempt(at, () => runPlanCliAsync(cliArgs(at))));
      }
    };
    await Promise.all(Array.from({ length: parallel }, next));
  };
  // Team stacks read their platform's outputs (cliArgs): every platform is written before a team starts.
  await pool(shippedStackFiles.filter((f) => !platformOf(f)));
  await pool(shippedStackFiles.filter(platformOf));
}

function cliArgs(at: ReturnType<typeof location>): string[] {
  const { outputs } = at;
  const args = ["--config", at.relative, "--quiet", "--json", outputs.json];
  args.push("--diagram", outputs.flow, "--network-diagram", outputs.network);
  args.push("--markdown", outputs.markdown, "--outputs", outputs.stack);
  const reference = platformOf(at.relative);
  if (reference) {
    // A team stack reads its platform's outputs: those of the platform's shared plan, as a user passes them.
    const platform = sharedPlan(path.join(path.dirname(at.relative), `Pulumi.${reference.split("/").pop()}.yaml`));
    const given = path.join(at.dir, "platform-outputs.json");
    const outputsOfPlatform = JSON.parse(fs.readFileSync(platform.outputs.stack, "utf8")) as unknown;
    fs.writeFileSync(given, JSON.stringify({ [reference]: outputsOfPlatform }));
    args.push("--stack-outputs", given);
  }
  return args;
}

/** A plan that could not be started (its platform wrote no outputs) is a failed result, not a crash of the run. */
function attempt<T extends CliResult | Promise<CliResult>>(
  at: ReturnType<typeof location>,
  plan: () => T,
): T | CliResult {
  try {
    return plan();
  } catch (e) {
    return { status: null, stdout: "", stderr: `could not plan ${at.relative}: ${(e as Error).message}` };
  }
}

/** Written under a temporary name and renamed: a waiting worker never reads half a file. */
function write(file: string, r: CliResult): void {
  const tmp = `${file}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify({ status: r.status, stdout: r.stdout, stderr: r.stderr }));
  fs.renameSync(tmp, file);
}

function waitFor(file: string, what: string): void {
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + WAIT_MS;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the shared plan of ${what} was not written within ${WAIT_MS} ms`);
    Atomics.wait(sleep, 0, 0, 50);
  }
}
