import type { EventHubArgs, EventHubNamespaceArgs } from "./args";
import { commonLimits, EventHubsTier, tierLimits } from "./limits";

/**
 * Sizing from throughput: the scale units and partitions an expected load needs, from the per-unit and per-partition
 * planning figures in limits.ts. Pure functions, so the validators, the docs and the tests use the same arithmetic.
 */

/** Expected peak load of one event hub. Every field defaults to 0 (not declared). */
export interface EventHubLoad {
  /** Ingress in MB/s. */
  readonly ingressMBps?: number;
  /** Ingress in events per second. */
  readonly ingressEventsPerSecond?: number;
  /** Egress in MB/s, summed over every consumer group that reads the hub. */
  readonly egressMBps?: number;
  /** Egress in events per second, summed over every consumer group. */
  readonly egressEventsPerSecond?: number;
}

export interface UnitsNeeded {
  /** The smallest allowed unit count that carries the load, or undefined when even the tier maximum cannot. */
  readonly units?: number;
  /** The exact (fractional) need, for messages. */
  readonly exact: number;
  /** Which dimension decided it, e.g. "ingress 4.5 MB/s at 1 MB/s per TU". */
  readonly reason: string;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** Sums loads (a namespace's scale units are shared by all its event hubs). */
export function totalLoad(loads: readonly (EventHubLoad | undefined)[]): Required<EventHubLoad> {
  const sum = (f: keyof EventHubLoad) => loads.reduce((acc, l) => acc + (l?.[f] ?? 0), 0);
  return {
    ingressMBps: sum("ingressMBps"),
    ingressEventsPerSecond: sum("ingressEventsPerSecond"),
    egressMBps: sum("egressMBps"),
    egressEventsPerSecond: sum("egressEventsPerSecond"),
  };
}

function decide(
  load: EventHubLoad,
  per: {
    ingressMBps: number;
    ingressEventsPerSecond?: number;
    egressMBps: number;
    egressEventsPerSecond?: number;
  },
  unit: string,
): { exact: number; reason: string } {
  const candidates: { need: number; reason: string }[] = [
    {
      need: (load.ingressMBps ?? 0) / per.ingressMBps,
      reason: `ingress ${fmt(load.ingressMBps ?? 0)} MB/s at ${per.ingressMBps} MB/s per ${unit}`,
    },
    {
      need: (load.egressMBps ?? 0) / per.egressMBps,
      reason: `egress ${fmt(load.egressMBps ?? 0)} MB/s at ${per.egressMBps} MB/s per ${unit}`,
    },
  ];
  if (per.ingressEventsPerSecond) {
    candidates.push({
      need: (load.ingressEventsPerSecond ?? 0) / per.ingressEventsPerSecond,
      reason: `ingress ${fmt(load.ingressEventsPerSecond ?? 0)} events/s at ${per.ingressEventsPerSecond} per ${unit}`,
    });
  }
  if (per.egressEventsPerSecond) {
    candidates.push({
      need: (load.egressEventsPerSecond ?? 0) / per.egressEventsPerSecond,
      reason: `egress ${fmt(load.egressEventsPerSecond ?? 0)} events/s at ${per.egressEventsPerSecond} per ${unit}`,
    });
  }
  const top = candidates.reduce((a, b) => (b.need > a.need ? b : a));
  return { exact: top.need, reason: top.reason };
}

/**
 * Minimum scale units (TU / PU / CU) for a namespace-wide load on a tier: the largest of the ingress and egress needs
 * (whichever limit comes first), rounded up to the next allowed value (Premium: 1, 2, 4, 8, 16).
 */
export function unitsNeeded(tier: EventHubsTier, load: EventHubLoad): UnitsNeeded {
  const limits = tierLimits[tier];
  const { exact, reason } = decide(load, limits.perUnit, limits.unit);
  const units = limits.allowedUnits.find((u) => u >= exact - 1e-9 && u >= 1);
  return { units, exact, reason };
}

/** Minimum partitions for one event hub's load, at the recommended ~1 MB/s (1000 events/s) per partition. */
export function partitionsNeeded(load: EventHubLoad): { partitions: number; reason: string } {
  const { exact, reason } = decide(load, commonLimits.perPartition, "partition");
  return { partitions: Math.max(1, Math.ceil(exact - 1e-9)), reason };
}

/** A recommendation for docs and error messages: the units and the partitions per hub a load needs on a tier. */
export function recommend(
  tier: EventHubsTier,
  hubs: Record<string, EventHubLoad>,
): { units?: number; unitReason: string; partitions: Record<string, number> } {
  const need = unitsNeeded(tier, totalLoad(Object.values(hubs)));
  return {
    units: need.units,
    unitReason: need.reason,
    partitions: Object.fromEntries(Object.entries(hubs).map(([k, l]) => [k, partitionsNeeded(l).partitions])),
  };
}

/** The capacity the namespace gets: explicit, else what the load needs, else 1 (undefined on Dedicated). */
export function effectiveCapacity(
  args: Pick<EventHubNamespaceArgs, "tier" | "capacity" | "eventHubs">,
): number | undefined {
  if (args.tier === "Dedicated") return undefined;
  if (args.capacity !== undefined) return args.capacity;
  const loads = Object.values(args.eventHubs ?? {}).map((h) => h.load);
  if (loads.every((l) => l === undefined)) return 1;
  return unitsNeeded(args.tier, totalLoad(loads)).units ?? 1;
}

/** The partition count an event hub gets: explicit, else what its load needs, at least the default 4. */
export function effectivePartitionCount(hub: EventHubArgs): number {
  if (hub.partitionCount !== undefined) return hub.partitionCount;
  const needed = hub.load ? partitionsNeeded(hub.load).partitions : 0;
  return Math.max(commonLimits.defaultPartitionCount, needed);
}
