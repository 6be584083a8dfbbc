// The read side of a partition log: finding the segment that holds an offset, reading whole
// batches for consumers and followers, and the timestamp lookups behind ListOffsets. Reads
// change nothing, so they live apart from the code that writes and deletes, and the one
// race they must survive (retention deleting a segment mid-read) is handled in one place.
import { decodeRecordBatch, OffsetOutOfRangeError } from '@samsa/protocol';
import { type LogSegment, SegmentDeletedError } from './log-segment';
import type { LogState } from './log-state';

export interface ReadOptions {
  /** Stop adding batches past this many bytes; the first batch is always whole. */
  readonly maxBytes: number;
  /** Return only batches whose base offset is below this (the high watermark for consumers). */
  readonly maxOffsetExclusive?: number;
}

/**
 * Whole batches in offset order, with the log's bounds as they were when the read ran. The
 * caller owns `records` (a fresh buffer, or a shared empty one at the end of the log); it
 * stays valid after the segment it came from is deleted.
 */
export interface ReadResult {
  /** Whole record batches, exactly the bytes on disk; empty at the end of the log. */
  readonly records: Buffer;
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly highWatermark: number;
}

/** A batch found by timestamp: its base offset and its raw bytes, owned by the caller. */
export interface TimestampBatch {
  baseOffset: number;
  batch: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** Reads one log. Synchronous apart from decoding in `offsetForTimestamp`; writes nothing. */
export class LogReader {
  constructor(private readonly state: LogState) {}

  /**
   * `PartitionLog.read`. A segment deleted under the read (retention) costs one retry
   * against the new segment list; a second failure is thrown.
   */
  read(offset: number, options: ReadOptions): ReadResult {
    this.state.ensureOpen();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return this.readOnce(offset, options);
      } catch (error) {
        // A retention pass removed the segment under us: try again with the new segments.
        if (!(error instanceof SegmentDeletedError) || attempt > 0) throw error;
      }
    }
  }

  private readOnce(offset: number, options: ReadOptions): ReadResult {
    const state = this.state;
    const logEndOffset = state.logEndOffset;
    if (!Number.isSafeInteger(offset) || offset < state.logStartOffset || offset > logEndOffset) {
      throw new OffsetOutOfRangeError(BigInt(offset), BigInt(state.logStartOffset), BigInt(logEndOffset));
    }
    const limit = Math.min(options.maxOffsetExclusive ?? logEndOffset, logEndOffset);
    if (offset < limit) {
      for (let index = segmentIndexFor(state.segments, offset); index < state.segments.length; index += 1) {
        const segment = state.segments[index]!;
        const read = segment.read(Math.max(offset, segment.baseOffset), Math.max(1, options.maxBytes), limit);
        if (read !== undefined) return { ...read, ...this.bounds() };
      }
    }
    return { records: EMPTY, firstOffset: offset, lastOffset: offset - 1, ...this.bounds() };
  }

  private bounds() {
    const state = this.state;
    return { logStartOffset: state.logStartOffset, logEndOffset: state.logEndOffset, highWatermark: state.highWatermark };
  }

  /** `PartitionLog.findBatchByTimestamp`: the segments' time indexes, oldest first. */
  findBatchByTimestamp(timestampMs: number): TimestampBatch | undefined {
    const state = this.state;
    state.ensureOpen();
    for (const segment of state.segments) {
      const found = segment.findByTimestamp(timestampMs, state.logStartOffset);
      if (found !== undefined) {
        return { baseOffset: found.baseOffset, batch: segment.readBytes(found.position, found.sizeBytes) };
      }
    }
    return undefined;
  }

  /**
   * `PartitionLog.offsetForTimestamp`. The log start is read after decoding, so a
   * DeleteRecords that ran during the await is respected.
   */
  async offsetForTimestamp(timestampMs: number): Promise<{ offset: number; timestampMs: number } | undefined> {
    const found = this.findBatchByTimestamp(timestampMs);
    if (found === undefined) return undefined;
    const decoded = await decodeRecordBatch(found.batch);
    const target = BigInt(timestampMs);
    for (const record of decoded.records) {
      if (record.timestamp >= target && record.offset >= BigInt(this.state.logStartOffset)) {
        return { offset: Number(record.offset), timestampMs: Number(record.timestamp) };
      }
    }
    return undefined;
  }
}

/**
 * Index of the last segment whose base offset is <= `offset` (0 if none). `segments` must
 * ascend by base offset, as `LogState.segments` does. Pure.
 */
export function segmentIndexFor(segments: readonly LogSegment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (segments[middle]!.baseOffset <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
