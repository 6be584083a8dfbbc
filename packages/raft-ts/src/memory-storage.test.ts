import { CompactedError, SnapshotOutOfDateError, UnavailableError } from './errors';
import { MemoryStorage } from './memory-storage';
import type { Entry } from './types';

const entry = (index: number, term: number, size = 10): Entry => ({ index, term, type: 'normal', data: new Uint8Array(size) });

describe('MemoryStorage', () => {
  it('starts from a bootstrap snapshot naming the voters', () => {
    const storage = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
    expect(storage.firstIndex()).toBe(2);
    expect(storage.lastIndex()).toBe(1);
    expect(storage.term(1)).toBe(1);
    expect(storage.initialState()).toEqual({ hardState: { term: 1, vote: 0, commit: 1 }, confState: { voters: [1, 2, 3], learners: [] } });
  });

  it('appends, overwrites a conflicting suffix, and limits reads by bytes', () => {
    const storage = new MemoryStorage({ voters: [1], learners: [] });
    storage.append([entry(2, 1), entry(3, 1), entry(4, 1)]);
    storage.append([entry(3, 2)]);
    expect(storage.lastIndex()).toBe(3);
    expect(storage.term(3)).toBe(2);
    expect(storage.entries(2, 4, 1)).toHaveLength(1);
    expect(storage.entries(2, 4, Infinity)).toHaveLength(2);
    expect(() => storage.term(9)).toThrow(UnavailableError);
    expect(() => storage.append([entry(9, 2)])).toThrow();
  });

  it('compacts only up to its snapshot and reports compacted indexes', () => {
    const storage = new MemoryStorage({ voters: [1], learners: [] });
    storage.append([entry(2, 1), entry(3, 1), entry(4, 2)]);
    expect(() => storage.compact(3)).toThrow();
    storage.createSnapshot(3, { voters: [1], learners: [] }, new Uint8Array([7]));
    storage.compact(3);
    expect(storage.firstIndex()).toBe(4);
    expect(storage.term(3)).toBe(1);
    expect(() => storage.term(2)).toThrow(CompactedError);
    expect(() => storage.entries(3, 5, Infinity)).toThrow(CompactedError);
    expect(storage.entries(4, 5, Infinity)).toEqual([entry(4, 2)]);
  });

  it('replaces everything with a newer snapshot and refuses an older one', () => {
    const storage = new MemoryStorage({ voters: [1], learners: [] });
    storage.append([entry(2, 1)]);
    const snapshot = { metadata: { index: 10, term: 3, voters: [1, 2], learners: [] }, data: new Uint8Array(0) };
    storage.applySnapshot(snapshot);
    expect(storage.firstIndex()).toBe(11);
    expect(storage.lastIndex()).toBe(10);
    expect(storage.initialState().confState.voters).toEqual([1, 2]);
    expect(() => storage.applySnapshot({ ...snapshot, metadata: { ...snapshot.metadata, index: 5 } })).toThrow(SnapshotOutOfDateError);
  });
});
