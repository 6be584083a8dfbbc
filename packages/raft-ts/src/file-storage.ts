import * as path from 'node:path';
import { assert } from './assert';
import { CompactedError, CorruptStorageError, SnapshotOutOfDateError, UnavailableError } from './errors';
import { type FileSystem, nodeFileSystem, syncDirectory, TEMPORARY_SUFFIX } from './file-storage/file-system';
import { HARD_STATE_FILE_NAME, HardStateFile } from './file-storage/hard-state-file';
import { type LogStart, readLogStart, writeLogStart } from './file-storage/log-start-file';
import { SegmentLog, type StorageLogger } from './file-storage/segment-log';
import { parseSnapshotFileName, readSnapshotFile, writeSnapshotFile } from './file-storage/snapshot-file';
import type { WritableStorage } from './node/raft-node';
import type { InitialState } from './storage';
import { EMPTY_HARD_STATE, isHardStateEqual, type ConfState, type Entry, type HardState, type Snapshot } from './types';

export type { StorageLogger } from './file-storage/segment-log';
export type { FileSystem } from './file-storage/file-system';

export interface FileStorageOptions {
  /**
   * The initial members, for a fresh directory of a founding member: it then starts exactly
   * like `new MemoryStorage(bootstrap)` (a snapshot at index 1, term 1 naming them, and hard
   * state term 1, commit 1). Ignored when the directory already holds state. A node that
   * joins later opens without it and receives a snapshot from the leader.
   */
  readonly bootstrap?: ConfState;
  /** A log segment rolls once it holds this many bytes (default 64 MiB). */
  readonly segmentBytesMax?: number;
  /** Recently appended entries kept in memory for reads (default 16 MiB). */
  readonly cacheBytesMax?: number;
  /** Zeros written ahead of the log so most syncs overwrite allocated blocks (default 4 MiB; 0 turns it off). */
  readonly preallocateBytes?: number;
  readonly logger?: StorageLogger;
  /**
   * When the commit index is the only part of the hard state that changed, `sync()` keeps
   * it in memory ('lazy', the default) instead of paying a second fdatasync per Ready; it
   * reaches the disk with the next term or vote change and at `close()`. This is what
   * etcd does (raft's MustSync): the commit index is volatile state in Raft, and a
   * restarted node resumes from at least its snapshot and relearns the rest from the
   * leader. 'every-sync' makes it durable in every `sync()` like the term and vote.
   */
  readonly commitDurability?: 'lazy' | 'every-sync';
  /** For tests that simulate crashes; defaults to node:fs. */
  readonly fileSystem?: FileSystem;
}

const silentLogger: StorageLogger = { info() {}, warn() {} };

/**
 * The durable Raft storage of a real node, in one directory:
 *
 * - `log-<first index>.seg`: the log in segment files of CRC-framed entries;
 * - `hard-state`: term, vote and commit, in two alternating checksummed slots;
 * - `snapshot-<index>.snap`: the newest snapshot (metadata and data, checksummed);
 * - `log-start`: the compaction point (segments are deleted only whole).
 *
 * It behaves exactly like MemoryStorage (the shared contract test runs both), and adds
 * durability: `append`, `setHardState` and `compact` are buffered and become durable at
 * `sync()` (except a change of the commit index alone, by default: see
 * `commitDurability`); `applySnapshot` and `createSnapshot` write the snapshot file durably before
 * returning; truncating a log suffix is durable at once. Everything that was synced
 * survives a crash, and opening the directory again recovers it: a torn or corrupt log
 * tail is cut off (and logged), never half-read.
 *
 * One instance owns the directory; it is not safe to open twice.
 */
export class FileStorage implements WritableStorage {
  private hardStateValue: HardState;
  /** What the hard-state file holds durably; it differs from hardStateValue until synced. */
  private durableHardState: HardState;
  private readonly lazyCommit: boolean;
  private snapshotValue: Snapshot;
  private snapshotFileName: string | undefined;
  private compactedIndex: number;
  private compactedTerm: number;
  private closed = false;

