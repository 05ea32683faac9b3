import * as fs from "fs";
import * as os from "os";
import { parseArgs } from "util";
import { shortUrn } from "../planner/chains";
import { EstateKind } from "./estate";
import { assertGcExposed, compareEstates, planEstate, PlanMeasurement } from "./measure";
import { referenceStacks, stackChains } from "./stacks";

const usage = `Usage: npm run bench -- [options]

Plans estates of about N cloud resources built through the components and the same resources as raw azure-native
objects, in this process on the simulated ARM, and prints time and memory (medians), components / raw and
time(2N) / time(N). Then the longest dependency chain of every reference stack next to its data-dependency chain.

Options:
  --sizes N,N,...        target cloud resources per estate (default 250,500,1000)
  --reps K               measured repetitions per size and kind; the median is reported (default 5)
  --sdk-promise-stacks   let the Pulumi SDK capture a stack trace per promise, as it does outside the simulator
  --no-chains            skip the dependency-chain analysis of the reference stacks
  --chains-only          only the dependency-chain analysis
  --json FILE            write every measurement and chain report as JSON
  --help`;

const GOAL_RATIO = 1.15;
const GOAL_SCALING = 2.1;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f = (x: number, digits = 2) => x.toFixed(digits);
const pad = (s: string, n: number) => s.padStart(n);
const mark = (ok: boolean) => (ok ? "ok" : "MISSED");

interface SizeResult {
  readonly target: number;
  readonly shards: number;
  readonly cloudResources: number;
  readonly runs: Record<EstateKind, PlanMeasurement[]>;
}

type Metric = "seconds" | "cpuSeconds" | "gcSeconds" | "peakHeapMB" | "retainedHeapMB";
const med = (runs: PlanMeasurement[], m: Metric) => median(runs.map((r) => r[m]));

function machine(): string {
  const gb = (b: number) => `${f(b / 1024 ** 3, 1)} GB`;
  return (
    `${os.cpus().length} CPUs (nproc) ${os.cpus()[0]?.model ?? ""}, ${gb(os.totalmem())} memory, ` +
    `Node ${process.version}, ${os.platform()} ${os.release()}; load average ${os
      .loadavg()
      .map((l) => f(l))
      .join(" ")}`
  );
}

async function benchmark(sizes: number[], reps: number, sdkPromiseStacks: boolean): Promise<SizeResult[]> {
  const opts = { sdkPromiseStacks };
  // Warm-up (not counted): loads and compiles every module both estates use, and checks that they are the same.
  const c1 = await planEstate("components", 1, opts);
  const r1 = await planEstate("raw", 1, opts);
  const diffs = compareEstates(c1.resources, r1.resources);
  if (diffs.length > 0) {
    console.log(`WARNING: the raw estate differs from the components' in ${diffs.length} place(s):`);
    for (const d of diffs.slice(0, 10)) console.log(`  ${d}`);
  } else {
    console.log(
      `Estates checked: the ${c1.measurement.cloudResources} cloud resources of one shard have the same types, names, ` +
        `inputs and dependencies in both.`,
    );
  }
  // Size by the components' registered cloud resources: one shard plus what is shared (the resource group).
  const c2 = await planEstate("components", 2, opts);
  const perShard = c2.measurement.cloudResources - c1.measurement.cloudResources;
  const shared = c1.measurement.cloudResources - perShard;
  console.log(
    `One shard = ${perShard} cloud resources (a Service Bus namespace with 2 queues, a topic, 2 subscriptions and ` +
      `rules; an Event Hubs namespace with a hub and 3 consumer groups; an Event Grid topic with 2 subscriptions; ` +
      `12 role assignments), plus ${shared} shared (the resource group).\n`,
  );

  // Shards in proportion to the target (from the smallest), so that doubling N doubles the estate exactly.
  const smallest = Math.min(...sizes);
  const base = Math.max(1, Math.round((smallest - shared) / perShard));
  const results: SizeResult[] = [];
  for (const target of sizes) {
    const shards = Math.max(1, Math.round((base * target) / smallest));
    const runs: Record<EstateKind, PlanMeasurement[]> = { components: [], raw: [] };
    let expected: Record<EstateKind, number> | undefined;
    for (let rep = 0; rep < reps; rep++) {
      // Alternate which kind runs first, so that neither always inherits the other's heap state.
      const order: EstateKind[] = rep % 2 === 0 ? ["components", "raw"] : ["raw", "components"];
      for (const kind of order) {
        const { measurement } = await planEstate(kind, shards, opts);
        // Repeated runs in one process must plan the same estate.
        expected ??= { components: -1, raw: -1 };
        if (expected[kind] === -1) expected[kind] = measurement.cloudResources;
        if (measurement.cloudResources !== expected[kind]) {
          throw new Error(
            `run ${rep + 1} of ${kind} at ${shards} shards planned ${measurement.cloudResources} cloud resources, the first ${expected[kind]}`,
          );
        }
        runs[kind].push(measurement);
        process.stdout.write(
          `  N=${target} ${kind.padEnd(10)} rep ${rep + 1}/${reps}: ${f(measurement.seconds)} s wall, ` +
            `${f(measurement.cpuSeconds)} s CPU, peak heap +${f(measurement.peakHeapMB, 0)} MB\n`,
        );
      }
    }
    results.push({ target, shards, cloudResources: runs.components[0].cloudResources, runs });
  }
  return results;
}

