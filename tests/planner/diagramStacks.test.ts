/** @slow plans every shipped stack as a process and parses every diagram (tests/helpers/testSequencer.cjs) */
import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { parse as parseYaml } from "yaml";
import { projectDir } from "../helpers/runPlanCli";

/**
 * Every shipped stack (stacks/Pulumi.*.yaml, tests/fixtures/stacks/Pulumi.*.yaml) planned as a user would, with
 * both diagram views and the Markdown report, and every Mermaid diagram among them parsed by the official parser
 * (the `mermaid` package under jsdom, tests/planner/diagramParse.mjs). Plans run two at a time; team stacks get
 * their platform's outputs from the platform plan instead of planning it again.
 */

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "diagram-stacks-"));
// The command `npm run plan` runs (package.json): node with the caching TypeScript require hook.
const hook = path.join(projectDir, "scripts", "tsRequire.cjs");
const cli = path.join(projectDir, "planner", "cli.ts");

const stackFiles = [
  ...fs.readdirSync(path.join(projectDir, "stacks")).map((f) => path.join("stacks", f)),
  ...fs.readdirSync(path.join(projectDir, "tests/fixtures/stacks")).map((f) => path.join("tests/fixtures/stacks", f)),
].filter((f) => /^Pulumi\..+\.yaml$/.test(path.basename(f)));

const nameOf = (file: string) => path.basename(file).replace(/^Pulumi\.|\.yaml$/g, "");
const outputs = (name: string) => ({
  flow: path.join(tmp, `${name}.flow.mmd`),
  network: path.join(tmp, `${name}.network.mmd`),
  markdown: path.join(tmp, `${name}.md`),
  stackOutputs: path.join(tmp, `${name}.outputs.json`),
});

/** The platform stack a team stack file references, if it is one. */
function platformOf(file: string): string | undefined {
  const config = (parseYaml(fs.readFileSync(path.join(projectDir, file), "utf8")) as { config?: object }).config ?? {};
  const raw = Object.entries(config).find(([k]) => k.endsWith(":platform"))?.[1] as
    { role?: string; stack?: string } | undefined;
  return raw?.role === "team" ? raw.stack : undefined;
}

async function plan(file: string, stackOutputs?: string): Promise<{ file: string; code: number; output: string }> {
  const o = outputs(nameOf(file));
  const args = ["-r", hook, cli, "--config", file, "--quiet", "--diagram", o.flow, "--network-diagram", o.network];
  args.push("--markdown", o.markdown, "--outputs", o.stackOutputs);
  if (stackOutputs) args.push("--stack-outputs", stackOutputs);
  try {
    const r = await run(process.execPath, args, { cwd: projectDir, timeout: 120_000 });
    return { file, code: 0, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { file, code: err.code ?? -1, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

describe("diagrams and the report for every shipped stack", () => {
  const results: { file: string; code: number; output: string }[] = [];
  beforeAll(async () => {
    const teams = stackFiles.filter((f) => platformOf(f));
    const others = stackFiles.filter((f) => !platformOf(f));
    for (let i = 0; i < others.length; i += 2)
      results.push(...(await Promise.all(others.slice(i, i + 2).map((f) => plan(f)))));
    const teamPlans = teams.map((f) => {
      const reference = platformOf(f)!;
      const given = path.join(tmp, `${nameOf(f)}.platform-outputs.json`);
      const platformOutputs = outputs(reference.split("/").pop()!).stackOutputs;
      fs.writeFileSync(given, JSON.stringify({ [reference]: JSON.parse(fs.readFileSync(platformOutputs, "utf8")) }));
      return plan(f, given);
    });
    results.push(...(await Promise.all(teamPlans)));
  }, 300_000);

  test("each stack plans (exit 0 or 1) and writes the event-flow view, the network view and the report", () => {
    expect(stackFiles.length).toBeGreaterThanOrEqual(9);
    for (const r of results) {
      // Exit 1 (a mandatory policy) still writes the views and the report; exit 2 or 3 does not: show why.
      const why = r.code > 1 ? r.output.slice(-2000) : "";
      expect({ file: r.file, code: r.code, why }).toEqual({ file: r.file, code: r.code === 1 ? 1 : 0, why: "" });
      const o = outputs(nameOf(r.file));
      expect(fs.readFileSync(o.flow, "utf8")).toMatch(/^flowchart LR\n/);
      expect(fs.readFileSync(o.network, "utf8")).toMatch(/^flowchart LR\n/);
      const md = fs.readFileSync(o.markdown, "utf8");
      expect(md).toMatch(/^## Offline plan of `.+`: (✅|❌) /);
      expect(md.match(/```mermaid\n/g)).toHaveLength(2);
    }
  });

  test("every diagram (the two views and the report's blocks) parses with the official Mermaid parser", () => {
    // What the plans wrote (a stack that could not be planned fails the test above).
    const files = results
      .flatMap((r) => Object.values(outputs(nameOf(r.file))).filter((f) => !f.endsWith(".json")))
      .filter((f) => fs.existsSync(f));
    const parsed = spawnSync(process.execPath, [path.join(__dirname, "diagramParse.mjs"), ...files], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(parsed.stderr).toBe("");
    const outcome = JSON.parse(parsed.stdout) as { file: string; block: number; error?: string }[];
    expect(outcome.length).toBeGreaterThanOrEqual(files.length);
    expect(outcome.filter((x) => x.error)).toEqual([]);
  });
});
