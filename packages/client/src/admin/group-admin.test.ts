import { SamsaError } from '@samsa/protocol';
import type { Admin } from './admin';
import { Samsa } from '../samsa';
import { FakeCluster } from '../test-support/fake-cluster';
import { FakeGroupsAdmin } from '../test-support/fake-groups-admin';

// The group half of Admin against fake brokers serving the coordinator's admin rules
// (test-support/fake-groups-admin.ts): routing to the coordinator, lag, reset, delete, and
// every refusal changing nothing.

let cluster: FakeCluster;
let groups: FakeGroupsAdmin;
let samsa: Samsa;
let admin: Admin;

beforeEach(async () => {
  cluster = await FakeCluster.start(3);
  groups = FakeGroupsAdmin.attach(cluster);
  samsa = new Samsa({ bootstrap: cluster.bootstrap, requestTimeoutMs: 2_000, retry: { initialRetryTimeMs: 5, maxRetryTimeMs: 40, retries: 8 }, metadataRefreshMinIntervalMs: 5 });
  admin = samsa.admin();
});

afterEach(async () => {
  admin.close();
  await samsa.close();
  await cluster.stop();
});

/** Writes `counts[p]` records to each partition p of `topic`, with timestamps 1000, 1001, ... */
async function produce(topic: string, counts: readonly number[]): Promise<void> {
  const producer = samsa.producer({ lingerMs: 0 });
  for (const [partition, count] of counts.entries()) {
    if (count > 0) await producer.send(topic, Array.from({ length: count }, (_, index) => ({ value: `v${index}`, partition, timestamp: 1000 + index })));
  }
  await producer.close();
}

async function refusal(promise: Promise<unknown>): Promise<SamsaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SamsaError)) throw new Error(`expected a SamsaError, got ${String(error)}`);
  return error;
}

const groupCalls = (method: string): number => groups.calls.filter((call) => call.method === method).length;

describe('listing and describing groups', () => {
  it('merges every broker\'s groups, sorted, and filters by state', async () => {
    groups.addGroup('b-empty', { coordinator: 2 });
    groups.addGroup('a-live', { coordinator: 3, members: [{ memberId: 'm1' }] });
    groups.addGroup('c-empty', { coordinator: 1 });
    const all = await admin.listGroups();
    expect(all).toEqual([
      { groupId: 'a-live', state: 'stable', members: 1, coordinator: 3 },
      { groupId: 'b-empty', state: 'empty', members: 0, coordinator: 2 },
      { groupId: 'c-empty', state: 'empty', members: 0, coordinator: 1 },
    ]);
    expect(new Set(groups.calls.filter((call) => call.method === 'ListGroups').map((call) => call.brokerId))).toEqual(new Set([1, 2, 3]));
    expect((await admin.listGroups({ states: ['empty'] })).map((group) => group.groupId)).toEqual(['b-empty', 'c-empty']);
  });

  it('describes members with what they own and their target, asking the coordinator', async () => {
    cluster.createTopic('orders', 4);
    groups.addGroup('billing', {
      coordinator: 2,
      members: [
        { memberId: 'm2', clientId: 'app', assignment: [{ topic: 'orders', partitions: [3, 2] }] },
        { memberId: 'm1', clientId: 'app', assignment: [{ topic: 'orders', partitions: [0] }], targetAssignment: [{ topic: 'orders', partitions: [0, 1] }] },
      ],
    });
    const [group] = await admin.describeGroups(['billing']);
    expect(group).toMatchObject({ groupId: 'billing', state: 'stable', coordinator: 2, assignor: 'uniform' });
    expect(group?.members.map((member) => [member.memberId, member.assignment, member.targetAssignment])).toEqual([
      ['m1', [{ topic: 'orders', partitions: [0] }], [{ topic: 'orders', partitions: [0, 1] }]],
      ['m2', [{ topic: 'orders', partitions: [2, 3] }], [{ topic: 'orders', partitions: [2, 3] }]],
    ]);
    expect(groups.calls.filter((call) => call.method === 'DescribeGroups').map((call) => call.brokerId)).toEqual([2]);
  });

  it('refuses an unknown group (GROUP_ID_NOT_FOUND), a malformed id (INVALID_GROUP_ID), and a non-string id (TypeError)', async () => {
    expect((await refusal(admin.describeGroups(['nobody']))).code).toBe('GROUP_ID_NOT_FOUND');
    expect((await refusal(admin.describeGroups(['bad id!']))).code).toBe('INVALID_GROUP_ID');
    await expect(admin.describeGroups([''])).rejects.toThrow(TypeError);
    await expect(admin.describeGroups([])).rejects.toThrow(TypeError);
  });

  it('finds the coordinator again when the group moved (NOT_COORDINATOR) or is loading', async () => {
    const group = groups.addGroup('moving', { coordinator: 1 });
    await admin.describeGroups(['moving']);
    group.coordinator = 3;
    groups.failNext('DescribeGroups', 'COORDINATOR_LOAD_IN_PROGRESS');
    const [described] = await admin.describeGroups(['moving']);
    expect(described?.coordinator).toBe(3);
    const asked = groups.calls.filter((call) => call.method === 'DescribeGroups').map((call) => call.brokerId);
    // 1 (first), 1 (NOT_COORDINATOR: moved), 3 (loading), 3 (answer).
    expect(asked).toEqual([1, 1, 3, 3]);
    expect(groupCalls('FindCoordinator')).toBe(3);
  });
});

