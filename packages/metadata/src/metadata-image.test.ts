import { AssertionError } from '@samsa/protocol';
import { MetadataImage } from './metadata-image';
import type { MetadataRecord, PartitionRecord } from './records';

const listeners = [{ name: 'PLAINTEXT', host: 'localhost', port: 9092 }];

function applyAll(records: readonly MetadataRecord[], image = MetadataImage.EMPTY): MetadataImage {
  return records.reduce((current, record) => current.apply(record, current.lastAppliedOffset + 1), image);
}

function partitionRecord(topicId: string, partition: number, replicas: number[]): PartitionRecord {
  const fields = { topicId, partition, replicas, isr: replicas, leader: replicas[0] ?? -1 };
  return { type: 'Partition', ...fields, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] };
}

const twoBrokersOneTopic: MetadataRecord[] = [
  { type: 'RegisterBroker', brokerId: 1, incarnationId: 'i1', brokerEpoch: 1, listeners, rack: null },
  { type: 'RegisterBroker', brokerId: 2, incarnationId: 'i2', brokerEpoch: 2, listeners, rack: 'r2' },
  { type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 1 },
  { type: 'Topic', name: 'orders', topicId: 'T1' },
  partitionRecord('T1', 0, [1, 2]),
  partitionRecord('T1', 1, [2, 1]),
  { type: 'Config', resourceType: 'topic', name: 'orders', key: 'retention.ms', value: '1000' },
];

describe('MetadataImage.apply', () => {
  const image = applyAll(twoBrokersOneTopic);

  it('registers brokers fenced, with the offset of their registration', () => {
    expect(image.broker(2)).toMatchObject({ fenced: true, registrationOffset: 1, rack: 'r2' });
    expect(image.unfencedBrokers().map((broker) => broker.brokerId)).toEqual([1]);
    expect(image.lastBrokerEpoch).toBe(2);
    expect(image.lastAppliedOffset).toBe(6);
  });

  it('indexes topics by name and id and answers partition queries', () => {
    expect(image.topic('orders')?.topicId).toBe('T1');
    expect(image.topicById('T1')?.partitions).toHaveLength(2);
    expect(image.partitionsLedBy(2).map((p) => p.partition)).toEqual([1]);
    expect(image.partitionsWithReplica(1).map((p) => p.partition)).toEqual([0, 1]);
    expect(image.topicConfig('orders').get('retention.ms')).toBe('1000');
  });

  it('bumps the leader epoch only when the leader changes, and the partition epoch always', () => {
    const isrOnly = applyAll([{ type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1] }], image);
    expect(isrOnly.partition('T1', 0)).toMatchObject({ isr: [1], leaderEpoch: 0, partitionEpoch: 1 });
    const leader = applyAll([{ type: 'PartitionChange', topicId: 'T1', partition: 0, leader: 2 }], image);
    expect(leader.partition('T1', 0)).toMatchObject({ leader: 2, leaderEpoch: 1, partitionEpoch: 1 });
  });

  it('leaves the old image untouched and shares what a record did not change', () => {
    const next = applyAll([{ type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1] }], image);
    expect(image.partition('T1', 0)?.isr).toEqual([1, 2]);
    expect(next.brokers).toBe(image.brokers);
    expect(next.topicById('T1')?.partitions[1]).toBe(image.topicById('T1')?.partitions[1]);
  });

  it('deletes a topic with its configs, and a config with a null value', () => {
    const removed = applyAll([{ type: 'RemoveTopic', topicId: 'T1' }], image);
    expect(removed.topic('orders')).toBeUndefined();
    expect(removed.topicConfig('orders').size).toBe(0);
    const unset = applyAll([{ type: 'Config', resourceType: 'topic', name: 'orders', key: 'retention.ms', value: null }], image);
    expect(unset.topicConfig('orders').has('retention.ms')).toBe(false);
  });

  it('unregisters brokers and keeps the broker epoch high-water mark', () => {
    const next = applyAll([{ type: 'UnregisterBroker', brokerId: 2, brokerEpoch: 2 }], image);
    expect(next.broker(2)).toBeUndefined();
    expect(next.lastBrokerEpoch).toBe(2);
  });

  it('moves the producer id counter forward', () => {
    const next = applyAll([{ type: 'ProducerIds', brokerId: 1, brokerEpoch: 1, nextProducerId: 1000n }], image);
    expect(next.nextProducerId).toBe(1000n);
  });

  it.each<[string, MetadataRecord]>([
    ['a fence with a stale broker epoch', { type: 'FenceBroker', brokerId: 1, brokerEpoch: 7 }],
    ['a reused broker epoch', { type: 'RegisterBroker', brokerId: 3, incarnationId: 'x', brokerEpoch: 2, listeners, rack: null }],
    ['a duplicate topic name', { type: 'Topic', name: 'orders', topicId: 'T2' }],
    ['a partition out of order', partitionRecord('T1', 5, [1])],
    ['an ISR outside the replicas', { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [3] }],
    ['a leader outside the ISR', { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [2], leader: 1 }],
    ['a change to a missing partition', { type: 'PartitionChange', topicId: 'T1', partition: 9, isr: [1] }],
    ['a config for a missing topic', { type: 'Config', resourceType: 'topic', name: 'nope', key: 'k', value: 'v' }],
    ['producer ids going backwards', { type: 'ProducerIds', brokerId: 1, brokerEpoch: 1, nextProducerId: 0n }],
  ])('treats %s as a bug (assertion), never a silent skip', (_what, record) => {
    expect(() => applyAll([record], image)).toThrow(AssertionError);
  });

  it('refuses to apply an offset twice', () => {
    expect(() => image.apply({ type: 'RemoveTopic', topicId: 'T1' }, image.lastAppliedOffset)).toThrow(AssertionError);
  });

  it('applies a batch at one offset', () => {
    const batch = image.applyBatch(
      [
        { type: 'FenceBroker', brokerId: 1, brokerEpoch: 1 },
        { type: 'PartitionChange', topicId: 'T1', partition: 0, leader: -1, isr: [1] },
      ],
      100,
    );
    expect(batch.lastAppliedOffset).toBe(100);
    expect(batch.offlinePartitions().map((p) => p.partition)).toEqual([0]);
  });
});

