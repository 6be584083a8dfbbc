import { AssertionError } from '@samsa/protocol';
import { MetadataImage } from './metadata-image';
import { decodeMetadataRecord, decodeVersioned, encodeMetadataRecord, encodeVersioned } from './record-codec';
import type { MetadataRecord } from './records';

/**
 * KIP-966 in the image: a partition's eligible leader replicas (ELR) and last known ELR, as
 * PartitionChange records set them, and how records and snapshots written before the fields
 * existed read (as none).
 */
const listeners = [{ name: 'PLAINTEXT', host: 'localhost', port: 9092 }];

const threeBrokersOnePartition: MetadataRecord[] = [
  ...[1, 2, 3].flatMap((id): MetadataRecord[] => [
    { type: 'RegisterBroker', brokerId: id, incarnationId: `i${id}`, brokerEpoch: id, listeners, rack: null },
    { type: 'UnfenceBroker', brokerId: id, brokerEpoch: id },
  ]),
  { type: 'Topic', name: 'orders', topicId: 'T1' },
  // A Partition record as written before the ELR existed: no elr, no lastKnownElr.
  { type: 'Partition', topicId: 'T1', partition: 0, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] },
];

function applyAll(records: readonly MetadataRecord[], image = MetadataImage.EMPTY): MetadataImage {
  return records.reduce((current, record) => current.apply(record, current.lastAppliedOffset + 1), image);
}

describe('eligible leader replicas in the metadata image (KIP-966)', () => {
  const image = applyAll(threeBrokersOnePartition);

  it('reads a Partition record without the fields as a partition with no ELR and no last known ELR', () => {
    expect(image.partition('T1', 0)).toMatchObject({ isr: [1, 2, 3], elr: [], lastKnownElr: [] });
  });

  it('applies a change that empties the ISR of a leaderless partition and puts its members in the ELR', () => {
    const shrunk = applyAll(
      [
        { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1], elr: [2], expectedPartitionEpoch: 0 },
        { type: 'FenceBroker', brokerId: 1, brokerEpoch: 1 },
        { type: 'PartitionChange', topicId: 'T1', partition: 0, leader: -1, isr: [], elr: [1, 2], expectedPartitionEpoch: 1 },
      ],
      image,
    );
    expect(shrunk.partition('T1', 0)).toMatchObject({ leader: -1, isr: [], elr: [1, 2], lastKnownElr: [], leaderEpoch: 1, partitionEpoch: 2 });
    const forgotten = applyAll([{ type: 'PartitionChange', topicId: 'T1', partition: 0, elr: [2], lastKnownElr: [1], expectedPartitionEpoch: 2 }], shrunk);
    expect(forgotten.partition('T1', 0)).toMatchObject({ isr: [], elr: [2], lastKnownElr: [1], partitionEpoch: 3 });
  });

  it.each([
    ['an ELR member also in the ISR', { isr: [1, 2], elr: [2] }],
    ['an ELR member that is not a replica', { isr: [1], elr: [4] }],
    ['a duplicate ELR member', { isr: [1], elr: [2, 2] }],
    ['a last known ELR member also in the ISR', { isr: [1], lastKnownElr: [1] }],
    ['a broker both in the ELR and the last known ELR', { isr: [1], elr: [2], lastKnownElr: [2] }],
    ['an empty ISR under a leader', { isr: [] }],
  ])('treats %s as a bug (assertion)', (_what, fields) => {
    expect(() => applyAll([{ type: 'PartitionChange', topicId: 'T1', partition: 0, ...fields }], image)).toThrow(AssertionError);
  });

  it('round-trips the fields through the record codec, and reads them as optional', () => {
    const change: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [], elr: [2], lastKnownElr: [1, 3] };
    expect(decodeMetadataRecord(encodeMetadataRecord(change))).toEqual(change);
    const created: MetadataRecord = { ...(threeBrokersOnePartition.at(-1) as MetadataRecord & { type: 'Partition' }), isr: [1], elr: [2], lastKnownElr: [3] };
    expect(decodeMetadataRecord(encodeMetadataRecord(created))).toEqual(created);
  });

  it('restores a snapshot with the fields, and one written before they existed as having none', () => {
    const shrunk = applyAll([{ type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1], elr: [2], lastKnownElr: [3] }], image);
    const restored = MetadataImage.fromSnapshot(shrunk.toSnapshot());
    expect(restored).toEqual(shrunk);
    expect(restored.partition('T1', 0)).toMatchObject({ elr: [2], lastKnownElr: [3] });

    // The same snapshot as an older version wrote it: partitions without the two fields.
    const body = decodeVersioned(image.toSnapshot()) as { topics: { partitions: Record<string, unknown>[] }[] };
    for (const topic of body.topics) {
      for (const partition of topic.partitions) {
        delete partition['elr'];
        delete partition['lastKnownElr'];
      }
    }
    const old = MetadataImage.fromSnapshot(encodeVersioned(body));
    expect(old.partition('T1', 0)).toMatchObject({ isr: [1, 2, 3], elr: [], lastKnownElr: [] });
    expect(Buffer.from(old.toSnapshot()).equals(image.toSnapshot())).toBe(true);
  });
});
