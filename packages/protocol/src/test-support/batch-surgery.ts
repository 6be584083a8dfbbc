import { BATCH_HEADER_BYTES, BatchLayout, LOG_OVERHEAD_BYTES, computeBatchCrc } from '../batch-header';

/**
 * Test-only tools that build malformed batches whose CRC is still right, so that a test
 * reaches the record parser instead of stopping at the CRC check.
 */

/** Recomputes the CRC in place after the caller changed covered bytes. */
export function fixCrc(batch: Buffer): Buffer {
  batch.writeUInt32BE(computeBatchCrc(batch), BatchLayout.crc);
  return batch;
}

export interface HeaderChanges {
  readonly recordCount?: number;
  readonly lastOffsetDelta?: number;
  readonly attributes?: number;
}

/** A copy of `batch` whose records region is `recordsData`, with lengths and CRC made consistent. */
export function replaceRecords(batch: Buffer, recordsData: Buffer, changes: HeaderChanges = {}): Buffer {
  const result = Buffer.concat([batch.subarray(0, BATCH_HEADER_BYTES), recordsData]);
  result.writeInt32BE(result.length - LOG_OVERHEAD_BYTES, BatchLayout.batchLength);
  if (changes.recordCount !== undefined) result.writeInt32BE(changes.recordCount, BatchLayout.recordCount);
  if (changes.lastOffsetDelta !== undefined) result.writeInt32BE(changes.lastOffsetDelta, BatchLayout.lastOffsetDelta);
  if (changes.attributes !== undefined) result.writeInt16BE(changes.attributes, BatchLayout.attributes);
  return fixCrc(result);
}

export function recordsOf(batch: Buffer): Buffer {
  return batch.subarray(BATCH_HEADER_BYTES);
}