  private constructor(
    private readonly fileSystem: FileSystem,
    private readonly directory: string,
    private readonly log: SegmentLog,
    private readonly hardStateFile: HardStateFile,
    hardState: HardState,
    snapshot: { value: Snapshot; fileName: string | undefined },
    logStart: LogStart | undefined,
    private readonly logger: StorageLogger,
    lazyCommit: boolean,
  ) {
    this.hardStateValue = hardState;
    this.durableHardState = hardState;
    this.lazyCommit = lazyCommit;
    this.snapshotValue = snapshot.value;
    this.snapshotFileName = snapshot.fileName;
    this.compactedIndex = snapshot.value.metadata.index;
    this.compactedTerm = snapshot.value.metadata.term;
    this.reconcileLogWithSnapshot(logStart);
    this.clampCommit();
  }

  /** Opens (and if needed initialises) the storage in `directory`, recovering after a crash. */
  static open(directory: string, options: FileStorageOptions = {}): FileStorage {
    const fileSystem = options.fileSystem ?? nodeFileSystem;
    const logger = options.logger ?? silentLogger;
    fileSystem.mkdirSync(directory);
    removeTemporaryFiles(fileSystem, directory);
    const initialised = fileSystem.existsSync(path.join(directory, HARD_STATE_FILE_NAME));
    if (!initialised) initialise(fileSystem, directory, options.bootstrap, logger);
    const { file, hardState } = HardStateFile.open(fileSystem, directory);
    try {
      const snapshot = loadNewestSnapshot(fileSystem, directory, logger);
      const log = SegmentLog.open({
        fileSystem,
        directory,
        segmentBytesMax: options.segmentBytesMax ?? 64 * 1024 * 1024,
        cacheBytesMax: options.cacheBytesMax ?? 16 * 1024 * 1024,
        preallocateBytes: options.preallocateBytes ?? 4 * 1024 * 1024,
        logger,
      });
      const lazyCommit = (options.commitDurability ?? 'lazy') === 'lazy';
      return new FileStorage(fileSystem, directory, log, file, hardState, snapshot, readLogStart(fileSystem, directory), logger, lazyCommit);
    } catch (error) {
      file.close();
      throw error;
    }
  }

  initialState(): InitialState {
    const { voters, learners } = this.snapshotValue.metadata;
    return { hardState: this.hardStateValue, confState: { voters, learners } };
  }

  hardState(): HardState {
    return this.hardStateValue;
  }

  entries(low: number, high: number, maxBytes: number): Entry[] {
    if (low <= this.compactedIndex) throw new CompactedError(low);
    if (high > this.lastIndex() + 1) throw new UnavailableError(`entries up to ${high - 1}`);
    assert(low <= high, `bad range [${low}, ${high})`);
    if (low === high) return [];
    return this.log.read(low, high, maxBytes);
  }

  term(index: number): number {
    if (index < this.compactedIndex) throw new CompactedError(index);
    if (index === this.compactedIndex) return this.compactedTerm;
    const term = this.log.termAt(index);
    if (term === undefined) throw new UnavailableError(`term of ${index}`);
    return term;
  }

  firstIndex(): number {
    return this.compactedIndex + 1;
  }

  lastIndex(): number {
    return Math.max(this.compactedIndex, this.log.nextIndex() - 1);
  }

  snapshot(): Snapshot {
    return this.snapshotValue;
  }

  /** Durable at the next `sync()` (a change of the commit index alone: see `commitDurability`). */
  setHardState(hardState: HardState): void {
    this.assertOpen();
    this.hardStateValue = hardState;
  }

  /**
   * Appends entries that continue the log at or below lastIndex + 1, replacing any suffix
   * they conflict with (that truncation is durable at once). Entries already compacted
   * away are skipped. Durable at the next `sync()`.
   */
  append(entries: readonly Entry[]): void {
    this.assertOpen();
    const first = entries[0];
    if (first === undefined) return;
    assert(first.index <= this.lastIndex() + 1, `append at ${first.index} leaves a gap after ${this.lastIndex()}`);
    let start = 0;
    while (start < entries.length && entries[start]!.index <= this.compactedIndex) start += 1;
    if (start === entries.length) return;
    const startIndex = entries[start]!.index;
    if (startIndex < this.log.nextIndex()) this.log.truncateFrom(startIndex);
    this.log.append(start === 0 ? entries : entries.slice(start));
  }

