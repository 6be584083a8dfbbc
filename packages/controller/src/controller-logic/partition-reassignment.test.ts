import type { MetadataImage } from '@samsa/metadata';
import { alterPartitionReassignment, listPartitionReassignments } from './partition-reassignment';
import { fenceBroker } from './broker-fencing';
import { clusterOf, commit, leaderAltersIsr, partitionOf, withTopic } from '../test-support/cluster';
import { withCode } from '../test-support/error-matchers';

// Topic `t`: one partition, replicas [1, 2, 3] in sync, led by 1; brokers 4 and 5 idle.
const base = withTopic(clusterOf(5), 't', 1, 3);
const reassign = (image: MetadataImage, targetReplicas: number[] | null) =>
  commit(image, alterPartitionReassignment(image, { topicName: 't', partition: 0, targetReplicas }));

describe('partition reassignment', () => {
  it('step 1: replicas become target plus removing; new replicas join as followers', () => {
    const moving = reassign(base, [4, 5, 2]);
    expect(partitionOf(moving, 't')).toMatchObject({
      replicas: [4, 5, 2, 1, 3],
      isr: [1, 2, 3],
      leader: 1,
      addingReplicas: [4, 5],
      removingReplicas: [1, 3],
      leaderEpoch: 0,
    });
    expect(listPartitionReassignments(moving)).toEqual([
      { topicName: 't', partition: 0, replicas: [4, 5, 2, 1, 3], addingReplicas: [4, 5], removingReplicas: [1, 3] },
    ]);
  });

  it('step 2: one new replica in sync is not enough to finish', () => {
    const partly = leaderAltersIsr(reassign(base, [4, 5, 2]), 't', 0, [1, 2, 3, 4]);
    expect(partitionOf(partly, 't')).toMatchObject({ isr: [1, 2, 3, 4], addingReplicas: [4, 5] });
  });

  it('step 3: once every target replica is in sync, the same change completes the move and elects from the target', () => {
    const partly = leaderAltersIsr(reassign(base, [4, 5, 2]), 't', 0, [1, 2, 3, 4]);
    const done = leaderAltersIsr(partly, 't', 0, [1, 2, 3, 4, 5]);
    expect(partitionOf(done, 't')).toMatchObject({
      replicas: [4, 5, 2],
      isr: [2, 4, 5],
      leader: 4,
      leaderEpoch: 1,
      addingReplicas: [],
      removingReplicas: [],
    });
    expect(listPartitionReassignments(done)).toEqual([]);
  });

  it('keeps the leader (and its epoch) when the leader stays in the target', () => {
    const moving = reassign(base, [1, 4]);
    const done = leaderAltersIsr(moving, 't', 0, [1, 2, 3, 4]);
    expect(partitionOf(done, 't')).toMatchObject({ replicas: [1, 4], isr: [1, 4], leader: 1, leaderEpoch: 0 });
  });

  it('completes at once when the target is already in sync (shrinking the replica set)', () => {
    const done = reassign(base, [2, 3]);
    expect(partitionOf(done, 't')).toMatchObject({ replicas: [2, 3], isr: [2, 3], leader: 2, leaderEpoch: 1, addingReplicas: [] });
  });

  it('writes nothing for a target equal to the current replicas, or to the ongoing target', () => {
    expect(alterPartitionReassignment(base, { topicName: 't', partition: 0, targetReplicas: [1, 2, 3] }).records).toEqual([]);
    const moving = reassign(base, [4, 5, 2]);
    expect(alterPartitionReassignment(moving, { topicName: 't', partition: 0, targetReplicas: [4, 5, 2] }).records).toEqual([]);
  });

  it('refuses a different target while a move is in progress with REASSIGNMENT_IN_PROGRESS', () => {
    const moving = reassign(base, [4, 5, 2]);
    expect(() => reassign(moving, [1, 4])).toThrow(withCode('REASSIGNMENT_IN_PROGRESS'));
  });

  it('cancels: back to the original replicas, the adding ones dropped from the ISR', () => {
    const partly = leaderAltersIsr(reassign(base, [4, 5, 2]), 't', 0, [1, 2, 3, 4]);
    const cancelled = reassign(partly, null);
    // As in Kafka, the original order is not kept: the replicas that stay come in the order
    // of the reassignment's replica list (target first), so the preferred leader may differ.
    expect(partitionOf(cancelled, 't')).toMatchObject({ replicas: [2, 1, 3], isr: [1, 2, 3], leader: 1 });
    expect(partitionOf(cancelled, 't')).toMatchObject({ addingReplicas: [], removingReplicas: [] });
    expect(() => reassign(cancelled, null)).toThrow(withCode('NO_REASSIGNMENT_IN_PROGRESS'));
  });

  it('on cancel, moves leadership back to an original replica when an adding one led', () => {
    const moving = reassign(base, [4, 5, 2]);
    const partly = leaderAltersIsr(moving, 't', 0, [1, 2, 3, 4]);
    // Leader 1 fails; among in-sync replicas 4 comes first in replica order [4, 5, 2, 1, 3].
    const failedOver = commit(partly, fenceBroker(partly, 1));
    expect(partitionOf(failedOver, 't').leader).toBe(4);
    const cancelled = reassign(failedOver, null);
    expect(partitionOf(cancelled, 't')).toMatchObject({ replicas: [2, 1, 3], isr: [2, 3], leader: 2 });
  });

  it.each([
    ['an empty target', []],
    ['duplicates', [4, 4]],
    ['an unregistered broker', [1, 9]],
  ])('refuses %s with INVALID_REPLICA_ASSIGNMENT', (_what, target) => {
    expect(() => reassign(base, target)).toThrow(withCode('INVALID_REPLICA_ASSIGNMENT'));
  });

  it('refuses an unknown partition with UNKNOWN_TOPIC_OR_PARTITION', () => {
    expect(() => alterPartitionReassignment(base, { topicName: 't', partition: 1, targetReplicas: [1] })).toThrow(
      withCode('UNKNOWN_TOPIC_OR_PARTITION'),
    );
  });
});