function printResults(results: SizeResult[], reps: number): string[] {
  const lines: string[] = [];
  const out = (s: string) => {
    lines.push(s);
    console.log(s);
  };
  out(
    `\nMedians of ${reps} runs (time = wall clock; CPU includes the GC's helper threads; heap in MB above the idle heap)\n`,
  );
  out(
    "|      N | cloud | comp. time | raw time | ratio | comp. CPU | raw CPU | ratio | comp. peak | raw peak | ratio | comp. retained | raw retained | ratio |",
  );
  out(
    "|-------:|------:|-----------:|---------:|------:|----------:|--------:|------:|-----------:|---------:|------:|---------------:|-------------:|------:|",
  );
  for (const r of results) {
    const c = r.runs.components;
    const w = r.runs.raw;
    const cell = (m: Metric, digits: number) => {
      const a = med(c, m);
      const b = med(w, m);
      return [f(a, digits), f(b, digits), f(a / b)];
    };
    const [ct, rt, tr] = cell("seconds", 2);
    const [cc, rc, cr] = cell("cpuSeconds", 2);
    const [cp, rp, pr] = cell("peakHeapMB", 0);
    const [ck, rk, kr] = cell("retainedHeapMB", 1);
    out(
      `| ${pad(String(r.target), 6)} | ${pad(String(r.cloudResources), 5)} | ${pad(ct, 10)} | ${pad(rt, 8)} | ${pad(tr, 5)} | ` +
        `${pad(cc, 9)} | ${pad(rc, 7)} | ${pad(cr, 5)} | ${pad(cp, 10)} | ${pad(rp, 8)} | ${pad(pr, 5)} | ` +
        `${pad(ck, 14)} | ${pad(rk, 12)} | ${pad(kr, 5)} |`,
    );
  }
  const idle = results.flatMap((r) => [...r.runs.components, ...r.runs.raw].map((m) => m.idleHeapMB));
  out(
    `\nIdle heap before each run (after a full GC): ${f(Math.min(...idle), 1)} - ${f(Math.max(...idle), 1)} MB ` +
      `over ${idle.length} runs (runs do not leak into each other when this stays flat)`,
  );
  for (const r of results) {
    const ratio = med(r.runs.components, "seconds") / med(r.runs.raw, "seconds");
    const gc = med(r.runs.components, "gcSeconds") / med(r.runs.components, "seconds");
    out(
      `N=${r.target}: components / raw time ${f(ratio)} (goal <= ${GOAL_RATIO}: ${mark(ratio <= GOAL_RATIO)}); ` +
        `GC pauses are ${f(gc * 100, 0)} % of the components' wall time`,
    );
  }
  for (const r of results) {
    const double = results.find((x) => x.shards === r.shards * 2 || x.target === r.target * 2);
    if (!double) continue;
    for (const kind of ["components", "raw"] as const) {
      const t = med(double.runs[kind], "seconds") / med(r.runs[kind], "seconds");
      const cpu = med(double.runs[kind], "cpuSeconds") / med(r.runs[kind], "cpuSeconds");
      out(
        `time(${double.target}) / time(${r.target}) ${kind.padEnd(10)}: ${f(t)} wall, ${f(cpu)} CPU ` +
          `(${double.cloudResources} / ${r.cloudResources} resources = ${f(double.cloudResources / r.cloudResources)}; ` +
          `goal <= ${GOAL_SCALING}: ${mark(t <= GOAL_SCALING)})`,
      );
    }
  }
  return lines;
}

