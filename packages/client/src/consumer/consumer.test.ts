import { waitFor } from '@samsa/protocol';
import { Samsa } from '../samsa';
import { FakeCluster } from '../test-support/fake-cluster';
import { FakeGroups } from '../test-support/fake-groups';
import type { Consumer } from './consumer';
import type { TopicPartition } from './topic-partitions';

let cluster: FakeCluster;
let groups: FakeGroups;
let samsa: Samsa;

beforeEach(async () => {
  cluster = await FakeCluster.start(2);
  groups = FakeGroups.attach(cluster);
  samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'consumer-test', requestTimeoutMs: 3_000, retry: { initialRetryTimeMs: 5, maxRetryTimeMs: 50, retries: 20 }, metadataRefreshMinIntervalMs: 5 });
});

afterEach(async () => {
  await samsa.close();
  await cluster.stop();
});

/** `perPartition` records on each partition, values "p:i". */
async function produce(topic: string, partitions: number, perPartition: number, from = 0): Promise<void> {
  const producer = samsa.producer({ lingerMs: 0 });
  for (let partition = 0; partition < partitions; partition++) {
    await producer.send(topic, Array.from({ length: perPartition }, (_, index) => ({ value: `${partition}:${from + index}`, partition })));
  }
  await producer.close();
}

