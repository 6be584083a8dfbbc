import {
  decodeMetadataRecord,
  decodeMetadataRecordBatch,
  encodeMetadataRecord,
  encodeMetadataRecordBatch,
} from './record-codec';
import type { MetadataRecord, MetadataRecordType } from './records';

// One sample of every record type; the mapped type makes a new record type fail to compile
// here until it has a sample, so the round-trip test can never skip one.
const samples: { [T in MetadataRecordType]: Extract<MetadataRecord, { type: T }> } = {
  RegisterBroker: {
    type: 'RegisterBroker',
    brokerId: 3,
    incarnationId: 'b6c1',
    brokerEpoch: 17,
    listeners: [{ name: 'PLAINTEXT', host: '10.0.0.3', port: 9092 }],
    rack: 'eu-1a',
  },
  FenceBroker: { type: 'FenceBroker', brokerId: 3, brokerEpoch: 17 },
  UnfenceBroker: { type: 'UnfenceBroker', brokerId: 3, brokerEpoch: 17 },
  UnregisterBroker: { type: 'UnregisterBroker', brokerId: 3, brokerEpoch: 17 },
  Topic: { type: 'Topic', name: 'orders', topicId: 'c0ffee00-0000-0000-0000-000000000001' },
  RemoveTopic: { type: 'RemoveTopic', topicId: 'c0ffee00-0000-0000-0000-000000000001' },
  Partition: {
    type: 'Partition',
    topicId: 't',
    partition: 2,
    replicas: [1, 2, 3],
    isr: [1, 2],
    leader: 1,
    leaderEpoch: 4,
    partitionEpoch: 9,
    addingReplicas: [3],
    removingReplicas: [],
  },
  PartitionChange: { type: 'PartitionChange', topicId: 't', partition: 2, leader: -1, isr: [2], expectedPartitionEpoch: 9 },
  Config: { type: 'Config', resourceType: 'topic', name: 'orders', key: 'retention.ms', value: null },
  ProducerIds: { type: 'ProducerIds', brokerId: 3, brokerEpoch: 17, nextProducerId: 2n ** 62n + 1000n },
};

const encodeText = (text: string) => Uint8Array.from([1, ...new TextEncoder().encode(text)]);

describe('metadata record codec', () => {
  it.each(Object.values(samples).map((record) => [record.type, record]))('round-trips %s', (_type, record) => {
    expect(decodeMetadataRecord(encodeMetadataRecord(record))).toEqual(record);
  });

  it('keeps bigints exact beyond 2^53', () => {
    const decoded = decodeMetadataRecord(encodeMetadataRecord(samples.ProducerIds));
    expect(decoded).toEqual(samples.ProducerIds);
    expect(typeof (decoded as { nextProducerId: unknown }).nextProducerId).toBe('bigint');
  });

  it('round-trips a batch of every record type', () => {
    const batch = Object.values(samples);
    expect(decodeMetadataRecordBatch(encodeMetadataRecordBatch(batch))).toEqual(batch);
  });

  it('refuses an unknown format version', () => {
    const bytes = encodeMetadataRecord(samples.Topic);
    bytes[0] = 9;
    expect(() => decodeMetadataRecord(bytes)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_VERSION' }));
  });

  it.each([
    ['bytes that are not JSON', encodeText('{"type":')],
    ['an unknown type', encodeText('{"type":"Bogus"}')],
    ['a missing field', encodeText('{"type":"Topic","name":"x"}')],
    ['a wrongly typed field', encodeText('{"type":"FenceBroker","brokerId":"1","brokerEpoch":1}')],
    ['an unknown field', encodeText('{"type":"RemoveTopic","topicId":"t","extra":1}')],
    ['a malformed optional field', encodeText('{"type":"PartitionChange","topicId":"t","partition":0,"isr":[1.5]}')],
  ])('refuses %s as CORRUPT_MESSAGE', (_what, bytes) => {
    expect(() => decodeMetadataRecord(bytes)).toThrow(expect.objectContaining({ code: 'CORRUPT_MESSAGE' }));
  });

  it('refuses an empty buffer as UNSUPPORTED_VERSION (there is no version byte)', () => {
    expect(() => decodeMetadataRecord(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_VERSION' }));
  });
});
