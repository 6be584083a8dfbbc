import { AssertionError } from './assert';
import type { ByteReader } from './byte-reader';
import { nullableBytesSizeBytes, writeNullableBytes } from './record-bytes';
import { RecordCursor } from './record-cursor';
import { varintSizeBytes, varlongSizeBytes, writeVarint, writeVarlong } from './varint';

/**
 * One record inside a RecordBatch v2 (Kafka's `DefaultRecord`):
 *
 *   length          varint   bytes that follow this field
 *   attributes      int8     unused, always 0
 *   timestampDelta  varlong  record timestamp - batch baseTimestamp
 *   offsetDelta     varint   record offset - batch baseOffset
 *   keyLength       varint   -1 for a null key
 *   key             bytes
 *   valueLength     varint   -1 for a null value
 *   value           bytes
 *   headerCount     varint
 *   headers         [keyLength varint, key utf-8, valueLength varint (-1 = null), value bytes]
 */

export interface RecordHeader {
  readonly key: string;
  readonly value: Buffer | null;
}

/** A record to put into a batch. */
export interface RecordInput {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: readonly RecordHeader[];
  /** Milliseconds since the epoch; defaults to the batch's `timestamp` option. */
  readonly timestamp?: bigint;
  /**
   * Offset relative to the batch's base offset; defaults to the record's index. Set it only
   * to rewrite a batch with gaps (compaction keeps the original deltas).
   */
  readonly offsetDelta?: number;
}

/** A record read from a batch, with its absolute offset and timestamp. */
export interface DecodedRecord {
  readonly offset: bigint;
  readonly offsetDelta: number;
  /** Milliseconds since the epoch; for LogAppendTime batches, the batch's maxTimestamp. */
  readonly timestamp: bigint;
  /** Views into the decoded (or decompressed) buffer, not copies. */
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Records without headers share one frozen empty array. */
  readonly headers: readonly RecordHeader[];
  /** The record's own attributes byte; Kafka defines no bits yet. */
  readonly attributes: number;
}

/** Sizes worked out once, before any byte is written, so a batch fills one buffer. */
export interface RecordLayout {
  readonly offsetDelta: number;
  readonly timestampDelta: bigint;
  /** Bytes after the length prefix. */
  readonly bodySizeBytes: number;
  /** Bytes including the length prefix. */
  readonly sizeBytes: number;
  readonly headerKeySizesBytes: readonly number[];
}

export function measureRecord(record: RecordInput, offsetDelta: number, timestampDelta: bigint): RecordLayout {
  const headers = record.headers ?? [];
  const headerKeySizesBytes: number[] = [];
  let bodySizeBytes =
    1 +
    varlongSizeBytes(timestampDelta) +
    varintSizeBytes(offsetDelta) +
    nullableBytesSizeBytes(record.key, 'record key') +
    nullableBytesSizeBytes(record.value, 'record value') +
    varintSizeBytes(headers.length);
  for (const header of headers) {
    if (typeof header.key !== 'string') throw new TypeError(`header key: expected a string, got ${typeof header.key}`);
    const keySizeBytes = Buffer.byteLength(header.key, 'utf8');
    headerKeySizesBytes.push(keySizeBytes);
    bodySizeBytes += varintSizeBytes(keySizeBytes) + keySizeBytes + nullableBytesSizeBytes(header.value, `header ${header.key} value`);
  }
  const sizeBytes = varintSizeBytes(bodySizeBytes) + bodySizeBytes;
  return { offsetDelta, timestampDelta, bodySizeBytes, sizeBytes, headerKeySizesBytes };
}

/** Writes the record at `position` using its layout; returns the position after it. */
export function writeRecord(buffer: Buffer, position: number, record: RecordInput, layout: RecordLayout): number {
  let cursor = writeVarint(buffer, position, layout.bodySizeBytes);
  buffer[cursor++] = 0;
  cursor = writeVarlong(buffer, cursor, layout.timestampDelta);
  cursor = writeVarint(buffer, cursor, layout.offsetDelta);
  cursor = writeNullableBytes(buffer, cursor, record.key);
  cursor = writeNullableBytes(buffer, cursor, record.value);
  const headers = record.headers ?? [];
  cursor = writeVarint(buffer, cursor, headers.length);
  headers.forEach((header, index) => {
    const keySizeBytes = layout.headerKeySizesBytes[index] as number;
    cursor = writeVarint(buffer, cursor, keySizeBytes);
    cursor += buffer.write(header.key, cursor, keySizeBytes, 'utf8');
    cursor = writeNullableBytes(buffer, cursor, header.value);
  });
  // Checked without `assert` so the message is only built on failure: this runs per record.
  if (cursor !== position + layout.sizeBytes) {
    throw new AssertionError(`record wrote ${cursor - position} bytes, measured ${layout.sizeBytes}`);
  }
  return cursor;
}

// Decoding: RecordCursor reads records in place; readRecord builds one DecodedRecord.
export { NO_HEADERS, RecordCursor } from './record-cursor';

/** What a record needs from its batch to turn deltas into absolute values. */
export interface RecordContext {
  readonly baseOffset: bigint;
  readonly baseTimestamp: bigint;
  /** Set for LogAppendTime batches: every record then carries this timestamp. */
  readonly logAppendTime: bigint | undefined;
}

/** Reads one record at the reader's position; throws `CORRUPT_MESSAGE` on any inconsistency. */
export function readRecord(reader: ByteReader, context: RecordContext): DecodedRecord {
  const cursor = new RecordCursor(reader, 1, context);
  cursor.read();
  return { offset: cursor.offset, offsetDelta: cursor.offsetDelta, timestamp: cursor.timestamp, key: cursor.key, value: cursor.value, headers: cursor.headers, attributes: cursor.attributes };
}
