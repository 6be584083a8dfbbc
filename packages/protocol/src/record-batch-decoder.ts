import { assert } from './assert';
import {
  Attributes,
  BATCH_HEADER_BYTES,
  BatchLayout,
  CompressionCodec,
  TimestampType,
  checkBatchFrame,
  compressionOf,
  type BatchHeader,
} from './batch-header';
import { ByteReader } from './byte-reader';
import { codecImplementation, decompress } from './compression';
import { SamsaError } from './errors';
import type { DecodedRecord, RecordContext } from './record';
import { RecordCursor } from './record-cursor';

/**
 * Reads RecordBatch v2 bytes back into records. Every batch is checked first exactly as the
 * broker checks it (`checkBatchFrame`: length, magic, count against offset delta, CRC32C), then
 * its records are decompressed and parsed with bounds-checked reads. Anything inconsistent is
 * `CORRUPT_MESSAGE` with the batch's byte position; codec numbers 5-7 are
 * `UNSUPPORTED_COMPRESSION_TYPE`. No decode error is a bare `RangeError`.
 *
 * Callers that build their own record objects (the client's reader) walk the batches with
 * `decodeBatchHeaderAt` and read records through a `RecordCursor`, which skips the
 * `DecodedRecord` objects and, for uncompressed batches, every promise.
 */

/** A checked batch header with its attributes unpacked. */
export interface DecodedBatchHeader extends BatchHeader {
  readonly compression: CompressionCodec;
  readonly timestampType: TimestampType;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
}

export interface DecodedRecordBatch extends DecodedBatchHeader {
  /** In wire order, with absolute offsets and timestamps. */
  readonly records: DecodedRecord[];
}

export interface DecodeOptions {
  /** Check the CRC32C (default true). */
  readonly verifyCrc?: boolean;
  /** Largest batch accepted; larger is `MESSAGE_TOO_LARGE`. Default: no limit. */
  readonly maxBatchBytes?: number;
  /** Largest decompressed record data per batch; default 64 MiB. */
  readonly maxUncompressedBytes?: number;
}

/** Decodes a buffer holding exactly one batch. */
export async function decodeRecordBatch(buffer: Buffer, options: DecodeOptions = {}): Promise<DecodedRecordBatch> {
  const header = decodeBatchHeaderAt(buffer, 0, options);
  const cursor = header.compression === CompressionCodec.None ? recordCursorAt(buffer, 0, header) : await decompressedRecordCursorAt(buffer, 0, header, options);
  const batch = withRecords(header, cursor);
  if (batch.sizeBytes !== buffer.length) {
    throw new SamsaError(
      'CORRUPT_MESSAGE',
      `batch at byte 0 is ${batch.sizeBytes} bytes but the buffer holds ${buffer.length}; use decodeRecordBatches for several`,
    );
  }
  return batch;
}

/** Decodes concatenated batches, in order. An empty buffer holds no batches. */
export async function decodeRecordBatches(buffer: Buffer, options: DecodeOptions = {}): Promise<DecodedRecordBatch[]> {
  const batches: DecodedRecordBatch[] = [];
  let position = 0;
  while (position < buffer.length) {
    const header = decodeBatchHeaderAt(buffer, position, options);
    // Awaits only for compressed batches: a promise per batch is measurable on small ones.
    const cursor = header.compression === CompressionCodec.None ? recordCursorAt(buffer, position, header) : await decompressedRecordCursorAt(buffer, position, header, options);
    batches.push(withRecords(header, cursor));
    position += header.sizeBytes;
  }
  return batches;
}

/**
 * Checks the batch at `position` (`checkBatchFrame`: length, magic, record count, CRC32C,
 * unless `verifyCrc` is false) and refuses codecs 5-7, without reading its records.
 */
