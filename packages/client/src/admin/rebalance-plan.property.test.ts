import fc from 'fast-check';
import { balancedLeadersExist, balancedReplicasExist } from '../test-support/rebalance-feasibility';
import { countPerBroker, type PartitionAssignment, planRebalance, type RebalanceBroker, type RebalancePlan } from './rebalance-plan';
import { rackLimit, rackOf } from './rebalance-racks';

/**
 * Random clusters: up to 7 brokers that may hold replicas (without racks, on evenly filled
 * racks, or on random racks, some without), up to 3 brokers that may not (removed or fenced),
 * two topics of up to 30 partitions with replication factors up to 4, placed at random over
 * all of them. Balance is demanded exactly when a flow oracle, independent of the planner's
 * search, says a balanced assignment exists. A failing case prints its seed and path:
 * rerun with `fc.assert(..., { seed, path })`.
 */

interface Cluster {
  readonly brokers: readonly RebalanceBroker[];
  readonly partitions: readonly PartitionAssignment[];
}

const RACKS = ['a', 'b', 'c'];

const clusterArbitrary: fc.Arbitrary<Cluster> = fc
  .record({
    brokerCount: fc.integer({ min: 1, max: 7 }),
    goneCount: fc.integer({ min: 0, max: 3 }),
    rackMode: fc.constantFrom('none', 'even', 'random'),
    rackCount: fc.integer({ min: 2, max: 3 }),
    randomRacks: fc.array(fc.constantFrom(null, ...RACKS), { minLength: 7, maxLength: 7 }),
    idBase: fc.integer({ min: 0, max: 100 }),
  })
  .chain((shape) => {
    const brokers: RebalanceBroker[] = Array.from({ length: shape.brokerCount }, (_, index) => ({
      id: shape.idBase + index + 1,
      rack: shape.rackMode === 'none' ? null : shape.rackMode === 'even' ? RACKS[index % shape.rackCount]! : shape.randomRacks[index]!,
    }));
    const allIds = Array.from({ length: shape.brokerCount + shape.goneCount }, (_, index) => shape.idBase + index + 1);
    const partition = fc.integer({ min: 1, max: Math.min(4, shape.brokerCount) }).chain((replicationFactor) => fc.shuffledSubarray(allIds, { minLength: replicationFactor, maxLength: replicationFactor }));
    const topic = (name: string) => fc.array(partition, { maxLength: 30 }).map((list) => list.map((replicas, index) => ({ topic: name, partition: index, replicas })));
    return fc.tuple(topic('a'), topic('b')).map(([a, b]) => ({ brokers, partitions: [...a, ...b] }));
  });

function spread(counts: Map<number, number>): number {
  const values = [...counts.values()];
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}

function newReplicas(before: readonly PartitionAssignment[], plan: RebalancePlan): number {
  return plan.target.reduce((sum, after) => {
    const old = before.find((partition) => partition.topic === after.topic && partition.partition === after.partition)!;
    return sum + after.replicas.filter((id) => !old.replicas.includes(id)).length;
  }, 0);
}

function expectValidPlan({ brokers, partitions }: Cluster, plan: RebalancePlan): void {
  const ids = new Set(brokers.map((broker) => broker.id));
  const rackById = new Map(brokers.map((broker) => [broker.id, rackOf(broker)]));
  expect(plan.target).toHaveLength(partitions.length);
  for (const after of plan.target) {
    const before = partitions.find((partition) => partition.topic === after.topic && partition.partition === after.partition)!;
    expect(after.replicas).toHaveLength(before.replicas.length);
    expect(new Set(after.replicas).size).toBe(after.replicas.length);
    for (const id of after.replicas) expect(ids.has(id)).toBe(true);
    const perRack = new Map<string, number>();
    for (const id of after.replicas) perRack.set(rackById.get(id)!, (perRack.get(rackById.get(id)!) ?? 0) + 1);
    expect(Math.max(...perRack.values())).toBeLessThanOrEqual(rackLimit(after.replicas.length, brokers));
    const move = plan.moves.find((candidate) => candidate.topic === after.topic && candidate.partition === after.partition);
    const changed = after.replicas.join() !== before.replicas.join();
    expect(move !== undefined).toBe(changed);
    if (move !== undefined) {
      expect(move.target).toEqual(after.replicas);
      expect(move.replicas).toEqual(before.replicas);
      expect(move.copiesData).toBe(after.replicas.some((id) => !before.replicas.includes(id)));
    }
  }
}