  /** Replaces everything with a snapshot received from the leader; the snapshot file is durable on return. */
  applySnapshot(snapshot: Snapshot): void {
    this.assertOpen();
    const { index, term } = snapshot.metadata;
    if (index <= this.snapshotValue.metadata.index) throw new SnapshotOutOfDateError(index, this.snapshotValue.metadata.index);
    // The snapshot must be durable before the log goes: in between, a crash recovers the
    // snapshot and discards whatever log does not continue it (see reconcileLogWithSnapshot).
    this.replaceSnapshot(snapshot);
    writeLogStart(this.fileSystem, this.directory, { index, term });
    this.log.reset(index + 1);
    this.compactedIndex = index;
    this.compactedTerm = term;
  }

  /** Records the application's snapshot as of `index`, durably, before returning. */
  createSnapshot(index: number, confState: ConfState, data: Uint8Array): Snapshot {
    this.assertOpen();
    const current = this.snapshotValue.metadata.index;
    if (index <= current) throw new SnapshotOutOfDateError(index, current);
    assert(index <= this.lastIndex(), `snapshot index ${index} past last index ${this.lastIndex()}`);
    // The log through `index` is already durable: the driver applies only what a synced Ready
    // committed. Sync anyway, so a snapshot never covers entries a crash could take back.
    this.log.sync();
    const snapshot: Snapshot = { metadata: { index, term: this.term(index), voters: [...confState.voters], learners: [...confState.learners] }, data };
    this.replaceSnapshot(snapshot);
    return snapshot;
  }

  /**
   * Drops entries up to and including `index`, which may not pass the snapshot. Whole
   * segment files below it are deleted; the term of `index` stays known.
   */
  compact(index: number): void {
    this.assertOpen();
    if (index <= this.compactedIndex) throw new CompactedError(index);
    assert(index <= this.snapshotValue.metadata.index, `compact ${index} past snapshot ${this.snapshotValue.metadata.index}`);
    this.compactedTerm = this.term(index);
    this.compactedIndex = index;
    writeLogStart(this.fileSystem, this.directory, { index, term: this.compactedTerm });
    this.log.removeSegmentsThrough(index);
  }

  /**
   * Makes everything written so far durable: the log first, then the hard state, so a
   * durable commit index never points past the durable log.
   */
  sync(): void {
    this.assertOpen();
    this.log.sync();
    const durable = this.durableHardState;
    const current = this.hardStateValue;
    const termOrVoteChanged = current.term !== durable.term || current.vote !== durable.vote;
    if (termOrVoteChanged || (!this.lazyCommit && current.commit !== durable.commit)) this.writeHardState();
  }

  /** Syncs everything (the commit index too) and closes the files. The instance is unusable afterwards. */
  close(): void {
    if (this.closed) return;
    this.sync();
    if (!isHardStateEqual(this.hardStateValue, this.durableHardState)) this.writeHardState();
    this.closed = true;
    this.log.close();
    this.hardStateFile.close();
  }

  /**
   * Writes and fdatasyncs the next hard-state slot. Never written without the fdatasync:
   * the other slot must always hold the last durable state, in case this write tears.
   */
  private writeHardState(): void {
    this.hardStateFile.write(this.hardStateValue);
    this.hardStateFile.sync();
    this.durableHardState = this.hardStateValue;
  }

  private assertOpen(): void {
    assert(!this.closed, 'FileStorage used after close');
  }

  private replaceSnapshot(snapshot: Snapshot): void {
    const previous = this.snapshotFileName;
    this.snapshotFileName = writeSnapshotFile(this.fileSystem, this.directory, snapshot);
    this.snapshotValue = snapshot;
    // An older snapshot that reappears after a crash is harmless: the newest valid one wins.
    if (previous !== undefined && previous !== this.snapshotFileName) this.fileSystem.unlinkSync(path.join(this.directory, previous));
  }

  /**
   * After a crash the log may not line up with the newest snapshot (S, T): a crash between
   * writing a snapshot from the leader and deleting the old log, or a log cut back by
   * recovery. Keep the log only if it continues the snapshot: it starts at or before S + 1,
   * reaches S, and agrees on the term at S. Otherwise it is discarded and the log restarts
   * at S + 1. When the log starts before S, it resumes at the recorded compaction point
   * if that lies inside it, else at its first entry (whose term is known).
   */
  private reconcileLogWithSnapshot(logStart: LogStart | undefined): void {
    const { index, term } = this.snapshotValue.metadata;
    const log = this.log;
    const firstIndex = log.firstIndex();
    const lastIndex = log.nextIndex() - 1;
    const continues = !log.isEmpty() && firstIndex <= index + 1 && lastIndex >= index && (firstIndex > index || log.termAt(index) === term);
    if (!continues) {
      if (!log.isEmpty()) this.logger.warn({ firstIndex, lastIndex, snapshotIndex: index, snapshotTerm: term }, 'raft log: discarding a log that does not continue the snapshot');
      log.reset(index + 1);
      log.sync();
      return;
    }
    if (firstIndex > index) return;
    // The recorded point may sit just before the first segment (whole segments go), where
    // only the record knows its term; inside the log the term must agree.
    if (logStart !== undefined && logStart.index >= firstIndex - 1 && logStart.index <= index && (logStart.index < firstIndex || log.termAt(logStart.index) === logStart.term)) {
      this.compactedIndex = logStart.index;
      this.compactedTerm = logStart.term;
      return;
    }
    this.compactedIndex = firstIndex;
    this.compactedTerm = log.termAt(firstIndex)!;
  }