describe('PartitionChange records carry the partition epoch they were decided against', () => {
  const image = applyAll([...twoBrokersOneTopic, { type: 'UnfenceBroker', brokerId: 2, brokerEpoch: 2 }]);
  // Two decisions made against the same state of T1/0 (partition epoch 0), e.g. a write
  // that timed out but still commits, and the decision taken after it.
  const first: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1], expectedPartitionEpoch: 0 };
  const second: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, leader: 2, isr: [2], expectedPartitionEpoch: 0 };

  it('applies a change whose expected epoch is current', () => {
    expect(image.apply(first, 10).partition('T1', 0)).toMatchObject({ isr: [1], partitionEpoch: 1 });
  });

  it('refuses the second of two changes decided on the same state: its whole batch is a no-op at its offset', () => {
    const afterFirst = image.apply(first, 10);
    const fence: MetadataRecord = { type: 'FenceBroker', brokerId: 1, brokerEpoch: 1 };
    const outcome = afterFirst.tryApplyBatch([fence, second], 11);
    expect(outcome.refusal).toMatch(/T1\/0.*decided against partition epoch 0.*now 1/);
    expect(outcome.image.lastAppliedOffset).toBe(11);
    // Nothing of the batch applied, not even the records before the stale change.
    expect(outcome.image.isUnfenced(1)).toBe(true);
    expect(outcome.image.partition('T1', 0)).toEqual(afterFirst.partition('T1', 0));
    expect(outcome.image.toSnapshot()).toEqual(afterFirst.applyBatch([], 11).toSnapshot());
    expect(afterFirst.applyBatch([fence, second], 11).toSnapshot()).toEqual(outcome.image.toSnapshot());
  });

  it('is deterministic: every replica applying the same log, in either order of decisions, keeps exactly one', () => {
    const oneThenTwo = image.apply(first, 10).apply(second, 11);
    const twoThenOne = image.apply(second, 10).apply(first, 11);
    expect(oneThenTwo.partition('T1', 0)).toMatchObject({ isr: [1], leader: 1, partitionEpoch: 1 });
    expect(twoThenOne.partition('T1', 0)).toMatchObject({ isr: [2], leader: 2, partitionEpoch: 1 });
    // A follower replaying the same entries ends with the same bytes.
    const replayed = MetadataImage.fromSnapshot(image.toSnapshot()).apply(first, 10).apply(second, 11);
    expect(replayed.toSnapshot()).toEqual(oneThenTwo.toSnapshot());
  });

  it('lets changes later in the same batch expect the epoch the earlier ones left', () => {
    const chained = image.applyBatch([first, { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1, 2], expectedPartitionEpoch: 1 }], 10);
    expect(chained.partition('T1', 0)).toMatchObject({ isr: [1, 2], partitionEpoch: 2 });
  });

  it('refuses a change that gives ISR membership or leadership to a broker fenced since it was decided', () => {
    const unfenced = applyAll([first], image);
    // Decided while broker 2 was unfenced: take it back into the ISR, or make it leader.
    const expand: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1, 2], expectedPartitionEpoch: 1 };
    const elect: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, leader: 2, isr: [2], expectedPartitionEpoch: 1 };
    // Meanwhile broker 2 was fenced: a change that does not touch T1/0, as 2 is not in its ISR.
    const fenced = applyAll([{ type: 'FenceBroker', brokerId: 2, brokerEpoch: 2 }], unfenced);
    expect(fenced.partition('T1', 0)?.partitionEpoch).toBe(1);
    expect(unfenced.tryApplyBatch([expand], 100).refusal).toBeUndefined();
    expect(fenced.tryApplyBatch([expand], 100).refusal).toMatch(/no longer unfenced: 2/);
    expect(fenced.tryApplyBatch([elect], 100).refusal).toMatch(/no longer unfenced: 2/);
    // A change that keeps a fenced last ISR member, or takes the leader away, is not refused.
    const offline: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, leader: -1, expectedPartitionEpoch: 1 };
    expect(fenced.tryApplyBatch([offline], 100).refusal).toBeUndefined();
  });

  it('checks nothing for a record without the field (written before it existed)', () => {
    const old: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1, 2] };
    const outcome = image.apply(first, 10).tryApplyBatch([old], 11);
    expect(outcome.refusal).toBeUndefined();
    expect(outcome.image.partition('T1', 0)).toMatchObject({ isr: [1, 2], partitionEpoch: 2 });
  });
});