/**
 * Minimality, checked locally: no replica the plan moves could go back to a broker it
 * replaced (one that may hold replicas) with the counts still balanced and the racks still
 * respected. Such a plan would copy data for nothing.
 */
function expectNoNeedlessMove(brokers: readonly RebalanceBroker[], before: readonly PartitionAssignment[], plan: RebalancePlan): void {
  const ids = brokers.map((broker) => broker.id);
  const replicas = countPerBroker(plan.target, ids);
  const leaders = countPerBroker(plan.target, ids, true);
  if (spread(replicas) > 1 || spread(leaders) > 1) return;
  const rackById = new Map(brokers.map((broker) => [broker.id, rackOf(broker)]));
  for (const after of plan.target) {
    const old = before.find((partition) => partition.topic === after.topic && partition.partition === after.partition)!;
    const limit = rackLimit(after.replicas.length, brokers);
    for (const added of after.replicas.filter((id) => !old.replicas.includes(id))) {
      for (const back of old.replicas.filter((id) => rackById.has(id) && !after.replicas.includes(id))) {
        const reverted = after.replicas.map((id) => (id === added ? back : id));
        const perRack = new Map<string, number>();
        for (const id of reverted) perRack.set(rackById.get(id)!, (perRack.get(rackById.get(id)!) ?? 0) + 1);
        if (Math.max(...perRack.values()) > limit) continue;
        const shift = (counts: Map<number, number>, moved: boolean) => new Map([...counts].map(([id, count]) => [id, count + (moved && id === back ? 1 : 0) - (moved && id === added ? 1 : 0)]));
        const stillBalanced = spread(shift(replicas, true)) <= 1 && spread(shift(leaders, after.replicas[0] === added)) <= 1;
        if (stillBalanced) throw new Error(`${after.topic}/${after.partition}: the replica moved from ${back} to ${added} could have stayed`);
      }
    }
  }
}

