import { Samsa } from '../samsa';
import { FakeCluster } from '../test-support/fake-cluster';
import type { ProducerRecord } from './producer-record';

/**
 * What `send` does with the records it is given: every field reaches the log as given, a
 * bad record fails the call before any record is appended, and the caller's objects are
 * not read after `send` returns.
 */

let cluster: FakeCluster;
let samsa: Samsa;

beforeEach(async () => {
  cluster = await FakeCluster.start(1);
  samsa = new Samsa({ bootstrap: cluster.bootstrap, requestTimeoutMs: 2_000, retry: { initialRetryTimeMs: 5, maxRetryTimeMs: 40 }, metadataRefreshMinIntervalMs: 5 });
});

afterEach(async () => {
  await samsa.close();
  await cluster.stop();
});

describe('Producer records', () => {
  it('writes keys, values, headers and timestamps as given', async () => {
    cluster.createTopic('fields', 1);
    const producer = samsa.producer();
    const before = BigInt(Date.now());
    await producer.send('fields', [
      { key: 'k', value: 'text', headers: { a: '1', b: null }, timestamp: 1_700_000_000_123 },
      { key: Buffer.from('raw'), value: null, headers: [{ key: 'a', value: Buffer.from('x') }, { key: 'a', value: 'y' }], timestamp: 42n },
      { value: Buffer.from('plain') },
      { value: 'far', timestamp: (1n << 62n) + 5n },
    ]);
    const stored = await cluster.records('fields', 0);
    expect(stored.map((record) => [record.key?.toString() ?? null, record.value?.toString() ?? null])).toEqual([['k', 'text'], ['raw', null], [null, 'plain'], [null, 'far']]);
    expect(stored[0]?.headers).toEqual([{ key: 'a', value: Buffer.from('1') }, { key: 'b', value: null }]);
    expect(stored[1]?.headers).toEqual([{ key: 'a', value: Buffer.from('x') }, { key: 'a', value: Buffer.from('y') }]);
    expect(stored.map((record) => record.timestamp).filter((_, index) => index !== 2)).toEqual([1_700_000_000_123n, 42n, (1n << 62n) + 5n]);
    expect(stored[2]?.timestamp).toBeGreaterThanOrEqual(before);
    await producer.close();
  });

  it('fails a call with a partition outside the topic before appending any of its records', async () => {
    cluster.createTopic('narrow', 2);
    const producer = samsa.producer();
    await expect(producer.send('narrow', [{ value: 'ok', partition: 0 }, { value: 'bad', partition: 2 }])).rejects.toThrow(/record.partition: partition 2 of topic narrow/);
    await producer.send('narrow', [{ value: 'next', partition: 0 }]);
    expect((await cluster.records('narrow', 0)).map((record) => record.value?.toString())).toEqual(['next']);
    await producer.close();
  });

  it.each([
    ['known, so the call appends at once', true],
    ['not yet known, so the call waits', false],
  ])('gives the buffer back when a custom partitioner throws part way through a call (topic %s)', async (_what, known) => {
    cluster.createTopic('picky', 1);
    const producer = samsa.producer({ batchBytes: 1024, bufferBytes: 1024, deliveryTimeoutMs: 2_500, partitioner: ({ key }) => {
      if (key?.toString() === 'boom') throw new RangeError('no partition for boom');
      return 0;
    } });
    if (known) await producer.send('picky', [{ value: 'warm-up' }]);
    const records: ProducerRecord[] = Array.from({ length: 4 }, (_, index) => ({ key: index === 2 ? 'boom' : 'k', value: 'x' }));
    await expect(producer.send('picky', records)).rejects.toThrow('no partition for boom');
    // One record of 1024 estimated bytes: the whole buffer, which must all be free again.
    await expect(producer.send('picky', [{ value: Buffer.alloc(1024 - 36) }])).resolves.toHaveLength(1);
    await producer.close();
  });

  it('reads nothing from the caller\'s objects after send returns, even when the call waits', async () => {
    const producer = samsa.producer();
    const records: { value: string; partition?: number }[] = [{ value: 'first' }, { value: 'second', partition: 0 }];
    const sending = producer.send('later', records); // the topic does not exist yet: the call waits
    records[0] = { value: 'changed' };
    (records[1] as { value: string }).value = 'changed too';
    cluster.createTopic('later', 1);
    await sending;
    expect((await cluster.records('later', 0)).map((record) => record.value?.toString())).toEqual(['first', 'second']);
    await producer.close();
  });
});
