import { Attributes, BatchLayout, CompressionCodec, TimestampType, validateBatches } from './batch-header';
import { isSamsaError, type SamsaError } from './errors';
import type { RecordInput } from './record';
import { decodeRecordBatch, decodeRecordBatches } from './record-batch-decoder';
import { encodeRecordBatch } from './record-batch-encoder';
import { fixCrc, recordsOf, replaceRecords } from './test-support/batch-surgery';

async function decodeError(buffer: Buffer): Promise<SamsaError> {
  const error = await decodeRecordBatch(buffer).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSamsaError(error)) throw new Error(`expected a SamsaError, got ${String(error)}`);
  return error;
}

async function expectCorrupt(buffer: Buffer, messagePart: string | RegExp): Promise<void> {
  const error = await decodeError(buffer);
  expect(error.code).toBe('CORRUPT_MESSAGE');
  expect(error.message).toMatch(messagePart);
}

const record = (text: string, timestamp?: bigint): RecordInput =>
  timestamp === undefined ? { key: null, value: Buffer.from(text) } : { key: null, value: Buffer.from(text), timestamp };

describe('encodeRecordBatch defaults', () => {
  test('an idempotence-free batch at offset 0 with no leader epoch', async () => {
    const batch = await decodeRecordBatch(await encodeRecordBatch({ records: [record('a', 10n)] }));
    expect(batch).toMatchObject({
      baseOffset: 0n,
      partitionLeaderEpoch: -1,
      producerId: -1n,
      producerEpoch: -1,
      baseSequence: -1,
      attributes: 0,
      compression: CompressionCodec.None,
      timestampType: TimestampType.CreateTime,
      isTransactional: false,
      isControl: false,
    });
  });

  test('records without a timestamp share the batch timestamp, or the clock read once', async () => {
    const explicit = await decodeRecordBatch(await encodeRecordBatch({ records: [record('a'), record('b', 7n)], timestamp: 5n }));
    expect(explicit.records.map((decoded) => decoded.timestamp)).toEqual([5n, 7n]);
    const before = BigInt(Date.now());
    const clocked = await decodeRecordBatch(await encodeRecordBatch({ records: [record('a'), record('b')] }));
    const [first, second] = clocked.records;
    expect(first?.timestamp).toBe(second?.timestamp);
    expect(first!.timestamp >= before && first!.timestamp <= BigInt(Date.now())).toBe(true);
  });

  test('baseTimestamp is the first record, as Java writes it; maxTimestamp the largest', async () => {
    const batch = await decodeRecordBatch(await encodeRecordBatch({ records: [record('a', 100n), record('b', 40n), record('c', 300n)] }));
    expect(batch.baseTimestamp).toBe(100n);
    expect(batch.maxTimestamp).toBe(300n);
    expect(batch.records.map((decoded) => decoded.timestamp)).toEqual([100n, 40n, 300n]);
  });

  test('an empty batch carries no timestamps and no records', async () => {
    const buffer = await encodeRecordBatch({ records: [], lastOffsetDelta: 4, baseOffset: 10n });
    const batch = await decodeRecordBatch(buffer);
    expect(batch).toMatchObject({ recordCount: 0, lastOffsetDelta: 4, baseTimestamp: -1n, maxTimestamp: -1n, records: [] });
    expect(validateBatches(buffer)).toHaveLength(1);
  });
});

