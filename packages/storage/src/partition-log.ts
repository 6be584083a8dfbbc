import * as path from 'node:path';
import { type Logger, silentLogger } from '@samsa/common';
import { assert, AssertionError, BatchLayout, checkBatchFrame, decodeRecordBatch, OffsetOutOfRangeError, SamsaError } from '@samsa/protocol';
import { type BatchSummary, summarizeBatch, writeNumberAsInt64 } from './batch-summary';
import { writePartitionCheckpoint } from './checkpoint-file';
import { type FileSystem, fsyncDirectory, nodeFileSystem, writeFileAtomically } from './file-system';
import type { EpochEndOffset, LeaderEpochCache } from './leader-epoch-cache';
import { type LogConfig, resolveLogConfig } from './log-config';
import { CLEAN_SHUTDOWN_FILE, loadLog } from './log-loader';
import { LogSegment, SegmentDeletedError } from './log-segment';
import { segmentsToDelete } from './retention';
import { segmentPaths } from './segment-files';

// Bound once: CommonJS re-exports are getters, and these run for every batch appended.
const checkFrame = checkBatchFrame;
const Layout = { ...BatchLayout };

export interface PartitionLogOptions {
  readonly directory: string;
  readonly config?: Partial<LogConfig>;
  readonly fileSystem?: FileSystem;
  readonly logger?: Logger;
  /** Wall clock in ms; injected so tests control segment age and retention. */
  readonly clock?: () => number;
}

export interface AppendResult {
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly batchCount: number;
  readonly recordCount: number;
  readonly sizeBytes: number;
}

export interface ReadOptions {
  /** Stop adding batches past this many bytes; the first batch is always whole. */
  readonly maxBytes: number;
  /** Return only batches whose base offset is below this (the high watermark for consumers). */
  readonly maxOffsetExclusive?: number;
}

export interface ReadResult {
  /** Whole record batches, exactly the bytes on disk; empty at the end of the log. */
  readonly records: Buffer;
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly highWatermark: number;
}

