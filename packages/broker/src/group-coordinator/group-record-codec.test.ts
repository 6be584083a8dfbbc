import { isSamsaError } from '@samsa/protocol';
import type { GroupRecord } from '../group/group-records';
import { decodeGroupRecord, encodeGroupRecord } from './group-record-codec';
import { partitionForGroup } from './offsets-topic';

const RECORDS: GroupRecord[] = [
  { kind: 'group-epoch', groupId: 'g', value: { groupEpoch: 3 } },
  { kind: 'subscribed-topics', groupId: 'g', value: { topics: [{ name: 'orders', topicId: 'abc', partitionCount: 6 }] } },
  {
    kind: 'member-metadata',
    groupId: 'g',
    memberId: 'm-1',
    value: { instanceId: '', rackId: 'r1', clientId: 'app', clientHost: '127.0.0.1', subscribedTopicNames: ['orders'], subscribedTopicRegex: '', serverAssignor: 'uniform', rebalanceTimeoutMs: 60_000 },
  },
  { kind: 'target-assignment-member', groupId: 'g', memberId: 'm-1', value: { partitions: [{ topic: 'orders', partitions: [0, 2] }] } },
  { kind: 'target-assignment-epoch', groupId: 'g', value: { assignmentEpoch: 3 } },
  {
    kind: 'current-assignment',
    groupId: 'g',
    memberId: 'm-1',
    value: { memberEpoch: 3, previousMemberEpoch: 2, state: 'stable', assigned: [{ topic: 'orders', partitions: [0, 2], assignmentEpochs: [1, 3] }], pendingRevocation: [] },
  },
  { kind: 'offset-commit', groupId: 'g', topic: 'orders', partition: 2, value: { offset: 9_007_199_254_740_993n, leaderEpoch: 4, metadata: 'm', commitTimestampMs: 1700000000000 } },
  { kind: 'offset-commit', groupId: 'g', topic: 'orders', partition: 2, value: null },
  { kind: 'current-assignment', groupId: 'g', memberId: 'm-1', value: null },
  { kind: 'group-epoch', groupId: 'g', value: null },
];

describe('group record codec', () => {
  test.each(RECORDS.map((record) => [record.kind, record.value === null ? 'tombstone' : 'value', record] as const))('%s (%s) comes back equal', (_kind, _value, record) => {
    const { key, value } = encodeGroupRecord(record);
    expect(decodeGroupRecord(key, value)).toEqual(record);
  });

  test('what is not a group record is CORRUPT_MESSAGE, naming the problem', () => {
    const valid = encodeGroupRecord(RECORDS[0]!);
    const refusals: [Buffer | null, Buffer | null][] = [
      [null, valid.value],
      [Buffer.from('not json'), valid.value],
      [Buffer.from('["nope","g"]'), valid.value],
      [Buffer.from('["group-epoch","g","extra"]'), valid.value],
      [valid.key, Buffer.from('{"version":2,"value":{}}')],
      [Buffer.from('["offset-commit","g","t",0]'), Buffer.from('{"version":1,"value":{"offset":1.5}}')],
    ];
    for (const [key, value] of refusals) {
      let thrown: unknown;
      try {
        decodeGroupRecord(key, value);
      } catch (error) {
        thrown = error;
      }
      expect(isSamsaError(thrown, 'CORRUPT_MESSAGE')).toBe(true);
    }
  });
});

describe('partitionForGroup', () => {
  test("is Java's String.hashCode, made non-negative, modulo the partitions (as Kafka places groups)", () => {
    // "billing".hashCode() is -109829509 in Java (sum of c·31^k over int32); & 0x7fffffff = 2037654139.
    expect(partitionForGroup('billing', 50)).toBe(2037654139 % 50);
    expect(partitionForGroup('', 16)).toBe(0);
    for (const id of ['a', 'group-1', 'Ω-unicode', 'x'.repeat(249)]) {
      const partition = partitionForGroup(id, 16);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(16);
    }
  });
});
