import { BATCH_HEADER_BYTES, LOG_OVERHEAD_BYTES, checkBatchFrame } from '@samsa/protocol';
import { type BatchSummary, summarizeBatch } from './batch-summary';
import type { LogSegment } from './log-segment';

export interface SegmentRecovery {
  /** Bytes of valid batches kept. */
  readonly validBytes: number;
  /** Bytes cut from the tail: a torn write or corruption. */
  readonly truncatedBytes: number;
  /** Why the scan stopped early, when it did. */
  readonly reason?: string;
}

const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Rebuilds a segment from its `.log` file: validates every batch (length, magic, CRC,
 * offsets increasing and within the segment's range), rebuilds both indexes, and cuts the
 * file after the last valid batch. `onBatch` sees every valid batch, in order, so callers
 * can rebuild derived state (the leader epoch cache). The file is read in large chunks.
 */
export function recoverSegment(segment: LogSegment, onBatch: (batch: BatchSummary) => void): SegmentRecovery {
  segment.resetForRebuild();
  const fileBytes = segment.fileSizeBytes();
  let position = 0;
  let chunk: Buffer = Buffer.alloc(0);
  let chunkStart = 0;
  let reason: string | undefined;
  while (position < fileBytes) {
    if (fileBytes - position < BATCH_HEADER_BYTES) {
      reason = `${fileBytes - position} trailing bytes are less than a batch header`;
      break;
    }
    let local = position - chunkStart;
    if (local + BATCH_HEADER_BYTES > chunk.length) {
      chunk = segment.readRaw(position, Math.min(CHUNK_BYTES, fileBytes - position));
      chunkStart = position;
      local = 0;
    }
    const sizeBytes = chunk.readInt32BE(local + 8) + LOG_OVERHEAD_BYTES;
    if (sizeBytes < BATCH_HEADER_BYTES || position + sizeBytes > fileBytes) {
      reason = `batch at ${position} claims ${sizeBytes} bytes; ${fileBytes - position} remain`;
      break;
    }
    if (local + sizeBytes > chunk.length) {
      chunk = segment.readRaw(position, Math.min(Math.max(CHUNK_BYTES, sizeBytes), fileBytes - position));
      chunkStart = position;
      local = 0;
    }
    try {
      checkBatchFrame(chunk, local, sizeBytes, true);
    } catch (error) {
      reason = (error as Error).message;
      break;
    }
    const batch = summarizeBatch(chunk, local);
    if (batch.baseOffset < segment.nextOffset || batch.lastOffset - segment.baseOffset > 0x7fffffff) {
      reason = `batch at ${position} has offsets ${batch.baseOffset}..${batch.lastOffset} out of order`;
      break;
    }
    segment.indexBatch(batch, position);
    onBatch(batch);
    position += sizeBytes;
  }
  segment.truncateFileTo(position);
  return reason === undefined
    ? { validBytes: position, truncatedBytes: fileBytes - position }
    : { validBytes: position, truncatedBytes: fileBytes - position, reason };
}