const EMPTY = Buffer.alloc(0);
const STORAGE_ERROR_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EFBIG', 'EMFILE', 'ENFILE']);

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
  private readonly fileSystem: FileSystem;
  private readonly logger: Logger;
  private readonly clock: () => number;
  private readonly epochCache: LeaderEpochCache;
  private segments: LogSegment[];
  private logStart: number;
  private highWatermarkOffset: number;
  private recoveryPointOffset: number;
  private unflushedRecords = 0;
  private lastFlushMs: number;
  private closed = false;
  /** Set when an fsync failed: every later operation fails with KAFKA_STORAGE_ERROR. */
  private failure: unknown;
  /** Bytes recovery cut when this log was opened. */
  readonly recoveryTruncatedBytes: number;

  private constructor(options: PartitionLogOptions) {
    this.directory = options.directory;
    this.config = resolveLogConfig(options.config);
    this.fileSystem = options.fileSystem ?? nodeFileSystem;
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? Date.now;
    const loaded = loadLog({
      fileSystem: this.fileSystem,
      directory: this.directory,
      config: this.config,
      logger: this.logger,
      nowMs: this.clock(),
    });
    this.segments = loaded.segments;
    this.logStart = loaded.logStartOffset;
    this.highWatermarkOffset = loaded.highWatermark;
    this.epochCache = loaded.epochCache;
    this.recoveryTruncatedBytes = loaded.truncatedBytes;
    this.recoveryPointOffset = this.logEndOffset;
    this.lastFlushMs = this.clock();
  }

  /** Opens (creating if needed) the log in `options.directory`, recovering if needed. */
  static open(options: PartitionLogOptions): PartitionLog {
    return new PartitionLog(options);
  }

  get logStartOffset(): number {
    return this.logStart;
  }

  get logEndOffset(): number {
    return this.activeSegment.nextOffset;
  }

  get highWatermark(): number {
    return this.highWatermarkOffset;
  }

  get recoveryPoint(): number {
    return this.recoveryPointOffset;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  get sizeBytes(): number {
    let total = 0;
    for (const segment of this.segments) total += segment.sizeBytes;
    return total;
  }

  get leaderEpochs() {
    return this.epochCache.all;
  }

  get latestEpoch(): number {
    return this.epochCache.latest()?.epoch ?? -1;
  }

  private get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  /**
   * Appends batches from a producer: validates each (length, magic, CRC, size limit),
   * assigns offsets from the log end and stamps `leaderEpoch`, rewriting those header
   * fields in `records` in place (the CRC does not cover them). All or nothing: a bad batch
   * anywhere rejects the whole buffer and nothing is written.
   */
  appendAsLeader(records: Buffer, leaderEpoch: number): AppendResult {
    this.ensureOpen();
    if (!(Number.isInteger(leaderEpoch) && leaderEpoch >= 0)) throw new AssertionError(`invalid leader epoch ${leaderEpoch}`);
    if (records.length > this.config.segmentBytes) {
      throw new SamsaError('RECORD_LIST_TOO_LARGE', `${records.length} bytes exceed segmentBytes ${this.config.segmentBytes}`);
    }
    // Validate everything before touching anything, so a bad batch changes nothing.
    const sizes: number[] = [];
    for (let position = 0; position < records.length || sizes.length === 0; ) {
      const sizeBytes = checkFrame(records, position, this.config.maxBatchBytes, true);
      checkProducerRecordCount(records, position);
      sizes.push(sizeBytes);
      position += sizeBytes;
    }
    const batches: BatchSummary[] = [];
    let nextOffset = this.logEndOffset;
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
   * Appends batches fetched from the leader, keeping their offsets and epochs. They must
   * start at or after the log end and increase; the CRC is checked again because bytes
   * crossed the network.
   */
  appendAsFollower(records: Buffer): AppendResult {
    this.ensureOpen();
    const batches: BatchSummary[] = [];
    let expectedOffset = this.logEndOffset;
    let position = 0;
    do {
      const sizeBytes = checkFrame(records, position, Math.max(this.config.maxBatchBytes, records.length), true);
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

  /** Writes validated batches; `leaderEpoch` for a leader's append, else each batch's own. */
  private appendBatches(records: Buffer, batches: readonly BatchSummary[], leaderEpoch: number | undefined): AppendResult {
    const first = batches[0]!;
    const last = batches[batches.length - 1]!;
    const nowMs = this.clock();
    try {
      if (leaderEpoch !== undefined) {
        if (leaderEpoch !== this.epochCache.latest()?.epoch) this.epochCache.assign(leaderEpoch, first.baseOffset);
      }
      else for (const batch of batches) if (batch.partitionLeaderEpoch >= 0) this.epochCache.assign(batch.partitionLeaderEpoch, batch.baseOffset);
      if (this.activeSegment.shouldRoll(records.length, last.lastOffset, maxTimestampOf(batches), nowMs)) {
        this.roll(first.baseOffset);
      }
      this.activeSegment.append(records, batches, nowMs);
    } catch (error) {
      throw this.storageError(error, 'append');
    }
    let recordCount = 0;
    for (const batch of batches) recordCount += batch.recordCount;
    this.unflushedRecords += recordCount;
    this.flushIfDue(nowMs);
    return { firstOffset: first.baseOffset, lastOffset: last.lastOffset, batchCount: batches.length, recordCount, sizeBytes: records.length };
  }

  /** Starts a new active segment at `baseOffset`, flushing the one it replaces. */
  private roll(baseOffset: number): void {
    const previous = this.activeSegment;
    // Index writes first: if the disk is full this fails before anything changes.
    previous.onRoll();
    const segment = this.createSegment(baseOffset);
    this.segments.push(segment);
    // Kafka flushes a rolled segment too, so recovery after a crash starts at the new one.
    previous.flush();
    if (this.recoveryPointOffset >= previous.baseOffset) this.recoveryPointOffset = Math.max(this.recoveryPointOffset, baseOffset);
    this.logger.debug({ baseOffset }, 'rolled a new segment');
  }

  /**
   * Reads whole batches from `offset`. At the end of the log (or at `maxOffsetExclusive`)
   * the result is empty; outside `[logStartOffset, logEndOffset]` it is
   * `OFFSET_OUT_OF_RANGE` with the valid range.
   */
  read(offset: number, options: ReadOptions): ReadResult {
    this.ensureOpen();
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
    const logEndOffset = this.logEndOffset;
    if (!Number.isSafeInteger(offset) || offset < this.logStart || offset > logEndOffset) {
      throw new OffsetOutOfRangeError(BigInt(offset), BigInt(this.logStart), BigInt(logEndOffset));
    }
    const limit = Math.min(options.maxOffsetExclusive ?? logEndOffset, logEndOffset);
    if (offset < limit) {
      for (let index = this.segmentIndexFor(offset); index < this.segments.length; index += 1) {
        const segment = this.segments[index]!;
        const read = segment.read(Math.max(offset, segment.baseOffset), Math.max(1, options.maxBytes), limit);
        if (read !== undefined) return { ...read, ...this.bounds() };
      }
    }
    return { records: EMPTY, firstOffset: offset, lastOffset: offset - 1, ...this.bounds() };
  }

  private bounds() {
    return { logStartOffset: this.logStart, logEndOffset: this.logEndOffset, highWatermark: this.highWatermarkOffset };
  }

  /** Index of the last segment whose base offset is <= `offset` (0 if none). */
  private segmentIndexFor(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.segments[middle]!.baseOffset <= offset) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /**
   * The first batch whose max timestamp is >= `timestampMs`, as raw bytes with its base
   * offset; undefined when every record is older. Resolving the exact record inside the
   * batch (Kafka's ListOffsets semantics) is the caller's, since it needs decompression.
   */
  findBatchByTimestamp(timestampMs: number): { baseOffset: number; batch: Buffer } | undefined {
    this.ensureOpen();
    for (const segment of this.segments) {
      const found = segment.findByTimestamp(timestampMs, this.logStart);
      if (found !== undefined) {
        return { baseOffset: found.baseOffset, batch: segment.readBytes(found.position, found.sizeBytes) };
      }
    }
    return undefined;
  }

  /**
   * Kafka's ListOffsets by timestamp: the first offset (at or after the log start) whose
   * record timestamp is >= `timestampMs`, with that timestamp; undefined when none is. Only
   * the one batch the time index leads to is decoded (and decompressed).
   */
  async offsetForTimestamp(timestampMs: number): Promise<{ offset: number; timestampMs: number } | undefined> {
    const found = this.findBatchByTimestamp(timestampMs);
    if (found === undefined) return undefined;
    const decoded = await decodeRecordBatch(found.batch);
    const target = BigInt(timestampMs);
    for (const record of decoded.records) {
      if (record.timestamp >= target && record.offset >= BigInt(this.logStart)) {
        return { offset: Number(record.offset), timestampMs: Number(record.timestamp) };
      }
    }
    return undefined;
  }

  /**
   * Records that `epoch` starts at the current log end: called on becoming leader, as Kafka
   * does, so followers asking about an epoch learn where it ends even before any append.
   */
  beginLeaderEpoch(epoch: number): void {
    this.ensureOpen();
    try {
      this.epochCache.assign(epoch, this.logEndOffset);
    } catch (error) {
      throw this.storageError(error, 'leader epoch checkpoint');
    }
  }

  /** Kafka's OffsetsForLeaderEpoch answer from this log. */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.epochCache.endOffsetFor(epoch, this.logEndOffset);
  }

  /**
   * Removes every batch at or after `offset` (a follower whose tail diverged from the new
   * leader). A batch that straddles `offset` goes whole, so the log end may land below it.
   */
  truncateTo(offset: number): void {
    this.ensureOpen();
    if (offset >= this.logEndOffset) {
      // No data goes, but epochs starting there do (Kafka's rule), or a follower that began
      // an epoch without writing would be told to truncate here forever.
      this.epochCache.truncateFromEnd(offset);
      return;
    }
    assert(offset >= this.logStart, `cannot truncate to ${offset}, below the log start ${this.logStart}`);
    let removedBytes = 0;
    while (this.segments.length > 1 && this.activeSegment.baseOffset >= offset) {
      const segment = this.segments.pop()!;
      removedBytes += segment.sizeBytes;
      segment.delete();
    }
    removedBytes += this.activeSegment.truncateTo(offset);
    const logEndOffset = this.logEndOffset;
    this.logStart = Math.min(this.logStart, logEndOffset);
    this.epochCache.truncateFromEnd(logEndOffset);
    this.highWatermarkOffset = Math.min(this.highWatermarkOffset, logEndOffset);
    this.recoveryPointOffset = Math.min(this.recoveryPointOffset, logEndOffset);
    this.logger.info({ offset, logEndOffset, removedBytes }, 'truncated the log');
  }

  /** Drops everything and restarts the log empty at `offset` (a follower far behind). */
  truncateFullyAndStartAt(offset: number): void {
    this.ensureOpen();
    assert(Number.isSafeInteger(offset) && offset >= 0, `invalid start offset ${offset}`);
    for (const segment of this.segments) segment.delete();
    this.segments = [this.createSegment(offset)];
    this.logStart = offset;
    this.highWatermarkOffset = offset;
    this.recoveryPointOffset = offset;
    this.epochCache.clear();
    this.writeCheckpoint();
  }

  /** Records the high watermark the replication layer computed. It never passes the log end. */
  updateHighWatermark(offset: number): void {
    assert(Number.isSafeInteger(offset), `invalid high watermark ${offset}`);
    this.highWatermarkOffset = Math.max(this.logStart, Math.min(offset, this.logEndOffset));
  }

  /**
   * Moves the log start forward (Kafka's DeleteRecords, or a follower copying the leader's
   * log start). Whole segments below it are deleted; it never passes the high watermark.
   */
  advanceLogStartOffset(offset: number): void {
    this.ensureOpen();
    const target = Math.min(offset, this.highWatermarkOffset);
    if (target <= this.logStart) return;
    this.logStart = target;
    while (this.segments.length > 1 && this.segments[1]!.baseOffset <= target) this.segments.shift()!.delete();
    this.epochCache.truncateFromStart(target);
    this.writeCheckpoint();
  }

  /**
   * Deletes the oldest segments that `retentionMs` / `retentionBytes` expire, never the
   * active one and never past the high watermark. Returns how many went.
   */
  applyRetention(): number {
    this.ensureOpen();
    const count = segmentsToDelete({
      segments: this.segments,
      retentionMs: this.config.retentionMs,
      retentionBytes: this.config.retentionBytes,
      nowMs: this.clock(),
      highWatermark: this.highWatermarkOffset,
    });
    if (count === 0) return 0;
    // Like Kafka, an expired active segment is first replaced by an empty one at the log end.
    if (count === this.segments.length) this.roll(this.logEndOffset);
    const removed = this.segments.splice(0, count);
    this.logStart = Math.max(this.logStart, this.segments[0]!.baseOffset);
    for (const segment of removed) segment.delete();
    this.epochCache.truncateFromStart(this.logStart);
    this.writeCheckpoint();
    this.logger.info({ segments: removed.map((segment) => segment.baseOffset), logStartOffset: this.logStart }, 'retention deleted segments');
    return count;
  }

  /** fsyncs the segments written since the recovery point and moves it to the log end. */
  flush(): void {
    this.ensureOpen();
    const from = this.segmentIndexFor(this.recoveryPointOffset);
    try {
      for (let index = from; index < this.segments.length; index += 1) this.segments[index]!.flush();
    } catch (error) {
      // After a failed fsync the kernel may have dropped the dirty pages, so no later fsync
      // can vouch for them: the log goes offline, as Kafka takes the log directory offline.
      this.failure = error;
      throw this.storageError(error, 'flush');
    }
    this.recoveryPointOffset = this.logEndOffset;
    this.unflushedRecords = 0;
    this.lastFlushMs = this.clock();
  }

  /** Applies the flush policy: by records appended and by time since the last flush. */
  flushIfDue(nowMs = this.clock()): void {
    const byCount = this.config.flushMessages > 0 && this.unflushedRecords >= this.config.flushMessages;
    const byTime = this.config.flushMs >= 0 && this.unflushedRecords > 0 && nowMs - this.lastFlushMs >= this.config.flushMs;
    if (byCount || byTime) this.flush();
  }

  /** Persists log start, recovery point and high watermark (temp file, fsync, rename). */
  writeCheckpoint(): void {
    writePartitionCheckpoint(this.fileSystem, this.directory, {
      logStartOffset: this.logStart,
      recoveryPoint: this.recoveryPointOffset,
      highWatermark: this.highWatermarkOffset,
    });
  }

  /** Flushes everything, writes the checkpoint and the clean-shutdown marker, closes files. */
  close(): void {
    if (this.closed) return;
    try {
      this.flush();
      this.writeCheckpoint();
      for (const segment of this.segments) segment.flushIndexes(false);
      writeFileAtomically(this.fileSystem, path.join(this.directory, CLEAN_SHUTDOWN_FILE), Buffer.alloc(0));
    } finally {
      this.abandon();
    }
  }

  /** Closes file handles without flushing or marking a clean stop (tests of recovery). */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    for (const segment of this.segments) segment.closeQuietly();
  }

  /** Deletes the whole partition directory (the topic was deleted). */
  deleteAll(): void {
    for (const segment of this.segments) segment.delete();
    this.fileSystem.rmSync(this.directory);
    this.closed = true;
  }

  /** Creates a segment's files; on failure (a full disk) removes what was half made. */
  private createSegment(baseOffset: number): LogSegment {
    const options = { fileSystem: this.fileSystem, directory: this.directory, baseOffset, config: this.config };
    try {
      const segment = new LogSegment(options, 'create', this.clock());
      fsyncDirectory(this.fileSystem, this.directory);
      return segment;
    } catch (error) {
      for (const file of Object.values(segmentPaths(this.directory, baseOffset))) {
        if (this.fileSystem.existsSync(file)) this.fileSystem.unlinkSync(file);
      }
      throw error;
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new SamsaError('KAFKA_STORAGE_ERROR', `log ${this.directory} is closed`);
    if (this.failure !== undefined) {
      throw new SamsaError('KAFKA_STORAGE_ERROR', `log ${this.directory} is offline after a failed fsync`, { cause: this.failure });
    }
  }

  private storageError(error: unknown, operation: string): unknown {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code !== undefined && STORAGE_ERROR_CODES.has(code)) {
      this.logger.error({ err: error, operation }, 'storage error');
      return new SamsaError('KAFKA_STORAGE_ERROR', `${operation} failed on ${this.directory}: ${code}`, { cause: error });
    }
    return error;
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
