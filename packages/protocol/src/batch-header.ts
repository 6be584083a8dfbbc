import { crc32c } from './crc32c';
import { SamsaError } from './errors';

/**
 * The fixed 61-byte header of a Kafka RecordBatch v2, and the checks the broker and the
 * storage engine make without decoding records.
 *
 *   offset  field                 type
 *   0       baseOffset            int64
 *   8       batchLength           int32   bytes that follow this field (total = batchLength + 12)
 *   12      partitionLeaderEpoch  int32   not covered by the CRC: the leader stamps it
 *   16      magic                 int8    always 2
 *   17      crc                   uint32  CRC32C of bytes [21, end)
 *   21      attributes            int16   bits 0-2 codec, 3 timestamp type, 4 transactional, 5 control
 *   23      lastOffsetDelta       int32
 *   27      baseTimestamp         int64   (Kafka's firstTimestamp)
 *   35      maxTimestamp          int64
 *   43      producerId            int64
 *   51      producerEpoch         int16
 *   53      baseSequence          int32
 *   57      recordCount           int32
 *   61      records...
 */
export const BatchLayout = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
} as const;

/** Bytes before `batchLength`'s count starts: baseOffset + batchLength. */
export const LOG_OVERHEAD_BYTES = 12;
export const BATCH_HEADER_BYTES = 61;
export const RECORD_BATCH_MAGIC = 2;
/** Kafka's default `max.message.bytes`. */
export const DEFAULT_MAX_BATCH_BYTES = 1048588;

export enum CompressionCodec {
  None = 0,
  Gzip = 1,
  Snappy = 2,
  Lz4 = 3,
  Zstd = 4,
}

export enum TimestampType {
  CreateTime = 0,
  LogAppendTime = 1,
}

export const Attributes = {
  compressionMask: 0x07,
  timestampTypeBit: 0x08,
  transactionalBit: 0x10,
  controlBit: 0x20,
} as const;

export const NO_PRODUCER_ID = -1n;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
export const NO_PARTITION_LEADER_EPOCH = -1;

/** The header fields of one batch, read without touching its records. */
export interface BatchHeader extends BatchHeaderFields {
  /** Total bytes of the batch on the wire and on disk, header included. */
  readonly sizeBytes: number;
  readonly magic: number;
  readonly crc: number;
}

export function compressionOf(attributes: number): CompressionCodec {
  return (attributes & Attributes.compressionMask) as CompressionCodec;
}

export function lastOffsetOf(header: BatchHeader): bigint {
  return header.baseOffset + BigInt(header.lastOffsetDelta);
}

/** Reads the header at `position`. The caller has checked that 61 bytes are there. */
export function readBatchHeader(buffer: Buffer, position = 0): BatchHeader {
  return {
    baseOffset: buffer.readBigInt64BE(position + BatchLayout.baseOffset),
    sizeBytes: buffer.readInt32BE(position + BatchLayout.batchLength) + LOG_OVERHEAD_BYTES,
    partitionLeaderEpoch: buffer.readInt32BE(position + BatchLayout.partitionLeaderEpoch),
    magic: buffer.readInt8(position + BatchLayout.magic),
    crc: buffer.readUInt32BE(position + BatchLayout.crc),
    attributes: buffer.readInt16BE(position + BatchLayout.attributes),
    lastOffsetDelta: buffer.readInt32BE(position + BatchLayout.lastOffsetDelta),
    baseTimestamp: buffer.readBigInt64BE(position + BatchLayout.baseTimestamp),
    maxTimestamp: buffer.readBigInt64BE(position + BatchLayout.maxTimestamp),
    producerId: buffer.readBigInt64BE(position + BatchLayout.producerId),
    producerEpoch: buffer.readInt16BE(position + BatchLayout.producerEpoch),
    baseSequence: buffer.readInt32BE(position + BatchLayout.baseSequence),
    recordCount: buffer.readInt32BE(position + BatchLayout.recordCount),
  };
}

/** The CRC a batch should carry: CRC32C of everything from `attributes` to its end. */
export function computeBatchCrc(batch: Buffer): number {
  return crc32c(batch.subarray(BatchLayout.attributes));
}

/** The header fields a writer chooses; length, magic and CRC follow from the bytes. */
export interface BatchHeaderFields {
  readonly baseOffset: bigint;
  readonly partitionLeaderEpoch: number;
  readonly attributes: number;
  readonly lastOffsetDelta: number;
  readonly baseTimestamp: bigint;
  readonly maxTimestamp: bigint;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
}

/**
 * Writes the header into the first 61 bytes of `batch`, which holds exactly one batch with
 * its records already in place, then the CRC over attributes..end. Returns `batch`.
 */
