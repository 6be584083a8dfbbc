import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@samsa/common';
import type { TopicImage } from '../group/group-api';
import type { PartitionAssignment } from '../partition/partition-assignment';
import { LogManager } from '../server/log-manager';
import { PartitionReplica } from '../server/partition-replica';
import { PartitionSignals } from '../server/partition-signals';
import { SYSTEM_CLOCK } from '../time/system-clock';
import { CoordinatorShard } from './coordinator-shard';
import { OFFSETS_TOPIC } from './offsets-topic';

const KEY = { topic: OFFSETS_TOPIC, topicId: 'OFFSETS', partition: 0 };
const TOPICS: TopicImage = new Map([['orders', { topicId: 'T-orders', partitionCount: 4 }]]);

function assignment(leaderEpoch: number): PartitionAssignment {
  return { replicas: [1], isr: [1], leader: 1, leaderEpoch, partitionEpoch: leaderEpoch };
}

describe('a coordinator shard over a real partition log', () => {
  let dataDirectory: string;
  let logs: LogManager;
  let replica: PartitionReplica;
  const signals = new PartitionSignals();
  const shards: CoordinatorShard[] = [];

  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-coordinator-shard-'));
    logs = new LogManager({ dataDirectory, logger: silentLogger });
    replica = new PartitionReplica(KEY.topic, KEY.topicId, KEY.partition, logs.open(KEY, {}), assignment(1), silentLogger);
    replica.becomeLeader(1, assignment(1));
  });

  afterEach(() => {
    for (const shard of shards.splice(0)) shard.close();
    logs.close(1);
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  async function shardAt(leaderEpoch: number, compactionMinRecords?: number): Promise<CoordinatorShard> {
    if (replica.leader?.leaderEpoch !== leaderEpoch) replica.becomeLeader(1, assignment(leaderEpoch));
    let ids = 0;
    const shard = new CoordinatorShard({
      replica,
      leaderEpoch,
      signals,
      clock: SYSTEM_CLOCK,
      logger: silentLogger,
      minInsyncReplicas: () => 1,
      core: { newMemberId: () => `member-${leaderEpoch}-${++ids}` },
      commitTimeoutMs: 2000,
      ...(compactionMinRecords === undefined ? {} : { compactionMinRecords }),
    });
    shards.push(shard);
    await shard.load();
    return shard;
  }

  const commit = (shard: CoordinatorShard, partition: number, offset: bigint) =>
    shard.call('write', (core, nowMs) => core.alterOffsets({ groupId: 'billing', topics: [{ topic: 'orders', partitions: [{ partition, offset, leaderEpoch: -1, metadata: '' }] }] }, { nowMs, topics: TOPICS }));
  const committed = (shard: CoordinatorShard) =>
    shard.call('read', (core) => ({ response: core.fetchOffsets({ groupId: 'billing', topics: [] }), records: [] })).then((response) => response.topics.flatMap((topic) => topic.partitions.map((partition) => [partition.partition, partition.offset])));

  test('what a shard committed, the next leader epoch reads back from the log', async () => {
    const first = await shardAt(1);
    expect((await commit(first, 0, 5n)).topics[0]!.partitions[0]!.error).toBe('NONE');
    expect((await commit(first, 3, 9n)).topics[0]!.partitions[0]!.error).toBe('NONE');
    const joined = await first.call('write', (core, nowMs) =>
      core.heartbeat(
        { groupId: 'other', memberId: '', memberEpoch: 0, instanceId: '', rackId: '', clientId: 'c', clientHost: 'h', rebalanceTimeoutMs: 0, subscribedTopicNames: ['orders'], subscribedTopicRegex: '', serverAssignor: '', owned: [] },
        { nowMs, topics: TOPICS },
      ),
    );
    expect(joined.error).toBe('NONE');
    first.close();
    await expect(commit(first, 0, 6n)).rejects.toMatchObject({ code: 'NOT_COORDINATOR' });

    const second = await shardAt(2);
    expect(await committed(second)).toEqual([
      [0, 5n],
      [3, 9n],
    ]);
    const members = await second.call('read', (core) => ({ response: core.describeGroups(['other']), records: [] }));
    expect(members[0]!.members.map((member) => member.memberId)).toEqual([joined.memberId]);
  });

  test('a shard whose partition another broker now leads answers NOT_COORDINATOR', async () => {
    const shard = await shardAt(1);
    replica.becomeFollower({ ...assignment(2), leader: 2, replicas: [1, 2], isr: [1, 2] });
    await expect(commit(shard, 0, 1n)).rejects.toMatchObject({ code: 'NOT_COORDINATOR' });
  });

  test('a log of mostly superseded records is compacted: the log start moves and a replay gives the same state', async () => {
    const shard = await shardAt(1, 50);
    for (let round = 1; round <= 60; round++) await commit(shard, round % 2, BigInt(round));
    await expect(commit(shard, 3, 1000n)).resolves.toBeDefined();
    // Compaction runs after an answer, in the background: wait for the log start to move.
    const deadline = Date.now() + 5000;
    while (replica.log.logStartOffset === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(replica.log.logStartOffset).toBeGreaterThan(0);
    expect(replica.log.logEndOffset - replica.log.logStartOffset).toBeLessThan(20);
    const before = await committed(shard);
    expect(before).toEqual([
      [0, 60n],
      [1, 59n],
      [3, 1000n],
    ]);
    const next = await shardAt(2, 50);
    expect(await committed(next)).toEqual(before);
  });
});
