import { GroupCoordinatorCore } from './group-coordinator-core';
import { namesOf } from './test-support/assignment-checks';
import { owned, RecordingCore, topicsOf } from './test-support/coordinator-harness';

const topics = topicsOf({ orders: 4 });
const at = (nowMs: number) => ({ nowMs, topics });
const ALL = owned('orders-0', 'orders-1', 'orders-2', 'orders-3');

/** member-1 owns orders-0..1 and member-2 orders-2..3, both stable at epoch 2. */
function twoStableMembers(secondInstanceId = ''): RecordingCore {
  const recording = new RecordingCore();
  recording.heartbeat({}, at(0));
  recording.heartbeat({ instanceId: secondInstanceId }, at(0));
  recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: ALL }, at(0));
  const first = recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-2', 'orders-3') }, at(0));
  const second = recording.heartbeat({ memberId: 'member-2', memberEpoch: 2, instanceId: secondInstanceId }, at(0));
  expect(namesOf(first.assignment)).toEqual(['orders-2', 'orders-3']);
  expect(namesOf(second.assignment)).toEqual(['orders-0', 'orders-1']);
  return recording;
}

describe('group membership: leaving, static members, timeouts', () => {
  it('frees a leaving member’s partitions at once; the others get them on their next heartbeat', () => {
    const recording = twoStableMembers();
    expect(recording.heartbeat({ memberId: 'member-2', memberEpoch: -1 }, at(1))).toMatchObject({ error: 'NONE', memberEpoch: -1 });
    expect(recording.core.groupState('billing')).toBe('assigning');
    const rest = recording.heartbeat({ memberId: 'member-1', memberEpoch: 2, owned: owned('orders-2', 'orders-3') }, at(2));
    expect(rest.memberEpoch).toBe(3);
    expect(namesOf(rest.assignment)).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(recording.heartbeat({ memberId: 'member-2', memberEpoch: 2 }, at(3)).error).toBe('UNKNOWN_MEMBER_ID');
    recording.expectReplayMatches();
  });

  it('keeps a static member’s place while it is away (-2), and gives it to its next process at once', () => {
    const recording = twoStableMembers('instance-b');
    expect(recording.heartbeat({ memberId: 'member-2', memberEpoch: -2, instanceId: 'instance-b' }, at(1)).memberEpoch).toBe(-2);
    // The other member gets nothing of it meanwhile, and no new assignment starts.
    const other = recording.heartbeat({ memberId: 'member-1', memberEpoch: 2, owned: owned('orders-2', 'orders-3') }, at(2));
    expect(namesOf(other.assignment)).toEqual(['orders-2', 'orders-3']);
    expect(recording.core.describeGroups(['billing'])[0]!.groupEpoch).toBe(2);

    const restarted = recording.heartbeat({ instanceId: 'instance-b' }, at(3));
    expect(restarted).toMatchObject({ error: 'NONE', memberId: 'member-3', memberEpoch: 2 });
    expect(namesOf(restarted.assignment)).toEqual(['orders-0', 'orders-1']);
    expect(recording.core.describeGroups(['billing'])[0]!.groupEpoch).toBe(2);
    // The old process is out.
    expect(recording.heartbeat({ memberId: 'member-2', memberEpoch: 2, instanceId: 'instance-b' }, at(4)).error).toBe('UNKNOWN_MEMBER_ID');
    recording.expectReplayMatches();
  });

  it('refuses an instance id a live member holds with UNRELEASED_INSTANCE_ID', () => {
    const recording = twoStableMembers('instance-b');
    expect(recording.heartbeat({ instanceId: 'instance-b' }, at(1)).error).toBe('UNRELEASED_INSTANCE_ID');
  });

  it('removes a static member away longer than the session timeout', () => {
    const recording = twoStableMembers('instance-b');
    recording.heartbeat({ memberId: 'member-2', memberEpoch: -2, instanceId: 'instance-b' }, at(1_000));
    recording.heartbeat({ memberId: 'member-1', memberEpoch: 2, owned: owned('orders-2', 'orders-3') }, at(30_000));
    expect(recording.core.nextDeadlineMs()).toBe(31_000);
    expect(recording.keep(recording.core.expire(30_999)).response).toEqual([]);
    expect(recording.keep(recording.core.expire(31_000)).response).toEqual([{ groupId: 'billing', memberId: 'member-2', reason: 'session-timeout' }]);
    const rest = recording.heartbeat({ memberId: 'member-1', memberEpoch: 2, owned: owned('orders-2', 'orders-3') }, at(31_001));
    expect(namesOf(rest.assignment)).toHaveLength(4);
    recording.expectReplayMatches();
  });

  it('removes a member that does not revoke within its rebalance timeout, then gives its partitions out', () => {
    const recording = new RecordingCore();
    recording.heartbeat({ rebalanceTimeoutMs: 5_000 }, at(0));
    recording.heartbeat({}, at(1_000));
    recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: ALL, rebalanceTimeoutMs: 5_000 }, at(2_000)); // asked to revoke two
    recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: ALL, rebalanceTimeoutMs: 5_000 }, at(4_000)); // still holds them
    expect(recording.core.nextDeadlineMs()).toBe(7_000);
    recording.heartbeat({ memberId: 'member-2', memberEpoch: 2 }, at(6_000));
    expect(recording.keep(recording.core.expire(7_000)).response).toEqual([{ groupId: 'billing', memberId: 'member-1', reason: 'rebalance-timeout' }]);
    const taker = recording.heartbeat({ memberId: 'member-2', memberEpoch: 2 }, at(7_001));
    expect(namesOf(taker.assignment)).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    recording.expectReplayMatches();
  });

  it('lets a fenced member join again with epoch 0 and its own member id', () => {
    const recording = twoStableMembers();
    expect(recording.heartbeat({ memberId: 'member-1', memberEpoch: 7 }, at(1)).error).toBe('FENCED_MEMBER_EPOCH');
    const again = recording.heartbeat({ memberId: 'member-1', memberEpoch: 0 }, at(2));
    expect(again).toMatchObject({ error: 'NONE', memberId: 'member-1', memberEpoch: 2 });
    expect(namesOf(again.assignment)).toEqual(['orders-2', 'orders-3']);
  });

  it('gives every member a fresh session after a replay (a new coordinator), and a fresh revocation deadline', () => {
    const recording = new RecordingCore();
    recording.heartbeat({ rebalanceTimeoutMs: 5_000 }, at(0));
    recording.heartbeat({}, at(0));
    recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: ALL, rebalanceTimeoutMs: 5_000 }, at(0)); // owes revocations
    const moved = GroupCoordinatorCore.replay(recording.records, 100_000, { config: recording.core.config, newMemberId: () => 'unused' });
    expect(moved.nextDeadlineMs()).toBe(105_000);
    expect(moved.expire(104_999).response).toEqual([]);
    expect(moved.expire(105_000).response).toEqual([{ groupId: 'billing', memberId: 'member-1', reason: 'rebalance-timeout' }]);
    expect(moved.nextDeadlineMs()).toBe(130_000);
    expect(moved.expire(130_000).response.map((removed) => removed.memberId)).toEqual(['member-2']);
  });
});
