import { alterPartitions, type PartitionIsrChange } from './alter-partitions';
import { clusterOf, commit, partitionOf, withPartition, withTopic } from '../test-support/cluster';
import { withCode } from '../test-support/error-matchers';

// Topics `t` (three partitions) and `u` (one), replicas [1, 2, 3], every partition led by broker 1.
const created = withTopic(withTopic(clusterOf(3), 't', 3, 3), 'u', 1, 3);
const base = [0, 1, 2].reduce(
  (image, p) => withPartition(image, 't', p, { leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] }),
  withPartition(created, 'u', 0, { leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] }),
);
const leader = 1;
const follower = 2;

function changeOf(topic: string, partition: number, newIsr: number[], override: Partial<PartitionIsrChange> = {}): PartitionIsrChange {
  const state = partitionOf(base, topic, partition);
  return { topicId: state.topicId, partition, leaderEpoch: state.leaderEpoch, partitionEpoch: state.partitionEpoch, newIsr, newIsrWithEpochs: [], ...override };
}

describe('AlterPartition over many partitions', () => {
  it('commits the changes of several partitions as one batch of records', () => {
    const partitions = [changeOf('t', 0, [1, 2]), changeOf('t', 1, [1, 2, 3]), changeOf('t', 2, [1, 3])];
    const result = alterPartitions(base, { brokerId: leader, brokerEpoch: base.broker(leader)!.brokerEpoch, partitions });
    expect(result.records).toHaveLength(2);
    expect(result.response.map((outcome) => ('state' in outcome ? outcome.state.isr : outcome.error.code))).toEqual([[1, 2], [1, 2, 3], [1, 3]]);
    const after = commit(base, result);
    expect(partitionOf(after, 't', 0).isr).toEqual([1, 2]);
    expect(partitionOf(after, 't', 1)).toEqual(partitionOf(base, 't', 1));
    expect(partitionOf(after, 't', 2).isr).toEqual([1, 3]);
  });

  it('refuses a partition on its own and still commits the others', () => {
    const result = alterPartitions(base, {
      brokerId: leader,
      brokerEpoch: base.broker(leader)!.brokerEpoch,
      partitions: [
        changeOf('t', 0, [leader, follower]),
        changeOf('t', 1, [leader], { partitionEpoch: 7 }),
        { ...changeOf('t', 2, [leader]), partition: 9 },
        changeOf('t', 0, [leader]),
        changeOf('u', 0, [leader, follower]),
      ],
    });
    const errors = result.response.map((outcome) => ('error' in outcome ? outcome.error.code : 'OK'));
    expect(errors).toEqual(['OK', 'FENCED_LEADER_EPOCH', 'UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_REQUEST', 'OK']);
    expect(result.records).toHaveLength(2);
    const after = commit(base, result);
    expect(partitionOf(after, 't', 0).isr).toEqual([leader, follower]);
    expect(partitionOf(after, 't', 1)).toEqual(partitionOf(base, 't', 1));
  });

  it('refuses the whole request for a stale broker epoch', () => {
    expect(() => alterPartitions(base, { brokerId: leader, brokerEpoch: 999, partitions: [changeOf('t', 0, [leader])] })).toThrow(withCode('STALE_BROKER_EPOCH'));
  });
});
