import fc from 'fast-check';
import { BatchLayout, CompressionCodec, validateBatches } from './batch-header';
import { compressionName } from './compression';
import type { RecordHeader, RecordInput } from './record';
import { RecordBatchBuilder, type RecordBatchBuildOptions } from './record-batch-builder';
import { decodeRecordBatch } from './record-batch-decoder';
import { encodeRecordBatch } from './record-batch-encoder';

/**
 * The builder must write exactly what the encoder writes for the same records and fields,
 * whatever the codec, however the records arrive, and however often it is rebuilt with a
 * new producer identity. A failure prints fast-check's seed and path; rerun with
 * `fc.assert(..., { seed, path })` to replay it exactly.
 */

const codecs = [CompressionCodec.None, CompressionCodec.Gzip, CompressionCodec.Snappy, CompressionCodec.Lz4, CompressionCodec.Zstd];
const RUNS_PER_CODEC = 40;

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));
const nullableBytes = (maxLength: number) => fc.option(bytes(maxLength), { nil: null, freq: 4 });
const NOW_MS = 1_750_000_000_000;
/** Mostly timestamps a producer makes (near now, as numbers); sometimes anything an int64 delta allows. */
const timestamp: fc.Arbitrary<number | bigint> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: NOW_MS - 100_000, max: NOW_MS + 100_000 }) },
  { weight: 1, arbitrary: fc.maxSafeInteger() },
  { weight: 1, arbitrary: fc.bigInt({ min: -(1n << 62n), max: 1n << 62n }) },
);

interface BuilderRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RecordHeader[] | undefined;
  readonly timestamp: number | bigint;
}

const builderRecord: fc.Arbitrary<BuilderRecord> = fc.record({
  key: nullableBytes(64),
  value: nullableBytes(300),
  headers: fc.option(fc.array(fc.record({ key: fc.string({ unit: 'binary', maxLength: 12 }), value: nullableBytes(32) }), { maxLength: 4 }), { nil: undefined }),
  timestamp,
});

const identity = fc.record({
  producerId: fc.bigInt({ min: -1n, max: (1n << 63n) - 1n }),
  producerEpoch: fc.integer({ min: -1, max: 0x7fff }),
  baseSequence: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
});

const asInput = (record: BuilderRecord): RecordInput => ({ key: record.key, value: record.value, ...(record.headers === undefined ? {} : { headers: record.headers }), timestamp: BigInt(record.timestamp) });

function builderOf(records: readonly BuilderRecord[], initialCapacityBytes: number): RecordBatchBuilder {
  const builder = new RecordBatchBuilder(initialCapacityBytes);
  for (const record of records) builder.append(record.key, record.value, record.headers, record.timestamp);
  return builder;
}

const encoded = (records: readonly BuilderRecord[], options: RecordBatchBuildOptions) => encodeRecordBatch({ records: records.map(asInput), ...options });

describe.each(codecs.map((codec) => [compressionName(codec), codec] as const))('RecordBatchBuilder, %s', (_name, compression) => {
  test('builds the same bytes as encodeRecordBatch, and they decode to the records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(builderRecord, { maxLength: 12 }), identity, fc.nat({ max: 2048 }), async (records, fields, capacity) => {
        const built = await builderOf(records, capacity).build({ compression, ...fields });
        expect(built).toEqual(await encoded(records, { compression, ...fields }));
        expect(validateBatches(built, { maxBatchBytes: Infinity })).toHaveLength(1);
        const batch = await decodeRecordBatch(built);
        expect(batch.records.map((record) => [record.key, record.value, record.timestamp, record.headers])).toEqual(records.map((record) => [record.key, record.value, BigInt(record.timestamp), record.headers ?? []]));
      }),
      { numRuns: RUNS_PER_CODEC },
    );
  });

  test('rebuilt with another identity, only that identity and the CRC change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(builderRecord, { minLength: 1, maxLength: 8 }), identity, identity, async (records, first, second) => {
        const builder = builderOf(records, 0);
        const firstBytes = Buffer.from(await builder.build({ compression, ...first }));
        const secondBytes = await builder.build({ compression, ...second });
        expect(secondBytes).toEqual(await encoded(records, { compression, ...second }));
        // Past the CRC, only producer id, epoch and base sequence [43, 57) may differ.
        expect(secondBytes.subarray(BatchLayout.attributes, BatchLayout.producerId)).toEqual(firstBytes.subarray(BatchLayout.attributes, BatchLayout.producerId));
        expect(secondBytes.subarray(BatchLayout.recordCount)).toEqual(firstBytes.subarray(BatchLayout.recordCount));
        expect(await builder.build({ compression, ...first })).toEqual(firstBytes);
      }),
      { numRuns: RUNS_PER_CODEC / 2 },
    );
  });

  test('records appended after a build are in the next build', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(builderRecord, { maxLength: 6 }), fc.array(builderRecord, { minLength: 1, maxLength: 6 }), async (before, after) => {
        const builder = builderOf(before, 16);
        await builder.build({ compression });
        for (const record of after) builder.append(record.key, record.value, record.headers, record.timestamp);
        expect(await builder.build({ compression })).toEqual(await encoded([...before, ...after], { compression }));
      }),
      { numRuns: RUNS_PER_CODEC / 2 },
    );
  });
});

describe('RecordBatchBuilder bookkeeping and bad input', () => {
  test('counts records and bytes as the encoder lays them out', async () => {
    const builder = new RecordBatchBuilder(0);
    expect(builder.sizeBytes).toBe(61);
    const value = Buffer.alloc(100, 1);
    for (let index = 0; index < 1000; index++) builder.append(null, value, undefined, NOW_MS + (index % 7));
    expect(builder.recordCount).toBe(1000);
    expect(builder.sizeBytes).toBe((await builder.build()).length);
  });

  test('an empty builder builds the encoder\'s empty batch', async () => {
    expect(await new RecordBatchBuilder().build()).toEqual(await encodeRecordBatch({ records: [] }));
  });

  test('refuses bad records with a TypeError or RangeError and keeps what it has', async () => {
    const builder = new RecordBatchBuilder();
    builder.append(Buffer.from('k'), Buffer.from('v'), undefined, NOW_MS);
    const before = Buffer.from(await builder.build());
    expect(() => builder.append(null, 'text' as never, undefined, NOW_MS)).toThrow(TypeError);
    expect(() => builder.append(null, null, [{ key: 7 as never, value: null }], NOW_MS)).toThrow(TypeError);
    expect(() => builder.append(null, null, undefined, 1.5)).toThrow(RangeError);
    expect(() => builder.append(null, null, undefined, 2 ** 53)).toThrow(RangeError);
    expect(() => builder.append(null, null, undefined, 1n << 63n)).toThrow(RangeError);
    expect(() => builder.append(null, null, undefined, -(1n << 63n))).toThrow(RangeError);
    expect(builder.recordCount).toBe(1);
    expect(await builder.build()).toEqual(before);
    await expect(builder.build({ producerEpoch: 0x8000 })).rejects.toThrow(RangeError);
    await expect(builder.build({ compression: 7 as never })).rejects.toThrow(RangeError);
  });

  test('says when a timestamp is too far from the base for an int64 delta', () => {
    const builder = new RecordBatchBuilder();
    expect(builder.acceptsTimestamp(-(1n << 63n))).toBe(true);
    builder.append(null, null, undefined, (1n << 63n) - 1n);
    expect(builder.acceptsTimestamp(NOW_MS)).toBe(true);
    expect(builder.acceptsTimestamp(-2n)).toBe(false);
    expect(() => builder.append(null, null, undefined, -2n)).toThrow(RangeError);
  });
});