describe('encodeRecordBatch options', () => {
  test('every header field round-trips', async () => {
    const batch = await decodeRecordBatch(
      await encodeRecordBatch({
        records: [record('a', 1n)],
        baseOffset: 1n << 40n,
        partitionLeaderEpoch: 12,
        producerId: 77n,
        producerEpoch: 5,
        baseSequence: 1000,
        isTransactional: true,
        isControl: true,
        compression: CompressionCodec.Zstd,
      }),
    );
    expect(batch).toMatchObject({
      baseOffset: 1n << 40n,
      partitionLeaderEpoch: 12,
      producerId: 77n,
      producerEpoch: 5,
      baseSequence: 1000,
      isTransactional: true,
      isControl: true,
      compression: CompressionCodec.Zstd,
      attributes: CompressionCodec.Zstd | Attributes.transactionalBit | Attributes.controlBit,
    });
    expect(batch.records[0]?.offset).toBe(1n << 40n);
  });

  test('LogAppendTime sets the attribute bit and gives every record the max timestamp', async () => {
    const buffer = await encodeRecordBatch({
      records: [record('a', 1n), record('b', 2n)],
      timestampType: TimestampType.LogAppendTime,
      maxTimestamp: 999n,
    });
    const batch = await decodeRecordBatch(buffer);
    expect(batch.attributes & Attributes.timestampTypeBit).toBe(Attributes.timestampTypeBit);
    expect(batch.timestampType).toBe(TimestampType.LogAppendTime);
    expect(batch.records.map((decoded) => decoded.timestamp)).toEqual([999n, 999n]);
  });

  test('explicit offset deltas keep their gaps (a compacted batch)', async () => {
    const buffer = await encodeRecordBatch({
      baseOffset: 100n,
      records: [{ ...record('a', 1n), offsetDelta: 0 }, { ...record('c', 1n), offsetDelta: 2 }],
      lastOffsetDelta: 3,
    });
    const batch = await decodeRecordBatch(buffer);
    expect(batch.lastOffsetDelta).toBe(3);
    expect(batch.records.map((decoded) => decoded.offset)).toEqual([100n, 102n]);
  });

  test('invalid input is a programmer error naming the option', async () => {
    await expect(encodeRecordBatch({ records: [record('a'), { ...record('b'), offsetDelta: 0 }] })).rejects.toThrow(/records\[1\]\.offsetDelta/);
    await expect(encodeRecordBatch({ records: [record('a')], producerEpoch: 40_000 })).rejects.toThrow(RangeError);
    await expect(encodeRecordBatch({ records: [record('a')], baseSequence: 2 ** 31 })).rejects.toThrow(/baseSequence/);
    await expect(encodeRecordBatch({ records: [record('a')], compression: 5 as CompressionCodec })).rejects.toThrow(/compression/);
    await expect(encodeRecordBatch({ records: [record('a'), record('b')], lastOffsetDelta: 0 })).rejects.toThrow(/lastOffsetDelta/);
    await expect(encodeRecordBatch({ records: [record('a', 1n << 63n)] })).rejects.toThrow(/int64/);
    await expect(encodeRecordBatch({ records: [{ key: 'k' as unknown as Buffer, value: null }] })).rejects.toThrow(TypeError);
  });

  test('ten thousand records encode into one batch and decode in order', async () => {
    const records = Array.from({ length: 10_000 }, (_, index) => ({ key: null, value: Buffer.from(`value-${index}`), timestamp: BigInt(index) }));
    const batch = await decodeRecordBatch(await encodeRecordBatch({ records, compression: CompressionCodec.Lz4 }));
    expect(batch.recordCount).toBe(10_000);
    expect(batch.records[9_999]?.value?.toString()).toBe('value-9999');
    expect(batch.records[9_999]?.offset).toBe(9_999n);
  });
});

describe('decodeRecordBatches', () => {
  test('reads concatenated batches of different codecs in order', async () => {
    const first = await encodeRecordBatch({ records: [record('a', 1n)], baseOffset: 0n, compression: CompressionCodec.Gzip });
    const second = await encodeRecordBatch({ records: [record('b', 2n), record('c', 3n)], baseOffset: 1n, compression: CompressionCodec.Snappy });
    const batches = await decodeRecordBatches(Buffer.concat([first, second]));
    expect(batches.flatMap((batch) => batch.records.map((decoded) => [decoded.offset, decoded.value?.toString()]))).toEqual([
      [0n, 'a'],
      [1n, 'b'],
      [2n, 'c'],
    ]);
  });

  test('an empty buffer holds no batches', async () => {
    await expect(decodeRecordBatches(Buffer.alloc(0))).resolves.toEqual([]);
  });

  test('a truncated second batch is CORRUPT_MESSAGE naming its position', async () => {
    const one = await encodeRecordBatch({ records: [record('a', 1n)] });
    const error = await decodeRecordBatches(Buffer.concat([one, one.subarray(0, one.length - 1)])).catch((caught: unknown) => caught);
    expect(isSamsaError(error, 'CORRUPT_MESSAGE')).toBe(true);
    expect((error as Error).message).toContain(`batch at byte ${one.length}`);
  });
});

