import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";

const usage = `Usage: npm run bench:cli -- [options]

Measures the plan CLI's start-to-exit time next to a bare \`node -e 'require("@pulumi/pulumi")'\`, side by side:
each round runs every command once, in an order that rotates, so that load from other processes hits them alike.
Prints the minimum and median wall time of each and plan ÷ bare (minimum over minimum: the least disturbed runs).

Options:
  --stack NAME   the stack to plan (default dev)
  --reps K       rounds (default 7)
  --tsx          also time the former launcher (tsx planner/cli.ts)
  --help`;

const GOAL_RATIO = 2;
const projectDir = path.resolve(__dirname, "..");

interface Command {
  readonly label: string;
  readonly file: string;
  readonly args: string[];
}

function time(cmd: Command): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd.file, cmd.args, { cwd: projectDir, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd.label} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function main(): void {
  const { values } = parseArgs({
    options: {
      stack: { type: "string", default: "dev" },
      reps: { type: "string", default: "7" },
      tsx: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(usage);
  const reps = Number(values.reps);
  const plan = ["planner/cli.ts", "--stack", values.stack!, "--quiet"];
  const commands: Command[] = [
    { label: "bare require", file: process.execPath, args: ["-e", 'require("@pulumi/pulumi")'] },
    // What `npm run plan` runs (package.json), without npm's own start-up.
    { label: `plan ${values.stack}`, file: process.execPath, args: ["-r", "./scripts/tsRequire.cjs", ...plan] },
    { label: `npm run plan ${values.stack}`, file: "npm", args: ["run", "-s", "plan", "--", ...plan.slice(1)] },
  ];
  if (values.tsx) commands.push({ label: "tsx (former)", file: path.join("node_modules", ".bin", "tsx"), args: plan });
  // Warm-up: fills the transpile and code caches, as any earlier run on the machine would have.
  for (const c of commands) time(c);
  const samples = commands.map(() => [] as number[]);
  for (let round = 0; round < reps; round++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (k + round) % commands.length;
      samples[i].push(time(commands[i]));
    }
  }
  const [load1] = os.loadavg();
  console.log(`${os.cpus().length} CPUs, Node ${process.version}, load average ${load1.toFixed(1)}, ${reps} rounds\n`);
  const bare = Math.min(...samples[0]);
  for (let i = 0; i < commands.length; i++) {
    const min = Math.min(...samples[i]);
    const ratio = i === 0 ? "" : `  ${(min / bare).toFixed(2)} x bare`;
    console.log(
      `${commands[i].label.padEnd(22)} min ${(min / 1000).toFixed(2)} s  median ${(median(samples[i]) / 1000).toFixed(2)} s${ratio}`,
    );
  }
  const ratio = Math.min(...samples[1]) / bare;
  console.log(
    `\nplan ÷ bare require: ${ratio.toFixed(2)} (goal ≤ ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? "met" : "not met"})`,
  );
}

main();
