import { waitFor } from '@samsa/protocol';
import { DeliveryTimeoutError, ProducerSequenceError, BrokerError } from '../errors/client-errors';
import { Samsa } from '../samsa';
import { FakeCluster, type ProduceFault } from '../test-support/fake-cluster';
import { partitionForKey } from './murmur2';

/**
 * The producer against a fake cluster of real gRPC servers on loopback: what reaches the
 * log, in which order, how many times, through leader moves, lost answers and full buffers.
 */

let cluster: FakeCluster;
let samsa: Samsa;

function client(): Samsa {
  return new Samsa({
    bootstrap: cluster.bootstrap,
    clientId: 'test',
    requestTimeoutMs: 2_000,
    retry: { initialRetryTimeMs: 5, maxRetryTimeMs: 40, retries: 20 },
    metadataRefreshMinIntervalMs: 5,
  });
}

beforeEach(async () => {
  cluster = await FakeCluster.start(3);
  samsa = client();
});

afterEach(async () => {
  await samsa.close();
  await cluster.stop();
});

const values = async (topic: string, partition: number) => (await cluster.records(topic, partition)).map((record) => record.value?.toString());

describe('Producer against a fake cluster', () => {
  it('sends keyed records to the partition Kafka would pick, with consecutive offsets', async () => {
    cluster.createTopic('orders', 6);
    const producer = samsa.producer();
    const records = Array.from({ length: 60 }, (_, index) => ({ key: `key-${index % 10}`, value: `v${index}`, headers: { trace: `t${index}` } }));
    const metadata = await producer.send('orders', records);
    expect(metadata).toHaveLength(60);
    metadata.forEach((meta, index) => {
      expect(meta.topic).toBe('orders');
      expect(meta.partition).toBe(partitionForKey(Buffer.from(`key-${index % 10}`), 6));
    });
    for (let partition = 0; partition < 6; partition++) {
      const mine = metadata.filter((meta) => meta.partition === partition).map((meta) => meta.offset);
      expect(mine).toEqual(mine.map((_, index) => BigInt(index)));
      const stored = await cluster.records('orders', partition);
      expect(stored.map((record) => record.headers[0]?.value?.toString())).toEqual(records.filter((_, index) => metadata[index]?.partition === partition).map((record) => record.headers.trace));
    }
    await producer.close();
  });

  it('batches many partitions into one Produce request per broker', async () => {
    cluster.createTopic('wide', 6);
    // A long linger, then flush: all six batches are ready in the same turn (a short linger
    // could expire a millisecond apart on a busy machine and split the requests).
    const producer = samsa.producer({ lingerMs: 60_000 });
    const sending = producer.send('wide', Array.from({ length: 6 }, (_, partition) => ({ value: 'x', partition })));
    await producer.flush();
    await sending;
    const produceCalls = cluster.calls.filter((call) => call.method === 'Produce');
    expect(produceCalls).toHaveLength(3); // 3 brokers lead 2 partitions each
    for (const call of produceCalls) expect((call.request as { topics: { partitions: unknown[] }[] }).topics[0]?.partitions).toHaveLength(2);
    await producer.close();
  });

  it('puts keyless records of one send on one sticky partition', async () => {
    cluster.createTopic('keyless', 6);
    const producer = samsa.producer();
    const metadata = await producer.send('keyless', Array.from({ length: 50 }, (_, index) => ({ value: `v${index}` })));
    expect(new Set(metadata.map((meta) => meta.partition)).size).toBe(1);
    await producer.close();
  });

  it('follows a leader move: NOT_LEADER_OR_FOLLOWER, metadata refresh, retry, each record once and in order', async () => {
    cluster.createTopic('moving', 1, [1]);
    cluster.leaderHints = false; // make the client learn the move from Metadata
    const producer = samsa.producer({ lingerMs: 0 });
    await producer.send('moving', [{ value: 'before' }]);
    cluster.moveLeader('moving', 0, 2);
    const sends = Array.from({ length: 20 }, (_, index) => producer.send('moving', [{ value: `after-${index}` }]));
    const results = await Promise.all(sends);
    expect(results.map(([meta]) => meta?.offset)).toEqual(Array.from({ length: 20 }, (_, index) => BigInt(index + 1)));
    expect(await values('moving', 0)).toEqual(['before', ...Array.from({ length: 20 }, (_, index) => `after-${index}`)]);
    expect(cluster.calls.some((call) => call.method === 'Produce' && call.brokerId === 2)).toBe(true);
    await producer.close();
  });

  it('retries at once when the metadata names a new leader, without sitting out its backoff (KIP-951)', async () => {
    cluster.createTopic('moved', 1, [1]);
    cluster.leaderHints = false;
    const patient = new Samsa({ bootstrap: cluster.bootstrap, retry: { initialRetryTimeMs: 8_000, maxRetryTimeMs: 8_000, retries: 5 }, metadataRefreshMinIntervalMs: 5 });
    try {
      const producer = patient.producer({ lingerMs: 0 });
      await producer.send('moved', [{ value: 'before' }]);
      cluster.moveLeader('moved', 0, 2);
      const startedMs = Date.now();
      const [meta] = await producer.send('moved', [{ value: 'after' }]);
      // The backoff alone is at least 6.4 s (8 s with 20% jitter); the retry must not wait for it.
      expect(Date.now() - startedMs).toBeLessThan(4_000);
      expect(meta?.offset).toBe(1n);
      expect(await values('moved', 0)).toEqual(['before', 'after']);
      await producer.close();
    } finally {
      await patient.close();
    }
  }, 20_000);

  it('delivers exactly once when the answer is lost after the append (idempotent retry is deduplicated)', async () => {
    cluster.createTopic('lossy', 2);
    let faults = 0;
    cluster.hooks.produce = (): ProduceFault | undefined => {
      faults += 1;
      if (faults === 1) return { kind: 'append-then-error', code: 'REQUEST_TIMED_OUT' };
      if (faults === 2) return { kind: 'append-then-disconnect' };
      return undefined;
    };
    const producer = samsa.producer({ lingerMs: 0 });
    const first = await producer.send('lossy', [{ value: 'a', partition: 0 }, { value: 'b', partition: 0 }]);
    const second = await producer.send('lossy', [{ value: 'c', partition: 0 }]);
    expect(first.map((meta) => meta.offset)).toEqual([0n, 1n]);
    expect(second.map((meta) => meta.offset)).toEqual([2n]);
    expect(await values('lossy', 0)).toEqual(['a', 'b', 'c']);
    await producer.close();
  });

  it('without idempotence the same lost answer duplicates (acks 1), as in Kafka', async () => {
    cluster.createTopic('dup', 1);
    let faults = 0;
    cluster.hooks.produce = () => (++faults === 1 ? { kind: 'append-then-error', code: 'REQUEST_TIMED_OUT' } : undefined);
    const producer = samsa.producer({ acks: 1, lingerMs: 0 });
    await producer.send('dup', [{ value: 'a' }]);
    expect(await values('dup', 0)).toEqual(['a', 'a']);
    await producer.close();
  });

  it('keeps order per partition when a later request overtakes an earlier one (pipelined sequence gap)', async () => {
    cluster.createTopic('ordered', 1, [1]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let seen = 0;
    cluster.hooks.produce = (context) => (++seen === 1 && context.baseSequence === 0 ? { kind: 'delay', until: held } : undefined);
    const producer = samsa.producer({ lingerMs: 0, maxInFlight: 5, batchBytes: 1 }); // one record per batch
    const sends = Array.from({ length: 5 }, (_, index) => producer.send('ordered', [{ value: `m${index}` }]));
    await waitFor('later batches to overtake the held one', 10_000, () => (cluster.calls.filter((call) => call.method === 'Produce').length >= 3 ? true : undefined));
    release();
    const results = await Promise.all(sends);
    expect(results.map(([meta]) => meta?.offset)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(await values('ordered', 0)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    // The overtaking batches were refused (sequence gap) and sent again after m0.
    expect(cluster.calls.filter((call) => call.method === 'Produce').length).toBeGreaterThan(5);
    await producer.close();
  });

  it('fails the affected send with ProducerSequenceError on a real sequence gap, then carries on with a new producer id', async () => {
    cluster.createTopic('gap', 1);
    let faults = 0;
    cluster.hooks.produce = () => (++faults === 1 ? { kind: 'error', code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' } : undefined);
    const producer = samsa.producer({ lingerMs: 0 });
    await expect(producer.send('gap', [{ value: 'lost' }])).rejects.toBeInstanceOf(ProducerSequenceError);
    await expect(producer.send('gap', [{ value: 'kept' }])).resolves.toEqual([{ topic: 'gap', partition: 0, offset: 0n }]);
    expect(cluster.calls.filter((call) => call.method === 'InitProducerId')).toHaveLength(2);
    await producer.close();
  });

  it('fails a send with the broker\'s typed error when it cannot be retried', async () => {
    cluster.createTopic('strict', 1);
    cluster.hooks.produce = () => ({ kind: 'error', code: 'MESSAGE_TOO_LARGE' });
    const producer = samsa.producer({ lingerMs: 0 });
    const failure = producer.send('strict', [{ value: 'x' }]);
    await expect(failure).rejects.toBeInstanceOf(BrokerError);
    await expect(failure).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE', retriable: false });
    await producer.close();
  });

  it('gives up with DeliveryTimeoutError when a retriable error lasts past deliveryTimeoutMs', async () => {
    cluster.createTopic('stuck', 1);
    cluster.hooks.produce = () => ({ kind: 'error', code: 'NOT_ENOUGH_REPLICAS' });
    const producer = samsa.producer({ lingerMs: 0, requestTimeoutMs: 200, deliveryTimeoutMs: 300 });
    const failure = producer.send('stuck', [{ value: 'x' }]);
    await expect(failure).rejects.toBeInstanceOf(DeliveryTimeoutError);
    await expect(failure).rejects.toMatchObject({ cause: expect.objectContaining({ code: 'NOT_ENOUGH_REPLICAS' }) });
    cluster.hooks.produce = undefined;
    await producer.close();
  });

  it('waits (does not throw) while bufferBytes are in use, and resumes as answers come', async () => {
    cluster.createTopic('slow', 1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    cluster.hooks.produce = () => ({ kind: 'delay', until: held });
    const producer = samsa.producer({ lingerMs: 0, bufferBytes: 4096, batchBytes: 1024 });
    const value = Buffer.alloc(1000);
    let completed = 0;
    const sends = Array.from({ length: 12 }, () => producer.send('slow', [{ value }]).then(() => (completed += 1)));
    await waitFor('the first request', 10_000, () => (cluster.calls.some((call) => call.method === 'Produce') ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(completed).toBe(0); // 12 KB asked for, 4 KB allowed: sends are parked, not failed
    cluster.hooks.produce = undefined;
    release();
    await Promise.all(sends);
    expect(completed).toBe(12);
    expect(await cluster.records('slow', 0)).toHaveLength(12);
    await producer.close();
  });

  it('with acks 0 resolves at once with offset -1n, and the records still arrive', async () => {
    cluster.createTopic('fire', 2);
    const producer = samsa.producer({ acks: 0 });
    const metadata = await producer.send('fire', [{ key: 'k', value: 'v' }]);
    expect(metadata).toEqual([{ topic: 'fire', partition: partitionForKey(Buffer.from('k'), 2), offset: -1n }]);
    await producer.flush();
    expect(await cluster.records('fire', metadata[0]?.partition ?? 0)).toHaveLength(1);
    await producer.close();
  });

  it('compresses batches with every codec', async () => {
    cluster.createTopic('packed', 1);
    for (const compression of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
      const producer = samsa.producer({ compression });
      await producer.send('packed', [{ value: `${compression}-`.repeat(50) }]);
      await producer.close();
    }
    expect((await values('packed', 0)).map((value) => value?.split('-')[0])).toEqual(['gzip', 'snappy', 'lz4', 'zstd']);
  });

  it('refuses bad options and records with errors that name them', () => {
    expect(() => samsa.producer({ lingerMs: -1 })).toThrow('producer.lingerMs: -1 is below the minimum 0');
    expect(() => samsa.producer({ acks: 2 as never })).toThrow(/producer.acks: expected one of/);
    expect(() => samsa.producer({ acks: 1, idempotent: true })).toThrow(/producer.idempotent/);
    expect(() => samsa.producer({ maxInFlight: 6 })).toThrow(/producer.maxInFlight: 6 is above the maximum 5/);
    expect(() => samsa.producer({ lingerMS: 5 } as never)).toThrow(/unknown option "lingerMS"/);
    expect(() => new Samsa({ bootstrap: ['nohost'] })).toThrow(/bootstrap\[0\]/);
    const producer = samsa.producer();
    return expect(producer.send('t', [{ value: 5 as never }])).rejects.toThrow(/records\[0\].value/);
  });

  it('keeps going when a bootstrap broker is down', async () => {
    cluster.createTopic('resilient', 1, [2]);
    await cluster.stopBroker(1);
    const producer = samsa.producer();
    await expect(producer.send('resilient', [{ value: 'x' }])).resolves.toHaveLength(1);
    await producer.close();
  });

  it('flush waits for lingering batches; close flushes and then refuses sends', async () => {
    cluster.createTopic('lazy', 1);
    const producer = samsa.producer({ lingerMs: 60_000 });
    const pending = producer.send('lazy', [{ value: 'x' }]);
    await producer.flush();
    await expect(pending).resolves.toHaveLength(1);
    const late = producer.send('lazy', [{ value: 'y' }]);
    await producer.close();
    await expect(late).resolves.toHaveLength(1);
    await expect(producer.send('lazy', [{ value: 'z' }])).rejects.toThrow(/closed/);
  });
});
