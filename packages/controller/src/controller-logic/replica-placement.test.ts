import fc from 'fast-check';
import { type PlacementBroker, placeReplicas, rackAlternatedRing } from './replica-placement';
import { clusterOf, withTopic } from '../test-support/cluster';

const counts = (ids: readonly number[]) => ids.reduce((map, id) => map.set(id, (map.get(id) ?? 0) + 1), new Map<number, number>());

describe('replica placement', () => {
  it('alternates racks around the ring', () => {
    const brokers = [
      { brokerId: 1, rack: 'a' },
      { brokerId: 2, rack: 'a' },
      { brokerId: 3, rack: 'b' },
      { brokerId: 4, rack: 'b' },
      { brokerId: 5, rack: 'c' },
    ];
    expect(rackAlternatedRing(brokers)).toEqual([1, 3, 5, 2, 4]);
  });

  it('gives 3 brokers, 6 partitions, RF 3 two leaderships and six replicas each', () => {
    const brokers = [1, 2, 3].map((brokerId) => ({ brokerId, rack: null }));
    const assignment = placeReplicas(brokers, { partitionCount: 6, replicationFactor: 3, startIndex: 0 });
    expect([...counts(assignment.map((replicas) => replicas[0] as number)).values()]).toEqual([2, 2, 2]);
    expect([...counts(assignment.flat()).values()]).toEqual([6, 6, 6]);
  });

  it('continues the leader rotation across topics', () => {
    let image = clusterOf(3);
    for (const name of ['a', 'b', 'c']) image = withTopic(image, name, 1, 1);
    expect(image.allPartitions().map((partition) => partition.leader).sort()).toEqual([1, 2, 3]);
  });

  // Random clusters: 1..12 brokers, each in one of `rackCount` racks (0 = no racks set).
  const scenario = fc
    .record({
      brokerCount: fc.integer({ min: 1, max: 12 }),
      rackCount: fc.integer({ min: 0, max: 4 }),
      partitionCount: fc.integer({ min: 1, max: 40 }),
      replicationFactorWanted: fc.integer({ min: 1, max: 5 }),
      startIndex: fc.integer({ min: 0, max: 1000 }),
      rackSeed: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    })
    .map((input) => {
      const brokers: PlacementBroker[] = Array.from({ length: input.brokerCount }, (_, index) => ({
        brokerId: index * 7 + 1,
        rack: input.rackCount === 0 ? null : `rack-${(input.rackSeed[index] as number) % input.rackCount}`,
      }));
      const replicationFactor = Math.min(input.replicationFactorWanted, input.brokerCount);
      return { ...input, brokers, replicationFactor };
    });

  it('places distinct replicas, spreads leaders within one of even, and uses distinct racks when it can', () => {
    fc.assert(
      fc.property(scenario, ({ brokers, partitionCount, replicationFactor, startIndex }) => {
        const assignment = placeReplicas(brokers, { partitionCount, replicationFactor, startIndex });
        expect(placementViolations(brokers, assignment, partitionCount, replicationFactor)).toEqual([]);
        expect(placeReplicas(brokers, { partitionCount, replicationFactor, startIndex })).toEqual(assignment);
      }),
      { numRuns: 300 },
    );
  });
});

/** Every broken placement rule, as text; plain checks, since jest's expect is slow in loops. */
function placementViolations(
  brokers: readonly PlacementBroker[],
  assignment: readonly (readonly number[])[],
  partitionCount: number,
  replicationFactor: number,
): string[] {
  const violations: string[] = [];
  if (assignment.length !== partitionCount) violations.push(`${assignment.length} partitions placed`);
  const rackOf = new Map(brokers.map((broker) => [broker.brokerId, broker.rack]));
  const rackCount = new Set(rackOf.values()).size;
  assignment.forEach((replicas, partition) => {
    if (replicas.length !== replicationFactor || new Set(replicas).size !== replicationFactor) {
      violations.push(`partition ${partition}: replicas [${replicas.join(', ')}] are not ${replicationFactor} distinct`);
    }
    if (replicas.some((id) => !rackOf.has(id))) violations.push(`partition ${partition}: unknown broker`);
    const racks = new Set(replicas.map((id) => rackOf.get(id))).size;
    if (rackCount >= replicationFactor && racks !== replicationFactor) {
      violations.push(`partition ${partition}: replicas [${replicas.join(', ')}] span only ${racks} racks`);
    }
  });
  const leaders = counts(assignment.map((replicas) => replicas[0] as number));
  const even = partitionCount / brokers.length;
  for (const broker of brokers) {
    const led = leaders.get(broker.brokerId) ?? 0;
    if (led < Math.floor(even) || led > Math.ceil(even)) violations.push(`broker ${broker.brokerId} leads ${led}, even is ${even}`);
  }
  return violations;
}