describe('planRebalance', () => {
  it('keeps replication factors, uses only eligible brokers, honours racks, and balances whenever balance exists', () => {
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const plan = planRebalance(cluster.brokers, cluster.partitions);
        expectValidPlan(cluster, plan);
        const ids = cluster.brokers.map((broker) => broker.id);
        if (balancedReplicasExist(cluster.brokers, cluster.partitions, rackOf, (rf) => rackLimit(rf, cluster.brokers))) {
          expect(spread(countPerBroker(plan.target, ids))).toBeLessThanOrEqual(1);
        }
        if (balancedLeadersExist(ids, plan.target)) expect(spread(countPerBroker(plan.target, ids, true))).toBeLessThanOrEqual(1);
        expectNoNeedlessMove(cluster.brokers, cluster.partitions, plan);
      }),
      { numRuns: 400 },
    );
  });

  it('balances replicas and leaders on racks of equal size when there are at least as many racks as replicas', () => {
    const brokers = [1, 2, 3, 4, 5, 6].map((id) => ({ id, rack: ['x', 'y', 'z'][id % 3]! }));
    const partitions = Array.from({ length: 20 }, (_, partition) => ({ topic: 't', partition, replicas: [1, 4, 2] }));
    const plan = planRebalance(brokers, partitions);
    expectValidPlan({ brokers, partitions }, plan);
    expect(spread(countPerBroker(plan.target, [1, 2, 3, 4, 5, 6]))).toBeLessThanOrEqual(1);
    expect(spread(countPerBroker(plan.target, [1, 2, 3, 4, 5, 6], true))).toBeLessThanOrEqual(1);
  });

  it('returns a balanced assignment unchanged', () => {
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const once = planRebalance(cluster.brokers, cluster.partitions);
        expect(planRebalance(cluster.brokers, once.target).moves).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('plans the same whatever the order of brokers and partitions', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.integer(), (cluster, seed) => {
        const shuffle = <T>(list: readonly T[]) => [...list].map((item, index) => ({ item, key: (index * 7919 + seed) % 104_729 })).sort((a, b) => a.key - b.key).map(({ item }) => item);
        expect(planRebalance(shuffle(cluster.brokers), shuffle(cluster.partitions))).toEqual(planRebalance(cluster.brokers, cluster.partitions));
      }),
      { numRuns: 100 },
    );
  });

  it('gives a new broker only the replicas it must take, each moved once', () => {
    fc.assert(
      fc.property(clusterArbitrary, (cluster) => {
        const old = cluster.brokers.map((broker) => ({ id: broker.id, rack: null }));
        const balanced = planRebalance(old, cluster.partitions).target;
        const newcomer = Math.max(...old.map((broker) => broker.id)) + 1;
        const grown = [...old, { id: newcomer, rack: null }];
        const plan = planRebalance(grown, balanced);
        const total = balanced.reduce((sum, partition) => sum + partition.replicas.length, 0);
        const floor = Math.floor(total / grown.length);
        const ceil = Math.ceil(total / grown.length);
        const excess = [...countPerBroker(balanced, old.map((broker) => broker.id)).values()].reduce((sum, count) => sum + Math.max(0, count - ceil), 0);
        expect(newReplicas(balanced, plan)).toBe(Math.max(floor, excess));
        expect(plan.target.every((after, index) => after.replicas.filter((id) => !balanced[index]!.replicas.includes(id)).every((id) => id === newcomer))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('moves every replica off a removed broker, and none that could have stayed', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.nat(), (cluster, pick) => {
        fc.pre(cluster.brokers.length >= 2);
        const ids = cluster.brokers.map((broker) => broker.id);
        const balanced = planRebalance(cluster.brokers, cluster.partitions).target;
        const removed = ids[pick % ids.length]!;
        const remaining = cluster.brokers.filter((broker) => broker.id !== removed);
        fc.pre(balanced.every((partition) => partition.replicas.length <= remaining.length));
        const plan = planRebalance(remaining, balanced);
        expectValidPlan({ brokers: remaining, partitions: balanced }, plan);
        const onRemoved = countPerBroker(balanced, ids).get(removed)!;
        expect(newReplicas(balanced, plan)).toBeGreaterThanOrEqual(onRemoved);
        expectNoNeedlessMove(remaining, balanced, plan);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a replication factor larger than the brokers that can hold it', () => {
    expect(() => planRebalance([{ id: 1, rack: null }, { id: 2, rack: null }], [{ topic: 't', partition: 0, replicas: [1, 2, 3] }])).toThrow(/3 replicas but only 2 brokers/);
  });

  it('spreads the replicas a new broker takes over topics in proportion to their size', () => {
    const topic = (name: string, count: number, replicationFactor: number) =>
      Array.from({ length: count }, (_, partition) => ({ topic: name, partition, replicas: Array.from({ length: replicationFactor }, (_, index) => ((partition + index) % 3) + 1) }));
    const partitions = [...topic('events', 6, 2), ...topic('orders', 12, 3)];
    const plan = planRebalance([1, 2, 3, 4].map((id) => ({ id, rack: null })), partitions);
    const onNewcomer = (name: string) => plan.target.filter((partition) => partition.topic === name && partition.replicas.includes(4)).length;
    // 48 replicas, 12 for broker 4: a quarter of each topic's (3 of 12 events, 9 of 36 orders), ±1.
    expect(onNewcomer('events') + onNewcomer('orders')).toBe(12);
    expect(Math.abs(onNewcomer('events') - 3)).toBeLessThanOrEqual(1);
  });

  it('moves 9 of 36 replicas to a fourth broker and leaves it leading 3 of 12 partitions', () => {
    const partitions = Array.from({ length: 12 }, (_, partition) => ({ topic: 't', partition, replicas: [1, 2, 3].map((_, index) => ((partition + index) % 3) + 1) }));
    const brokers = [1, 2, 3, 4].map((id) => ({ id, rack: null }));
    const plan = planRebalance(brokers, partitions);
    expect(newReplicas(partitions, plan)).toBe(9);
    expect([...countPerBroker(plan.target, [1, 2, 3, 4]).values()]).toEqual([9, 9, 9, 9]);
    expect([...countPerBroker(plan.target, [1, 2, 3, 4], true).values()]).toEqual([3, 3, 3, 3]);
  });
});