describe('describeGroupOffsets', () => {
  it('shows per partition committed, end and lag = end - committed; an owned partition without a commit shows null', async () => {
    cluster.createTopic('orders', 3);
    await produce('orders', [10, 7, 5]);
    groups.addGroup('billing', { coordinator: 2, offsets: { orders: { 0: 4, 1: 7 } }, members: [{ memberId: 'm1', assignment: [{ topic: 'orders', partitions: [1, 2] }] }] });
    const { group, offsets } = await admin.describeGroupOffsets('billing');
    expect(group.state).toBe('stable');
    expect(offsets).toEqual([
      { topic: 'orders', partition: 0, committed: 4n, end: 10n, lag: 6n, memberId: null },
      { topic: 'orders', partition: 1, committed: 7n, end: 7n, lag: 0n, memberId: 'm1' },
      { topic: 'orders', partition: 2, committed: null, end: 5n, lag: null, memberId: 'm1' },
    ]);
  });

  it('shows end and lag null for a topic deleted since the commit', async () => {
    groups.addGroup('old', { offsets: { gone: { 0: 3 } } });
    const { offsets } = await admin.describeGroupOffsets('old');
    expect(offsets).toEqual([{ topic: 'gone', partition: 0, committed: 3n, end: null, lag: null, memberId: null }]);
  });

  it('fetches committed offsets, of every topic or those named', async () => {
    cluster.createTopic('a', 1);
    cluster.createTopic('b', 2);
    groups.addGroup('g', { offsets: { b: { 1: 2, 0: 1 }, a: { 0: 5 } } });
    expect((await admin.fetchCommittedOffsets('g')).map((entry) => [entry.topic, entry.partition, entry.offset])).toEqual([
      ['a', 0, 5n],
      ['b', 0, 1n],
      ['b', 1, 2n],
    ]);
    expect((await admin.fetchCommittedOffsets('g', ['b'])).map((entry) => entry.partition)).toEqual([0, 1]);
    expect(await admin.fetchCommittedOffsets('never-committed')).toEqual([]);
  });
});

