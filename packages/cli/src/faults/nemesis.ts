/**
 * The fault schedule of a run, decided up front from a seed so that a run can be replayed:
 * which node, which fault, for how long. One fault at a time, so at most one node (a
 * minority of three) is ever down, paused or cut off.
 */

export type FaultKind = 'power-cut' | 'kill' | 'pause' | 'partition';

export interface Fault {
  readonly kind: FaultKind;
  readonly nodeId: number;
  /** How long the node stays dead, paused or isolated. */
  readonly durationMs: number;
  /** Pause before the fault, after the previous one ended. */
  readonly delayMs: number;
}

export interface NemesisPlan {
  readonly faults: number;
  /** Nodes that hold partition logs: only they can suffer a power cut. */
  readonly brokerIds: readonly number[];
  readonly nodeIds: readonly number[];
  /** Share of faults that are power cuts, [0, 1]; the rest split between kill, pause, partition. */
  readonly powerCutShare: number;
  readonly partitions: boolean;
  readonly random: () => number;
}

/**
 * How long written data may sit in the page cache before the kernel writes it back: Linux's
 * default dirty_expire_centisecs (30 s) plus one writeback interval (5 s).
 */
export const PAGE_CACHE_WINDOW_MS = 35_000;

/**
 * The schedule. Power cuts keep to the premise of the guarantee under test, that one node
 * loses its page cache, not a majority: a power cut of another node within
 * PAGE_CACHE_WINDOW_MS of the last one would take the only copies of recent writes from two
 * or three nodes at once (a whole-cluster power loss spread over seconds, which no system
 * that does not fsync survives). So power cuts come in short streaks on one node; within the
 * window after a streak, a planned power cut becomes a plain SIGKILL (the page cache
 * survives it). Times are the planned ones: restarts only add to them, so real gaps are
 * never shorter.
 */
export function planFaults(plan: NemesisPlan): Fault[] {
  const { random } = plan;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const others: FaultKind[] = plan.partitions ? ['kill', 'pause', 'partition'] : ['kill', 'pause'];
  const faults: Fault[] = [];
  let plannedMs = 0;
  let streak: { nodeId: number; lastAtMs: number; cutsLeft: number } | undefined;
  for (let index = 0; index < plan.faults; index++) {
    let kind: FaultKind = random() < plan.powerCutShare ? 'power-cut' : pick(others);
    const delayMs = between(1_500, 4_000);
    const durationMs = between(1_000, 4_000);
    plannedMs += delayMs;
    let nodeId = kind === 'power-cut' ? pick(plan.brokerIds) : pick(plan.nodeIds);
    if (kind === 'power-cut') {
      const inWindow = streak !== undefined && plannedMs - streak.lastAtMs < PAGE_CACHE_WINDOW_MS;
      if (!inWindow) {
        streak = { nodeId, lastAtMs: plannedMs, cutsLeft: between(1, 4) - 1 };
      } else if (streak!.cutsLeft > 0) {
        nodeId = streak!.nodeId;
        streak!.lastAtMs = plannedMs;
        streak!.cutsLeft -= 1;
      } else {
        kind = 'kill';
      }
    }
    faults.push({ kind, nodeId, durationMs, delayMs });
    plannedMs += durationMs;
  }
  return faults;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same schedule and cuts. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
