import { encodeRecordBatch, type BrokerWire } from '@samsa/protocol';
import { Samsa } from '../samsa';
import { FakeCluster } from '../test-support/fake-cluster';
import type { FetchPartition } from './fetch-partition';
import { splitPartitionData } from './fetch-split';
import { Fetcher } from './fetcher';

describe('splitPartitionData', () => {
  it('keeps the whole batches as a view of the answer, not a copy, and says where they end', async () => {
    const first = await encodeRecordBatch({ records: [{ key: null, value: Buffer.from('a') }, { key: null, value: Buffer.from('b') }], baseOffset: 10n });
    const second = await encodeRecordBatch({ records: [{ key: null, value: Buffer.from('c') }], baseOffset: 12n });
    const answer = Buffer.concat([first, second]);
    const cut = answer.subarray(0, first.length + 20);
    const chunk = splitPartitionData(cut, 11n, 40n);
    expect(chunk).toMatchObject({ fetchOffset: 11n, nextOffset: 12n, highWatermark: 40n });
    expect(chunk?.bytes.length).toBe(first.length);
    expect(chunk?.bytes.buffer).toBe(answer.buffer);
    expect(chunk?.bytes.byteOffset).toBe(answer.byteOffset);
    expect(splitPartitionData(answer, 10n, 40n)?.nextOffset).toBe(13n);
    expect(splitPartitionData(answer.subarray(0, 30), 10n, 40n)).toBeUndefined();
    expect(splitPartitionData(Buffer.alloc(0), 10n, 40n)).toBeUndefined();
  });
});

describe('Fetcher against a fake cluster', () => {
  let cluster: FakeCluster;
  let samsa: Samsa;
  let fetcher: Fetcher;

  beforeEach(async () => {
    cluster = await FakeCluster.start(2);
    samsa = new Samsa({ bootstrap: cluster.bootstrap, retry: { initialRetryTimeMs: 5, maxRetryTimeMs: 40, retries: 20 }, metadataRefreshMinIntervalMs: 5 });
  });
  afterEach(async () => {
    fetcher?.close();
    await samsa.close();
    await cluster.stop();
  });

  /** The client's cluster, for a fetcher of our own. */
  const clusterOf = (client: Samsa) => (client as unknown as { cluster: ConstructorParameters<typeof Fetcher>[0] }).cluster;

  async function fill(topic: string, partitions: number, perPartition: number): Promise<void> {
    const producer = samsa.producer({ lingerMs: 0 });
    for (let partition = 0; partition < partitions; partition++) {
      await producer.send(topic, Array.from({ length: perPartition }, (_, index) => ({ value: `${partition}:${index}`, partition })));
    }
    await producer.close();
  }

  async function drain(fetchPartitions: FetchPartition[], perPartition: number): Promise<Map<FetchPartition, bigint>> {
    const reached = new Map<FetchPartition, bigint>();
    const done = () => fetchPartitions.every((fetchPartition) => (reached.get(fetchPartition) ?? 0n) >= BigInt(perPartition));
    while (!done()) {
      const taken = fetcher.takeAny();
      if (taken === undefined) {
        await fetcher.changed();
        continue;
      }
      if (taken.item.kind === 'error') throw taken.item.error;
      expect(taken.item.chunk.fetchOffset).toBe(reached.get(taken.fetchPartition) ?? 0n);
      reached.set(taken.fetchPartition, taken.item.chunk.nextOffset);
    }
    return reached;
  }

  it('sends one Fetch per broker for all the partitions it leads, one at a time', async () => {
    cluster.createTopic('spread', 6);
    await fill('spread', 6, 20);
    fetcher = new Fetcher(clusterOf(samsa), { maxWaitMs: 200, minBytes: 1, maxBytes: 1 << 20, bufferBytesMax: 1 << 20, retry: samsa.retry });
    const callsBefore = cluster.calls.length;
    const fetchPartitions = Array.from({ length: 6 }, (_, partition) => fetcher.add('spread', partition, 0n, { offsetReset: 'none', retries: Infinity, partitionMaxBytes: 1 << 16 }));
    await drain(fetchPartitions, 20);
    const fetches = cluster.calls.slice(callsBefore).filter((call) => call.method === 'Fetch');
    const first = fetches.filter((call) => call.brokerId === 1)[0]?.request as BrokerWire.FetchRequest__Output;
    // Partitions 0, 2, 4 are led by broker 1; 1, 3, 5 by broker 2.
    expect(first.topics[0]?.partitions.map((partition) => partition.partition).sort()).toEqual([0, 2, 4]);
    expect(fetches.length).toBeLessThanOrEqual(4);
  });

  it('moves a partition to its new leader after NOT_LEADER_OR_FOLLOWER, and resets an offset out of range', async () => {
    cluster.createTopic('moving', 2);
    await fill('moving', 2, 10);
    fetcher = new Fetcher(clusterOf(samsa), { maxWaitMs: 100, minBytes: 1, maxBytes: 1 << 20, bufferBytesMax: 1 << 20, retry: samsa.retry });
    cluster.moveLeader('moving', 0, 2);
    cluster.leaderHints = false;
    cluster.truncateBefore('moving', 1, 10);
    const moved = fetcher.add('moving', 0, 0n, { offsetReset: 'none', retries: Infinity, partitionMaxBytes: 1 << 16 });
    const reset = fetcher.add('moving', 1, 3n, { offsetReset: 'earliest', retries: Infinity, partitionMaxBytes: 1 << 16 });
    await drain([moved], 10);
    expect(cluster.calls.some((call) => call.method === 'Fetch' && call.brokerId === 2 && JSON.stringify(call.request).includes('"partition":0'))).toBe(true);
    const producer = samsa.producer({ lingerMs: 0 });
    await producer.send('moving', [{ value: 'after', partition: 1 }]);
    await producer.close();
    const item = await (async () => {
      for (;;) {
        const taken = fetcher.take(reset);
        if (taken !== undefined) return taken;
        await fetcher.changed();
      }
    })();
    expect(item.kind === 'records' && item.chunk.fetchOffset).toBe(10n);
  });

  it('stops fetching a partition that holds its byte limit until its records are taken', async () => {
    cluster.createTopic('full', 1);
    await fill('full', 1, 50);
    fetcher = new Fetcher(clusterOf(samsa), { maxWaitMs: 50, minBytes: 1, maxBytes: 1 << 20, bufferBytesMax: 1 << 20, retry: samsa.retry });
    const fetchPartition = fetcher.add('full', 0, 0n, { offsetReset: 'none', retries: Infinity, partitionMaxBytes: 100 });
    while (fetchPartition.items.length === 0) await fetcher.changed();
    const requests = fetcher.requests;
    // The answer's dispatch runs as a microtask: by the next macrotask it would have sent.
    await new Promise((resolve) => setImmediate(resolve));
    expect(fetcher.requests).toBe(requests);
    expect(fetchPartition.items).toHaveLength(1);
    fetcher.take(fetchPartition);
    while (fetcher.requests === requests) await fetcher.changed();
  });
});
