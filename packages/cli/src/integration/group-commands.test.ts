import { spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { Samsa } from '@samsa/client';
import { ErrorCodes, type GroupWire, SAMSA_CHANNEL_OPTIONS, groupsService, waitFor } from '@samsa/protocol';
import { LocalCluster, SAMSA_BIN } from '../local-cluster/local-cluster';

/**
 * `samsa group list | describe | delete | reset-offsets` as a user runs them, against three
 * combined nodes. A member driven with raw Heartbeat and OffsetCommit calls commits offsets;
 * describe --json must show lag = end - committed for every partition. Resets and deletes are
 * refused while the member is live and change nothing; after it leaves they work. Unknown
 * group, malformed id, unknown topic and an offset beyond the log end each get their error
 * and change nothing.
 */
jest.setTimeout(180_000);

const TOPIC = 'lag-orders';
const GROUP = 'billing';
/** Records written to partitions 0, 1, 2. */
const WRITTEN = [30, 20, 10];
type GroupsClient = InstanceType<ReturnType<typeof groupsService>>;
const RETRY_COORDINATOR = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS'].map((name) => ErrorCodes[name as 'NOT_COORDINATOR'].code));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function samsa(argv: readonly string[], timeoutMs = 60_000): Promise<Result> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAMSA_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SAMSA_BIN, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`samsa ${argv.join(' ')} did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function call<Response>(client: GroupsClient, method: string, request: object): Promise<Response> {
  return new Promise((resolve, reject) => {
    const invoke = (client as unknown as Record<string, (request: object, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response: Response) => void) => void>)[method]!;
    invoke.call(client, request, { deadline: new Date(Date.now() + 10_000) }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

/**
 * One group member speaking the Groups protocol by hand (the Consumer is another piece of
 * work): joins, heartbeats until it owns its whole assignment, commits, keeps its session
 * alive with a heartbeat every 2 s (one in flight, as the protocol asks), and leaves.
 */
class RawMember {
  private readonly clients = new Map<string, GroupsClient>();
  memberId = '';
  memberEpoch = 0;
  owned: GroupWire.TopicPartitions__Output[] = [];
  private keepAlive: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly bootstrap: readonly string[]) {}

  private client(address: string): GroupsClient {
    let client = this.clients.get(address);
    if (client === undefined) {
      const Groups = groupsService();
      client = new Groups(address, grpc.credentials.createInsecure(), SAMSA_CHANNEL_OPTIONS);
      this.clients.set(address, client);
    }
    return client;
  }

  /** A call at the group's coordinator, found again while the answer says to look elsewhere. */
  private atCoordinator<Response extends { errorCode: number }>(method: string, request: object): Promise<Response> {
    return waitFor(`${method} at the coordinator of ${GROUP}`, 60_000, async () => {
      for (const address of this.bootstrap) {
        const found = await call<GroupWire.FindCoordinatorResponse__Output>(this.client(address), 'FindCoordinator', { groupIds: [GROUP] }).catch(() => undefined);
        const coordinator = found?.coordinators[0];
        if (coordinator === undefined || coordinator.errorCode !== 0) continue;
        const response = await call<Response>(this.client(`${coordinator.host}:${coordinator.port}`), method, request).catch(() => undefined);
        if (response !== undefined && !RETRY_COORDINATOR.has(response.errorCode)) return response;
      }
      return undefined;
    });
  }

  private async heartbeat(memberEpoch: number): Promise<GroupWire.HeartbeatResponse__Output> {
    const response = await this.atCoordinator<GroupWire.HeartbeatResponse__Output>('Heartbeat', {
      groupId: GROUP,
      memberId: this.memberId,
      memberEpoch,
      clientId: 'it-raw-member',
      rebalanceTimeoutMs: 60_000,
      subscribedTopicNames: [TOPIC],
      owned: this.owned,
    });
    if (response.errorCode !== 0) throw new Error(`Heartbeat refused: ${response.errorCode} ${response.errorMessage}`);
    return response;
  }

  /** Joins and heartbeats until it owns exactly what it is given (a lone member: everything). */
  async join(partitions: number): Promise<void> {
    let response = await this.heartbeat(0);
    this.memberId = response.memberId;
    await waitFor(`${GROUP} to give the member all ${partitions} partitions`, 60_000, async () => {
      this.memberEpoch = response.memberEpoch;
      this.owned = response.assignment;
      if (this.owned.flatMap((topic) => topic.partitions).length === partitions) return true;
      response = await this.heartbeat(this.memberEpoch);
      return undefined;
    });
    this.keepAlive = this.beat();
  }

  private async beat(): Promise<void> {
    while (!this.stopping) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      if (!this.stopping) await this.heartbeat(this.memberEpoch);
    }
  }

  async commit(offsets: readonly number[]): Promise<void> {
    const response = await this.atCoordinator<GroupWire.OffsetCommitResponse__Output>('OffsetCommit', {
      groupId: GROUP,
      memberId: this.memberId,
      memberEpoch: this.memberEpoch,
      topics: [{ topic: TOPIC, partitions: offsets.map((offset, partition) => ({ partition, offset, leaderEpoch: -1, metadata: '' })) }],
    });
    const refused = response.topics.flatMap((topic) => topic.partitions).filter((partition) => partition.errorCode !== 0);
    if (response.errorCode !== 0 || refused.length > 0) throw new Error(`OffsetCommit refused: ${response.errorCode} ${JSON.stringify(refused)}`);
  }

  async leave(): Promise<void> {
    this.stopping = true;
    await this.keepAlive;
    await this.heartbeat(-1);
  }

  close(): void {
    this.stopping = true;
    for (const client of this.clients.values()) client.close();
  }
}

interface DescribeJson {
  group: string;
  state: string;
  members: { memberId: string }[];
  offsets: { topic: string; partition: number; committed: number | null; end: number | null; lag: number | null }[];
}

describe('samsa group commands against real nodes', () => {
  let cluster: LocalCluster | undefined;
  let client: Samsa | undefined;
  let member: RawMember | undefined;

  afterAll(async () => {
    member?.close();
    await client?.close();
    await cluster?.destroy();
  });

  test('describe shows lag = end - committed; reset and delete are refused while a member is live and work once it left', async () => {
    cluster = await LocalCluster.combined(3, { logLevel: 'warn' });
    await cluster.startAndWait(60_000);
    const bootstrap = cluster.bootstrap.join(',');
    const group = (...argv: string[]) => samsa(['group', ...argv, '-b', bootstrap]);
    const describe = async (): Promise<DescribeJson> => {
      const result = await group('describe', GROUP, '--json');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as DescribeJson;
    };
    const committed = async () => (await describe()).offsets.map((entry) => entry.committed);

    // A fresh cluster: no groups, and the first group call waits while __consumer_offsets is made.
    const none = await group('list');
    expect(none).toEqual({ code: 0, stdout: 'no groups\n', stderr: '' });
    const first = await group('describe', 'nobody');
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^samsa: GROUP_ID_NOT_FOUND: .*\n$/);

    client = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it-group-commands' });
    await client.admin().createTopic({ name: TOPIC, partitions: 3, replicationFactor: 3 });
    const producer = client.producer({ acks: 'all' });
    for (const [partition, count] of WRITTEN.entries()) await producer.send(TOPIC, Array.from({ length: count }, (_, index) => ({ value: `v${index}`, partition })));
    await producer.close();

    member = new RawMember(cluster.bootstrap);
    await member.join(3);
    await member.commit([12, 20, 3]);

    // Lag per partition: end (the high watermark: everything written, acks=all) minus committed.
    const live = await describe();
    expect(live.group).toBe(GROUP);
    expect(live.state).toBe('stable');
    expect(live.members.map((entry) => entry.memberId)).toEqual([member.memberId]);
    expect(live.offsets).toEqual([
      { topic: TOPIC, partition: 0, committed: 12, end: 30, lag: 18 },
      { topic: TOPIC, partition: 1, committed: 20, end: 20, lag: 0 },
      { topic: TOPIC, partition: 2, committed: 3, end: 10, lag: 7 },
    ]);
    for (const entry of live.offsets) expect(entry.lag).toBe(entry.end! - entry.committed!);
    const table = await group('describe', GROUP);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^${TOPIC}\\s+0\\s+12\\s+30\\s+18\\s+${member.memberId}$`, 'm'));

    const listed = await group('list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { group: string; state: string; members: number }[]).filter((entry) => entry.group === GROUP)).toEqual([
      expect.objectContaining({ group: GROUP, state: 'stable', members: 1 }),
    ]);

    // While the member is live: reset and delete are refused and change nothing.
    const resetLive = await group('reset-offsets', GROUP, '--topic', TOPIC, '--to-earliest');
    expect(resetLive.code).toBe(1);
    expect(resetLive.stderr).toMatch(/^samsa: NON_EMPTY_GROUP: .*\n$/);
    const deleteLive = await group('delete', GROUP);
    expect(deleteLive.code).toBe(1);
    expect(deleteLive.stderr).toMatch(/^samsa: NON_EMPTY_GROUP: .*\n$/);
    expect(await committed()).toEqual([12, 20, 3]);

    await member.leave();
    expect((await describe()).state).toBe('empty');

    // An offset beyond the log end of any chosen partition: refused, nothing changed.
    const beyond = await group('reset-offsets', GROUP, '--topic', TOPIC, '--to-offset', '25');
    expect(beyond.code).toBe(1);
    expect(beyond.stderr).toMatch(/^samsa: OFFSET_OUT_OF_RANGE: .*offset 25 is outside the log of lag-orders-1, which holds \[0, 20\].*\n$/);
    expect(await committed()).toEqual([12, 20, 3]);
    const unknownTopic = await group('reset-offsets', GROUP, '--topic', 'no-such-topic', '--to-earliest');
    expect(unknownTopic.code).toBe(1);
    expect(unknownTopic.stderr).toMatch(/^samsa: UNKNOWN_TOPIC_OR_PARTITION: .*no-such-topic.*\n$/);

    // A dry run shows and changes nothing; then to an offset, by a shift, to the earliest.
    const dry = await group('reset-offsets', GROUP, '--topic', TOPIC, '--to-latest', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ group: GROUP, dryRun: true, offsets: [0, 1, 2].map((partition) => ({ topic: TOPIC, partition, previous: [12, 20, 3][partition], offset: WRITTEN[partition] })) });
    expect(await committed()).toEqual([12, 20, 3]);
    const toOffset = await group('reset-offsets', GROUP, '--topic', TOPIC, '--partition', '0', '--to-offset', '25');
    expect(toOffset.stderr).toBe('');
    expect(toOffset.code).toBe(0);
    expect(await committed()).toEqual([25, 20, 3]);
    // Shifts stay within the log (partition 2 would go to -2); times find offsets by timestamp.
    const shifted = await group('reset-offsets', GROUP, '--topic', TOPIC, '--shift-by', '-5');
    expect(shifted.code).toBe(0);
    expect(await committed()).toEqual([20, 15, 0]);
    const future = await group('reset-offsets', GROUP, '--topic', TOPIC, '--to-datetime', '2100-01-01T00:00:00Z', '--dry-run', '--json');
    expect((JSON.parse(future.stdout) as { offsets: { offset: number }[] }).offsets.map((entry) => entry.offset)).toEqual(WRITTEN);
    const past = await group('reset-offsets', GROUP, '--topic', TOPIC, '--to-datetime', '2000-01-01', '--dry-run', '--json');
    expect((JSON.parse(past.stdout) as { offsets: { offset: number }[] }).offsets.map((entry) => entry.offset)).toEqual([0, 0, 0]);
    const earliest = await group('reset-offsets', GROUP, '--topic', TOPIC, '--to-earliest');
    expect(earliest.code).toBe(0);
    const reset = await describe();
    expect(reset.offsets).toEqual(WRITTEN.map((end, partition) => ({ topic: TOPIC, partition, committed: 0, end, lag: end })));

    // Unknown and malformed groups.
    const unknown = await group('describe', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^samsa: GROUP_ID_NOT_FOUND: .*\n$/);
    const malformed = await group('describe', 'bad/id');
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/^samsa: INVALID_GROUP_ID: .*\n$/);
    const malformedReset = await group('reset-offsets', 'bad/id', '--topic', TOPIC, '--to-earliest');
    expect(malformedReset.code).toBe(1);
    expect(malformedReset.stderr).toMatch(/^samsa: INVALID_GROUP_ID: .*\n$/);
    const deleteUnknown = await group('delete', 'nobody');
    expect(deleteUnknown.code).toBe(1);
    expect(deleteUnknown.stderr).toMatch(/^samsa: GROUP_ID_NOT_FOUND: .*\n$/);

    // Empty now: delete works, and the group is gone.
    const deleted = await group('delete', GROUP);
    expect(deleted).toEqual({ code: 0, stdout: `Deleted group ${GROUP}.\n`, stderr: '' });
    expect((await group('describe', GROUP)).stderr).toMatch(/^samsa: GROUP_ID_NOT_FOUND: /);
    const after = await group('list', '--json');
    expect((JSON.parse(after.stdout) as { group: string }[]).map((entry) => entry.group)).not.toContain(GROUP);
  });
});
