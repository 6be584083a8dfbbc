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

export function planFaults(plan: NemesisPlan): Fault[] {
  const { random } = plan;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const others: FaultKind[] = plan.partitions ? ['kill', 'pause', 'partition'] : ['kill', 'pause'];
  const faults: Fault[] = [];
  for (let index = 0; index < plan.faults; index++) {
    const kind: FaultKind = random() < plan.powerCutShare ? 'power-cut' : pick(others);
    const nodeId = kind === 'power-cut' ? pick(plan.brokerIds) : pick(plan.nodeIds);
    faults.push({ kind, nodeId, durationMs: between(1_000, 4_000), delayMs: between(1_500, 4_000) });
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