/** Reads with for-await until `count` records, returning their "p:i" values. */
async function take(consumer: Consumer, count: number): Promise<string[]> {
  const values: string[] = [];
  if (count === 0) return values;
  for await (const record of consumer) {
    values.push(record.value?.toString() ?? '');
    if (values.length === count) break;
  }
  return values;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

describe('Consumer against a fake cluster and coordinator', () => {
  it('joins, reads every partition from the earliest offset, commits on close, and a successor resumes there', async () => {
    cluster.createTopic('orders', 4);
    await produce('orders', 4, 10);
    const first = samsa.consumer({ groupId: 'billing', autoOffsetReset: 'earliest' });
    const assigned: TopicPartition[][] = [];
    await first.subscribe(['orders'], { onPartitionsAssigned: (partitions) => void assigned.push(partitions) });
    const values = await take(first, 40);
    expect(values.sort()).toEqual(Array.from({ length: 4 }, (_, p) => Array.from({ length: 10 }, (__, i) => `${p}:${i}`)).flat().sort());
    expect(assigned.flat().map((tp) => tp.partition).sort()).toEqual([0, 1, 2, 3]);
    expect(first.assignment()).toHaveLength(4);
    await first.close();
    // The loop broke after the 40th record: it was not taken, the other 39 were.
    const committed = [0, 1, 2, 3].map((partition) => groups.committed('billing', 'orders', partition));
    expect(committed.reduce((sum, offset) => sum + Number(offset ?? 0n), 0)).toBe(39);
    expect(groups.group('billing').members.size).toBe(0); // left with -1
    await produce('orders', 4, 5, 10);
    const second = samsa.consumer({ groupId: 'billing', autoOffsetReset: 'earliest' });
    await second.subscribe(['orders']);
    const rest = await take(second, 21);
    expect(rest).toHaveLength(21);
    expect(new Set(rest).size).toBe(21); // the one record not taken before, then the 20 new ones
    await second.close();
  });

  it("starts at the end with autoOffsetReset 'latest' and hands out what is written after", async () => {
    cluster.createTopic('tail', 1);
    await produce('tail', 1, 5);
    const consumer = samsa.consumer({ groupId: 'tailers' });
    const assigned = new Promise<void>((resolve) => void consumer.subscribe(['tail'], { onPartitionsAssigned: () => resolve() }));
    await assigned;
    const reading = take(consumer, 2);
    await waitFor('a fetch at the end', 10_000, () => (cluster.calls.some((call) => call.method === 'Fetch' && JSON.stringify(call.request).includes('"fetchOffset":5')) ? true : undefined));
    await produce('tail', 1, 2, 5);
    expect(await reading).toEqual(['0:5', '0:6']);
  });

  it('shares partitions when a second member joins: revoked before reassigned, never owned twice, all records processed', async () => {
    cluster.createTopic('work', 6);
    await produce('work', 6, 20);
    const owners = new Map<string, string>();
    const violations: string[] = [];
    const processed = new Set<string>();
    const member = (name: string): Consumer => {
      const consumer = samsa.consumer({ groupId: 'workers', autoOffsetReset: 'earliest', autoCommitIntervalMs: 50 });
      void consumer.subscribe(['work'], {
        onPartitionsAssigned: (partitions) => {
          for (const tp of partitions) {
            const holder = owners.get(key(tp.topic, tp.partition));
            if (holder !== undefined) violations.push(`${tp.partition} given to ${name} while ${holder} owns it`);
            owners.set(key(tp.topic, tp.partition), name);
          }
        },
        onPartitionsRevoked: (partitions) => {
          for (const tp of partitions) owners.delete(key(tp.topic, tp.partition));
        },
      });
      return consumer;
    };
    const a = member('a');
    const runA = a.run({ eachBatch: ({ records }) => void records.forEach((record) => processed.add(record.value!.toString())) });
    await waitFor('a owns all six', 10_000, () => (a.assignment().length === 6 ? true : undefined));
    const b = member('b');
    const runB = b.run({ eachBatch: ({ records }) => void records.forEach((record) => processed.add(record.value!.toString())) });
    await waitFor('three each', 10_000, () => (a.assignment().length === 3 && b.assignment().length === 3 ? true : undefined));
    await produce('work', 6, 10, 20);
    await waitFor('every record processed', 10_000, () => (processed.size === 180 ? true : undefined));
    expect(violations).toEqual([]);
    const holders = groups.holders('workers');
    expect([...holders.values()].every((list) => list.length === 1)).toBe(true);
    await Promise.all([a.close(), b.close()]);
    await Promise.all([runA, runB]);
  });

  it('commits what eachBatch finished on revocation, so the next owner starts after it', async () => {
    cluster.createTopic('handoff', 2);
    await produce('handoff', 2, 30);
    const a = samsa.consumer({ groupId: 'handoff', autoOffsetReset: 'earliest', autoCommitIntervalMs: 60_000 });
    await a.subscribe(['handoff']);
    let batches = 0;
    const runA = a.run({ eachBatch: () => void (batches += 1) });
    await waitFor('a read both partitions', 10_000, () => (batches >= 2 && a.assignment().length === 2 ? true : undefined));
    const b = samsa.consumer({ groupId: 'handoff', autoOffsetReset: 'earliest' });
    const seen: string[] = [];
    await b.subscribe(['handoff']);
    const runB = b.run({ eachBatch: ({ records }) => void seen.push(...records.map((record) => record.value!.toString())) });
    await waitFor('b owns one', 10_000, () => (b.assignment().length === 1 ? true : undefined));
    const moved = b.assignment()[0]!.partition;
    expect(groups.committed('handoff', 'handoff', moved)).toBe(30n);
    await produce('handoff', 2, 1, 30);
    await waitFor('b reads the new record', 10_000, () => (seen.length > 0 ? true : undefined));
    expect(seen).toEqual([`${moved}:30`]);
    await Promise.all([a.close(), b.close()]);
    await Promise.all([runA, runB]);
  });

  it('loses its partitions without commit when fenced, then rejoins and gets them back', async () => {
    cluster.createTopic('fence', 2);
    await produce('fence', 2, 5);
    const consumer = samsa.consumer({ groupId: 'fenced', autoOffsetReset: 'earliest', autoCommitIntervalMs: 60_000 });
    const lost: TopicPartition[][] = [];
    let assignments = 0;
    await consumer.subscribe(['fence'], { onPartitionsLost: (partitions) => void lost.push(partitions), onPartitionsAssigned: () => void (assignments += 1) });
    expect(await take(consumer, 5)).toHaveLength(5);
    const commitsBefore = groups.commits.length;
    groups.failNext.set('Heartbeat', ['FENCED_MEMBER_EPOCH']);
    await waitFor('assigned again after the loss', 10_000, () => (lost.length === 1 && assignments === 2 && consumer.assignment().length === 2 ? true : undefined));
    expect(lost[0]?.map((tp) => tp.partition).sort()).toEqual([0, 1]);
    expect(groups.commits.length).toBe(commitsBefore);
    // Nothing was committed: everything comes again from the earliest offset.
    expect(await take(consumer, 10)).toHaveLength(10);
    await consumer.close();
  });

  it('finds the coordinator again after NOT_COORDINATOR and goes on', async () => {
    cluster.createTopic('moves', 1);
    await produce('moves', 1, 3);
    const consumer = samsa.consumer({ groupId: 'movers', autoOffsetReset: 'earliest' });
    await consumer.subscribe(['moves']);
    expect(await take(consumer, 2)).toEqual(['0:0', '0:1']);
    groups.coordinatorId = 2;
    // The member state moves with the coordinator (a real one rebuilds it from the log).
    await waitFor('heartbeats reach broker 2', 10_000, () => (groups.calls.some((call) => call.method === 'Heartbeat' && call.brokerId === 2) ? true : undefined));
    await consumer.commit();
    expect(groups.committed('movers', 'moves', 0)).toBe(1n);
    await consumer.close();
  });

  it('commit(offsets), seek, pause and resume', async () => {
    cluster.createTopic('manual', 2);
    await produce('manual', 2, 10);
    const consumer = samsa.consumer({ groupId: 'manual', autoOffsetReset: 'earliest', enableAutoCommit: false });
    await consumer.subscribe(['manual'], { onPartitionsAssigned: () => consumer.seek('manual', 1, 8n) });
    const values = await take(consumer, 12);
    expect(values.filter((value) => value.startsWith('1:'))).toEqual(['1:8', '1:9']);
    await consumer.commit([{ topic: 'manual', partition: 0, offset: 7n }]);
    expect(groups.committed('manual', 'manual', 0)).toBe(7n);
    // A partition it does not own: refused at once (no heartbeat would change that), nothing committed.
    await expect(consumer.commit([{ topic: 'manual', partition: 9, offset: 1n }])).rejects.toMatchObject({ code: 'STALE_MEMBER_EPOCH' });
    expect(groups.committed('manual', 'manual', 9)).toBeUndefined();
    consumer.pause([{ topic: 'manual', partition: 0 }]);
    await produce('manual', 2, 2, 10);
    expect(await take(consumer, 2)).toEqual(['1:10', '1:11']);
    consumer.resume([{ topic: 'manual', partition: 0 }]);
    expect(await take(consumer, 2)).toEqual(['0:10', '0:11']);
    expect(() => consumer.seek('manual', 5, 0n)).toThrow('seek: the consumer does not own manual-5');
    await consumer.close();
    expect(groups.committed('manual', 'manual', 1)).toBeUndefined(); // auto-commit off: close commits nothing
  });

  it('subscribes by pattern', async () => {
    cluster.createTopic('metrics-a', 1);
    cluster.createTopic('metrics-b', 1);
    cluster.createTopic('other', 1);
    await produce('metrics-a', 1, 1);
    await produce('metrics-b', 1, 1);
    await produce('other', 1, 1);
    const consumer = samsa.consumer({ groupId: 'pattern', autoOffsetReset: 'earliest' });
    await consumer.subscribe(/metrics-.*/);
    const records: string[] = [];
    for await (const record of consumer) {
      records.push(record.topic);
      if (records.length === 2) break;
    }
    expect(records.sort()).toEqual(['metrics-a', 'metrics-b']);
    expect(groups.calls.find((call) => call.method === 'Heartbeat')?.request).toMatchObject({ subscribedTopicRegex: 'metrics-.*' });
    await consumer.close();
  });

  it('validates its options and arguments', async () => {
    expect(() => samsa.consumer({ groupId: 'bad id' })).toThrow(/consumer.groupId/);
    expect(() => samsa.consumer({ groupId: 'g', autoOffsetReset: 'first' as never })).toThrow(/consumer.autoOffsetReset/);
    expect(() => samsa.consumer({ groupId: 'g', sessionTimeout: 5 } as never)).toThrow('consumer: unknown option "sessionTimeout"');
    expect(() => samsa.consumer({ groupId: 'g', assignor: 'sticky' as never })).toThrow(/consumer.assignor/);
    const consumer = samsa.consumer({ groupId: 'g' });
    await expect(consumer.subscribe([])).rejects.toThrow(TypeError);
    await expect(consumer.subscribe(/a/i)).rejects.toThrow(/flags/);
    await expect(consumer.commit([{ topic: 't', partition: 0, offset: -1n }])).rejects.toThrow(RangeError);
    await consumer.close();
    await expect(consumer.subscribe(['t'])).rejects.toThrow('the consumer is closed');
  });
});