async function chains(): Promise<unknown[]> {
  console.log(`\nDependency chains of the reference stacks (${referenceStacks().join(", ")})\n`);
  console.log("| stack | cloud resources | longest chain, all dependencies | longest chain, data dependencies |");
  console.log("|---|---:|---:|---:|");
  const results = await stackChains();
  for (const s of results) {
    if (!s.report) {
      console.log(`| ${s.stack} | plan failed (exit ${s.exitCode}): ${s.error} | | |`);
      continue;
    }
    console.log(`| ${s.stack} | ${s.report.resources} | ${s.report.all.length} | ${s.report.data.length} |`);
  }
  for (const s of results) {
    if (!s.report) continue;
    const r = s.report;
    console.log(`\n${s.stack}: all ${r.all.length}, data ${r.data.length}`);
    console.log(`  longest chain: ${r.all.urns.map(shortUrn).join(" -> ")}`);
    console.log(`  data chain:    ${r.data.urns.map(shortUrn).join(" -> ")}`);
    if (r.orderingEdges.length > 0) {
      console.log("  ordering-only dependencies on a longest chain (created after, without reading an output):");
      for (const e of r.orderingEdges) console.log(`    ${shortUrn(e.from)} after ${shortUrn(e.to)}`);
    }
    const shortening = r.patterns.filter((p) => p.lengthWithout < r.all.length);
    for (const p of shortening) {
      console.log(
        `  without every ${p.fromType} -> ${p.toType} ordering (${p.edges}): chain ${r.all.length} -> ${p.lengthWithout}`,
      );
    }
  }
  return results;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string", default: "250,500,1000" },
      reps: { type: "string", default: "5" },
      "sdk-promise-stacks": { type: "boolean", default: false },
      "no-chains": { type: "boolean", default: false },
      "chains-only": { type: "boolean", default: false },
      json: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
  if (args.help) {
    console.log(usage);
    return;
  }
  const sizes = args.sizes.split(",").map(Number);
  const reps = Number(args.reps);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(reps) || reps < 1) {
    throw new Error(`--sizes takes positive integers and --reps a positive integer\n\n${usage}`);
  }
  console.log(`Machine: ${machine()}`);
  const report: Record<string, unknown> = { machine: machine() };
  if (!args["chains-only"]) {
    assertGcExposed();
    const stacks = args["sdk-promise-stacks"]
      ? "on (as the SDK does outside the simulator)"
      : "off (the simulator's default)";
    console.log(`SDK promise stack traces: ${stacks}\n`);
    const results = await benchmark(sizes, reps, args["sdk-promise-stacks"]);
    report.summary = printResults(results, reps);
    report.results = results;
    const maxRss = process.resourceUsage().maxRSS / 1024;
    console.log(`\nMachine at the end: ${machine()}; this process's peak RSS: ${f(maxRss, 0)} MB`);
  }
  if (!args["no-chains"]) report.chains = await chains();
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(report, null, 2) + "\n");
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e) => {
    console.error(`Benchmark failed: ${(e as Error)?.stack ?? e}`);
    process.exit(1);
  },
);
