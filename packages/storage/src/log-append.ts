// The append path, the hottest code in storage: validating producer and follower batches,
// stamping offsets and the leader epoch, and handing the bytes to the active segment in one
// write. It is kept apart so its cost stays visible: per append it allocates only the
// batch summaries it must keep and the result, creates no closures, and never awaits.
import { AssertionError, BatchLayout, checkBatchFrame, SamsaError } from '@samsa/protocol';
import { type BatchSummary, summarizeBatch, writeNumberAsInt64 } from './batch-summary';
import type { LogMaintenance } from './log-maintenance';
import type { LogState } from './log-state';
import { rollSegment } from './segment-roll';
import { asStorageError } from './storage-error';

// Bound once: CommonJS re-exports are getters, and these run for every batch appended.
const checkFrame = checkBatchFrame;
const Layout = { ...BatchLayout };

/**
 * What one append wrote: offsets `firstOffset..lastOffset` inclusive, in the order the
 * batches came. When it is returned the bytes are in the page cache (and fsynced too when
 * the flush policy came due), and the log end offset is `lastOffset + 1`.
 */
export interface AppendResult {
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly batchCount: number;
  readonly recordCount: number;
  readonly sizeBytes: number;
}

/**
 * Appends to one log's active segment. Synchronous, single writer (see `LogState`). The
 * caller keeps ownership of `records`: it is written before the call returns and no
 * reference is kept, but a leader's append rewrites header fields in it first.
 */
export class LogAppender {
  constructor(
    private readonly state: LogState,
    private readonly maintenance: LogMaintenance,
  ) {}

  /**
   * `PartitionLog.appendAsLeader`. Two passes: every batch is checked before the first
   * header is rewritten, so a bad batch leaves `records` and the log untouched.
   */
  appendAsLeader(records: Buffer, leaderEpoch: number): AppendResult {
    const state = this.state;
    state.ensureOpen();
    if (!(Number.isInteger(leaderEpoch) && leaderEpoch >= 0)) throw new AssertionError(`invalid leader epoch ${leaderEpoch}`);
    if (records.length > state.config.segmentBytes) {
      throw new SamsaError('RECORD_LIST_TOO_LARGE', `${records.length} bytes exceed segmentBytes ${state.config.segmentBytes}`);
    }
    // Validate everything before touching anything, so a bad batch changes nothing.
    const sizes: number[] = [];
    for (let position = 0; position < records.length || sizes.length === 0; ) {
      const sizeBytes = checkFrame(records, position, state.config.maxBatchBytes, true);
      checkProducerRecordCount(records, position);
      sizes.push(sizeBytes);
      position += sizeBytes;
    }
    const batches: BatchSummary[] = [];
    let nextOffset = state.logEndOffset;
    let position = 0;
    for (const sizeBytes of sizes) {
      writeNumberAsInt64(records, position + Layout.baseOffset, nextOffset);
      records.writeInt32BE(leaderEpoch, position + Layout.partitionLeaderEpoch);
      const batch = summarizeBatch(records, position);
      batches.push(batch);
      nextOffset = batch.lastOffset + 1;
      position += sizeBytes;
    }
    return this.appendBatches(records, batches, leaderEpoch);
  }

  /**
   * `PartitionLog.appendAsFollower`. One pass: nothing is rewritten, so checking and
   * summarising each batch together is safe.
   */
  appendAsFollower(records: Buffer): AppendResult {
    const state = this.state;
    state.ensureOpen();
    const batches: BatchSummary[] = [];
    let expectedOffset = state.logEndOffset;
    let position = 0;
    do {
      const sizeBytes = checkFrame(records, position, Math.max(state.config.maxBatchBytes, records.length), true);
      const batch = summarizeBatch(records, position);
      if (batch.baseOffset < expectedOffset) {
        throw new SamsaError('CORRUPT_MESSAGE', `batch offset ${batch.baseOffset} is below the expected ${expectedOffset}`);
      }
      batches.push(batch);
      expectedOffset = batch.lastOffset + 1;
      position += sizeBytes;
    } while (position < records.length);
    return this.appendBatches(records, batches, undefined);
  }

  /**
   * Writes validated batches; `leaderEpoch` for a leader's append, else each batch's own.
   * Order: epoch cache (persisted on change), roll if due, one write, then the flush policy.
   */
  private appendBatches(records: Buffer, batches: readonly BatchSummary[], leaderEpoch: number | undefined): AppendResult {
    const state = this.state;
    const epochCache = state.epochCache;
    const first = batches[0]!;
    const last = batches[batches.length - 1]!;
    const nowMs = state.clock();
    try {
      if (leaderEpoch !== undefined) {
        if (leaderEpoch !== epochCache.latest()?.epoch) epochCache.assign(leaderEpoch, first.baseOffset);
      }
      else for (const batch of batches) if (batch.partitionLeaderEpoch >= 0) epochCache.assign(batch.partitionLeaderEpoch, batch.baseOffset);
      if (state.activeSegment.shouldRoll(records.length, last.lastOffset, maxTimestampOf(batches), nowMs)) {
        rollSegment(state, first.baseOffset);
      }
      state.activeSegment.append(records, batches, nowMs);
    } catch (error) {
      throw asStorageError(error, 'append', state);
    }
    let recordCount = 0;
    for (const batch of batches) recordCount += batch.recordCount;
    state.unflushedRecords += recordCount;
    this.maintenance.flushIfDue(nowMs);
    return { firstOffset: first.baseOffset, lastOffset: last.lastOffset, batchCount: batches.length, recordCount, sizeBytes: records.length };
  }
}

function maxTimestampOf(batches: readonly BatchSummary[]): number {
  let maxTimestampMs = -1;
  for (const batch of batches) maxTimestampMs = Math.max(maxTimestampMs, batch.maxTimestampMs);
  return maxTimestampMs;
}

/**
 * A producer's batch must hold exactly one record per offset it claims: an empty batch,
 * or one whose offset delta skips offsets, is refused (Kafka's LogValidator does the same;
 * followers accept such batches, which compaction can produce).
 */
function checkProducerRecordCount(records: Buffer, position: number): void {
  const recordCount = records.readInt32BE(position + Layout.recordCount);
  const lastOffsetDelta = records.readInt32BE(position + Layout.lastOffsetDelta);
  if (recordCount < 1 || recordCount !== lastOffsetDelta + 1) {
    throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position}: ${recordCount} records for ${lastOffsetDelta + 1} offsets`);
  }
}
