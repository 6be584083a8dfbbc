// The state one partition log shares between its parts (append, reader, truncation,
// maintenance): the segment list and the offsets that describe it. It lives in one object
// so that no part keeps a copy that could drift from the others, and so that the facade,
// `PartitionLog`, stays a list of delegations.
import type { Logger } from '@samsa/common';
import { assert, SamsaError } from '@samsa/protocol';
import type { FileSystem } from './file-system';
import type { LeaderEpochCache } from './leader-epoch-cache';
import type { LogConfig } from './log-config';
import type { LogSegment } from './log-segment';

export interface LogStateInit {
  readonly directory: string;
  readonly config: LogConfig;
  readonly fileSystem: FileSystem;
  readonly logger: Logger;
  readonly clock: () => number;
  /** What `loadLog` found on disk; the state takes ownership of the segments and the cache. */
  readonly segments: LogSegment[];
  readonly logStartOffset: number;
  readonly highWatermark: number;
  readonly epochCache: LeaderEpochCache;
  /** The folder has entries not fsynced yet (a new log): the first flush fsyncs it. */
  readonly directoryUnsynced?: boolean;
}

/**
 * The mutable state of one partition log.
 *
 * Ownership: one per `PartitionLog`, made when it opens and never shared with another log.
 * The log's parts hold a reference and change it only synchronously, inside a call of the
 * log's single writer, so no call ever sees another one half done. The segments belong to
 * it: a part that removes a segment from `segments` deletes or closes it too.
 *
 * Invariants, true between calls:
 * - `segments` is never empty, ascends by base offset, and only the last (active) one is
 *   appended to; the log end offset is the active segment's next offset.
 * - `logStartOffset <= highWatermark <= logEndOffset`, and `recoveryPoint <= logEndOffset`.
 * - `failure`, once set by a failed fsync, is never cleared: the log stays offline.
 *
 * Persistence: `logStartOffset`, `recoveryPoint` and `highWatermark` reach disk only through
 * the partition checkpoint (`LogMaintenance.writeCheckpoint`), written by retention,
 * DeleteRecords, a full truncation and close, and by the broker periodically; in between,
 * the file holds the last checkpoint's values (loading clamps the log start and the high
 * watermark to the segments it finds).
 * The leader epoch cache persists itself on every change.
 */
export class LogState {
  readonly directory: string;
  readonly config: LogConfig;
  readonly fileSystem: FileSystem;
  readonly logger: Logger;
  /** Wall clock in ms, injected (see `PartitionLogOptions.clock`). */
  readonly clock: () => number;
  readonly epochCache: LeaderEpochCache;
  segments: LogSegment[];
  logStartOffset: number;
  highWatermark: number;
  /** Every byte below this offset is fsynced; recovery after a crash scans from here. */
  recoveryPoint: number;
  /** Records appended since the last flush, for `flushMessages`. */
  unflushedRecords = 0;
  /** When the last flush finished, for `flushMs`. */
  lastFlushMs: number;
  closed = false;
  /**
   * The checkpoint last written (`logStart/recoveryPoint/highWatermark`); an unchanged one is
   * not written again, so a broker of thousands of idle partitions does not fsync each of
   * them every checkpoint interval.
   */
  writtenCheckpoint: string | undefined;
  /** See `LogStateInit.directoryUnsynced`. */
  directoryUnsynced: boolean;
  /** Set when an fsync failed: every later operation fails with KAFKA_STORAGE_ERROR. */
  failure: unknown;

  constructor(init: LogStateInit) {
    assert(init.segments.length > 0, 'a log has at least one segment');
    this.directory = init.directory;
    this.config = init.config;
    this.fileSystem = init.fileSystem;
    this.logger = init.logger;
    this.clock = init.clock;
    this.epochCache = init.epochCache;
    this.segments = init.segments;
    this.logStartOffset = init.logStartOffset;
    this.highWatermark = init.highWatermark;
    this.recoveryPoint = this.logEndOffset;
    this.directoryUnsynced = init.directoryUnsynced ?? false;
    this.lastFlushMs = init.clock();
  }

  /** The last segment, the only one appended to. */
  get activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  get logEndOffset(): number {
    return this.activeSegment.nextOffset;
  }

  /** Throws KAFKA_STORAGE_ERROR once the log is closed or offline after a failed fsync. */
  ensureOpen(): void {
    if (this.closed) throw new SamsaError('KAFKA_STORAGE_ERROR', `log ${this.directory} is closed`);
    if (this.failure !== undefined) {
      throw new SamsaError('KAFKA_STORAGE_ERROR', `log ${this.directory} is offline after a failed fsync`, { cause: this.failure });
    }
  }
}
