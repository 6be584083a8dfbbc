import { SamsaError } from '@samsa/protocol';
import { balanceAlongPaths, type Balancing, type UnitMove } from './rebalance-paths';
import { rackLimit, rackOf } from './rebalance-racks';

/**
 * The rebalance planner: pure, deterministic, no I/O. Given the brokers that may hold
 * replicas and every partition's current replicas, it returns the target replicas of each
 * partition such that
 *   1. every partition keeps its replication factor, on distinct brokers of that set only
 *      (replicas on other brokers — removed or fenced ones — move);
 *   2. replicas of one partition spread over racks: at most `rackLimit` on one rack, which
 *      is 1 (distinct racks) whenever there are at least as many racks as replicas;
 *   3. every broker holds as many replicas as every other, ±1, and leads (is the first,
 *      preferred replica of) as many partitions, ±1, whenever (1) and (2) allow it;
 *   4. as little as possible changes: replicas stay where they are unless balance needs
 *      them elsewhere, each one moved along the cheapest chain, and a balanced assignment
 *      comes back unchanged.
 * Replica counts come first, then leaders within the chosen replica sets, as Kafka's Cruise
 * Control orders its replica-distribution and leader-distribution goals.
 */

export interface RebalanceBroker {
  readonly id: number;
  /** Null or '' when the broker has no rack. */
  readonly rack: string | null;
}

export interface PartitionAssignment {
  readonly topic: string;
  readonly partition: number;
  /** Preferred leader first. */
  readonly replicas: readonly number[];
}

export interface PartitionMove {
  readonly topic: string;
  readonly partition: number;
  readonly replicas: readonly number[];
  readonly target: readonly number[];
  /** Whether replicas change (data is copied); false when only the order (the preferred leader) changes. */
  readonly copiesData: boolean;
}

export interface RebalancePlan {
  /** The partitions whose replicas or their order change, in topic and partition order. */
  readonly moves: readonly PartitionMove[];
  /** Every partition as it will be, in topic and partition order. */
  readonly target: readonly PartitionAssignment[];
}

export function planRebalance(brokers: readonly RebalanceBroker[], partitions: readonly PartitionAssignment[]): RebalancePlan {
  checkBrokers(brokers);
  const state = new PlanState(brokers, interleaved(partitions));
  state.fillMissing();
  balanceAlongPaths(state.replicaBalancing());
  state.revertNeedlessMoves();
  balanceAlongPaths(state.leaderBalancing());
  const target = state.partitions.map((partition, index) => ({ topic: partition.topic, partition: partition.partition, replicas: state.orderedReplicas(index) })).sort(byName);
  const before = new Map(partitions.map((partition) => [`${partition.topic}\u0000${partition.partition}`, partition.replicas]));
  const moves = target.flatMap((planned) => {
    const replicas = before.get(`${planned.topic}\u0000${planned.partition}`)!;
    if (sameList(replicas, planned.replicas)) return [];
    const copiesData = planned.replicas.some((id) => !replicas.includes(id));
    return [{ topic: planned.topic, partition: planned.partition, replicas: [...replicas], target: planned.replicas, copiesData }];
  });
  return { moves, target };
}

/**
 * The order in which partitions are considered (ties between equally good moves go to the
 * earlier one): each topic's partitions spread evenly over the sequence, by their fraction
 * of the topic, so the moves a plan picks fall on every topic in proportion to its size
 * rather than all on the first topic by name. Canonical whatever the input order.
 */
