import * as fs from "fs";
import * as path from "path";
import { analyzeChains, ChainReport } from "../planner/chains";
import { runPlan } from "../planner/plan";
import { readProjectName, readStackFile } from "../planner/stackFile";

/**
 * Plans every reference stack (`stacks/Pulumi.<name>.yaml`) in this process and analyses its dependency chains.
 * Team stacks get the outputs of the platform stack they name (`platform.stack`), planned first, as the plan CLI
 * does. The program module is reloaded for every plan (it builds the stack when it is required).
 */

export interface StackChains {
  readonly stack: string;
  readonly exitCode: number;
  readonly error?: string;
  readonly report?: ChainReport;
}

const projectDir = path.resolve(__dirname, "..");

function stackDir(): string {
  const text = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  return path.join(projectDir, /^stackConfigDir:\s*(\S+)/m.exec(text)?.[1] ?? ".");
}

/** Stack names, platform stacks before the team stacks that read them. */
export function referenceStacks(): string[] {
  const names = fs
    .readdirSync(stackDir())
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined);
  const order = ["dev", "test", "prod", "platform"];
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  return names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

/** The platform stack a team stack reads (`<project>:platform` with role team), else undefined. */
function platformReference(stack: string): string | undefined {
  const file = path.join(stackDir(), `Pulumi.${stack}.yaml`);
  const raw = readStackFile(file).config[`${readProjectName(projectDir)}:platform`];
  if (raw === undefined) return undefined;
  const p = JSON.parse(raw) as { role?: string; stack?: string };
  return p.role === "team" ? p.stack : undefined;
}

/** Forgets the stack program's modules so that requiring the program builds the next stack. */
function forgetProgram(): void {
  const dir = path.join(projectDir, "stacks") + path.sep;
  for (const key of Object.keys(require.cache)) if (key.startsWith(dir)) delete require.cache[key];
}

async function plan(stack: string, stackOutputs?: Record<string, Record<string, unknown>>) {
  forgetProgram();
  return runPlan({ projectDir, stack, stackOutputs });
}

export async function stackChains(stacks: readonly string[] = referenceStacks()): Promise<StackChains[]> {
  const outputsOf = new Map<string, Record<string, unknown>>();
  const out: StackChains[] = [];
  for (const stack of stacks) {
    const reference = platformReference(stack);
    let stackOutputs: Record<string, Record<string, unknown>> | undefined;
    if (reference) {
      const platform = reference.split("/").pop()!;
      if (!outputsOf.has(platform)) {
        const p = await plan(platform);
        if (p.outputs) outputsOf.set(platform, p.outputs);
      }
      const outputs = outputsOf.get(platform);
      if (!outputs) {
        out.push({ stack, exitCode: 2, error: `platform stack ${platform} could not be planned` });
        continue;
      }
      stackOutputs = { [reference]: outputs };
    }
    const report = await plan(stack, stackOutputs);
    if (!reference && report.outputs) outputsOf.set(stack, report.outputs);
    out.push({
      stack,
      exitCode: report.exitCode,
      error: report.error?.split("\n")[0],
      report: report.error ? undefined : analyzeChains(report.resources),
    });
  }
  return out;
}
