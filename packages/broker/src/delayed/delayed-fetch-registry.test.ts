import { DelayedFetchRegistry } from './delayed-fetch-registry';

describe('DelayedFetchRegistry', () => {
  it('answers a fetch once the bytes readable across its partitions reach minBytes', () => {
    const registry = new DelayedFetchRegistry();
    registry.register({ id: 1, deadlineMs: 500, minBytes: 1_000, partitions: ['a', 'b'], bytesAvailable: 100 });
    registry.register({ id: 2, deadlineMs: 500, minBytes: 300, partitions: ['b'], bytesAvailable: 0 });
    expect(registry.onDataAvailable('a', 400)).toEqual([]);
    expect(registry.onDataAvailable('b', 300)).toEqual([2]);
    expect(registry.onDataAvailable('b', 200)).toEqual([1]);
    expect(registry.size).toBe(0);
  });

  it('wakes every waiter on a partition for events without bytes, each once', () => {
    const registry = new DelayedFetchRegistry();
    registry.register({ id: 1, deadlineMs: 500, minBytes: 10, partitions: ['a', 'b'], bytesAvailable: 0 });
    registry.register({ id: 2, deadlineMs: 500, minBytes: 10, partitions: ['a'], bytesAvailable: 0 });
    registry.register({ id: 3, deadlineMs: 500, minBytes: 10, partitions: ['c'], bytesAvailable: 0 });
    expect(registry.wakePartition('a').sort()).toEqual([1, 2]);
    expect(registry.wakePartition('b')).toEqual([]);
    expect(registry.size).toBe(1);
  });

  it('expires waiters at their deadline and not before', () => {
    const registry = new DelayedFetchRegistry();
    registry.register({ id: 1, deadlineMs: 500, minBytes: 10, partitions: ['a'], bytesAvailable: 0 });
    registry.register({ id: 2, deadlineMs: 300, minBytes: 10, partitions: ['a'], bytesAvailable: 0 });
    expect(registry.expire(299)).toEqual([]);
    expect(registry.expire(500)).toEqual([2, 1]);
    expect(registry.expire(600)).toEqual([]);
  });

  it('refuses past its limit and forgets cancelled waiters', () => {
    const registry = new DelayedFetchRegistry(1);
    expect(registry.register({ id: 1, deadlineMs: 500, minBytes: 10, partitions: ['a'], bytesAvailable: 0 })).toBe(true);
    expect(registry.register({ id: 2, deadlineMs: 500, minBytes: 10, partitions: ['a'], bytesAvailable: 0 })).toBe(false);
    expect(registry.cancel(1)).toBe(true);
    expect(registry.onDataAvailable('a', 100)).toEqual([]);
    expect(registry.expire(1_000)).toEqual([]);
  });
});
