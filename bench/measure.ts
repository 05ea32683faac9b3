import * as pulumi from "@pulumi/pulumi";
import { performance, PerformanceObserver } from "perf_hooks";
import * as v8 from "v8";
import { installSimulatedArm, PlannedResource } from "../planner/simulatedArm";
import { buildEstate, EstateKind } from "./estate";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state");

/**
 * One plan of an estate on the simulated ARM, measured. Memory is measured in-process, so it needs `--expose-gc`:
 * - `peakHeapMB`: the highest V8 used-heap size seen during the plan, minus the used heap after a full GC just before
 *   it. Sampled at every registration the simulated ARM records and every millisecond by a timer (when the event loop
 *   lets it run). It includes garbage not yet collected, so it depends on when V8 happens to collect.
 * - `retainedHeapMB`: the used heap after a full GC at the end of the plan (every resource object, output and the
 *   recorded plan still referenced), minus the same baseline: what the plan really holds, independent of GC timing.
 */
export interface PlanMeasurement {
  readonly kind: EstateKind;
  readonly shards: number;
  /** Wall-clock time from the program's start to the last answered registration. */
  readonly seconds: number;
  /** CPU time of the process in that interval (user + system, all threads: the GC's helper threads included). */
  readonly cpuSeconds: number;
  /** Time the main thread spent in GC pauses in that interval (PerformanceObserver "gc" entries). */
  readonly gcSeconds: number;
  readonly peakHeapMB: number;
  readonly retainedHeapMB: number;
  /** Used heap after a full GC before the run: grows across runs only if runs leak into each other. */
  readonly idleHeapMB: number;
  /** Registered cloud resources (custom, not providers). */
  readonly cloudResources: number;
  /** Component resources (the stack included). */
  readonly componentResources: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;
const usedHeap = () => v8.getHeapStatistics().used_heap_size;

// GC pauses, kept with their start time so that a run counts only its own.
const gcPauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ["gc"] });

export function assertGcExposed(): void {
  if (!gc) throw new Error("the benchmark measures memory honestly only with node --expose-gc (npm run bench does it)");
}

function fullGc(): void {
  // Two passes: the first may only schedule finalizers (weak maps of the runtime) whose memory the second frees.
  gc!();
  gc!();
}

/** Plans the estate once and returns the recorded resources (for checks) with the measurement. */
export async function planEstate(
  kind: EstateKind,
  shards: number,
  options: { readonly sdkPromiseStacks?: boolean } = {},
): Promise<{ measurement: PlanMeasurement; resources: PlannedResource[] }> {
  // Drop the previous run's root resource (it references the whole previous resource tree) before the baseline.
  state.setStackResource(undefined);
  const arm = installSimulatedArm({
    project: "bench",
    stack: `${kind}-${shards}`,
    debugPromiseStacks: options.sdkPromiseStacks === true,
  });
  fullGc();
  const baseline = usedHeap();
  let peak = baseline;
  const sample = () => {
    const used = usedHeap();
    if (used > peak) peak = used;
  };
  const record = arm.record.bind(arm);
  arm.record = (urn, req) => {
    sample();
    return record(urn, req);
  };
  const timer = setInterval(sample, 1);

  const errors: unknown[] = [];
  const onRejection = (e: unknown) => errors.push(e);
  process.on("unhandledRejection", onRejection);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      buildEstate(kind, shards);
      return {};
    });
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  } catch (e) {
    errors.unshift(e);
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  const end = performance.now();
  const cpuUsed = process.cpuUsage(cpu);
  clearInterval(timer);
  sample();
  if (errors.length > 0) throw errors[0];

  // GC entries are delivered asynchronously: let the observer catch up before counting this run's pauses.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const gcMs = gcPauses.filter((p) => p.start >= start && p.start < end).reduce((sum, p) => sum + p.duration, 0);
  gcPauses.length = 0;
  fullGc();
  const retained = usedHeap() - baseline;
  const resources = arm.resources;
  const cloud = resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const unanswered = cloud.filter((r) => r.id === undefined);
  if (unanswered.length > 0) {
    throw new Error(`${unanswered.length} resources got no id from the simulated ARM (first: ${unanswered[0].urn})`);
  }
  return {
    measurement: {
      kind,
      shards,
      seconds: (end - start) / 1000,
      cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
      gcSeconds: gcMs / 1000,
      peakHeapMB: (peak - baseline) / MB,
      retainedHeapMB: retained / MB,
      idleHeapMB: baseline / MB,
      cloudResources: cloud.length,
      componentResources: resources.filter((r) => !r.custom).length,
    },
    resources,
  };
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** JSON with sorted keys and without undefined values, to compare inputs structurally. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/**
 * Compares the cloud resources of the two estates by type and logical name: same set, same inputs, same
 * dependencies (by name). Returns the differences (empty when the raw estate is a faithful copy).
 */
export function compareEstates(components: PlannedResource[], raw: PlannedResource[]): string[] {
  const key = (r: PlannedResource) => `${r.type}::${r.name}`;
  const cloud = (list: PlannedResource[]) =>
    new Map(list.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).map((r) => [key(r), r]));
  const c = cloud(components);
  const r = cloud(raw);
  const diffs: string[] = [];
  for (const k of c.keys()) if (!r.has(k)) diffs.push(`only in components: ${k}`);
  for (const k of r.keys()) if (!c.has(k)) diffs.push(`only in raw: ${k}`);
  for (const [k, a] of c) {
    const b = r.get(k);
    if (!b) continue;
    if (canonical(a.inputs) !== canonical(b.inputs)) {
      diffs.push(`inputs differ: ${k}\n  components: ${canonical(a.inputs)}\n  raw:        ${canonical(b.inputs)}`);
    }
    const deps = (x: PlannedResource) => [...new Set(x.dependencies.map(nameOf))].sort().join(", ");
    if (deps(a) !== deps(b))
      diffs.push(`dependencies differ: ${k}\n  components: ${deps(a)}\n  raw:        ${deps(b)}`);
  }
  return diffs;
}
