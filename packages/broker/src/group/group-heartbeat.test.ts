import { namesOf } from './test-support/assignment-checks';
import { heartbeatRequest, owned, RecordingCore, topicsOf } from './test-support/coordinator-harness';

const topics = topicsOf({ orders: 4, payments: 2 });
const at = (nowMs: number) => ({ nowMs, topics });

describe('group heartbeat: joining and incremental rebalancing (KIP-848)', () => {
  it('gives the first member every partition at epoch 1, and writes what replay needs', () => {
    const recording = new RecordingCore();
    const response = recording.heartbeat({}, at(0));
    expect(response).toMatchObject({ error: 'NONE', memberId: 'member-1', memberEpoch: 1, heartbeatIntervalMs: 3_000 });
    expect(namesOf(response.assignment)).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(recording.records.map((record) => record.kind)).toEqual([
      'member-metadata',
      'subscribed-topics',
      'group-epoch',
      'target-assignment-member',
      'target-assignment-epoch',
      'current-assignment',
    ]);
    expect(recording.core.groupState('billing')).toBe('stable');
    recording.expectReplayMatches();
  });

  it('moves partitions to a joining member only after their owner reports them released', () => {
    const recording = new RecordingCore();
    recording.heartbeat({}, at(0));
    const second = recording.heartbeat({}, at(10));
    expect(second).toMatchObject({ memberId: 'member-2', memberEpoch: 2 });
    expect(second.assignment).toEqual([]);
    expect(recording.core.groupState('billing')).toBe('reconciling');

    // member-1 is asked to revoke half: it keeps the rest and stays at epoch 1 meanwhile.
    const revoke = recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-0', 'orders-1', 'orders-2', 'orders-3') }, at(20));
    expect(revoke.memberEpoch).toBe(1);
    expect(namesOf(revoke.assignment)).toEqual(['orders-2', 'orders-3']);

    // Still owning them: nothing changes, and member-2 still cannot have them.
    const stillOwning = recording.keep(
      recording.core.heartbeat(
        heartbeatRequest({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-0', 'orders-1', 'orders-2', 'orders-3') }),
        at(30),
      ),
    );
    expect(stillOwning.records).toEqual([]);
    expect(recording.heartbeat({ memberId: 'member-2', memberEpoch: 2 }, at(30)).assignment).toEqual([]);

    const released = recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-2', 'orders-3') }, at(40));
    expect(released.memberEpoch).toBe(2);
    expect(namesOf(released.assignment)).toEqual(['orders-2', 'orders-3']);
    const taken = recording.heartbeat({ memberId: 'member-2', memberEpoch: 2 }, at(50));
    expect(namesOf(taken.assignment)).toEqual(['orders-0', 'orders-1']);
    expect(recording.core.groupState('billing')).toBe('stable');
    recording.expectReplayMatches();
  });

  it('starts a new assignment when a subscription changes or a topic grows', () => {
    const recording = new RecordingCore();
    recording.heartbeat({}, at(0));
    const both = recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, subscribedTopicNames: ['orders', 'payments'], owned: owned('orders-0', 'orders-1', 'orders-2', 'orders-3') }, at(10));
    expect(both.memberEpoch).toBe(2);
    expect(namesOf(both.assignment)).toHaveLength(6);
    const grown = recording.heartbeat(
      { memberId: 'member-1', memberEpoch: 2, subscribedTopicNames: ['orders', 'payments'], owned: both.assignment },
      { nowMs: 20, topics: topicsOf({ orders: 6, payments: 2 }) },
    );
    expect(grown.memberEpoch).toBe(3);
    expect(namesOf(grown.assignment)).toEqual(expect.arrayContaining(['orders-4', 'orders-5']));
    recording.expectReplayMatches();
  });

  it('assigns a subscribed topic once it is created', () => {
    const recording = new RecordingCore();
    const before = recording.heartbeat({ subscribedTopicNames: ['later'] }, at(0));
    expect(before.assignment).toEqual([]);
    const after = recording.heartbeat(
      { memberId: 'member-1', memberEpoch: 1, subscribedTopicNames: ['later'] },
      { nowMs: 10, topics: topicsOf({ later: 2 }) },
    );
    expect(after.memberEpoch).toBe(2);
    expect(namesOf(after.assignment)).toEqual(['later-0', 'later-1']);
  });

  it('subscribes by regular expression, matched against whole names, never internal topics', () => {
    const recording = new RecordingCore();
    const response = recording.heartbeat(
      { subscribedTopicNames: [], subscribedTopicRegex: 'pay.*|__.*|order' },
      { nowMs: 0, topics: topicsOf({ orders: 1, payments: 2, __consumer_offsets: 3 }) },
    );
    expect(namesOf(response.assignment)).toEqual(['payments-0', 'payments-1']);
  });

  it('accepts the previous epoch from a member whose answer was lost, and answers again', () => {
    const recording = new RecordingCore();
    recording.heartbeat({}, at(0));
    recording.heartbeat({ subscribedTopicNames: ['payments'] }, at(1));
    // member-2 reads another topic: member-1's next heartbeat moves it to epoch 2 and keeps
    // its partitions. Say that answer is lost: member-1 sends epoch 1 again.
    const moved = recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-0', 'orders-1', 'orders-2', 'orders-3') }, at(2));
    expect(moved.memberEpoch).toBe(2);
    const lostAnswer = recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-0') }, at(3));
    expect(lostAnswer).toMatchObject({ error: 'NONE', memberEpoch: 2 });
  });
});