describe('decodeRecordBatch refuses bad input with CORRUPT_MESSAGE', () => {
  let valid: Buffer;
  beforeAll(async () => {
    valid = await encodeRecordBatch({ records: [{ key: Buffer.from('k'), value: Buffer.from('v'), headers: [{ key: 'h', value: null }], timestamp: 5n }] });
  });

  test('a wrong CRC', async () => {
    const buffer = Buffer.from(valid);
    buffer[buffer.length - 1] = (buffer[buffer.length - 1] as number) ^ 0x01;
    await expectCorrupt(buffer, /CRC/);
  });

  test('a buffer shorter than a header, and one cut short', async () => {
    await expectCorrupt(valid.subarray(0, 30), /shorter than a batch header/);
    await expectCorrupt(valid.subarray(0, valid.length - 1), /runs past the end/);
  });

  test('bytes after the one batch', async () => {
    await expectCorrupt(Buffer.concat([valid, Buffer.alloc(3)]), /decodeRecordBatches/);
  });

  test('a truncated varint', async () => {
    await expectCorrupt(replaceRecords(valid, Buffer.from([0x80])), /record length: truncated or overlong varint/);
    await expectCorrupt(replaceRecords(valid, Buffer.from([0x0c, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])), /timestamp delta: truncated/);
  });

  test('a record length or key length past the end', async () => {
    await expectCorrupt(replaceRecords(valid, Buffer.from([0x64, 0x00, 0x00])), /record length 50 does not fit/);
    // length 4: attributes, timestampDelta, offsetDelta, key length 20 with one byte left.
    await expectCorrupt(replaceRecords(valid, Buffer.from([0x08, 0x00, 0x00, 0x00, 0x28])), /record key: needs 20 bytes/);
  });

  test('a record whose fields do not fill its declared length', async () => {
    const records = recordsOf(valid);
    const padded = Buffer.concat([records, Buffer.from([0x00])]);
    padded[0] = (records[0] as number) + 2; // length + 1, zigzag
    await expectCorrupt(replaceRecords(valid, padded), /declared \d+ bytes but its fields take/);
  });

  test('a record count above or below the records present', async () => {
    const records = recordsOf(valid);
    await expectCorrupt(replaceRecords(valid, records, { recordCount: 2, lastOffsetDelta: 1 }), /header says 2 records but the data ends after 1/);
    await expectCorrupt(replaceRecords(valid, Buffer.concat([records, records]), { recordCount: 1 }), /left over after the 1 records/);
  });

  test('a null header key and a negative header count', async () => {
    // attributes, timestampDelta 0, offsetDelta 0, null key, null value, one header with key length -1.
    await expectCorrupt(replaceRecords(valid, Buffer.from([0x0e, 0x00, 0x00, 0x00, 0x01, 0x01, 0x02, 0x01, 0x01])), /header keys cannot be null/);
    await expectCorrupt(replaceRecords(valid, Buffer.from([0x0c, 0x00, 0x00, 0x00, 0x01, 0x01, 0x03])), /negative header count -2/);
  });

  test('compressed data that does not decompress', async () => {
    const attributes = CompressionCodec.Gzip;
    await expectCorrupt(replaceRecords(valid, Buffer.from('not gzip at all'), { attributes }), /batch at byte 0: gzip: could not decompress/);
  });

  test('a codec number above 4 is UNSUPPORTED_COMPRESSION_TYPE', async () => {
    const buffer = Buffer.from(valid);
    buffer.writeInt16BE(6, BatchLayout.attributes);
    const error = await decodeError(fixCrc(buffer));
    expect(error.code).toBe('UNSUPPORTED_COMPRESSION_TYPE');
  });
});
