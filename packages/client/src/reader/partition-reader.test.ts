import { OffsetOutOfRangeError, waitFor } from '@samsa/protocol';
import { Samsa } from '../samsa';
import { FakeCluster } from '../test-support/fake-cluster';
import type { ConsumedRecord, PartitionReader } from './partition-reader';

let cluster: FakeCluster;
let samsa: Samsa;

beforeEach(async () => {
  cluster = await FakeCluster.start(2);
  samsa = new Samsa({
    bootstrap: cluster.bootstrap,
    clientId: 'reader-test',
    requestTimeoutMs: 2_000,
    retry: { initialRetryTimeMs: 5, maxRetryTimeMs: 40, retries: 20 },
    metadataRefreshMinIntervalMs: 5,
  });
});

afterEach(async () => {
  await samsa.close();
  await cluster.stop();
});

/** Writes `count` records to partition 0 in batches of `perBatch`, values v0, v1, ... */
async function produce(topic: string, count: number, perBatch: number, from = 0): Promise<void> {
  const producer = samsa.producer({ lingerMs: 0 });
  for (let start = from; start < from + count; start += perBatch) {
    const size = Math.min(perBatch, from + count - start);
    await producer.send(topic, Array.from({ length: size }, (_, index) => ({ key: `k${start + index}`, value: `v${start + index}`, partition: 0, headers: [{ key: 'n', value: String(start + index) }] })));
  }
  await producer.close();
}

async function take(reader: PartitionReader, count: number): Promise<ConsumedRecord[]> {
  const out: ConsumedRecord[] = [];
  for await (const record of reader) {
    out.push(record);
    if (out.length === count) break;
  }
  return out;
}

