import * as grpc from '@grpc/grpc-js';
import { Samsa } from '@samsa/client';
import { ErrorCodes, type ErrorName, type GroupWire, SAMSA_CHANNEL_OPTIONS, groupsService, waitFor } from '@samsa/protocol';
import { ControllerCluster } from './cluster-harness';

/**
 * The brokers' group coordinator over the wire, with raw Groups calls against three real
 * combined nodes: __consumer_offsets created on first use, membership and incremental
 * assignment, commits refused to members that do not own the partition or beyond the log
 * end, and a SIGKILL of the coordinator's node: the new leader of the group's partition
 * rebuilds members and committed offsets from the log and the members carry on.
 */
jest.setTimeout(150_000);

const TOPIC = 'group-orders';
type GroupsClient = InstanceType<ReturnType<typeof groupsService>>;

function call<Request, Response>(client: GroupsClient, method: string, request: Request): Promise<Response> {
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + 10_000);
    (client as unknown as Record<string, (request: Request, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response: Response) => void) => void>)[method]!(
      request,
      { deadline },
      (error, response) => (error ? reject(error) : resolve(response)),
    );
  });
}

const code = (name: ErrorName) => ErrorCodes[name].code;
const RETRY_COORDINATOR = new Set([code('NOT_COORDINATOR'), code('COORDINATOR_NOT_AVAILABLE'), code('COORDINATOR_LOAD_IN_PROGRESS')]);

