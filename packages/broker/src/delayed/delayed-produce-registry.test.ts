import { DelayedProduceRegistry } from './delayed-produce-registry';

describe('DelayedProduceRegistry', () => {
  it('finishes an operation once the high watermark covers every partition it waits on', () => {
    const registry = new DelayedProduceRegistry();
    registry.register({ id: 1, deadlineMs: 1_000, waits: [{ partition: 'a', requiredOffset: 10 }, { partition: 'b', requiredOffset: 5 }] });
    registry.register({ id: 2, deadlineMs: 1_000, waits: [{ partition: 'a', requiredOffset: 20 }] });
    expect(registry.onHighWatermark('a', 9)).toEqual([]);
    expect(registry.onHighWatermark('a', 15)).toEqual([]);
    expect(registry.onHighWatermark('b', 5)).toEqual([{ id: 1, failedPartitions: [], timedOutPartitions: [] }]);
    expect(registry.onHighWatermark('a', 25)).toEqual([{ id: 2, failedPartitions: [], timedOutPartitions: [] }]);
    expect(registry.size).toBe(0);
    expect(registry.onHighWatermark('a', 30)).toEqual([]);
  });

  it('completes waiters in required-offset order whatever the registration order', () => {
    const registry = new DelayedProduceRegistry();
    for (const [id, requiredOffset] of [[1, 30], [2, 10], [3, 20], [4, 10]] as const) {
      registry.register({ id, deadlineMs: 1_000, waits: [{ partition: 'a', requiredOffset }] });
    }
    expect(registry.onHighWatermark('a', 20).map((result) => result.id)).toEqual([2, 4, 3]);
  });

  it('expires operations past their deadline, naming the partitions still waiting, each once', () => {
    const registry = new DelayedProduceRegistry();
    registry.register({ id: 1, deadlineMs: 100, waits: [{ partition: 'a', requiredOffset: 10 }, { partition: 'b', requiredOffset: 10 }] });
    registry.register({ id: 2, deadlineMs: 200, waits: [{ partition: 'a', requiredOffset: 10 }] });
    registry.onHighWatermark('b', 10);
    expect(registry.expire(99)).toEqual([]);
    expect(registry.expire(150)).toEqual([{ id: 1, failedPartitions: [], timedOutPartitions: ['a'] }]);
    expect(registry.onHighWatermark('a', 10)).toEqual([{ id: 2, failedPartitions: [], timedOutPartitions: [] }]);
    expect(registry.expire(1_000)).toEqual([]);
  });

  it('fails the waits on a partition whose leadership moved', () => {
    const registry = new DelayedProduceRegistry();
    registry.register({ id: 1, deadlineMs: 100, waits: [{ partition: 'a', requiredOffset: 10 }, { partition: 'b', requiredOffset: 10 }] });
    expect(registry.failPartition('a')).toEqual([]);
    expect(registry.onHighWatermark('b', 10)).toEqual([{ id: 1, failedPartitions: ['a'], timedOutPartitions: [] }]);
  });

  it('refuses registrations past its limit and lets an id be reused once finished', () => {
    const registry = new DelayedProduceRegistry(2);
    expect(registry.register({ id: 1, deadlineMs: 100, waits: [{ partition: 'a', requiredOffset: 1 }] })).toBe(true);
    expect(registry.register({ id: 2, deadlineMs: 100, waits: [{ partition: 'a', requiredOffset: 1 }] })).toBe(true);
    expect(registry.register({ id: 3, deadlineMs: 100, waits: [{ partition: 'a', requiredOffset: 1 }] })).toBe(false);
    expect(() => registry.register({ id: 1, deadlineMs: 100, waits: [{ partition: 'a', requiredOffset: 1 }] })).toThrow('already registered');
    expect(registry.cancel(1)).toBe(true);
    expect(registry.register({ id: 1, deadlineMs: 500, waits: [{ partition: 'a', requiredOffset: 1 }] })).toBe(true);
    // The cancelled registration's deadline (100) must not expire the new one (500).
    expect(registry.expire(200).map((result) => result.id)).toEqual([2]);
    expect(registry.expire(500).map((result) => result.id)).toEqual([1]);
  });

  it('keeps its deadline heap bounded when operations finish early', () => {
    const registry = new DelayedProduceRegistry(100);
    for (let id = 0; id < 10_000; id += 1) {
      registry.register({ id, deadlineMs: 1_000_000, waits: [{ partition: 'a', requiredOffset: id + 1 }] });
      registry.onHighWatermark('a', id + 1);
    }
    expect(registry.size).toBe(0);
    expect((registry as unknown as { deadlines: { size: number } }).deadlines.size).toBeLessThan(100);
  });
});
