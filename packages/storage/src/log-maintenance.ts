// Keeping a partition log bounded and durable over time: retention and DeleteRecords
// delete old segments, the flush policy fsyncs what was appended, the checkpoint records
// where the log starts and how far it is safe, and close leaves the marker that lets the
// next start skip recovery. None of it runs per append except the flush policy check.
import * as path from 'node:path';
import { writePartitionCheckpoint } from './checkpoint-file';
import { fsyncDirectory, writeFileAtomically } from './file-system';
import { CLEAN_SHUTDOWN_FILE } from './log-loader';
import { segmentIndexFor } from './log-reader';
import type { LogState } from './log-state';
import { segmentsToDelete } from './retention';
import { rollSegment } from './segment-roll';
import { asStorageError } from './storage-error';

/**
 * Maintains one log. Synchronous, single writer (see `LogState`). When each step persists:
 * deleting segments (retention, DeleteRecords) writes the partition checkpoint before
 * returning; `flush` fsyncs segments and moves the recovery point but writes no
 * checkpoint; `close` does both and then writes the clean-shutdown marker, last.
 */
export class LogMaintenance {
  constructor(private readonly state: LogState) {}

  /** `PartitionLog.advanceLogStartOffset`: checkpointed before returning. */
  advanceLogStartOffset(offset: number): void {
    const state = this.state;
    state.ensureOpen();
    const target = Math.min(offset, state.highWatermark);
    if (target <= state.logStartOffset) return;
    state.logStartOffset = target;
    while (state.segments.length > 1 && state.segments[1]!.baseOffset <= target) state.segments.shift()!.delete();
    state.epochCache.truncateFromStart(target);
    this.writeCheckpoint();
  }

  /**
   * `PartitionLog.applyRetention`: which segments go is `segmentsToDelete`'s pure decision;
   * this deletes them and checkpoints the new log start before returning.
   */
  applyRetention(): number {
    const state = this.state;
    state.ensureOpen();
    const count = segmentsToDelete({
      segments: state.segments,
      retentionMs: state.config.retentionMs,
      retentionBytes: state.config.retentionBytes,
      nowMs: state.clock(),
      highWatermark: state.highWatermark,
    });
    if (count === 0) return 0;
    // Like Kafka, an expired active segment is first replaced by an empty one at the log end.
    if (count === state.segments.length) rollSegment(state, state.logEndOffset);
    const removed = state.segments.splice(0, count);
    state.logStartOffset = Math.max(state.logStartOffset, state.segments[0]!.baseOffset);
    for (const segment of removed) segment.delete();
    state.epochCache.truncateFromStart(state.logStartOffset);
    this.writeCheckpoint();
    state.logger.info(
      { segments: removed.map((segment) => segment.baseOffset), logStartOffset: state.logStartOffset },
      'retention deleted segments',
    );
    return count;
  }

  /** fsyncs the segments written since the recovery point and moves it to the log end. */
  flush(): void {
    const state = this.state;
    state.ensureOpen();
    const from = segmentIndexFor(state.segments, state.recoveryPoint);
    try {
      for (let index = from; index < state.segments.length; index += 1) state.segments[index]!.flush();
      // Before the recovery point moves: a new log's names (its folder in the logs folder,
      // its first segment's files in its folder), and the epochs of the batches below it.
      if (state.directoryUnsynced) {
        fsyncDirectory(state.fileSystem, state.directory);
        fsyncDirectory(state.fileSystem, path.dirname(state.directory));
        state.directoryUnsynced = false;
      }
      state.epochCache.sync();
    } catch (error) {
      // After a failed fsync the kernel may have dropped the dirty pages, so no later fsync
      // can vouch for them: the log goes offline, as Kafka takes the log directory offline.
      state.failure = error;
      throw asStorageError(error, 'flush', state);
    }
    state.recoveryPoint = state.logEndOffset;
    state.unflushedRecords = 0;
    state.lastFlushMs = state.clock();
  }

  /**
   * Applies the flush policy: by records appended and by time since the last flush. Runs
   * after every append, so it reads two counters and calls nothing unless a flush is due.
   */
  flushIfDue(nowMs: number): void {
    const state = this.state;
    const config = state.config;
    const byCount = config.flushMessages > 0 && state.unflushedRecords >= config.flushMessages;
    const byTime = config.flushMs >= 0 && state.unflushedRecords > 0 && nowMs - state.lastFlushMs >= config.flushMs;
    if (byCount || byTime) this.flush();
  }

  /** Persists log start, recovery point and high watermark (temp file, fsync, rename). */
  writeCheckpoint(): void {
    const state = this.state;
    const checkpoint = `${state.logStartOffset}/${state.recoveryPoint}/${state.highWatermark}`;
    if (checkpoint === state.writtenCheckpoint) return;
    writePartitionCheckpoint(state.fileSystem, state.directory, {
      logStartOffset: state.logStartOffset,
      recoveryPoint: state.recoveryPoint,
      highWatermark: state.highWatermark,
    });
    state.writtenCheckpoint = checkpoint;
  }

  /** Flushes everything, writes the checkpoint and the clean-shutdown marker, closes files. */
  close(): void {
    const state = this.state;
    if (state.closed) return;
    try {
      this.flush();
      this.writeCheckpoint();
      for (const segment of state.segments) segment.flushIndexes(false);
      writeFileAtomically(state.fileSystem, path.join(state.directory, CLEAN_SHUTDOWN_FILE), Buffer.alloc(0));
    } finally {
      this.abandon();
    }
  }

  /** Closes file handles without flushing or marking a clean stop (tests of recovery). */
  abandon(): void {
    const state = this.state;
    if (state.closed) return;
    state.closed = true;
    for (const segment of state.segments) segment.closeQuietly();
  }

  /** Deletes the whole partition directory (the topic was deleted). */
  deleteAll(): void {
    const state = this.state;
    for (const segment of state.segments) segment.delete();
    state.fileSystem.rmSync(state.directory);
    state.closed = true;
  }
}
