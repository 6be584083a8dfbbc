import { applyConfChange, decodeConfChange, encodeConfChange } from './conf-change';
import { Xoshiro128 } from './prng';
import { majoritySize, majorityValue, voteOutcome } from './quorum';

describe('quorum maths', () => {
  it('a majority of n voters is floor(n/2) + 1', () => {
    expect([1, 2, 3, 4, 5].map(majoritySize)).toEqual([1, 2, 2, 3, 3]);
  });

  it('the committed index is the highest index a majority has reached', () => {
    const match = new Map([
      [1, 9],
      [2, 7],
      [3, 3],
      [4, 8],
      [5, 1],
    ]);
    expect(majorityValue([1, 2, 3, 4, 5], (id) => match.get(id) ?? 0)).toBe(7);
    expect(majorityValue([1, 2, 3, 4], (id) => match.get(id) ?? 0)).toBe(7);
  });

  it('an election is won, lost, or still pending', () => {
    const votes = new Map([
      [1, true],
      [2, false],
    ]);
    expect(voteOutcome([1, 2, 3], votes)).toBe('pending');
    expect(voteOutcome([1, 2, 3], new Map([...votes, [3, true]]))).toBe('won');
    expect(voteOutcome([1, 2, 3], new Map([...votes, [3, false]]))).toBe('lost');
  });
});

describe('Xoshiro128', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const draw = (seed: number): number[] => {
      const random = new Xoshiro128(seed);
      return Array.from({ length: 5 }, () => random.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('nextBelow stays in range and covers it', () => {
    const random = new Xoshiro128(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i += 1) seen.add(random.nextBelow(10));
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('configuration changes', () => {
  it('round-trip through their encoding', () => {
    const change = { type: 'add-learner' as const, nodeId: 0xfffffff0 };
    expect(decodeConfChange(encodeConfChange(change))).toEqual(change);
  });

  it('set a node’s status absolutely, so replaying a change is harmless', () => {
    const start = { voters: [1, 2], learners: [3] };
    const promoted = applyConfChange(start, { type: 'add-voter', nodeId: 3 });
    expect(promoted).toEqual({ voters: [1, 2, 3], learners: [] });
    expect(applyConfChange(promoted, { type: 'add-voter', nodeId: 3 })).toEqual(promoted);
    expect(applyConfChange(promoted, { type: 'remove-node', nodeId: 1 })).toEqual({ voters: [2, 3], learners: [] });
  });
});