describe('resetOffsets', () => {
  beforeEach(async () => {
    cluster.createTopic('orders', 2);
    await produce('orders', [10, 6]);
    cluster.truncateBefore('orders', 0, 0);
  });

  it('moves every partition to the earliest, latest, an offset, a time, or by a shift', async () => {
    groups.addGroup('g', { offsets: { orders: { 0: 5, 1: 5 } } });
    expect(await admin.resetOffsets('g', { topic: 'orders', to: 'earliest' })).toEqual([
      { topic: 'orders', partition: 0, previous: 5n, offset: 0n },
      { topic: 'orders', partition: 1, previous: 5n, offset: 0n },
    ]);
    expect([groups.committed('g', 'orders', 0), groups.committed('g', 'orders', 1)]).toEqual([0, 0]);
    await admin.resetOffsets('g', { topic: 'orders', to: 'latest' });
    expect([groups.committed('g', 'orders', 0), groups.committed('g', 'orders', 1)]).toEqual([10, 6]);
    await admin.resetOffsets('g', { topic: 'orders', partitions: [1], to: { offset: 3 } });
    expect([groups.committed('g', 'orders', 0), groups.committed('g', 'orders', 1)]).toEqual([10, 3]);
    // Shifts are clamped into the log, as kafka-consumer-groups does.
    await admin.resetOffsets('g', { topic: 'orders', to: { shiftBy: -4n } });
    expect([groups.committed('g', 'orders', 0), groups.committed('g', 'orders', 1)]).toEqual([6, 0]);
    await admin.resetOffsets('g', { topic: 'orders', to: { shiftBy: 100 } });
    expect([groups.committed('g', 'orders', 0), groups.committed('g', 'orders', 1)]).toEqual([10, 6]);
  });

  it('resets to a time: the first batch at or after it, the log end when none is', async () => {
    // One batch per partition (timestamps 1000..1009 and 1000..1005): the fake finds batches.
    const plan = await admin.resetOffsets('g', { topic: 'orders', to: { timestamp: 1007 } });
    expect(plan.map((entry) => entry.offset)).toEqual([0n, 6n]);
    expect(plan.map((entry) => entry.previous)).toEqual([null, null]);
  });

  it('changes nothing in a dry run', async () => {
    groups.addGroup('g', { offsets: { orders: { 0: 5 } } });
    const plan = await admin.resetOffsets('g', { topic: 'orders', partitions: [0], to: 'latest', dryRun: true });
    expect(plan).toEqual([{ topic: 'orders', partition: 0, previous: 5n, offset: 10n }]);
    expect(groups.committed('g', 'orders', 0)).toBe(5);
    expect(groupCalls('AlterOffsets')).toBe(0);
  });

  it('refuses an offset beyond the log end of any partition, naming it, before changing anything', async () => {
    groups.addGroup('g', { offsets: { orders: { 0: 5, 1: 5 } } });
    const error = await refusal(admin.resetOffsets('g', { topic: 'orders', to: { offset: 8 } }));
    expect(error.code).toBe('OFFSET_OUT_OF_RANGE');
    expect(error.message).toMatch(/offset 8 is outside the log of orders-1, which holds \[0, 6\]/);
    expect([groups.committed('g', 'orders', 0), groups.committed('g', 'orders', 1)]).toEqual([5, 5]);
    expect(groupCalls('AlterOffsets')).toBe(0);
  });

  it('refuses an unknown topic or partition, and a group with members, changing nothing', async () => {
    groups.addGroup('live', { offsets: { orders: { 0: 5 } }, members: [{ memberId: 'm1', assignment: [{ topic: 'orders', partitions: [0, 1] }] }] });
    expect((await refusal(admin.resetOffsets('live', { topic: 'nope', to: 'earliest' }))).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    const partition = await refusal(admin.resetOffsets('live', { topic: 'orders', partitions: [2], to: 'earliest' }));
    expect(partition.code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(partition.message).toMatch(/has no partition 2 \(it has 2\)/);
    const live = await refusal(admin.resetOffsets('live', { topic: 'orders', to: 'earliest' }));
    expect(live.code).toBe('NON_EMPTY_GROUP');
    expect(live.retriable).toBe(false);
    expect(groups.committed('live', 'orders', 0)).toBe(5);
    expect(groupCalls('AlterOffsets')).toBe(0);
  });

  it('passes on the coordinator\'s NON_EMPTY_GROUP when a member joins after the check', async () => {
    groups.addGroup('racing', { offsets: { orders: { 0: 5 } } });
    groups.failNext('AlterOffsets', 'NON_EMPTY_GROUP');
    expect((await refusal(admin.resetOffsets('racing', { topic: 'orders', to: 'earliest' }))).code).toBe('NON_EMPTY_GROUP');
    expect(groups.committed('racing', 'orders', 0)).toBe(5);
  });

  it('creates a group that does not exist, as Kafka does; a shift needs a committed offset', async () => {
    await admin.resetOffsets('fresh', { topic: 'orders', partitions: [0], to: { offset: 2 } });
    expect(groups.committed('fresh', 'orders', 0)).toBe(2);
    await expect(admin.resetOffsets('fresh', { topic: 'orders', partitions: [1], to: { shiftBy: 1 } })).rejects.toThrow(/cannot shift orders-1, the group has committed nothing there/);
  });

  it.each([
    [{ topic: 'orders', to: 'newest' }, TypeError],
    [{ topic: 'orders', to: { offset: -1 } }, RangeError],
    [{ topic: 'orders', to: { offset: 1.5 } }, TypeError],
    [{ topic: 'orders', to: { offset: 1, shiftBy: 2 } }, TypeError],
    [{ topic: 'orders', to: { timestamp: -5 } }, RangeError],
    [{ topic: '', to: 'earliest' }, TypeError],
    [{ topic: 'orders', partitions: [0, 0], to: 'earliest' }, RangeError],
    [{ topic: 'orders', partitions: [-1], to: 'earliest' }, RangeError],
    [{ topic: 'orders', partitions: [], to: 'earliest' }, TypeError],
  ])('throws a programmer error for %j and calls nobody', async (options, type) => {
    const before = groups.calls.length;
    await expect(admin.resetOffsets('g', options as never)).rejects.toThrow(type);
    expect(groups.calls.length).toBe(before);
  });
});

describe('deleteGroups', () => {
  it('deletes an empty group with its offsets; refuses one with members and an unknown one', async () => {
    groups.addGroup('done', { coordinator: 3, offsets: { orders: { 0: 1 } } });
    groups.addGroup('live', { members: [{ memberId: 'm1' }] });
    await admin.deleteGroups(['done']);
    expect(groups.groups.has('done')).toBe(false);
    expect((await refusal(admin.deleteGroups(['live']))).code).toBe('NON_EMPTY_GROUP');
    expect(groups.groups.has('live')).toBe(true);
    expect((await refusal(admin.deleteGroups(['done']))).code).toBe('GROUP_ID_NOT_FOUND');
    expect((await refusal(admin.deleteGroups(['no/slash']))).code).toBe('INVALID_GROUP_ID');
  });
});