describe('the group coordinator (three combined nodes, raw Groups calls)', () => {
  let cluster: ControllerCluster | undefined;
  let samsa: Samsa | undefined;
  const clients = new Map<string, GroupsClient>();

  const clientFor = (address: string): GroupsClient => {
    let client = clients.get(address);
    if (client === undefined) {
      const Groups = groupsService();
      client = new Groups(address, grpc.credentials.createInsecure(), SAMSA_CHANNEL_OPTIONS);
      clients.set(address, client);
    }
    return client;
  };

  afterEach(async () => {
    for (const client of clients.values()) client.close();
    clients.clear();
    await samsa?.close().catch(() => undefined);
    if (cluster !== undefined) {
      const state = expect.getState();
      if (state.assertionCalls !== state.numPassingAsserts) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} (tail) ---\n${node.output.slice(-3000)}\n`);
      await cluster.destroy();
    }
  });

  it('assigns incrementally, refuses what it must, and keeps members and offsets through a SIGKILL of the coordinator', async () => {
    cluster = await ControllerCluster.withBrokers('combined');
    await cluster.startAll();
    await cluster.waitForLeader(60_000);
    await cluster.waitForBrokersReady(60_000);
    const live = cluster;
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it-groups' });
    await samsa.admin().createTopic({ name: TOPIC, partitions: 4, replicationFactor: 3 });
    const producer = samsa.producer({ acks: 'all' });
    for (let partition = 0; partition < 4; partition++) await producer.send(TOPIC, Array.from({ length: 10 }, (_, index) => ({ value: `v${index}`, partition })));

    const alive = () => live.brokers.filter((node) => node.process !== undefined);
    /** The coordinator of `group`, asked of any live broker, retried while the topic is made or moves. */
    const coordinatorOf = (group: string) =>
      waitFor(`the coordinator of ${group}`, 60_000, async () => {
        for (const node of alive()) {
          const response = await call<GroupWire.FindCoordinatorRequest, GroupWire.FindCoordinatorResponse__Output>(clientFor(`127.0.0.1:${node.brokerPort}`), 'FindCoordinator', { groupIds: [group] }).catch(() => undefined);
          const found = response?.coordinators[0];
          if (found !== undefined && found.errorCode === 0) return found;
        }
        return undefined;
      });
    /** A group call at the coordinator, found again while it answers "look elsewhere". */
    const atCoordinator = async <Request, Response>(group: string, method: string, request: Request, errorOf: (response: Response) => number = (response) => (response as { errorCode: number }).errorCode): Promise<Response> =>
      waitFor(`${method} for ${group}`, 60_000, async () => {
        const coordinator = await coordinatorOf(group);
        const response = await call<Request, Response>(clientFor(`${coordinator.host}:${coordinator.port}`), method, request).catch(() => undefined);
        return response === undefined || RETRY_COORDINATOR.has(errorOf(response)) ? undefined : response;
      });
    const groupError = (response: { groups: { errorCode: number }[] }) => response.groups[0]!.errorCode;
    const heartbeat = (request: Partial<GroupWire.HeartbeatRequest>) =>
      atCoordinator<GroupWire.HeartbeatRequest, GroupWire.HeartbeatResponse__Output>('billing', 'Heartbeat', { groupId: 'billing', subscribedTopicNames: [TOPIC], rebalanceTimeoutMs: 60_000, ...request });
    const partitionsOf = (assignment: readonly GroupWire.TopicPartitions__Output[]) => assignment.flatMap((topic) => topic.partitions).sort();

    // A malformed group id is refused by any broker, before anything is created.
    const malformed = await call<GroupWire.FindCoordinatorRequest, GroupWire.FindCoordinatorResponse__Output>(clientFor(cluster.bootstrap[0]!), 'FindCoordinator', { groupIds: ['bad/id'] });
    expect(malformed.coordinators[0]!.errorCode).toBe(code('INVALID_GROUP_ID'));

    // The first member gets every partition (the topic __consumer_offsets is created on the way).
    const first = await heartbeat({ memberEpoch: 0 });
    expect(first.errorCode).toBe(0);
    expect(partitionsOf(first.assignment)).toEqual([0, 1, 2, 3]);
    expect(first.assignment[0]!.topicId).not.toBe('');
    const firstStable = await heartbeat({ memberId: first.memberId, memberEpoch: first.memberEpoch, owned: first.assignment });
    expect(firstStable.errorCode).toBe(0);

    // Commits: within the log, beyond its end, and for a partition of a stranger.
    const commit = (memberId: string, memberEpoch: number, partition: number, offset: number) =>
      atCoordinator<GroupWire.OffsetCommitRequest, GroupWire.OffsetCommitResponse__Output>('billing', 'OffsetCommit', { groupId: 'billing', memberId, memberEpoch, topics: [{ topic: TOPIC, partitions: [{ partition, offset, leaderEpoch: -1 }] }] });
    for (let partition = 0; partition < 4; partition++) expect((await commit(first.memberId, first.memberEpoch, partition, 5 + partition)).topics[0]!.partitions[0]!.errorCode).toBe(0);
    expect((await commit(first.memberId, first.memberEpoch, 0, 1000)).topics[0]!.partitions[0]!.errorCode).toBe(code('OFFSET_OUT_OF_RANGE'));

    // A second member joins: it gets nothing the first still owns; the first is told to let two go.
    const second = await heartbeat({ memberEpoch: 0 });
    expect(second.errorCode).toBe(0);
    expect(partitionsOf(second.assignment)).toEqual([]);
    const told = await heartbeat({ memberId: first.memberId, memberEpoch: firstStable.memberEpoch, owned: first.assignment });
    expect(partitionsOf(told.assignment)).toHaveLength(2);
    const released = [0, 1, 2, 3].filter((partition) => !partitionsOf(told.assignment).includes(partition));
    expect((await commit(second.memberId, second.memberEpoch, released[0]!, 7)).topics[0]!.partitions[0]!.errorCode).toBe(code('STALE_MEMBER_EPOCH'));
    // The first lets go; then the second gets the two released partitions.
    const firstAfter = await heartbeat({ memberId: first.memberId, memberEpoch: told.memberEpoch, owned: told.assignment });
    expect(firstAfter.errorCode).toBe(0);
    const secondGets = await heartbeat({ memberId: second.memberId, memberEpoch: second.memberEpoch, owned: [] });
    expect(partitionsOf(secondGets.assignment)).toEqual(released);

    // Operators cannot reset or delete a group with members.
    const reset = await atCoordinator<GroupWire.AlterOffsetsRequest, GroupWire.AlterOffsetsResponse__Output>('billing', 'AlterOffsets', { groupId: 'billing', topics: [{ topic: TOPIC, partitions: [{ partition: 0, offset: 0 }] }] });
    expect(reset.errorCode).toBe(code('NON_EMPTY_GROUP'));
    const deleted = await atCoordinator<GroupWire.DeleteGroupsRequest, GroupWire.DeleteGroupsResponse__Output>('billing', 'DeleteGroups', { groupIds: ['billing'] }, groupError);
    expect(deleted.groups[0]!.errorCode).toBe(code('NON_EMPTY_GROUP'));

    // The coordinator's metrics: members, committed offsets, lag (10 records a partition).
    const before = await coordinatorOf('billing');
    const metrics = await (await fetch(`http://127.0.0.1:${live.node(before.nodeId).httpPort}/metrics`)).text();
    // Every series also carries the node's default label node_id.
    const series = (name: string, labels: string) => new RegExp(`^${name}\\{${labels},node_id="${before.nodeId}"\\} (\\d+)$`, 'm').exec(metrics)?.[1];
    expect(series('samsa_consumer_group_members', 'group="billing"')).toBe('2');
    expect(series('samsa_consumer_group_committed_offset', `group="billing",topic="${TOPIC}",partition="1"`)).toBe('6');
    expect(series('samsa_consumer_group_lag', `group="billing",topic="${TOPIC}",partition="1"`)).toBe('4');

    // SIGKILL the coordinator's node: the new coordinator knows the members and the offsets.
    await live.kill(before.nodeId);
    const after = await waitFor('another coordinator', 60_000, async () => {
      const found = await coordinatorOf('billing');
      return found.nodeId === before.nodeId ? undefined : found;
    });
    expect(after.nodeId).not.toBe(before.nodeId);
    const fetched = await atCoordinator<GroupWire.OffsetFetchRequest, GroupWire.OffsetFetchResponse__Output>('billing', 'OffsetFetch', { groupId: 'billing', topics: [{ topic: TOPIC, partitions: [0, 1, 2, 3] }] });
    expect(fetched.topics[0]!.partitions.map((partition) => partition.offset)).toEqual([5, 6, 7, 8]);
    const carriesOn = await heartbeat({ memberId: second.memberId, memberEpoch: secondGets.memberEpoch, owned: secondGets.assignment });
    expect(carriesOn.errorCode).toBe(0);
    expect(partitionsOf(carriesOn.assignment)).toEqual(released);
    const described = await atCoordinator<GroupWire.DescribeGroupsRequest, GroupWire.DescribeGroupsResponse__Output>('billing', 'DescribeGroups', { groupIds: ['billing'] }, groupError);
    expect(described.groups[0]!.members.map((member) => member.memberId).sort()).toEqual([first.memberId, second.memberId].sort());

    // Both leave; then the group can be reset, listed as empty, and deleted.
    for (const member of [first, second]) expect((await heartbeat({ memberId: member.memberId, memberEpoch: -1 })).errorCode).toBe(0);
    const resetNow = await atCoordinator<GroupWire.AlterOffsetsRequest, GroupWire.AlterOffsetsResponse__Output>('billing', 'AlterOffsets', { groupId: 'billing', topics: [{ topic: TOPIC, partitions: [{ partition: 0, offset: 2 }, { partition: 1, offset: 1000 }] }] });
    expect(resetNow.topics[0]!.partitions.map((partition) => partition.errorCode)).toEqual([0, code('OFFSET_OUT_OF_RANGE')]);
    const unknown = await atCoordinator<GroupWire.DescribeGroupsRequest, GroupWire.DescribeGroupsResponse__Output>('nobody', 'DescribeGroups', { groupIds: ['nobody'] }, groupError);
    expect(unknown.groups[0]!.errorCode).toBe(code('GROUP_ID_NOT_FOUND'));
    const gone = await atCoordinator<GroupWire.DeleteGroupsRequest, GroupWire.DeleteGroupsResponse__Output>('billing', 'DeleteGroups', { groupIds: ['billing'] }, groupError);
    expect(gone.groups[0]!.errorCode).toBe(0);
  });
});