describe('group heartbeat: fencing (Kafka’s error names)', () => {
  const joined = (): RecordingCore => {
    const recording = new RecordingCore();
    recording.heartbeat({}, at(0));
    return recording;
  };

  it('answers UNKNOWN_MEMBER_ID to a member id the group does not know, and to a group that does not exist', () => {
    const recording = joined();
    expect(recording.heartbeat({ memberId: 'ghost', memberEpoch: 1 }, at(1)).error).toBe('UNKNOWN_MEMBER_ID');
    expect(recording.heartbeat({ groupId: 'nobody', memberId: 'member-1', memberEpoch: 1 }, at(1)).error).toBe('UNKNOWN_MEMBER_ID');
  });

  it('answers FENCED_MEMBER_EPOCH to an epoch newer than the member’s, or older and not its previous', () => {
    const recording = joined();
    expect(recording.heartbeat({ memberId: 'member-1', memberEpoch: 2 }, at(1)).error).toBe('FENCED_MEMBER_EPOCH');
    recording.heartbeat({ subscribedTopicNames: ['payments'] }, at(2));
    recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-0') }, at(3));
    recording.heartbeat({ subscribedTopicNames: ['payments'] }, at(4));
    expect(recording.heartbeat({ memberId: 'member-1', memberEpoch: 2, owned: owned('orders-0') }, at(5)).memberEpoch).toBe(3);
    expect(recording.heartbeat({ memberId: 'member-1', memberEpoch: 1 }, at(6)).error).toBe('FENCED_MEMBER_EPOCH');
  });

  it('refuses malformed requests and changes nothing', () => {
    const recording = joined();
    const before = recording.core.view();
    const refusals = [
      [{ groupId: '' }, 'INVALID_GROUP_ID'],
      [{ groupId: 'a/b' }, 'INVALID_GROUP_ID'],
      [{ groupId: 'x'.repeat(250) }, 'INVALID_GROUP_ID'],
      [{ serverAssignor: 'sticky' }, 'UNSUPPORTED_ASSIGNOR'],
      [{ subscribedTopicRegex: '(' }, 'INVALID_REQUEST'],
      [{ memberEpoch: 3 }, 'INVALID_REQUEST'],
      [{ memberEpoch: -3, memberId: 'member-1' }, 'INVALID_REQUEST'],
      [{ memberEpoch: -2, memberId: 'member-1' }, 'INVALID_REQUEST'],
      [{ owned: [{ topic: 'orders', partitions: [-1] }] }, 'INVALID_REQUEST'],
    ] as const;
    for (const [request, error] of refusals) expect(recording.heartbeat(request, at(1)).error).toBe(error);
    expect(recording.records).toHaveLength(6);
    expect(recording.core.view()).toEqual(before);
  });

  it('refuses a new member past the group size limit with GROUP_MAX_SIZE_REACHED', () => {
    const recording = new RecordingCore({ groupSizeMax: 1 });
    recording.heartbeat({}, at(0));
    expect(recording.heartbeat({}, at(1)).error).toBe('GROUP_MAX_SIZE_REACHED');
  });
});
