import { CompressionCodec, TimestampType } from './batch-header';
import { ByteReader } from './byte-reader';
import { isSamsaError } from './errors';
import { NO_HEADERS, RecordCursor, type RecordInput } from './record';
import { decodeBatchHeaderAt, decodeRecordBatch, decompressedRecordCursorAt, recordCursorAt } from './record-batch-decoder';
import { encodeRecordBatch } from './record-batch-encoder';
import { recordsOf, replaceRecords } from './test-support/batch-surgery';
import { writeVarlong } from './varint';

const BASE_TIMESTAMP = 1_760_000_000_000n;
const value = (text: string, timestamp: bigint, extra: Partial<RecordInput> = {}): RecordInput => ({ key: null, value: Buffer.from(text), timestamp, ...extra });

/** Every record a cursor yields, as plain objects. */
function drain(cursor: RecordCursor) {
  const out = [];
  while (cursor.next()) out.push({ offset: cursor.offset, offsetDelta: cursor.offsetDelta, timestamp: cursor.timestamp, key: cursor.key, value: cursor.value, headers: cursor.headers });
  return out;
}

describe('RecordCursor', () => {
  test('yields what decodeRecordBatch does, timestamps included, whether deltas repeat, change or need a bigint', async () => {
    const timestamps = [0n, 0n, 5n, 5n, -3n, 1n << 40n, 1n << 40n, 0n, 8191n, 8192n].map((delta) => BASE_TIMESTAMP + delta);
    const batch = await encodeRecordBatch({ baseOffset: 1n << 45n, records: timestamps.map((timestamp, index) => value(`v${index}`, timestamp)) });
    const header = decodeBatchHeaderAt(batch, 0);
    const records = drain(recordCursorAt(batch, 0, header));
    expect(records.map((record) => record.timestamp)).toEqual(timestamps);
    expect(records.map((record) => record.offset)).toEqual(timestamps.map((_, index) => (1n << 45n) + BigInt(index)));
    expect(records).toEqual((await decodeRecordBatch(batch)).records.map(({ attributes: _attributes, ...rest }) => rest));
  });

  test('records without headers share one frozen empty array; records with headers get their own', async () => {
    const batch = await encodeRecordBatch({ records: [value('a', 1n), value('b', 1n, { headers: [{ key: 'h', value: Buffer.from('x') }, { key: 'h', value: null }] }), value('c', 1n)] });
    const [first, second, third] = drain(recordCursorAt(batch, 0, decodeBatchHeaderAt(batch, 0)));
    expect(first?.headers).toBe(NO_HEADERS);
    expect(third?.headers).toBe(NO_HEADERS);
    expect(Object.isFrozen(NO_HEADERS)).toBe(true);
    expect(second?.headers).toEqual([
      { key: 'h', value: Buffer.from('x') },
      { key: 'h', value: null },
    ]);
  });

  test('LogAppendTime gives every record the batch maxTimestamp', async () => {
    const batch = await encodeRecordBatch({ records: [value('a', 1n), value('b', 2n)], timestampType: TimestampType.LogAppendTime, maxTimestamp: 999n });
    expect(drain(recordCursorAt(batch, 0, decodeBatchHeaderAt(batch, 0))).map((record) => record.timestamp)).toEqual([999n, 999n]);
  });

  test('keys and values are views of the batch, not copies', async () => {
    const batch = await encodeRecordBatch({ records: [{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: 1n }] });
    const [record] = drain(recordCursorAt(batch, 0, decodeBatchHeaderAt(batch, 0)));
    expect(record?.value?.buffer).toBe(batch.buffer);
    expect(record?.key?.toString()).toBe('k');
  });

  test('a compressed batch needs decompressedRecordCursorAt; recordCursorAt refuses it as a programmer error', async () => {
    const batch = await encodeRecordBatch({ records: [value('a', 1n), value('b', 2n)], compression: CompressionCodec.Gzip });
    const header = decodeBatchHeaderAt(batch, 0);
    expect(() => recordCursorAt(batch, 0, header)).toThrow(/compressed/);
    expect(drain(await decompressedRecordCursorAt(batch, 0, header)).map((record) => record.value?.toString())).toEqual(['a', 'b']);
  });

  test('checks the record count against the data at both ends', async () => {
    const valid = await encodeRecordBatch({ records: [value('a', 1n)] });
    const records = recordsOf(valid);
    const short = replaceRecords(valid, records, { recordCount: 2, lastOffsetDelta: 1 });
    const cursor = recordCursorAt(short, 0, decodeBatchHeaderAt(short, 0));
    expect(cursor.next()).toBe(true);
    expect(() => cursor.next()).toThrow(/header says 2 records but the data ends after 1/);
    const long = replaceRecords(valid, Buffer.concat([records, records]));
    const overflowing = recordCursorAt(long, 0, decodeBatchHeaderAt(long, 0));
    expect(overflowing.next()).toBe(true);
    expect(() => overflowing.next()).toThrow(/left over after the 1 records/);
  });
});

describe('decodeBatchHeaderAt', () => {
  test('checks the CRC of the batch at a position and unpacks its attributes', async () => {
    const first = await encodeRecordBatch({ records: [value('a', 1n)] });
    const second = await encodeRecordBatch({ records: [value('b', 2n)], baseOffset: 1n, isControl: true, isTransactional: true, compression: CompressionCodec.Snappy });
    const both = Buffer.concat([first, second]);
    expect(decodeBatchHeaderAt(both, first.length)).toMatchObject({ baseOffset: 1n, sizeBytes: second.length, isControl: true, isTransactional: true, compression: CompressionCodec.Snappy, timestampType: TimestampType.CreateTime });
    both[both.length - 1] = (both[both.length - 1] as number) ^ 0x01;
    let error: unknown;
    try {
      decodeBatchHeaderAt(both, first.length);
    } catch (caught) {
      error = caught;
    }
    expect(isSamsaError(error, 'CORRUPT_MESSAGE')).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`batch at byte ${first.length}: CRC`));
  });
});

describe('ByteReader', () => {
  test('readShortVarlongZigzag reads up to four bytes and leaves longer or cut encodings to readVarlong', () => {
    const buffer = Buffer.alloc(12);
    const end = writeVarlong(buffer, 0, -3n);
    writeVarlong(buffer, end, 1n << 30n); // five bytes
    const reader = new ByteReader(buffer, 0, buffer.length, 'test');
    expect(reader.readShortVarlongZigzag()).toBe(5); // zigzag(-3)
    expect(reader.position).toBe(end);
    expect(reader.readShortVarlongZigzag()).toBe(-1);
    expect(reader.position).toBe(end);
    expect(reader.readVarlong('long')).toBe(1n << 30n);
    const cut = new ByteReader(Buffer.from([0x80, 0x80]), 0, 2, 'test');
    expect(cut.readShortVarlongZigzag()).toBe(-1);
    expect(cut.position).toBe(0);
  });

  test('readVarint stops at the reader end, not the buffer end', () => {
    const reader = new ByteReader(Buffer.from([0x02, 0x04]), 0, 1, 'test');
    expect(reader.readVarint('first')).toBe(1);
    expect(() => reader.readVarint('second')).toThrow(/second: truncated or overlong varint/);
  });

  test('readInt8 sign-extends and is bounds-checked', () => {
    const reader = new ByteReader(Buffer.from([0xff, 0x7f]), 0, 2, 'test');
    expect([reader.readInt8('a'), reader.readInt8('b')]).toEqual([-1, 127]);
    expect(() => reader.readInt8('c')).toThrow(/c: needs 1 bytes but only 0 remain/);
  });
});
