// Cutting a log back, which only replication asks for: a follower whose tail diverged from
// the new leader drops it (KIP-101), and a follower too far behind starts over empty at the
// leader's log start. Both move the log end backwards, the one thing the append path never
// does, so the offsets and epochs that depend on the log end are fixed up here together.
import { assert } from '@samsa/protocol';
import type { LogMaintenance } from './log-maintenance';
import type { LogState } from './log-state';
import { createSegment } from './segment-roll';

/** Truncates one log. Synchronous, single writer (see `LogState`). */
export class LogTruncation {
  constructor(
    private readonly state: LogState,
    private readonly maintenance: LogMaintenance,
  ) {}

  /**
   * `PartitionLog.truncateTo`. Later segments are deleted whole and the active one is cut
   * at the batch holding `offset`; then the log start, high watermark and recovery point
   * are lowered to the new log end if above it. The leader epoch cache is persisted when it changes; the partition checkpoint waits
   * for the next `writeCheckpoint` (the broker writes one periodically).
   */
  truncateTo(offset: number): void {
    const state = this.state;
    state.ensureOpen();
    if (offset >= state.logEndOffset) {
      // No data goes, but epochs starting there do (Kafka's rule), or a follower that began
      // an epoch without writing would be told to truncate here forever.
      state.epochCache.truncateFromEnd(offset);
      return;
    }
    assert(offset >= state.logStartOffset, `cannot truncate to ${offset}, below the log start ${state.logStartOffset}`);
    let removedBytes = 0;
    while (state.segments.length > 1 && state.activeSegment.baseOffset >= offset) {
      const segment = state.segments.pop()!;
      removedBytes += segment.sizeBytes;
      segment.delete();
    }
    removedBytes += state.activeSegment.truncateTo(offset);
    const logEndOffset = state.logEndOffset;
    state.logStartOffset = Math.min(state.logStartOffset, logEndOffset);
    state.epochCache.truncateFromEnd(logEndOffset);
    state.highWatermark = Math.min(state.highWatermark, logEndOffset);
    state.recoveryPoint = Math.min(state.recoveryPoint, logEndOffset);
    state.logger.info({ offset, logEndOffset, removedBytes }, 'truncated the log');
  }

  /**
   * `PartitionLog.truncateFullyAndStartAt`. The new offsets are checkpointed before returning, so a restart does not resurrect the old
   * log start.
   */
  truncateFullyAndStartAt(offset: number): void {
    const state = this.state;
    state.ensureOpen();
    assert(Number.isSafeInteger(offset) && offset >= 0, `invalid start offset ${offset}`);
    for (const segment of state.segments) segment.delete();
    state.segments = [createSegment(state, offset)];
    state.logStartOffset = offset;
    state.highWatermark = offset;
    state.recoveryPoint = offset;
    state.epochCache.clear();
    this.maintenance.writeCheckpoint();
  }
}
