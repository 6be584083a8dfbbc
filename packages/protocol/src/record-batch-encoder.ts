import { assert } from './assert';
import { checkInt16, checkInt32, checkInt64 } from './batch-field-checks';
import {
  Attributes,
  BATCH_HEADER_BYTES,
  CompressionCodec,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  TimestampType,
  type BatchHeaderFields,
  writeBatchHeader,
} from './batch-header';
import { compress, isSupportedCodec } from './compression';
import { measureRecord, writeRecord, type RecordInput, type RecordLayout } from './record';
import { isInt32 } from './varint';

/**
 * Builds one Kafka RecordBatch v2 (see batch-header.ts for the header layout and record.ts
 * for the record layout). Sizes are measured first, then records are written once into a
 * single buffer: straight into the batch when uncompressed, into one scratch buffer that is
 * compressed when not. Invalid input is a programmer error (`RangeError`/`TypeError` naming
 * the option), not a `SamsaError`.
 */

export interface RecordBatchInput {
  readonly records: readonly RecordInput[];
  /** Default 0; the broker rewrites it when it assigns offsets. */
  readonly baseOffset?: bigint;
  /** Default -1 (none); the leader stamps its epoch on append. */
  readonly partitionLeaderEpoch?: number;
  /** Default `CompressionCodec.None`. */
  readonly compression?: CompressionCodec;
  /** Default `TimestampType.CreateTime`. */
  readonly timestampType?: TimestampType;
  /** Idempotent producer fields; default -1 each (not idempotent). */
  readonly producerId?: bigint;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
  readonly isTransactional?: boolean;
  readonly isControl?: boolean;
  /** Timestamp (ms) for records without their own; default `Date.now()` once per batch. */
  readonly timestamp?: bigint;
  /** Default: the first record's timestamp, as Kafka's Java producer does; -1 when empty. */
  readonly baseTimestamp?: bigint;
  /** Default: the largest record timestamp; -1 when empty. For LogAppendTime, the append time. */
  readonly maxTimestamp?: bigint;
  /** Default: the last record's offset delta (0 when empty). Larger only after compaction. */
  readonly lastOffsetDelta?: number;
}

const NO_TIMESTAMP = -1n;

interface ResolvedBatch extends Omit<BatchHeaderFields, 'recordCount'> {
  readonly compression: CompressionCodec;
  readonly layouts: readonly RecordLayout[];
  readonly recordsSizeBytes: number;
}

export async function encodeRecordBatch(input: RecordBatchInput): Promise<Buffer> {
  const batch = resolveBatch(input);
  const compression = batch.compression;
  if (compression === CompressionCodec.None) {
    const buffer = Buffer.allocUnsafe(BATCH_HEADER_BYTES + batch.recordsSizeBytes);
    writeRecords(buffer, BATCH_HEADER_BYTES, input.records, batch.layouts);
    return finishBatch(buffer, batch);
  }
  const recordsBuffer = Buffer.allocUnsafe(batch.recordsSizeBytes);
  writeRecords(recordsBuffer, 0, input.records, batch.layouts);
  const compressed = await compress(compression, recordsBuffer);
  const buffer = Buffer.allocUnsafe(BATCH_HEADER_BYTES + compressed.length);
  compressed.copy(buffer, BATCH_HEADER_BYTES);
  return finishBatch(buffer, batch);
}

function writeRecords(buffer: Buffer, position: number, records: readonly RecordInput[], layouts: readonly RecordLayout[]): void {
  let cursor = position;
  records.forEach((record, index) => {
    cursor = writeRecord(buffer, cursor, record, layouts[index] as RecordLayout);
  });
  assert(cursor === buffer.length, `records filled ${cursor} of ${buffer.length} bytes`);
}

/** Writes the header into the first 61 bytes, then the CRC over attributes..end. */
function finishBatch(buffer: Buffer, batch: ResolvedBatch): Buffer {
  return writeBatchHeader(buffer, { ...batch, recordCount: batch.layouts.length });
}

function resolveBatch(input: RecordBatchInput): ResolvedBatch {
  const compression = input.compression ?? CompressionCodec.None;
  if (!isSupportedCodec(compression)) throw new RangeError(`compression: ${String(compression)} is not a codec number 0-4`);
  const timestamps = recordTimestamps(input);
  const baseTimestamp = input.baseTimestamp ?? timestamps[0] ?? NO_TIMESTAMP;
  const maxTimestamp = input.maxTimestamp ?? largest(timestamps) ?? NO_TIMESTAMP;
  checkInt64('baseTimestamp', baseTimestamp);
  checkInt64('maxTimestamp', maxTimestamp);
  const layouts = measureRecords(input.records, timestamps, baseTimestamp);
  const lastLayout = layouts[layouts.length - 1];
  const lastOffsetDelta = input.lastOffsetDelta ?? lastLayout?.offsetDelta ?? 0;
  if (!isInt32(lastOffsetDelta) || lastOffsetDelta < (lastLayout?.offsetDelta ?? 0)) {
    throw new RangeError(`lastOffsetDelta: ${lastOffsetDelta} must be an int32 no smaller than the last record's offset delta`);
  }
  return {
    baseOffset: checkInt64('baseOffset', input.baseOffset ?? 0n),
    partitionLeaderEpoch: checkInt32('partitionLeaderEpoch', input.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH),
    attributes: batchAttributes(input, compression),
    compression,
    lastOffsetDelta,
    baseTimestamp,
    maxTimestamp,
    producerId: checkInt64('producerId', input.producerId ?? NO_PRODUCER_ID),
    producerEpoch: checkInt16('producerEpoch', input.producerEpoch ?? NO_PRODUCER_EPOCH),
    baseSequence: checkInt32('baseSequence', input.baseSequence ?? NO_SEQUENCE),
    layouts,
    recordsSizeBytes: layouts.reduce((sum, layout) => sum + layout.sizeBytes, 0),
  };
}

function batchAttributes(input: RecordBatchInput, compression: CompressionCodec): number {
  let attributes: number = compression;
  if (input.timestampType === TimestampType.LogAppendTime) attributes |= Attributes.timestampTypeBit;
  if (input.isTransactional === true) attributes |= Attributes.transactionalBit;
  if (input.isControl === true) attributes |= Attributes.controlBit;
  return attributes;
}

function recordTimestamps(input: RecordBatchInput): bigint[] {
  // Date.now() is read at most once so that every defaulted record shares one timestamp.
  let fallback = input.timestamp;
  return input.records.map((record, index) => {
    const timestamp = record.timestamp ?? (fallback ??= BigInt(Date.now()));
    return checkInt64(`records[${index}].timestamp`, timestamp);
  });
}

function measureRecords(records: readonly RecordInput[], timestamps: readonly bigint[], baseTimestamp: bigint): RecordLayout[] {
  let previousOffsetDelta = -1;
  return records.map((record, index) => {
    const offsetDelta = record.offsetDelta ?? index;
    if (!isInt32(offsetDelta) || offsetDelta <= previousOffsetDelta) {
      throw new RangeError(`records[${index}].offsetDelta: ${offsetDelta} must be an int32 above the previous record's ${previousOffsetDelta}`);
    }
    previousOffsetDelta = offsetDelta;
    const timestampDelta = (timestamps[index] as bigint) - baseTimestamp;
    checkInt64(`records[${index}].timestamp - baseTimestamp`, timestampDelta);
    return measureRecord(record, offsetDelta, timestampDelta);
  });
}

function largest(values: readonly bigint[]): bigint | undefined {
  let maximum: bigint | undefined;
  for (const value of values) if (maximum === undefined || value > maximum) maximum = value;
  return maximum;
}