export function decodeBatchHeaderAt(buffer: Buffer, position: number, options: DecodeOptions = {}): DecodedBatchHeader {
  const sizeBytes = checkBatchFrame(buffer, position, options.maxBatchBytes ?? Number.MAX_SAFE_INTEGER, options.verifyCrc ?? true);
  const attributes = buffer.readInt16BE(position + BatchLayout.attributes);
  const compression = compressionOf(attributes);
  codecImplementation(compression); // refuses 5-7 before any work
  // One literal: V8 builds `{ ...readBatchHeader(), compression, ... }` on a slow path that
  // costs microseconds a batch.
  return {
    baseOffset: buffer.readBigInt64BE(position + BatchLayout.baseOffset),
    sizeBytes,
    partitionLeaderEpoch: buffer.readInt32BE(position + BatchLayout.partitionLeaderEpoch),
    magic: buffer.readInt8(position + BatchLayout.magic),
    crc: buffer.readUInt32BE(position + BatchLayout.crc),
    attributes,
    lastOffsetDelta: buffer.readInt32BE(position + BatchLayout.lastOffsetDelta),
    baseTimestamp: buffer.readBigInt64BE(position + BatchLayout.baseTimestamp),
    maxTimestamp: buffer.readBigInt64BE(position + BatchLayout.maxTimestamp),
    producerId: buffer.readBigInt64BE(position + BatchLayout.producerId),
    producerEpoch: buffer.readInt16BE(position + BatchLayout.producerEpoch),
    baseSequence: buffer.readInt32BE(position + BatchLayout.baseSequence),
    recordCount: buffer.readInt32BE(position + BatchLayout.recordCount),
    compression,
    timestampType: attributes & Attributes.timestampTypeBit ? TimestampType.LogAppendTime : TimestampType.CreateTime,
    isTransactional: (attributes & Attributes.transactionalBit) !== 0,
    isControl: (attributes & Attributes.controlBit) !== 0,
  };
}

/** A cursor reading an uncompressed batch's records in place; no promise involved. */
export function recordCursorAt(buffer: Buffer, position: number, header: DecodedBatchHeader): RecordCursor {
  assert(header.compression === CompressionCodec.None, 'recordCursorAt: the batch is compressed; use decompressedRecordCursorAt');
  return cursorOver(buffer.subarray(position + BATCH_HEADER_BYTES, position + header.sizeBytes), position, header);
}

/** A cursor over a compressed batch's records, once decompressed (the one asynchronous step). */
export async function decompressedRecordCursorAt(buffer: Buffer, position: number, header: DecodedBatchHeader, options: DecodeOptions = {}): Promise<RecordCursor> {
  const data = buffer.subarray(position + BATCH_HEADER_BYTES, position + header.sizeBytes);
  try {
    const decompressOptions = options.maxUncompressedBytes === undefined ? {} : { maxUncompressedBytes: options.maxUncompressedBytes };
    return cursorOver(await decompress(header.compression, data, decompressOptions), position, header);
  } catch (error: unknown) {
    if (error instanceof SamsaError) throw new SamsaError(error.code, `batch at byte ${position}: ${error.message}`, { cause: error });
    throw error;
  }
}

function cursorOver(data: Buffer, position: number, header: DecodedBatchHeader): RecordCursor {
  const context: RecordContext = {
    baseOffset: header.baseOffset,
    baseTimestamp: header.baseTimestamp,
    logAppendTime: header.timestampType === TimestampType.LogAppendTime ? header.maxTimestamp : undefined,
  };
  return new RecordCursor(new ByteReader(data, 0, data.length, `batch at byte ${position}`), header.recordCount, context);
}

function withRecords(header: DecodedBatchHeader, cursor: RecordCursor): DecodedRecordBatch {
  const records: DecodedRecord[] = [];
  while (cursor.next()) {
    records.push({ offset: cursor.offset, offsetDelta: cursor.offsetDelta, timestamp: cursor.timestamp, key: cursor.key, value: cursor.value, headers: cursor.headers, attributes: cursor.attributes });
  }
  // Field by field: V8 builds `{ ...header, records }` on a slow path (microseconds a batch).
  const { baseOffset, sizeBytes, partitionLeaderEpoch, magic, crc, attributes, lastOffsetDelta, baseTimestamp, maxTimestamp } = header;
  const { producerId, producerEpoch, baseSequence, recordCount, compression, timestampType, isTransactional, isControl } = header;
  return { baseOffset, sizeBytes, partitionLeaderEpoch, magic, crc, attributes, lastOffsetDelta, baseTimestamp, maxTimestamp, producerId, producerEpoch, baseSequence, recordCount, compression, timestampType, isTransactional, isControl, records };
}