  /**
   * The commit index may not lie before the snapshot (a snapshot holds only committed
   * entries, and a crash can keep a leader's snapshot but lose the hard state written
   * after it) nor past the log (which only a damaged disk produces: warn loudly).
   */
  private clampCommit(): void {
    const { commit } = this.hardStateValue;
    const low = this.snapshotValue.metadata.index;
    const high = this.lastIndex();
    if (commit > high) this.logger.warn({ commit, lastIndex: high }, 'raft storage: commit index past the recovered log; entries acknowledged earlier may be lost');
    const clamped = Math.min(Math.max(commit, low), high);
    if (clamped !== commit) this.hardStateValue = { ...this.hardStateValue, commit: clamped };
  }
}

/**
 * Writes a fresh directory's initial state. The hard-state file is created last and marks
 * the directory as initialised: a crash before it leaves only leftovers, removed here on
 * the next attempt.
 */
function initialise(fileSystem: FileSystem, directory: string, bootstrap: ConfState | undefined, logger: StorageLogger): void {
  for (const fileName of fileSystem.readdirSync(directory)) {
    if (fileName.startsWith('log-') || parseSnapshotFileName(fileName) !== undefined) fileSystem.unlinkSync(path.join(directory, fileName));
  }
  let hardState = EMPTY_HARD_STATE;
  if (bootstrap !== undefined) {
    assert(bootstrap.voters.length > 0, 'a bootstrap configuration needs at least one voter');
    const metadata = { index: 1, term: 1, voters: [...bootstrap.voters], learners: [...bootstrap.learners] };
    writeSnapshotFile(fileSystem, directory, { metadata, data: new Uint8Array(0) });
    hardState = { term: 1, vote: 0, commit: 1 };
  }
  writeLogStart(fileSystem, directory, { index: hardState.commit, term: hardState.term });
  HardStateFile.create(fileSystem, directory, hardState).close();
  logger.info({ directory, bootstrap }, 'raft storage: initialised a new directory');
}

function loadNewestSnapshot(fileSystem: FileSystem, directory: string, logger: StorageLogger): { value: Snapshot; fileName: string | undefined } {
  const fileNames = fileSystem
    .readdirSync(directory)
    .filter((fileName) => parseSnapshotFileName(fileName) !== undefined)
    .sort()
    .reverse();
  let newest: { value: Snapshot; fileName: string } | undefined;
  for (const fileName of fileNames) {
    if (newest !== undefined) {
      fileSystem.unlinkSync(path.join(directory, fileName));
      continue;
    }
    const snapshot = readSnapshotFile(fileSystem, directory, fileName);
    if (typeof snapshot === 'string') logger.warn({ snapshot: fileName, reason: snapshot }, 'raft storage: ignoring a damaged snapshot file');
    else newest = { value: snapshot, fileName };
  }
  if (newest !== undefined) return newest;
  if (fileNames.length > 0) throw new CorruptStorageError(`${directory}: no snapshot file is readable; refusing to start without the configuration`);
  return { value: { metadata: { index: 0, term: 0, voters: [], learners: [] }, data: new Uint8Array(0) }, fileName: undefined };
}

function removeTemporaryFiles(fileSystem: FileSystem, directory: string): void {
  let removed = false;
  for (const fileName of fileSystem.readdirSync(directory)) {
    if (!fileName.endsWith(TEMPORARY_SUFFIX)) continue;
    fileSystem.unlinkSync(path.join(directory, fileName));
    removed = true;
  }
  if (removed) syncDirectory(fileSystem, directory);
}
