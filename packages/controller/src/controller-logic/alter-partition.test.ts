import type { MetadataImage } from '@samsa/metadata';
import { alterPartition, type AlterPartitionRequest } from './alter-partition';
import { fenceBroker } from './broker-fencing';
import { clusterOf, commit, heartbeat, partitionOf, register, withTopic } from '../test-support/cluster';
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
    const { topicId } = partitionOf(base, 't');
    expect(result.records).toEqual([{ type: 'PartitionChange', topicId, partition: 0, expectedPartitionEpoch: 0, isr: [1, 2] }]);
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

  it('rejects a fenced broker joining the ISR with INELIGIBLE_REPLICA', () => {
    const shrunk = commit(base, alterPartition(base, requestFor(base, { newIsr: [1, 2] })));
    const fenced = commit(shrunk, fenceBroker(shrunk, 3));
    expect(() => alterPartition(fenced, requestFor(fenced, { newIsr: [1, 2, 3] }))).toThrow(withCode('INELIGIBLE_REPLICA'));
    expect(() => alterPartition(fenced, requestFor(fenced, { newIsr: [1, 2, 3] }))).toThrow(/fenced or unregistered brokers 3/);
  });

  it('rejects a broker in controlled shutdown joining the ISR with INELIGIBLE_REPLICA', () => {
    const shrunk = commit(base, alterPartition(base, requestFor(base, { newIsr: [1, 2] })));
    const stopping = heartbeat(shrunk, 3, { wantShutdown: true }).image;
    const request = requestFor(stopping, { newIsr: [1, 2, 3], newIsrWithEpochs: epochsOf(stopping, [1, 2, 3]) });
    expect(() => alterPartition(stopping, request)).toThrow(withCode('INELIGIBLE_REPLICA'));
  });

  it('rejects unknown topics and partitions', () => {
    expect(() => alterPartition(base, requestFor(base, { topicId: 'nope' }))).toThrow(withCode('UNKNOWN_TOPIC_ID'));
    expect(() => alterPartition(base, requestFor(base, { partition: 3 }))).toThrow(withCode('UNKNOWN_TOPIC_OR_PARTITION'));
  });
});

/** Each broker's current registration epoch, as a leader that saw its latest fetches sends it. */
function epochsOf(image: MetadataImage, brokerIds: readonly number[]) {
  return brokerIds.map((brokerId) => ({ brokerId, brokerEpoch: image.broker(brokerId)!.brokerEpoch }));
}

describe('AlterPartition with the members’ broker epochs (KIP-903)', () => {
  // The ISR shrank to [1, 2] while broker 3 was away; the leader now wants it back.
  const shrunk = commit(base, alterPartition(base, requestFor(base, { newIsr: [1, 2] })));
  const epochBefore = shrunk.broker(3)!.brokerEpoch;
  // Broker 3 restarted (maybe losing its unflushed tail), registered again and was unfenced.
  const restarted = heartbeat(register(shrunk, 3, null, 'restarted'), 3).image;

  it('expands the ISR when every joining member is the incarnation the leader saw fetching', () => {
    const request = requestFor(shrunk, { newIsr: [1, 2, 3], newIsrWithEpochs: epochsOf(shrunk, [1, 2, 3]) });
    expect(partitionOf(commit(shrunk, alterPartition(shrunk, request)), 't').isr).toEqual([1, 2, 3]);
  });

  it('refuses with INELIGIBLE_REPLICA a member that registered again since the fetches the leader counted', () => {
    expect(restarted.isUnfenced(3)).toBe(true);
    expect(restarted.broker(3)!.brokerEpoch).not.toBe(epochBefore);
    const fromOldFetches = [...epochsOf(restarted, [1, 2]), { brokerId: 3, brokerEpoch: epochBefore }];
    const request = requestFor(restarted, { newIsr: [1, 2, 3], newIsrWithEpochs: fromOldFetches });
    expect(() => alterPartition(restarted, request)).toThrow(withCode('INELIGIBLE_REPLICA'));
    expect(() => alterPartition(restarted, request)).toThrow(new RegExp(`broker 3 whose fetches came from broker epoch ${epochBefore}`));
    // Once the leader has seen the new incarnation fetch, the same expansion goes through.
    const fresh = requestFor(restarted, { newIsr: [1, 2, 3], newIsrWithEpochs: epochsOf(restarted, [1, 2, 3]) });
    expect(partitionOf(commit(restarted, alterPartition(restarted, fresh)), 't').isr).toEqual([1, 2, 3]);
  });

  it('refuses a joining member whose epoch the leader did not send, and accepts an unknown (negative) one', () => {
    const without3 = requestFor(restarted, { newIsr: [1, 2, 3], newIsrWithEpochs: epochsOf(restarted, [1, 2]) });
    expect(() => alterPartition(restarted, without3)).toThrow(withCode('INELIGIBLE_REPLICA'));
    const unknown = requestFor(restarted, { newIsr: [1, 2, 3], newIsrWithEpochs: [...epochsOf(restarted, [1, 2]), { brokerId: 3, brokerEpoch: -1 }] });
    expect(alterPartition(restarted, unknown).records).toHaveLength(1);
  });

  it('checks only joining members: a shrink goes through whatever epochs the remaining members carry', () => {
    const members = [{ brokerId: 1, brokerEpoch: 12345 }];
    expect(alterPartition(restarted, requestFor(restarted, { newIsr: [1], newIsrWithEpochs: members })).records).toHaveLength(1);
  });

  it('an expansion decided before the joining broker was fenced, committed after the fence, is refused on apply', () => {
    const expansion = alterPartition(shrunk, requestFor(shrunk, { newIsr: [1, 2, 3], newIsrWithEpochs: epochsOf(shrunk, [1, 2, 3]) }));
    // Broker 3 is in no ISR, so fencing it does not touch t/0 or its partition epoch.
    const fence = fenceBroker(shrunk, 3);
    expect(fence.records.map((record) => record.type)).toEqual(['FenceBroker']);
    const fenced = commit(shrunk, fence);
    const outcome = fenced.tryApplyBatch(expansion.records, fenced.lastAppliedOffset + 1);
    expect(outcome.refusal).toMatch(/no longer unfenced: 3/);
    expect(partitionOf(outcome.image, 't').isr).toEqual([1, 2]);
  });

  it('falls back to the fenced check alone when the leader sends no epochs (an older broker)', () => {
    const request = requestFor(restarted, { newIsr: [1, 2, 3], newIsrWithEpochs: [] });
    expect(partitionOf(commit(restarted, alterPartition(restarted, request)), 't').isr).toEqual([1, 2, 3]);
  });
});
