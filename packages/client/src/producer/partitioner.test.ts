import { RecordAccumulator } from './record-accumulator';
import { DefaultPartitioner, StickyPartitioner } from './partitioner';
import { partitionForKey } from './murmur2';

function sequenceRandom(values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length] as number;
}

describe('StickyPartitioner', () => {
  it('keeps keyless records on one partition while its batch is open, then switches to another', () => {
    const sticky = new StickyPartitioner(sequenceRandom([0.5, 0.1, 0.9]));
    let open = false;
    const first = sticky.partition('t', 6, [0, 1, 2, 3, 4, 5], () => open);
    open = true; // the first record opened a batch on `first`
    for (let index = 0; index < 100; index++) expect(sticky.partition('t', 6, [0, 1, 2, 3, 4, 5], () => open)).toBe(first);
    open = false; // the batch closed (full) or was sent
    const second = sticky.partition('t', 6, [0, 1, 2, 3, 4, 5], () => open);
    expect(second).not.toBe(first);
  });

  it('keeps a separate sticky partition per topic', () => {
    const sticky = new StickyPartitioner(sequenceRandom([0, 0.99]));
    const a = sticky.partition('a', 4, [0, 1, 2, 3], () => true);
    const b = sticky.partition('b', 4, [0, 1, 2, 3], () => true);
    expect(a).toBe(0);
    expect(b).toBe(3);
    expect(sticky.partition('a', 4, [0, 1, 2, 3], () => true)).toBe(0);
  });

  it('prefers partitions that have a leader, and uses any when none has', () => {
    const sticky = new StickyPartitioner(sequenceRandom([0.3, 0.7, 0.2]));
    for (let index = 0; index < 20; index++) expect([2, 5]).toContain(sticky.partition('t', 6, [2, 5], () => false));
    expect(sticky.partition('u', 3, [], () => false)).toBeLessThan(3);
  });

  it('stays on the only partition there is', () => {
    const sticky = new StickyPartitioner();
    expect(sticky.partition('t', 1, [0], () => false)).toBe(0);
    expect(sticky.partition('t', 1, [0], () => false)).toBe(0);
  });
});

describe('DefaultPartitioner', () => {
  const request = (key: Buffer | null) => ({ topic: 't', key, partitionCount: 6, availablePartitions: [0, 1, 2, 3, 4, 5] });

  it('honours an explicit partition, and refuses one outside the topic with a RangeError', () => {
    const partitioner = new DefaultPartitioner();
    expect(partitioner.partition(request(Buffer.from('k')), 4, () => false)).toBe(4);
    expect(() => partitioner.partition(request(null), 6, () => false)).toThrow(RangeError);
    expect(() => partitioner.partition(request(null), 6, () => false)).toThrow(/record.partition: partition 6 of topic t/);
  });

  it('hashes keys with murmur2', () => {
    const partitioner = new DefaultPartitioner();
    for (const key of ['a', 'b', 'order-1', 'order-2']) expect(partitioner.partition(request(Buffer.from(key)), undefined, () => false)).toBe(partitionForKey(Buffer.from(key), 6));
  });

  it('uses a custom function when given, checking its answer', () => {
    expect(new DefaultPartitioner(Math.random, () => 2).partition(request(null), undefined, () => false)).toBe(2);
    expect(() => new DefaultPartitioner(Math.random, () => 9).partition(request(null), undefined, () => false)).toThrow(/the partitioner: partition 9/);
  });
});

describe('sticky partitioning of a keyless burst (KIP-480)', () => {
  it('moves to another partition whenever the current batch cannot take the next record', () => {
    // A batch holds its 61-byte header and ten 1,000-byte records.
    const accumulator = new RecordAccumulator({ batchBytes: 10_061, lingerMs: 5, maxInFlightPerPartition: 5 }, { now: () => 0 });
    const partitioner = new DefaultPartitioner(sequenceRandom([0.1, 0.5, 0.9, 0.3]));
    const placed: number[] = [];
    for (let index = 0; index < 60; index += 1) {
      const partition = partitioner.partition({ topic: 't', key: null, partitionCount: 4, availablePartitions: [0, 1, 2, 3] }, undefined, (candidate) => accumulator.hasOpenBatch('t', candidate, 1000));
      accumulator.append('t', partition, { key: null, value: Buffer.alloc(964), headers: [], timestamp: 0n }, 1000, {} as never, index);
      placed.push(partition);
    }
    // Ten records fill a batch; the next record goes to another partition.
    for (let start = 0; start < 60; start += 10) expect(new Set(placed.slice(start, start + 10)).size).toBe(1);
    for (let start = 10; start < 60; start += 10) expect(placed[start]).not.toBe(placed[start - 1]);
  });
});