describe('MetadataImage snapshots', () => {
  const image = applyAll([
    ...twoBrokersOneTopic,
    { type: 'Config', resourceType: 'broker', name: '', key: 'unclean.leader.election.enable', value: 'true' },
    { type: 'ProducerIds', brokerId: 1, brokerEpoch: 1, nextProducerId: 3000n },
  ]);

  it('restores an equal image, which snapshots to the same bytes', () => {
    const restored = MetadataImage.fromSnapshot(image.toSnapshot());
    expect(restored).toEqual(image);
    expect(restored.toSnapshot()).toEqual(image.toSnapshot());
    expect(restored.topic('orders')?.partitions[1]?.leader).toBe(2);
  });

  it('restores the empty image', () => {
    expect(MetadataImage.fromSnapshot(MetadataImage.EMPTY.toSnapshot())).toEqual(MetadataImage.EMPTY);
  });

  it('continues applying records after a restore', () => {
    const restored = MetadataImage.fromSnapshot(image.toSnapshot());
    const next = restored.apply({ type: 'RemoveTopic', topicId: 'T1' }, restored.lastAppliedOffset + 1);
    expect(next.topicNames()).toEqual([]);
  });

  it('refuses a truncated snapshot as CORRUPT_MESSAGE', () => {
    const bytes = image.toSnapshot();
    expect(() => MetadataImage.fromSnapshot(bytes.subarray(0, bytes.length - 3))).toThrow(
      expect.objectContaining({ code: 'CORRUPT_MESSAGE' }),
    );
  });
});
