import { ErrorCodes, type GroupWire } from '@samsa/protocol';
import { Membership, type MembershipConfig, type MembershipStep } from './membership';

const CONFIG: MembershipConfig = {
  groupId: 'billing',
  groupInstanceId: undefined,
  clientId: 'app',
  rebalanceTimeoutMs: 60_000,
  sessionTimeoutMs: 45_000,
  assignor: 'uniform',
  retryBackoffMs: 100,
  retryBackoffMaxMs: 1_000,
};

function answer(memberEpoch: number, assignment: Record<string, number[]>, memberId = 'm1'): GroupWire.HeartbeatResponse__Output {
  return {
    errorCode: 0,
    errorMessage: '',
    memberId,
    memberEpoch,
    heartbeatIntervalMs: 3_000,
    assignment: Object.entries(assignment).map(([topic, partitions]) => ({ topic, topicId: `id-${topic}`, partitions })),
  };
}

function failure(code: keyof typeof ErrorCodes): GroupWire.HeartbeatResponse__Output {
  return { errorCode: ErrorCodes[code].code, errorMessage: '', memberId: '', memberEpoch: 0, heartbeatIntervalMs: 0, assignment: [] };
}

const names = (step: MembershipStep | undefined) => step?.partitions.map((tp) => `${tp.topic}-${tp.partition}`);
const owned = (request: GroupWire.HeartbeatRequest | undefined) => request?.owned?.flatMap((group) => (group.partitions ?? []).map((partition) => `${group.topic}-${partition}`));

/** A member that joined at epoch 1 with orders 0, 1, 2 and owns them. */
function joined(): Membership {
  const membership = new Membership(CONFIG);
  membership.subscribe({ topics: ['orders'] }, 0);
  membership.heartbeatRequest(0);
  membership.onHeartbeatAnswer(answer(1, { orders: [0, 1, 2] }), 10);
  const step = membership.nextStep(10)!;
  membership.stepDone(step, 20);
  return membership;
}

