import fc from 'fast-check';
import { CompressionCodec, NO_HEADERS, decodeRecordBatches, encodeRecordBatch, isSamsaError, lastOffsetOf } from '@samsa/protocol';
import { fetchedRecordsOf } from './fetched-records';
import type { ConsumedRecord } from './partition-reader';

/**
 * fetchedRecordsOf against the reader's former path as the oracle: decodeRecordBatches,
 * then every non-control record at or after the fetch offset, next offset after the last
 * batch that reached past it. A failure prints fast-check's seed and path to replay it.
 */
async function oracle(bytes: Buffer, topic: string, partition: number, fetchOffset: bigint): Promise<{ records: ConsumedRecord[]; nextOffset: bigint }> {
  const records: ConsumedRecord[] = [];
  let next = fetchOffset;
  for (const batch of await decodeRecordBatches(bytes)) {
    const batchEnd = lastOffsetOf(batch) + 1n;
    if (batchEnd <= next) continue;
    if (!batch.isControl) {
      for (const record of batch.records) {
        if (record.offset >= next) records.push({ topic, partition, offset: record.offset, timestamp: record.timestamp, key: record.key, value: record.value, headers: record.headers });
      }
    }
    next = batchEnd;
  }
  return { records, nextOffset: next };
}

interface BatchSpec {
  readonly values: string[];
  readonly compression: CompressionCodec;
  readonly isControl: boolean;
  readonly withHeaders: boolean;
}

async function fetchBytes(specs: readonly BatchSpec[], firstOffset: bigint): Promise<Buffer> {
  const batches: Buffer[] = [];
  let baseOffset = firstOffset;
  for (const spec of specs) {
    const records = spec.values.map((text, index) => ({
      key: index % 2 === 0 ? null : Buffer.from(`k${index}`),
      value: Buffer.from(text),
      timestamp: 1_700_000_000_000n + BigInt(index * 3),
      headers: spec.withHeaders ? [{ key: 'n', value: Buffer.from(String(index)) }] : [],
    }));
    batches.push(await encodeRecordBatch({ records, baseOffset, compression: spec.compression, isControl: spec.isControl }));
    baseOffset += BigInt(Math.max(1, spec.values.length));
  }
  return Buffer.concat(batches);
}

const batchSpec: fc.Arbitrary<BatchSpec> = fc.record({
  values: fc.array(fc.string({ maxLength: 20 }), { maxLength: 6 }),
  compression: fc.constantFrom(CompressionCodec.None, CompressionCodec.None, CompressionCodec.Gzip),
  isControl: fc.constantFrom(false, false, false, false, true),
  withHeaders: fc.boolean(),
});

describe('fetchedRecordsOf', () => {
  it('matches decoding every batch and filtering, for any batches and any fetch offset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(batchSpec, { maxLength: 5 }), fc.bigInt({ min: 0n, max: 1n << 50n }), fc.nat(30), async (specs, firstOffset, skip) => {
        const bytes = await fetchBytes(specs, firstOffset);
        const fetchOffset = firstOffset + BigInt(skip);
        expect(await fetchedRecordsOf(bytes, 'orders', 3, fetchOffset)).toEqual(await oracle(bytes, 'orders', 3, fetchOffset));
      }),
      { numRuns: 150 },
    );
  });

  it('starts in the middle of a batch and ends after the last batch', async () => {
    const bytes = await fetchBytes([{ values: ['a', 'b', 'c', 'd'], compression: CompressionCodec.None, isControl: false, withHeaders: false }], 10n);
    const fetched = await fetchedRecordsOf(bytes, 'orders', 3, 12n);
    expect(fetched.records.map((record) => [record.offset, record.value?.toString()])).toEqual([
      [12n, 'c'],
      [13n, 'd'],
    ]);
    expect(fetched.nextOffset).toBe(14n);
    expect(fetched.records[0]).toMatchObject({ topic: 'orders', partition: 3, timestamp: 1_700_000_000_006n, key: null });
    expect(fetched.records[0]?.headers).toBe(NO_HEADERS);
  });

  it('moves past control batches without records', async () => {
    const bytes = await fetchBytes([{ values: ['commit'], compression: CompressionCodec.None, isControl: true, withHeaders: false }], 5n);
    expect(await fetchedRecordsOf(bytes, 'orders', 0, 5n)).toEqual({ records: [], nextOffset: 6n });
  });

  it('refuses a wrong CRC, even in a batch entirely before the fetch offset', async () => {
    const bytes = await fetchBytes([{ values: ['a'], compression: CompressionCodec.None, isControl: false, withHeaders: false }, { values: ['b'], compression: CompressionCodec.None, isControl: false, withHeaders: false }], 0n);
    const lastOfFirst = bytes.readInt32BE(8) + 12 - 1; // the first batch's last byte: its record's value
    bytes[lastOfFirst] = (bytes[lastOfFirst] as number) ^ 0x01;
    const error = await fetchedRecordsOf(bytes, 'orders', 0, 1n).catch((caught: unknown) => caught);
    expect(isSamsaError(error, 'CORRUPT_MESSAGE')).toBe(true);
    expect((error as Error).message).toMatch(/batch at byte 0: CRC/);
  });
});