export function writeBatchHeader(batch: Buffer, fields: BatchHeaderFields): Buffer {
  const sizeBytes = batch.length;
  if (sizeBytes - LOG_OVERHEAD_BYTES > 0x7fff_ffff) throw new RangeError(`batch of ${sizeBytes} bytes is too large for an int32 length`);
  batch.writeBigInt64BE(fields.baseOffset, BatchLayout.baseOffset);
  batch.writeInt32BE(sizeBytes - LOG_OVERHEAD_BYTES, BatchLayout.batchLength);
  batch.writeInt32BE(fields.partitionLeaderEpoch, BatchLayout.partitionLeaderEpoch);
  batch.writeInt8(RECORD_BATCH_MAGIC, BatchLayout.magic);
  batch.writeInt16BE(fields.attributes, BatchLayout.attributes);
  batch.writeInt32BE(fields.lastOffsetDelta, BatchLayout.lastOffsetDelta);
  batch.writeBigInt64BE(fields.baseTimestamp, BatchLayout.baseTimestamp);
  batch.writeBigInt64BE(fields.maxTimestamp, BatchLayout.maxTimestamp);
  batch.writeBigInt64BE(fields.producerId, BatchLayout.producerId);
  batch.writeInt16BE(fields.producerEpoch, BatchLayout.producerEpoch);
  batch.writeInt32BE(fields.baseSequence, BatchLayout.baseSequence);
  batch.writeInt32BE(fields.recordCount, BatchLayout.recordCount);
  batch.writeUInt32BE(computeBatchCrc(batch), BatchLayout.crc);
  return batch;
}

/** Rewrites the base offset in place; the CRC does not cover it. */
export function writeBaseOffset(buffer: Buffer, position: number, baseOffset: bigint): void {
  buffer.writeBigInt64BE(baseOffset, position + BatchLayout.baseOffset);
}

/** Rewrites the partition leader epoch in place; the CRC does not cover it. */
export function writePartitionLeaderEpoch(buffer: Buffer, position: number, epoch: number): void {
  buffer.writeInt32BE(epoch, position + BatchLayout.partitionLeaderEpoch);
}

export interface ValidateOptions {
  /** Largest batch accepted (`max.message.bytes`); larger gets `MESSAGE_TOO_LARGE`. */
  readonly maxBatchBytes?: number;
  /** Check the CRC32C of each batch (skipped only where a caller already did). */
  readonly verifyCrc?: boolean;
}

/**
 * Walks a buffer of concatenated batches and checks each header: length, magic, record
 * count against the offset delta, CRC. Throws `CORRUPT_MESSAGE` or `MESSAGE_TOO_LARGE`
 * naming the batch; on success returns every header, in order. Records are not decoded.
 */
export function validateBatches(buffer: Buffer, options: ValidateOptions = {}): BatchHeader[] {
  const maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const verifyCrc = options.verifyCrc ?? true;
  if (buffer.length === 0) throw new SamsaError('CORRUPT_MESSAGE', 'empty record set');
  const headers: BatchHeader[] = [];
  let position = 0;
  while (position < buffer.length) {
    const header = checkBatchAt(buffer, position, maxBatchBytes, verifyCrc);
    headers.push(header);
    position += header.sizeBytes;
  }
  return headers;
}

/** Checks the one batch at `position`; throws a typed error describing what is wrong. */
export function checkBatchAt(
  buffer: Buffer,
  position: number,
  maxBatchBytes: number,
  verifyCrc: boolean,
): BatchHeader {
  checkBatchFrame(buffer, position, maxBatchBytes, verifyCrc);
  return readBatchHeader(buffer, position);
}

/**
 * The checks of `checkBatchAt` without building a header object, for hot paths: length
 * (at least a header, at most `maxBatchBytes`, inside the buffer), magic, record count
 * against the offset delta, and CRC. Returns the batch's size in bytes.
 */
export function checkBatchFrame(buffer: Buffer, position: number, maxBatchBytes: number, verifyCrc: boolean): number {
  const remaining = buffer.length - position;
  if (remaining < BATCH_HEADER_BYTES) {
    throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position}: ${remaining} bytes is shorter than a batch header`);
  }
  const sizeBytes = buffer.readInt32BE(position + BatchLayout.batchLength) + LOG_OVERHEAD_BYTES;
  if (sizeBytes < BATCH_HEADER_BYTES) {
    throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position}: length ${sizeBytes} is shorter than a batch header`);
  }
  if (sizeBytes > maxBatchBytes) {
    throw new SamsaError('MESSAGE_TOO_LARGE', `batch at byte ${position}: ${sizeBytes} bytes exceeds the limit of ${maxBatchBytes}`);
  }
  if (sizeBytes > remaining) {
    throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position}: length ${sizeBytes} runs past the end (${remaining} bytes left)`);
  }
  const magic = buffer.readInt8(position + BatchLayout.magic);
  if (magic !== RECORD_BATCH_MAGIC) {
    throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position}: magic ${magic} is not ${RECORD_BATCH_MAGIC}`);
  }
  const recordCount = buffer.readInt32BE(position + BatchLayout.recordCount);
  const lastOffsetDelta = buffer.readInt32BE(position + BatchLayout.lastOffsetDelta);
  if (recordCount < 0 || lastOffsetDelta < 0 || recordCount > lastOffsetDelta + 1) {
    throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position}: ${recordCount} records with last offset delta ${lastOffsetDelta}`);
  }
  if (verifyCrc) {
    const stored = buffer.readUInt32BE(position + BatchLayout.crc);
    const actual = crc32c(buffer.subarray(position + BatchLayout.attributes, position + sizeBytes));
    if (actual !== stored) {
      throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position}: CRC ${actual} does not match the stored ${stored}`);
    }
  }
  return sizeBytes;
}
