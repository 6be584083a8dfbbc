import { CompressionCodec, decodeRecordBatch, encodeRecordBatch } from '@samsa/protocol';
import { PendingSend, ProducerBatch } from './producer-batch';

/**
 * A batch holds bytes, not records: these pin down what a sender relies on. A retry gets
 * the very same bytes, producer identity included, and acknowledgements reach every send in
 * its own record order.
 */

const T0 = 1_750_000_000_000;
const value = (index: number) => Buffer.from(`value-${index}`);

function batchOf(count: number, send = new PendingSend(count, T0), partition = 0): ProducerBatch {
  const batch = new ProducerBatch('t', partition, 0, 61);
  for (let index = 0; index < count; index++) batch.append({ value: value(index), timestamp: T0 + index }, 50, send, index);
  return batch;
}

describe('ProducerBatch', () => {
  it('encodes once: a retry resends the same bytes', async () => {
    const batch = batchOf(3);
    const first = await batch.encode(CompressionCodec.None);
    expect(await batch.encode(CompressionCodec.None)).toBe(first);
    expect(first).toEqual(await encodeRecordBatch({ records: [0, 1, 2].map((index) => ({ key: null, value: value(index), timestamp: BigInt(T0 + index) })) }));
  });

  it('keeps the producer id and sequence it was first built with: a retry cannot carry another identity', async () => {
    for (const compression of [CompressionCodec.None, CompressionCodec.Zstd]) {
      const batch = batchOf(4);
      Object.assign(batch, { producerId: 7n, producerEpoch: 1, baseSequence: 10 });
      const first = await batch.encode(compression);
      Object.assign(batch, { producerId: 8n, producerEpoch: 0, baseSequence: 0 });
      expect(await batch.encode(compression)).toBe(first);
      const decoded = await decodeRecordBatch(first);
      expect([decoded.producerId, decoded.producerEpoch, decoded.baseSequence, decoded.records.length]).toEqual([7n, 1, 10, 4]);
    }
  });

  it('counts estimated bytes for the buffer pool, whatever the records encode to', () => {
    const batch = batchOf(3);
    expect([batch.recordCount, batch.recordBytes, batch.sizeBytes]).toEqual([3, 150, 211]);
  });

  it('uses the send\'s timestamp for records without one', async () => {
    const batch = new ProducerBatch('t', 0, 0, 61);
    batch.append({ value: value(0) }, 50, new PendingSend(1, T0 + 5), 0);
    expect((await decodeRecordBatch(await batch.encode(CompressionCodec.None))).records[0]?.timestamp).toBe(BigInt(T0 + 5));
  });

  it('resolves each send with its records in send order, across batches and interleaved partitions', async () => {
    const send = new PendingSend(5, T0);
    const even = new ProducerBatch('t', 0, 0, 61);
    const odd = new ProducerBatch('t', 1, 0, 61);
    for (let index = 0; index < 5; index++) (index % 2 === 0 ? even : odd).append({ value: value(index) }, 50, send, index);
    odd.complete(100n);
    expect(send.isSettled).toBe(false);
    even.complete(7n);
    expect(await send.promise).toEqual([
      { topic: 't', partition: 0, offset: 7n },
      { topic: 't', partition: 1, offset: 100n },
      { topic: 't', partition: 0, offset: 8n },
      { topic: 't', partition: 1, offset: 101n },
      { topic: 't', partition: 0, offset: 9n },
    ]);
  });

  it('gives each send only its own records, at their place in the batch', async () => {
    const first = new PendingSend(2, T0);
    const second = new PendingSend(3, T0);
    const batch = batchOf(2, first);
    for (let index = 0; index < 3; index++) batch.append({ value: value(index) }, 50, second, index);
    batch.complete(40n);
    expect((await first.promise).map((meta) => meta.offset)).toEqual([40n, 41n]);
    expect((await second.promise).map((meta) => meta.offset)).toEqual([42n, 43n, 44n]);
  });

  it('resolves with offset -1n when the base offset is unknown (acks 0), and rejects on failure', async () => {
    const unknown = new PendingSend(2, T0);
    batchOf(2, unknown).complete(-1n);
    expect((await unknown.promise).map((meta) => meta.offset)).toEqual([-1n, -1n]);
    const failed = new PendingSend(2, T0);
    batchOf(2, failed).fail(new Error('gone'));
    await expect(failed.promise).rejects.toThrow('gone');
  });

  it('hands its memory over once, and forgets its bytes', async () => {
    const batch = batchOf(2);
    await batch.encode(CompressionCodec.None);
    expect(batch.releaseMemory()).toBeInstanceOf(Buffer);
    expect(batch.encoded).toBeUndefined();
    expect(batch.releaseMemory()).toBeUndefined();
  });
});