describe('Membership (KIP-848, the member side)', () => {
  it('joins with epoch 0 and no member id, then assigns what the answer gives and acknowledges at once', () => {
    const membership = new Membership(CONFIG);
    expect(membership.heartbeatRequest(0)).toBeUndefined(); // not subscribed
    membership.subscribe({ topics: ['orders'] }, 0);
    const join = membership.heartbeatRequest(0);
    expect(join).toMatchObject({ groupId: 'billing', memberId: '', memberEpoch: 0, subscribedTopicNames: ['orders'], subscribedTopicRegex: '', serverAssignor: 'uniform', owned: [], rebalanceTimeoutMs: 60_000 });
    expect(membership.heartbeatRequest(0)).toBeUndefined(); // one in flight
    membership.onHeartbeatAnswer(answer(1, { orders: [2, 0] }), 10);
    expect(membership.phase).toBe('reconciling');
    const step = membership.nextStep(10);
    expect(step?.kind).toBe('assign');
    expect(names(step)).toEqual(['orders-0', 'orders-2']);
    expect(membership.nextStep(10)).toBeUndefined(); // one step at a time
    expect(membership.heartbeatRequest(11)).toBeUndefined(); // not due yet
    membership.stepDone(step!, 50);
    expect(membership.phase).toBe('stable');
    const ack = membership.heartbeatRequest(50);
    expect(ack).toMatchObject({ memberId: 'm1', memberEpoch: 1 });
    expect(owned(ack)).toEqual(['orders-0', 'orders-2']);
    expect(ack?.owned?.[0]?.topicId).toBe('id-orders');
  });

  it('sends a regex subscription as subscribed_topic_regex', () => {
    const membership = new Membership(CONFIG);
    membership.subscribe({ regex: 'orders-.*' }, 0);
    expect(membership.heartbeatRequest(0)).toMatchObject({ subscribedTopicNames: [], subscribedTopicRegex: 'orders-.*' });
  });

  it('revokes what the assignment leaves out before taking anything new, and heartbeats with the smaller owned at once', () => {
    const membership = joined();
    membership.heartbeatRequest(3_020);
    // The coordinator keeps epoch 1 and leaves out partition 2 (to revoke).
    membership.onHeartbeatAnswer(answer(1, { orders: [0, 1] }), 3_030);
    const revoke = membership.nextStep(3_030);
    expect(revoke?.kind).toBe('revoke');
    expect(names(revoke)).toEqual(['orders-2']);
    // Until the revocation is done, a heartbeat still says it owns 2.
    expect(owned(membership.heartbeatRequest(6_030))).toEqual(['orders-0', 'orders-1', 'orders-2']);
    membership.onHeartbeatAnswer(answer(1, { orders: [0, 1] }), 6_040);
    membership.stepDone(revoke!, 6_050);
    const released = membership.heartbeatRequest(6_050);
    expect(released).toMatchObject({ memberEpoch: 1 });
    expect(owned(released)).toEqual(['orders-0', 'orders-1']);
    // Now the coordinator moves it to epoch 2 with a partition another member released.
    membership.onHeartbeatAnswer(answer(2, { orders: [0, 1, 5] }), 6_060);
    const assign = membership.nextStep(6_060);
    expect(assign?.kind).toBe('assign');
    expect(names(assign)).toEqual(['orders-5']);
  });

  it('revokes a partition an assign step was still taking when a newer answer left it out', () => {
    const membership = new Membership(CONFIG);
    membership.subscribe({ topics: ['orders'] }, 0);
    membership.heartbeatRequest(0);
    membership.onHeartbeatAnswer(answer(1, { orders: [0, 1] }), 1);
    const assign = membership.nextStep(1)!;
    membership.heartbeatRequest(3_001);
    membership.onHeartbeatAnswer(answer(1, { orders: [0] }), 3_002);
    expect(membership.nextStep(3_002)).toBeUndefined();
    membership.stepDone(assign, 3_003);
    expect(names(membership.nextStep(3_003))).toEqual(['orders-1']);
  });

  it.each(['FENCED_MEMBER_EPOCH', 'UNKNOWN_MEMBER_ID'] as const)('%s: loses every partition without commit, then rejoins with epoch 0', (code) => {
    const membership = joined();
    membership.heartbeatRequest(3_020);
    membership.onHeartbeatAnswer(failure(code), 3_030);
    // No rejoin before the loss is done: it could be handed back a partition it still holds.
    expect(membership.heartbeatRequest(3_030)).toBeUndefined();
    const lose = membership.nextStep(3_030);
    expect(lose?.kind).toBe('lose');
    expect(names(lose)).toEqual(['orders-0', 'orders-1', 'orders-2']);
    expect(membership.heartbeatRequest(3_031)).toBeUndefined();
    membership.stepDone(lose!, 3_040);
    const rejoin = membership.heartbeatRequest(3_040);
    expect(rejoin).toMatchObject({ memberEpoch: 0, memberId: code === 'UNKNOWN_MEMBER_ID' ? '' : 'm1', owned: [] });
    expect(membership.ownedPartitions()).toEqual([]);
  });

  it('backs off and asks for the coordinator again on NOT_COORDINATOR, keeping its partitions', () => {
    const membership = joined();
    membership.heartbeatRequest(3_020);
    expect(membership.onHeartbeatAnswer(failure('NOT_COORDINATOR'), 3_030)).toEqual({ findCoordinator: true });
    expect(membership.heartbeatRequest(3_030)).toBeUndefined();
    expect(membership.nextWakeMs()).toBe(3_130);
    expect(membership.heartbeatRequest(3_130)).toMatchObject({ memberEpoch: 1 });
    expect(membership.onHeartbeatFailure('NETWORK_EXCEPTION', 3_140)).toEqual({ findCoordinator: true });
    expect(membership.nextWakeMs()).toBe(3_340); // 200 ms: the backoff doubles
    expect(membership.ownedPartitions()).toHaveLength(3);
  });

  it('takes its partitions as lost after a session without a successful heartbeat', () => {
    const membership = joined();
    membership.heartbeatRequest(3_020);
    membership.onHeartbeatFailure('NETWORK_EXCEPTION', 3_030);
    expect(membership.nextStep(40_000)).toBeUndefined();
    expect(membership.nextWakeMs()).toBeLessThanOrEqual(10 + 45_000);
    expect(membership.nextStep(45_010)?.kind).toBe('lose');
  });

  it('fails for good on a fatal error (a bad group id, an assignor the group does not support)', () => {
    const membership = new Membership(CONFIG);
    membership.subscribe({ topics: ['orders'] }, 0);
    membership.heartbeatRequest(0);
    expect(membership.onHeartbeatAnswer(failure('UNSUPPORTED_ASSIGNOR'), 1).fatal?.code).toBe('UNSUPPORTED_ASSIGNOR');
    expect(membership.phase).toBe('failed');
    expect(membership.heartbeatRequest(10_000)).toBeUndefined();
  });

  it('leaves with -1 after the heartbeat in flight, or -2 as a static member', () => {
    const membership = joined();
    membership.heartbeatRequest(3_020);
    membership.leave(3_025);
    expect(membership.heartbeatRequest(3_025)).toBeUndefined();
    membership.onHeartbeatAnswer(answer(1, { orders: [0, 1, 2] }), 3_030);
    expect(membership.heartbeatRequest(3_030)).toMatchObject({ memberEpoch: -1, memberId: 'm1' });
    membership.onHeartbeatAnswer(answer(-1, {}), 3_040);
    expect(membership.phase).toBe('left');

    const staticMember = new Membership({ ...CONFIG, groupInstanceId: 'host-1' });
    staticMember.subscribe({ topics: ['orders'] }, 0);
    staticMember.heartbeatRequest(0);
    staticMember.onHeartbeatAnswer(answer(1, {}), 1);
    staticMember.leave(2);
    expect(staticMember.heartbeatRequest(2)).toMatchObject({ memberEpoch: -2, instanceId: 'host-1' });
  });

  it('a member that never joined leaves without a heartbeat', () => {
    const membership = new Membership(CONFIG);
    membership.leave(0);
    expect(membership.phase).toBe('left');
  });
});
