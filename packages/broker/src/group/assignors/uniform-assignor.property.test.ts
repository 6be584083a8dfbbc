import fc from 'fast-check';
import type { AssignmentSpec } from './assignor';
import { expectValidAssignment, findImbalance, movesOf, specOf, type MemberSketch } from '../test-support/assignment-checks';
import { pairsOf } from '../topic-partitions';
import { uniformAssignor } from './uniform-assignor';

/**
 * Random groups: up to 6 members, up to 4 topics of up to 9 partitions, identical or mixed
 * subscriptions, and a previous target drawn from an older shape of the group (other
 * partition counts, members that have left), never giving one partition to two members.
 * Checks the assignor contract, the balance condition (no cost-reducing chain, searched
 * independently), determinism whatever the input order, that a result fed back as the
 * previous target comes back unchanged, and, for identical subscriptions, that exactly the
 * fewest possible partitions change owner.
 */

const TOPICS = ['a', 'b', 'c', 'd'];

interface GroupShape {
  readonly members: readonly MemberSketch[];
  readonly partitionCounts: Record<string, number>;
  readonly homogeneous: boolean;
}

const shapeArbitrary: fc.Arbitrary<GroupShape> = fc
  .record({
    memberCount: fc.integer({ min: 1, max: 6 }),
    homogeneous: fc.boolean(),
    counts: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }),
    previousCounts: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }),
    subscriptions: fc.array(fc.subarray(TOPICS, { minLength: 1 }), { minLength: 6, maxLength: 6 }),
    // Either the previous target came from the uniform assignor itself, run over an older
    // shape of the group in which only these members (and some since gone) took part...
    previousMembers: fc.option(fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), { nil: null }),
    // ... or each previous partition was held by whoever: an index into members, or beyond
    // them (gone, or nobody).
    previousHolders: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 36, maxLength: 36 }),
  })
  .map(({ memberCount, homogeneous, counts, previousCounts, subscriptions, previousMembers, previousHolders }) => {
    const idOf = (index: number): string => `member-${(index * 7) % 10}${index}`;
    const topicsOf = (index: number): readonly string[] => (homogeneous ? subscriptions[0]! : subscriptions[index % 6]!);
    const targets: string[][] = Array.from({ length: memberCount }, () => []);
    if (previousMembers !== null) {
      const older = specOf(
        previousMembers.map((index) => ({ id: idOf(index), topics: topicsOf(index) })),
        Object.fromEntries(TOPICS.map((topic, index) => [topic, previousCounts[index]!])),
      );
      const previous = uniformAssignor.assign(older);
      for (let index = 0; index < memberCount; index += 1) {
        for (const [topic, partition] of pairsOf(previous.get(idOf(index)) ?? [])) targets[index]!.push(`${topic}-${partition}`);
      }
    } else {
      let next = 0;
      TOPICS.forEach((topic, index) => {
        for (let partition = 0; partition < previousCounts[index]!; partition += 1) {
          const holder = previousHolders[next++ % previousHolders.length]!;
          if (holder < memberCount) targets[holder]!.push(`${topic}-${partition}`);
        }
      });
    }
    const members = targets.map((target, index) => ({ id: idOf(index), topics: topicsOf(index), target }));
    return { members, homogeneous, partitionCounts: Object.fromEntries(TOPICS.map((topic, index) => [topic, counts[index]!])) };
  });

function fewestMovesFor(spec: AssignmentSpec): number {
  const total = [...spec.partitionCounts].filter(([topic]) => spec.members[0]!.subscribedTopics.has(topic)).reduce((sum, [, count]) => sum + count, 0);
  const floor = Math.floor(total / spec.members.length);
  const withExtra = total - floor * spec.members.length;
  const kept = spec.members.map(
    (member) =>
      [...pairsOf(member.currentTarget)].filter(
        ([topic, partition]) => member.subscribedTopics.has(topic) && partition < (spec.partitionCounts.get(topic) ?? 0),
      ).length,
  );
  const excess = kept.reduce((sum, count) => sum + Math.max(0, count - floor), 0);
  return excess - Math.min(withExtra, kept.filter((count) => count > floor).length);
}

describe('uniform assignor (property)', () => {
  it('is valid, balanced, deterministic, stable and, for identical subscriptions, moves the fewest partitions', () => {
    fc.assert(
      fc.property(shapeArbitrary, (shape) => {
        const spec = specOf(shape.members, shape.partitionCounts);
        const result = uniformAssignor.assign(spec);
        expectValidAssignment(spec, result);
        expect(findImbalance(spec, result)).toBeNull();

        const reversed = uniformAssignor.assign({ ...spec, members: [...spec.members].reverse() });
        expect(reversed).toEqual(result);

        const again = uniformAssignor.assign({
          ...spec,
          members: spec.members.map((member) => ({ ...member, currentTarget: result.get(member.memberId)! })),
        });
        expect(again).toEqual(result);

        if (shape.homogeneous) expect(movesOf(spec, result)).toBe(fewestMovesFor(spec));
      }),
      { numRuns: 1000 },
    );
  });
});
