// Balancing by cost-reducing paths: a broker with `c` units hands one to a broker with at
// most `c - 2` along a chain of single-unit moves (u gives partition p1 to w1, w1 gives p2 to
// w2, ..., the last gives to v); only the ends change count. When no such chain exists the
// counts are as even as the movable units allow. The planner runs it twice: for replicas
// (a unit is a replica) and for leaders (a unit is a partition's preferred replica).
import { assert } from '@samsa/protocol';

/** One single-unit move out of a broker. */
export interface UnitMove {
  readonly partitionIndex: number;
  readonly to: number;
  /** 1 when the unit sat there before the plan (moving it is new work), 0 when the plan put it there. */
  readonly cost: 0 | 1;
}

/** What the path search reads and changes; kept small so replicas and leaders share it. */
export interface Balancing {
  readonly brokerIds: readonly number[];
  count(brokerId: number): number;
  /** Every move out of `from` valid in the current state, except those of partitions in `exclude`. */
  movesFrom(from: number, exclude: ReadonlySet<number>): Iterable<UnitMove>;
  apply(partitionIndex: number, from: number, to: number): void;
}

interface Visit {
  readonly cost: number;
  readonly hops: number;
  readonly previous: number | null;
  readonly partitionIndex: number;
  /** Partitions used on the way here: a path moves each partition at most once, so its hops stay independent. */
  readonly used: ReadonlySet<number>;
}

/**
 * Applies cheapest cost-reducing paths until none is left. Each application lowers the sum
 * of squared counts by at least 2, which bounds the loop. Among paths the cheapest (fewest
 * units that sat there before) wins, then the fewest hops, then the emptiest target, then
 * the lowest id: deterministic, and sticky to what exists.
 */
export function balanceAlongPaths(balancing: Balancing): number {
  const squares = balancing.brokerIds.reduce((sum, id) => sum + balancing.count(id) ** 2, 0);
  for (let applied = 0; ; applied += 1) {
    assert(applied <= squares / 2 + 1, 'balancing paths did not converge');
    if (!applyOnePath(balancing)) return applied;
  }
}

function applyOnePath(balancing: Balancing): boolean {
  const countMin = Math.min(...balancing.brokerIds.map((id) => balancing.count(id)));
  const sources = [...balancing.brokerIds].sort((a, b) => balancing.count(b) - balancing.count(a) || a - b);
  for (const source of sources) {
    if (balancing.count(source) - countMin < 2) return false;
    const visits = searchFrom(balancing, source);
    const target = bestTarget(balancing, source, visits);
    if (target === undefined) continue;
    const steps: { partitionIndex: number; from: number; to: number }[] = [];
    for (let at = target; at !== source; ) {
      const visit = visits.get(at)!;
      steps.push({ partitionIndex: visit.partitionIndex, from: visit.previous!, to: at });
      at = visit.previous!;
    }
    // From the source outwards: each broker on the way first gains, then gives.
    for (const step of steps.reverse()) balancing.apply(step.partitionIndex, step.from, step.to);
    return true;
  }
  return false;
}

function bestTarget(balancing: Balancing, source: number, visits: ReadonlyMap<number, Visit>): number | undefined {
  let best: number | undefined;
  for (const [id, visit] of visits) {
    if (id === source || balancing.count(id) > balancing.count(source) - 2) continue;
    const current = best === undefined ? undefined : visits.get(best)!;
    if (
      current === undefined ||
      visit.cost < current.cost ||
      (visit.cost === current.cost && (visit.hops < current.hops || (visit.hops === current.hops && (balancing.count(id) < balancing.count(best!) || (balancing.count(id) === balancing.count(best!) && id < best!)))))
    ) {
      best = id;
    }
  }
  return best;
}

/** Dijkstra over brokers (few, so a linear scan for the next one is enough). */
function searchFrom(balancing: Balancing, source: number): Map<number, Visit> {
  const visits = new Map<number, Visit>([[source, { cost: 0, hops: 0, previous: null, partitionIndex: -1, used: new Set() }]]);
  const done = new Set<number>();
  for (;;) {
    let next: number | undefined;
    for (const [id, visit] of visits) {
      if (done.has(id)) continue;
      const current = next === undefined ? undefined : visits.get(next)!;
      if (current === undefined || visit.cost < current.cost || (visit.cost === current.cost && (visit.hops < current.hops || (visit.hops === current.hops && id < next!)))) next = id;
    }
    if (next === undefined) return visits;
    done.add(next);
    const from = visits.get(next)!;
    for (const move of balancing.movesFrom(next, from.used)) {
      if (done.has(move.to)) continue;
      const cost = from.cost + move.cost;
      const hops = from.hops + 1;
      const known = visits.get(move.to);
      if (known !== undefined && (known.cost < cost || (known.cost === cost && known.hops <= hops))) continue;
      visits.set(move.to, { cost, hops, previous: next, partitionIndex: move.partitionIndex, used: new Set([...from.used, move.partitionIndex]) });
    }
  }
}
