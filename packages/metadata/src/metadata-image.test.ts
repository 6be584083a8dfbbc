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
