import type { MetadataImage } from '@samsa/metadata';
import { alterPartition, type AlterPartitionRequest } from './alter-partition';
import { fenceBroker } from './broker-fencing';
import { clusterOf, commit, partitionOf, withTopic } from '../test-support/cluster';
import { withCode } from '../test-support/error-matchers';

// Topic `t`: one partition, replicas [1, 2, 3], ISR [1, 2, 3], led by 1 at epochs 0/0.
const base = withTopic(clusterOf(4), 't', 1, 3);

/** A request from the current leader with the current epochs, adjusted by `override`. */
function requestFor(image: MetadataImage, override: Partial<AlterPartitionRequest>): AlterPartitionRequest {
  const state = partitionOf(image, 't');
  const leader = image.broker(state.leader)!;
  return { ...state, brokerId: leader.brokerId, brokerEpoch: leader.brokerEpoch, newIsr: state.isr, ...override };
}

describe('AlterPartition', () => {
  it('shrinks the ISR with partition epoch + 1 and the leader epoch unchanged', () => {
    const result = alterPartition(base, requestFor(base, { newIsr: [1, 2] }));
    expect(result.records).toEqual([{ type: 'PartitionChange', topicId: partitionOf(base, 't').topicId, partition: 0, isr: [1, 2] }]);
    expect(result.response).toMatchObject({ isr: [1, 2], leaderEpoch: 0, partitionEpoch: 1 });
    expect(partitionOf(commit(base, result), 't')).toEqual(result.response);
  });

  it('expands the ISR back', () => {
    const shrunk = commit(base, alterPartition(base, requestFor(base, { newIsr: [1] })));
    const expanded = commit(shrunk, alterPartition(shrunk, requestFor(shrunk, { newIsr: [1, 3] })));
    expect(partitionOf(expanded, 't')).toMatchObject({ isr: [1, 3], partitionEpoch: 2 });
  });

  it('writes nothing when the ISR does not change', () => {
    expect(alterPartition(base, requestFor(base, {})).records).toEqual([]);
  });

  it('rejects a stale partition epoch: two leaders’ updates from the same version cannot both win', () => {
    const first = requestFor(base, { newIsr: [1, 2] });
    const after = commit(base, alterPartition(base, first));
    const lost = { ...first, newIsr: [1, 3] };
    expect(() => alterPartition(after, lost)).toThrow(withCode('FENCED_LEADER_EPOCH'));
    expect(() => alterPartition(after, lost)).toThrow(/partition epoch 0 is stale/);
  });

  it('rejects an old leader epoch with FENCED_LEADER_EPOCH and a future one with UNKNOWN_LEADER_EPOCH', () => {
    const moved = commit(base, fenceBroker(base, 1));
    expect(partitionOf(moved, 't')).toMatchObject({ leader: 2, leaderEpoch: 1 });
    const stale = requestFor(moved, { leaderEpoch: 0, newIsr: [2] });
    expect(() => alterPartition(moved, stale)).toThrow(withCode('FENCED_LEADER_EPOCH'));
    const future = requestFor(moved, { leaderEpoch: 5, newIsr: [2] });
    expect(() => alterPartition(moved, future)).toThrow(withCode('UNKNOWN_LEADER_EPOCH'));
  });

  it('rejects a stale broker epoch, and a sender that is not the leader', () => {
    expect(() => alterPartition(base, requestFor(base, { brokerEpoch: 999 }))).toThrow(withCode('STALE_BROKER_EPOCH'));
    const follower = base.broker(2)!;
    const fromFollower = requestFor(base, { brokerId: 2, brokerEpoch: follower.brokerEpoch, newIsr: [1, 2] });
    expect(() => alterPartition(base, fromFollower)).toThrow(withCode('NOT_LEADER_OR_FOLLOWER'));
  });

  it.each([
    ['empty', []],
    ['with duplicates', [1, 1, 2]],
    ['outside the replicas', [1, 4]],
    ['without the leader, changing more than its own place', [2]],
  ])('rejects a new ISR %s with INVALID_REQUEST', (_what, newIsr) => {
    expect(() => alterPartition(base, requestFor(base, { newIsr }))).toThrow(withCode('INVALID_REQUEST'));
  });

  it('rejects a fenced broker joining the ISR', () => {
    const shrunk = commit(base, alterPartition(base, requestFor(base, { newIsr: [1, 2] })));
    const fenced = commit(shrunk, fenceBroker(shrunk, 3));
    expect(() => alterPartition(fenced, requestFor(fenced, { newIsr: [1, 2, 3] }))).toThrow(/fenced or unregistered brokers 3/);
  });

  it('rejects unknown topics and partitions', () => {
    expect(() => alterPartition(base, requestFor(base, { topicId: 'nope' }))).toThrow(withCode('UNKNOWN_TOPIC_ID'));
    expect(() => alterPartition(base, requestFor(base, { partition: 3 }))).toThrow(withCode('UNKNOWN_TOPIC_OR_PARTITION'));
  });
});