function interleaved(partitions: readonly PartitionAssignment[]): PartitionAssignment[] {
  const counts = new Map<string, number>();
  for (const partition of partitions) counts.set(partition.topic, (counts.get(partition.topic) ?? 0) + 1);
  const sorted = [...partitions].sort(byName);
  const position = new Map<PartitionAssignment, number>();
  const seen = new Map<string, number>();
  for (const partition of sorted) {
    const index = seen.get(partition.topic) ?? 0;
    seen.set(partition.topic, index + 1);
    position.set(partition, (index + 0.5) / counts.get(partition.topic)!);
  }
  return sorted.sort((a, b) => position.get(a)! - position.get(b)! || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

function byName(a: PartitionAssignment, b: PartitionAssignment): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}

/** Replicas per broker (preferred leaders with `leaders: true`), zero for brokers that hold none. */
export function countPerBroker(assignment: readonly PartitionAssignment[], brokerIds: readonly number[], leaders = false): Map<number, number> {
  const counts = new Map<number, number>(brokerIds.map((id) => [id, 0]));
  for (const partition of assignment) {
    for (const id of leaders ? partition.replicas.slice(0, 1) : partition.replicas) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

class PlanState {
  private readonly brokerIds: number[];
  private readonly racks: Map<number, string>;
  /** Current replicas of each partition, in their original positions (a moved replica takes the place of the one it replaces). */
  private readonly slots: number[][];
  private readonly leaders: number[];
  private readonly limits: number[];
  private readonly replicaCounts = new Map<number, number>();
  private readonly leaderCounts = new Map<number, number>();

  constructor(
    brokers: readonly RebalanceBroker[],
    readonly partitions: readonly PartitionAssignment[],
  ) {
    this.brokerIds = brokers.map((broker) => broker.id).sort((a, b) => a - b);
    this.racks = new Map(brokers.map((broker) => [broker.id, rackOf(broker)]));
    for (const id of this.brokerIds) {
      this.replicaCounts.set(id, 0);
      this.leaderCounts.set(id, 0);
    }
    this.limits = partitions.map((partition) => {
      if (partition.replicas.length > this.brokerIds.length) {
        throw new SamsaError('INVALID_REPLICATION_FACTOR', `${partition.topic}/${partition.partition} has ${partition.replicas.length} replicas but only ${this.brokerIds.length} brokers can hold them`);
      }
      return rackLimit(partition.replicas.length, brokers);
    });
    this.slots = partitions.map((partition, index) => this.keptReplicas(partition, this.limits[index]!));
    this.slots.forEach((slots) => slots.forEach((id) => id >= 0 && this.bump(this.replicaCounts, id, 1)));
    this.leaders = partitions.map(() => -1);
  }

  /** The replicas that may stay: on an eligible broker, once, within the rack limit; -1 marks a free slot. */
  private keptReplicas(partition: PartitionAssignment, limit: number): number[] {
    const perRack = new Map<string, number>();
    const seen = new Set<number>();
    return partition.replicas.map((id) => {
      const rack = this.racks.get(id);
      if (rack === undefined || seen.has(id) || (perRack.get(rack) ?? 0) >= limit) return -1;
      seen.add(id);
      perRack.set(rack, (perRack.get(rack) ?? 0) + 1);
      return id;
    });
  }

  /** Gives every free slot to the eligible broker holding fewest replicas (lowest id on ties). */
  fillMissing(): void {
    this.slots.forEach((slots, index) => {
      for (let slot = 0; slot < slots.length; slot += 1) {
        if (slots[slot] !== -1) continue;
        const candidates = this.brokerIds.filter((id) => this.canJoin(index, id, undefined));
        const chosen = candidates.sort((a, b) => this.replicaCounts.get(a)! - this.replicaCounts.get(b)! || a - b)[0];
        if (chosen === undefined) throw new SamsaError('INVALID_REPLICA_ASSIGNMENT', `no broker can take a replica of ${this.describe(index)} within the rack limit`);
        slots[slot] = chosen;
        this.bump(this.replicaCounts, chosen, 1);
      }
    });
  }

  /** Whether `to` may hold a replica of the partition, `replacing` one of its replicas (or none). */
  private canJoin(index: number, to: number, replacing: number | undefined): boolean {
    const slots = this.slots[index]!;
    if (slots.includes(to)) return false;
    const rack = this.racks.get(to)!;
    if (replacing !== undefined && this.racks.get(replacing) === rack) return true;
    return slots.filter((id) => id >= 0 && this.racks.get(id) === rack).length < this.limits[index]!;
  }

  /**
   * Paths applied one after another can leave a replica moved that a later path made
   * unnecessary: put back every moved replica whose old broker may hold it again and holds
   * fewer replicas than its new one, so balance never worsens. Each revert removes a copy.
   */
  revertNeedlessMoves(): void {
    for (let reverted = true; reverted; ) {
      reverted = false;
      this.slots.forEach((slots, index) => {
        for (let slot = 0; slot < slots.length; slot += 1) {
          const added = slots[slot]!;
          if (this.sat(index, added)) continue;
          const back = this.partitions[index]!.replicas.find(
            (id) => this.racks.has(id) && this.replicaCounts.get(id)! < this.replicaCounts.get(added)! && this.canJoin(index, id, added),
          );
          if (back === undefined) continue;
          slots[slot] = back;
          this.bump(this.replicaCounts, added, -1);
          this.bump(this.replicaCounts, back, 1);
          reverted = true;
        }
      });
    }
  }

  replicaBalancing(): Balancing {
    return {
      brokerIds: this.brokerIds,
      count: (id) => this.replicaCounts.get(id)!,
      movesFrom: (from, exclude) => this.cheapestMoves((index) => this.slots[index]!.includes(from), exclude, (index) => this.brokerIds.filter((to) => this.canJoin(index, to, from)), (index) => this.sat(index, from)),
      apply: (index, from, to) => {
        const slots = this.slots[index]!;
        slots[slots.indexOf(from)] = to;
        this.bump(this.replicaCounts, from, -1);
        this.bump(this.replicaCounts, to, 1);
      },
    };
  }

  /** Leaders start as the current preferred replica where it stays, else the replica leading fewest. */
  leaderBalancing(): Balancing {
    this.slots.forEach((slots, index) => {
      const preferred = this.partitions[index]!.replicas[0];
      const leader = preferred !== undefined && slots.includes(preferred) ? preferred : [...slots].sort((a, b) => this.leaderCounts.get(a)! - this.leaderCounts.get(b)! || a - b)[0];
      if (leader === undefined) return;
      this.leaders[index] = leader;
      this.bump(this.leaderCounts, leader, 1);
    });
    return {
      brokerIds: this.brokerIds,
      count: (id) => this.leaderCounts.get(id)!,
      movesFrom: (from, exclude) => this.cheapestMoves((index) => this.leaders[index] === from, exclude, (index) => this.slots[index]!.filter((id) => id !== from), (index) => this.partitions[index]!.replicas[0] === from),
      apply: (index, from, to) => {
        this.leaders[index] = to;
        this.bump(this.leaderCounts, from, -1);
        this.bump(this.leaderCounts, to, 1);
      },
    };
  }

  /**
   * One move per destination: the cheapest, of the first partition in order. Free moves
   * (of units the plan placed) are looked for first, so the scan of the others can stop as
   * soon as every destination has one.
   */
  private cheapestMoves(isUnit: (index: number) => boolean, exclude: ReadonlySet<number>, destinations: (index: number) => number[], satBefore: (index: number) => boolean): UnitMove[] {
    const best = new Map<number, UnitMove>();
    for (const cost of [0, 1] as const) {
      for (let index = 0; index < this.slots.length; index += 1) {
        if (!isUnit(index) || exclude.has(index) || (satBefore(index) ? 1 : 0) !== cost) continue;
        for (const to of destinations(index)) if (!best.has(to)) best.set(to, { partitionIndex: index, to, cost });
        if (best.size === this.brokerIds.length - 1) return [...best.values()];
      }
    }
    return [...best.values()];
  }

  /** Whether the broker held this replica before the plan. */
  private sat(index: number, brokerId: number): boolean {
    return this.partitions[index]!.replicas.includes(brokerId);
  }

  /** The leader first, then the others in their slots' order. */
  orderedReplicas(index: number): number[] {
    const leader = this.leaders[index]!;
    if (leader < 0) return [...this.slots[index]!];
    return [leader, ...this.slots[index]!.filter((id) => id !== leader)];
  }

  private bump(counts: Map<number, number>, id: number, delta: number): void {
    counts.set(id, (counts.get(id) ?? 0) + delta);
  }

  private describe(index: number): string {
    return `${this.partitions[index]!.topic}/${this.partitions[index]!.partition}`;
  }
}

function checkBrokers(brokers: readonly RebalanceBroker[]): void {
  const ids = new Set(brokers.map((broker) => broker.id));
  if (ids.size !== brokers.length) throw new RangeError('planRebalance: broker ids must be distinct');
  if (brokers.length === 0) throw new SamsaError('INVALID_REPLICA_ASSIGNMENT', 'no broker can hold replicas');
}

function sameList(left: readonly number[], right: readonly number[]): boolean {
  return left.length === right.length && left.every((id, index) => right[index] === id);
}
