// The public face of storage: `PartitionLog`, one partition's log. It opens the directory
// (through `loadLog`), builds the shared `LogState`, and hands each call to the part that
// owns it: `LogAppender` (the append path), `LogReader` (reads and timestamp lookups),
// `LogTruncation` (replication cutting the tail) and `LogMaintenance` (retention, flush,
// checkpoints, close). Its own code is limited to one-liners (leader epochs, the high
// watermark), so callers see one stable API while the parts stay small enough to read whole.
import { type Logger, silentLogger } from '@samsa/common';
import { assert } from '@samsa/protocol';
import { type FileSystem, nodeFileSystem } from './file-system';
import type { EpochEndOffset, EpochEntry } from './leader-epoch-cache';
import { type AppendResult, LogAppender } from './log-append';
import { type LogConfig, resolveLogConfig } from './log-config';
import { loadLog } from './log-loader';
import { LogMaintenance } from './log-maintenance';
import { LogReader, type ReadOptions, type ReadResult, type TimestampBatch } from './log-reader';
import { LogState } from './log-state';
import { LogTruncation } from './log-truncation';
import { asStorageError } from './storage-error';

export interface PartitionLogOptions {
  readonly directory: string;
  readonly config?: Partial<LogConfig>;
  readonly fileSystem?: FileSystem;
  readonly logger?: Logger;
  /** Wall clock in ms; injected so tests control segment age and retention. */
  readonly clock?: () => number;
}

/**
 * One partition's log: an ordered list of segments in one directory, the last of which is
 * active. One writer at a time (the partition's owner); every call is synchronous, so a
 * read never observes half of an append. Offsets are numbers (see `BatchSummary`).
 *
 * Durability follows Kafka: by default the page cache and replication protect the data,
 * with `flushMessages` / `flushMs` (or `flushMessages: 1` for an fsync per append) for
 * stronger local guarantees. `close()` flushes and marks a clean shutdown.
 */
export class PartitionLog {
  readonly directory: string;
  readonly config: LogConfig;
  /** Bytes recovery cut when this log was opened. */
  readonly recoveryTruncatedBytes: number;
  private readonly state: LogState;
  private readonly appender: LogAppender;
  private readonly reader: LogReader;
  private readonly truncation: LogTruncation;
  private readonly maintenance: LogMaintenance;

  private constructor(options: PartitionLogOptions) {
    this.directory = options.directory;
    this.config = resolveLogConfig(options.config);
    const fileSystem = options.fileSystem ?? nodeFileSystem;
    const logger = options.logger ?? silentLogger;
    const clock = options.clock ?? Date.now;
    const loaded = loadLog({ fileSystem, directory: this.directory, config: this.config, logger, nowMs: clock() });
    this.recoveryTruncatedBytes = loaded.truncatedBytes;
    this.state = new LogState({
      directory: this.directory,
      config: this.config,
      fileSystem,
      logger,
      clock,
      segments: loaded.segments,
      logStartOffset: loaded.logStartOffset,
      highWatermark: loaded.highWatermark,
      epochCache: loaded.epochCache,
      directoryUnsynced: loaded.created,
    });
    // A new log with no checkpoint on disk reads back exactly as its initial state: nothing
    // to write until something changes.
    if (loaded.created && !loaded.checkpointFound) this.state.writtenCheckpoint = `${this.state.logStartOffset}/${this.state.recoveryPoint}/${this.state.highWatermark}`;
    this.maintenance = new LogMaintenance(this.state);
    this.appender = new LogAppender(this.state, this.maintenance);
    this.reader = new LogReader(this.state);
    this.truncation = new LogTruncation(this.state, this.maintenance);
  }

  /** Opens (creating if needed) the log in `options.directory`, recovering if needed. */
  static open(options: PartitionLogOptions): PartitionLog {
    return new PartitionLog(options);
  }

  get logStartOffset(): number {
    return this.state.logStartOffset;
  }

  get logEndOffset(): number {
    return this.state.logEndOffset;
  }

  get highWatermark(): number {
    return this.state.highWatermark;
  }

  get recoveryPoint(): number {
    return this.state.recoveryPoint;
  }

  get segmentCount(): number {
    return this.state.segments.length;
  }

  get sizeBytes(): number {
    let total = 0;
    for (const segment of this.state.segments) total += segment.sizeBytes;
    return total;
  }

  get leaderEpochs(): readonly EpochEntry[] {
    return this.state.epochCache.all;
  }

  get latestEpoch(): number {
    return this.state.epochCache.latest()?.epoch ?? -1;
  }

