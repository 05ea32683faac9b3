import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const projectDir = path.resolve(__dirname, "../..");

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// The command `npm run plan` runs (package.json): node with the caching TypeScript require hook.
const command = (args: string[]) => [
  "-r",
  path.join(projectDir, "scripts", "tsRequire.cjs"),
  path.join(projectDir, "planner", "cli.ts"),
  ...args,
];
const options = { cwd: projectDir, encoding: "utf8" as const, timeout: 120_000 };

/** Runs `npm run plan -- ARGS` as a user would (a separate process: one plan per process), without npm's banner. */
export function runPlanCli(args: string[]): CliResult {
  const r = spawnSync(process.execPath, command(args), options);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** {@link runPlanCli} without blocking: several plans at once. */
export function runPlanCliAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, command(args), options, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      resolve({ status: error ? (typeof code === "number" ? code : null) : 0, stdout, stderr });
    });
  });
}

/** One resource of the `--json` document (planner/plan.ts `planJson`). */
export interface PlannedJson {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly inputs: Record<string, unknown>;
  readonly dependencies: string[];
  readonly protect: boolean;
}

/** The `--json` document the plan writes. */
export interface PlanJson {
  readonly stack: string;
  readonly resources: PlannedJson[];
  readonly violations: { policy: string; enforcementLevel: string; urn: string | null; message: string }[];
}

export function readPlanJson(file: string): PlanJson {
  return JSON.parse(fs.readFileSync(file, "utf8")) as PlanJson;
}