describe('PartitionReader against a fake cluster', () => {
  it('reads every record from the earliest offset, in order, with keys, values, headers and timestamps', async () => {
    cluster.createTopic('log', 1);
    await produce('log', 25, 4);
    const records = await take(samsa.reader({ topic: 'log', partition: 0, offset: 'earliest' }), 25);
    expect(records.map((record) => record.offset)).toEqual(Array.from({ length: 25 }, (_, index) => BigInt(index)));
    expect(records.map((record) => record.value?.toString())).toEqual(Array.from({ length: 25 }, (_, index) => `v${index}`));
    expect(records[7]).toMatchObject({ topic: 'log', partition: 0, key: Buffer.from('k7'), headers: [{ key: 'n', value: Buffer.from('7') }] });
    expect(typeof records[0]?.timestamp).toBe('bigint');
  });

  it('starts in the middle of a batch by skipping the records before the offset', async () => {
    cluster.createTopic('mid', 1);
    await produce('mid', 10, 10); // one batch, offsets 0..9
    const records = await take(samsa.reader({ topic: 'mid', partition: 0, offset: 6n }), 4);
    expect(records.map((record) => record.offset)).toEqual([6n, 7n, 8n, 9n]);
  });

  it('decodes only whole batches when a fetch ends inside one, and grows the limit for a batch larger than it', async () => {
    cluster.createTopic('cut', 1);
    await produce('cut', 30, 3);
    const small = await take(samsa.reader({ topic: 'cut', partition: 0, offset: 0n, maxBytes: 200 }), 30);
    expect(small.map((record) => record.offset)).toEqual(Array.from({ length: 30 }, (_, index) => BigInt(index)));
    const tiny = await take(samsa.reader({ topic: 'cut', partition: 0, offset: 0n, maxBytes: 10 }), 30);
    expect(tiny.map((record) => record.value?.toString())).toEqual(small.map((record) => record.value?.toString()));
  });

  it("long-polls from 'latest' and sees records written after it started", async () => {
    cluster.createTopic('tail', 1);
    await produce('tail', 3, 3);
    const reader = samsa.reader({ topic: 'tail', partition: 0, offset: 'latest', maxWaitMs: 2_000 });
    const reading = take(reader, 2);
    await waitFor('the first fetch', 10_000, () => (cluster.calls.some((call) => call.method === 'Fetch') ? true : undefined));
    await produce('tail', 2, 1, 3);
    expect((await reading).map((record) => [record.offset, record.value?.toString()])).toEqual([
      [3n, 'v3'],
      [4n, 'v4'],
    ]);
  });

  it('follows the leader when it moves (FENCED_LEADER_EPOCH / NOT_LEADER_OR_FOLLOWER → refresh)', async () => {
    cluster.createTopic('move', 1, [1]);
    await produce('move', 5, 5);
    const reader = samsa.reader({ topic: 'move', partition: 0, offset: 0n });
    expect(await reader.fetch()).toHaveLength(5);
    cluster.moveLeader('move', 0, 2);
    cluster.leaderHints = false;
    await produce('move', 2, 2, 5);
    const after = await take(reader, 2);
    expect(after.map((record) => record.offset)).toEqual([5n, 6n]);
    expect(cluster.calls.some((call) => call.method === 'Fetch' && call.brokerId === 2)).toBe(true);
  });

  it('throws OffsetOutOfRangeError by default, and resets when offsetReset says so', async () => {
    cluster.createTopic('short', 1);
    await produce('short', 10, 2);
    cluster.truncateBefore('short', 0, 4);
    await expect(samsa.reader({ topic: 'short', partition: 0, offset: 1n }).fetch()).rejects.toBeInstanceOf(OffsetOutOfRangeError);
    await expect(samsa.reader({ topic: 'short', partition: 0, offset: 1n }).fetch()).rejects.toMatchObject({ code: 'OFFSET_OUT_OF_RANGE', logStartOffset: 4n, logEndOffset: 10n });
    const reset = await take(samsa.reader({ topic: 'short', partition: 0, offset: 1n, offsetReset: 'earliest' }), 6);
    expect(reset.map((record) => record.offset)).toEqual([4n, 5n, 6n, 7n, 8n, 9n]);
  });

  it('lists offsets: earliest, latest and by time', async () => {
    cluster.createTopic('times', 1);
    const producer = samsa.producer({ lingerMs: 0 });
    await producer.send('times', [{ value: 'a', timestamp: 1_000 }]);
    await producer.send('times', [{ value: 'b', timestamp: 2_000 }]);
    await producer.close();
    expect(await samsa.listOffsets('times', 0, 'earliest')).toBe(0n);
    expect(await samsa.listOffsets('times', 0, 'latest')).toBe(2n);
    expect(await samsa.listOffsets('times', 0, 1_500)).toBe(1n);
    expect(await samsa.listOffsets('times', 0, 5_000)).toBe(-1n);
    expect(() => samsa.listOffsets('times', 0, -5)).toThrow(RangeError);
  });

  it('validates its options', () => {
    expect(() => samsa.reader({ topic: 'x', partition: 0, offset: -1n })).toThrow('reader.offset: -1 is negative');
    expect(() => samsa.reader({ topic: 'x', partition: 0, offset: 'first' as never })).toThrow(/reader.offset/);
    expect(() => samsa.reader({ topic: 'x', partition: 0, offset: 0n, offsetReset: 'oldest' as never })).toThrow(/reader.offsetReset/);
  });
});

describe('Admin against a fake cluster', () => {
  it('creates, describes, grows and deletes topics, and describes the cluster', async () => {
    const admin = samsa.admin();
    expect(await admin.createTopic({ name: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '1000' } })).toBe('id-orders');
    await expect(admin.createTopic({ name: 'orders', partitions: 3, replicationFactor: 1 })).rejects.toMatchObject({ code: 'TOPIC_ALREADY_EXISTS' });
    await admin.createPartitions({ name: 'orders', partitions: 5 });
    const [description] = await admin.describeTopics(['orders']);
    expect(description?.partitions.map((partition) => partition.partition)).toEqual([0, 1, 2, 3, 4]);
    expect(description?.configs).toEqual({ 'cleanup.policy': 'delete' });
    const clusterDescription = await admin.describeCluster();
    expect(clusterDescription.clusterId).toBe('fake-cluster');
    expect(clusterDescription.brokers.map((broker) => broker.id)).toEqual([1, 2]);
    await admin.deleteTopic('orders');
    expect(await admin.describeTopics()).toEqual([]);
    await expect(admin.createTopic({ name: 'bad', partitions: 0, replicationFactor: 1 })).rejects.toThrow('createTopic.partitions: expected a positive integer, got 0');
  });
});
