import { assignmentOf, expectValidAssignment, findImbalance, movesOf, namesOf, specOf } from '../test-support/assignment-checks';
import { uniformAssignor } from './uniform-assignor';

const partitions = (topic: string, from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, index) => `${topic}-${from + index}`);

describe('uniform assignor', () => {
  it('spreads a fresh group evenly', () => {
    const spec = specOf(['m1', 'm2', 'm3'].map((id) => ({ id, topics: ['a', 'b'] })), { a: 4, b: 3 });
    const result = uniformAssignor.assign(spec);
    expectValidAssignment(spec, result);
    expect([...result.values()].map((assignment) => namesOf(assignment).length).sort()).toEqual([2, 2, 3]);
  });

  it('moves only what a joining member needs, and from the members that have too many', () => {
    const spec = specOf(
      [
        { id: 'm1', topics: ['a'], target: partitions('a', 0, 6) },
        { id: 'm2', topics: ['a'], target: partitions('a', 6, 12) },
        { id: 'm3', topics: ['a'] },
      ],
      { a: 12 },
    );
    const result = uniformAssignor.assign(spec);
    expectValidAssignment(spec, result);
    expect(movesOf(spec, result)).toBe(4);
    for (const id of ['m1', 'm2', 'm3']) expect(namesOf(result.get(id)!)).toHaveLength(4);
  });

  it('gives a leaving member’s partitions to the others without moving theirs', () => {
    const spec = specOf(
      [
        { id: 'm1', topics: ['a'], target: partitions('a', 0, 3) },
        { id: 'm3', topics: ['a'], target: partitions('a', 6, 9) },
      ],
      { a: 9 },
    );
    const result = uniformAssignor.assign(spec);
    expect(movesOf(spec, result)).toBe(0);
    expect(namesOf(result.get('m1')!)).toEqual(expect.arrayContaining(partitions('a', 0, 3)));
    expect(namesOf(result.get('m3')!)).toEqual(expect.arrayContaining(partitions('a', 6, 9)));
  });

  it('balances mixed subscriptions through a chain: m1 hands an a to m2, which hands a b to m3', () => {
    const spec = specOf(
      [
        { id: 'm1', topics: ['a'], target: partitions('a', 0, 4) },
        { id: 'm2', topics: ['a', 'b'] },
        { id: 'm3', topics: ['b'] },
      ],
      { a: 4, b: 2 },
    );
    const result = uniformAssignor.assign(spec);
    expectValidAssignment(spec, result);
    expect(findImbalance(spec, result)).toBeNull();
    expect([...result.values()].map((assignment) => namesOf(assignment).length)).toEqual([2, 2, 2]);
    expect(movesOf(spec, result)).toBe(2);
  });

  it('keeps the imbalance that subscriptions force: nobody else reads b', () => {
    const spec = specOf(
      [
        { id: 'm1', topics: ['a', 'b'] },
        { id: 'm2', topics: ['a'] },
      ],
      { a: 2, b: 6 },
    );
    const result = uniformAssignor.assign(spec);
    expectValidAssignment(spec, result);
    expect(findImbalance(spec, result)).toBeNull();
    expect(result.get('m1')).toEqual(assignmentOf(partitions('b', 0, 6)));
    expect(result.get('m2')).toEqual(assignmentOf(partitions('a', 0, 2)));
  });

  it('drops partitions of topics a member no longer reads, and of topics that are gone', () => {
    const spec = specOf([{ id: 'm1', topics: ['a'], target: ['a-0', 'b-0', 'gone-1'] }], { a: 1, b: 1 });
    const result = uniformAssignor.assign(spec);
    expect(namesOf(result.get('m1')!)).toEqual(['a-0']);
  });
});