  /**
   * Appends batches from a producer: validates each (length, magic, CRC, size limit),
   * assigns offsets from the log end and stamps `leaderEpoch`, rewriting those header
   * fields in `records` in place (the CRC does not cover them). All or nothing: a bad batch
   * anywhere rejects the whole buffer and nothing is written.
   */
  appendAsLeader(records: Buffer, leaderEpoch: number): AppendResult {
    return this.appender.appendAsLeader(records, leaderEpoch);
  }

  /**
   * Appends batches fetched from the leader, keeping their offsets and epochs. They must
   * start at or after the log end and increase; the CRC is checked again because bytes
   * crossed the network.
   */
  appendAsFollower(records: Buffer): AppendResult {
    return this.appender.appendAsFollower(records);
  }

  /**
   * Reads whole batches from `offset`. At the end of the log (or at `maxOffsetExclusive`)
   * the result is empty; outside `[logStartOffset, logEndOffset]` it is
   * `OFFSET_OUT_OF_RANGE` with the valid range.
   */
  read(offset: number, options: ReadOptions): ReadResult {
    return this.reader.read(offset, options);
  }

  /**
   * The first batch whose max timestamp is >= `timestampMs`, as raw bytes with its base
   * offset; undefined when every record is older. Resolving the exact record inside the
   * batch (Kafka's ListOffsets semantics) is the caller's, since it needs decompression.
   */
  findBatchByTimestamp(timestampMs: number): TimestampBatch | undefined {
    return this.reader.findBatchByTimestamp(timestampMs);
  }

  /**
   * Kafka's ListOffsets by timestamp: the first offset (at or after the log start) whose
   * record timestamp is >= `timestampMs`, with that timestamp; undefined when none is. Only
   * the one batch the time index leads to is decoded (and decompressed).
   */
  offsetForTimestamp(timestampMs: number): Promise<{ offset: number; timestampMs: number } | undefined> {
    return this.reader.offsetForTimestamp(timestampMs);
  }

  /**
   * Records that `epoch` starts at the current log end: called on becoming leader, as Kafka
   * does, so followers asking about an epoch learn where it ends even before any append.
   */
  beginLeaderEpoch(epoch: number): void {
    const state = this.state;
    state.ensureOpen();
    try {
      state.epochCache.assign(epoch, state.logEndOffset);
    } catch (error) {
      throw asStorageError(error, 'leader epoch checkpoint', state);
    }
  }

  /** Kafka's OffsetsForLeaderEpoch answer from this log. */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.state.epochCache.endOffsetFor(epoch, this.state.logEndOffset);
  }

  /**
   * Removes every batch at or after `offset` (a follower whose tail diverged from the new
   * leader). A batch that straddles `offset` goes whole, so the log end may land below it.
   */
  truncateTo(offset: number): void {
    this.truncation.truncateTo(offset);
  }

  /** Drops everything and restarts the log empty at `offset` (a follower far behind). */
  truncateFullyAndStartAt(offset: number): void {
    this.truncation.truncateFullyAndStartAt(offset);
  }

  /** Records the high watermark the replication layer computed. It never passes the log end. */
  updateHighWatermark(offset: number): void {
    assert(Number.isSafeInteger(offset), `invalid high watermark ${offset}`);
    const state = this.state;
    state.highWatermark = Math.max(state.logStartOffset, Math.min(offset, state.logEndOffset));
  }

  /**
   * Moves the log start forward (Kafka's DeleteRecords, or a follower copying the leader's
   * log start). Whole segments below it are deleted; it never passes the high watermark.
   */
  advanceLogStartOffset(offset: number): void {
    this.maintenance.advanceLogStartOffset(offset);
  }

  /**
   * Deletes the oldest segments that `retentionMs` / `retentionBytes` expire, never the
   * active one and never past the high watermark. Returns how many went.
   */
  applyRetention(): number {
    return this.maintenance.applyRetention();
  }

  /** fsyncs the segments written since the recovery point and moves it to the log end. */
  flush(): void {
    this.maintenance.flush();
  }

  /** Applies the flush policy: by records appended and by time since the last flush. */
  flushIfDue(nowMs = this.state.clock()): void {
    this.maintenance.flushIfDue(nowMs);
  }

  /** Persists log start, recovery point and high watermark (temp file, fsync, rename). */
  writeCheckpoint(): void {
    this.maintenance.writeCheckpoint();
  }

  /** Flushes everything, writes the checkpoint and the clean-shutdown marker, closes files. */
  close(): void {
    this.maintenance.close();
  }

  /** Closes file handles without flushing or marking a clean stop (tests of recovery). */
  abandon(): void {
    this.maintenance.abandon();
  }

  /** Deletes the whole partition directory (the topic was deleted). */
  deleteAll(): void {
    this.maintenance.deleteAll();
  }
}
