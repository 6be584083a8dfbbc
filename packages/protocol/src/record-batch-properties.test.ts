import fc from 'fast-check';
import { BatchLayout, CompressionCodec, TimestampType, validateBatches } from './batch-header';
import { compressionName } from './compression';
import { isSamsaError } from './errors';
import type { RecordInput } from './record';
import { decodeRecordBatch } from './record-batch-decoder';
import { encodeRecordBatch, type RecordBatchInput } from './record-batch-encoder';
import { fixCrc } from './test-support/batch-surgery';

/**
 * Properties over random batches. A failure prints fast-check's seed and path; rerun with
 * `fc.assert(..., { seed, path })` to replay it exactly.
 */

const codecs = [CompressionCodec.None, CompressionCodec.Gzip, CompressionCodec.Snappy, CompressionCodec.Lz4, CompressionCodec.Zstd];
const RUNS_PER_CODEC = 40;

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));
const nullableBytes = (maxLength: number) => fc.option(bytes(maxLength), { nil: null, freq: 4 });
/** Timestamps within ±2^62 keep every delta inside int64. */
const timestamp = fc.bigInt({ min: -(1n << 62n), max: 1n << 62n });

const recordInput: fc.Arbitrary<RecordInput> = fc.record({
  key: nullableBytes(64),
  value: nullableBytes(300),
  headers: fc.array(fc.record({ key: fc.string({ unit: 'binary', maxLength: 12 }), value: nullableBytes(32) }), { maxLength: 4 }),
  timestamp,
});

const batchInput = (compression: CompressionCodec): fc.Arbitrary<RecordBatchInput> =>
  fc.record({
    records: fc.array(recordInput, { maxLength: 12 }),
    compression: fc.constant(compression),
    baseOffset: fc.bigInt({ min: 0n, max: (1n << 62n) }),
    partitionLeaderEpoch: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
    producerId: fc.bigInt({ min: -1n, max: (1n << 63n) - 1n }),
    producerEpoch: fc.integer({ min: -1, max: 0x7fff }),
    baseSequence: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
    isTransactional: fc.boolean(),
    timestampType: fc.constantFrom(TimestampType.CreateTime, TimestampType.LogAppendTime),
  });

/** What the decoder must return for `input`: offsets by index; LogAppendTime replaces timestamps. */
function expectedRecords(input: RecordBatchInput, maxTimestamp: bigint) {
  const baseOffset = input.baseOffset ?? 0n;
  return input.records.map((record, index) => ({
    offset: baseOffset + BigInt(index),
    offsetDelta: index,
    timestamp: input.timestampType === TimestampType.LogAppendTime ? maxTimestamp : record.timestamp,
    key: record.key,
    value: record.value,
    headers: record.headers ?? [],
    attributes: 0,
  }));
}

describe.each(codecs.map((codec) => [compressionName(codec), codec] as const))('random batches, %s', (_name, codec) => {
  test('round-trip to the same records and header fields', async () => {
    await fc.assert(
      fc.asyncProperty(batchInput(codec), async (input) => {
        const buffer = await encodeRecordBatch(input);
        expect(validateBatches(buffer, { maxBatchBytes: Infinity })).toHaveLength(1);
        const batch = await decodeRecordBatch(buffer);
        expect(batch).toMatchObject({
          baseOffset: input.baseOffset,
          partitionLeaderEpoch: input.partitionLeaderEpoch,
          producerId: input.producerId,
          producerEpoch: input.producerEpoch,
          baseSequence: input.baseSequence,
          isTransactional: input.isTransactional,
          compression: codec,
          timestampType: input.timestampType,
          recordCount: input.records.length,
          lastOffsetDelta: Math.max(0, input.records.length - 1),
        });
        expect(batch.records).toEqual(expectedRecords(input, batch.maxTimestamp));
      }),
      { numRuns: RUNS_PER_CODEC },
    );
  });

  test('changing any byte the CRC covers makes decode and validate fail with CORRUPT_MESSAGE', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchInput(codec),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (input, positionSeed, flip) => {
          const buffer = await encodeRecordBatch(input);
          // The CRC field itself and everything after it: [17, end).
          const position = BatchLayout.crc + (positionSeed % (buffer.length - BatchLayout.crc));
          buffer[position] = (buffer[position] as number) ^ flip;
          expect(() => validateBatches(buffer, { maxBatchBytes: Infinity })).toThrow(expect.objectContaining({ code: 'CORRUPT_MESSAGE' }));
          await expect(decodeRecordBatch(buffer)).rejects.toMatchObject({ code: 'CORRUPT_MESSAGE' });
        },
      ),
      { numRuns: RUNS_PER_CODEC },
    );
  });

  test('garbage behind a valid CRC only ever fails with a SamsaError', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchInput(codec),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        async (input, changes, cutSeed) => {
          const encoded = await encodeRecordBatch(input);
          // Overwrite some record bytes, sometimes cut the records short, then make the
          // header consistent again so the parser, not the CRC check, meets the damage.
          const recordsBytes = encoded.length - 61;
          const cut = recordsBytes === 0 ? 0 : cutSeed % (recordsBytes + 1);
          const buffer = Buffer.from(encoded.subarray(0, cutSeed % 2 === 0 ? encoded.length : 61 + cut));
          for (const [positionSeed, value] of changes) {
            if (buffer.length > 61) buffer[61 + (positionSeed % (buffer.length - 61))] = value;
          }
          buffer.writeInt32BE(buffer.length - 12, BatchLayout.batchLength);
          const outcome = await decodeRecordBatch(fixCrc(buffer)).then(
            () => 'decoded',
            (error: unknown) => error,
          );
          if (outcome !== 'decoded') expect(isSamsaError(outcome)).toBe(true);
        },
      ),
      { numRuns: RUNS_PER_CODEC },
    );
  });
});

describe('fields outside the CRC', () => {
  test('baseOffset and partitionLeaderEpoch can be rewritten without breaking the batch', async () => {
    await fc.assert(
      fc.asyncProperty(batchInput(CompressionCodec.None), fc.bigInt({ min: 0n, max: 1n << 62n }), fc.nat(), async (input, baseOffset, epoch) => {
        const buffer = await encodeRecordBatch(input);
        buffer.writeBigInt64BE(baseOffset, BatchLayout.baseOffset);
        buffer.writeInt32BE(epoch, BatchLayout.partitionLeaderEpoch);
        const batch = await decodeRecordBatch(buffer);
        expect(batch.baseOffset).toBe(baseOffset);
        expect(batch.partitionLeaderEpoch).toBe(epoch);
        expect(batch.records.map((decoded) => decoded.offset)).toEqual(input.records.map((_, index) => baseOffset + BigInt(index)));
      }),
      { numRuns: 30 },
    );
  });
});
