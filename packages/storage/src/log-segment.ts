import { assert, BATCH_HEADER_BYTES, SamsaError } from '@samsa/protocol';
import { type BatchSummary, readBatchSummary, summarizeBatch } from './batch-summary';
import { type FileSystem, readFully, writeFully } from './file-system';
import type { LogConfig } from './log-config';
import { segmentPaths } from './segment-files';
import { SparseIndex, offsetIndexFormat, timeIndexFormat } from './sparse-index';

/** A batch located in a segment file. */
export interface LocatedBatch extends BatchSummary {
  readonly position: number;
}

/** Raw batches read from one segment: whole batches only, bytes exactly as stored. */
export interface SegmentRead {
  readonly records: Buffer;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

export interface SegmentOptions {
  readonly fileSystem: FileSystem;
  readonly directory: string;
  readonly baseOffset: number;
  readonly config: LogConfig;
}

/**
 * One segment of a partition log: a `.log` file of record batches starting at
 * `baseOffset`, with its sparse offset and time indexes. Only the last segment of a log
 * (the active one) is appended to. Offsets in the indexes are relative to `baseOffset`,
 * so a segment spans fewer than 2^31 offsets.
 */
export class LogSegment {
  readonly baseOffset: number;
  readonly paths: ReturnType<typeof segmentPaths>;
  readonly offsetIndex: SparseIndex;
  readonly timeIndex: SparseIndex;
  private readonly fileSystem: FileSystem;
  private readonly config: LogConfig;
  private fd: number;
  private deleted = false;
  /** Bytes of valid batches in the file. */
  sizeBytes = 0;
  /** One past the last offset stored here; `baseOffset` while empty. */
  nextOffset: number;
  maxTimestampMs = -1;
  offsetOfMaxTimestamp = -1;
  /**
   * For rolling by `segment.ms`, as Kafka does: the first batch's max timestamp, compared
   * with incoming batch timestamps; without one, the wall-clock time the segment was made.
   */
  rollReferenceMs = -1;
  private readonly createdMs: number;
  private bytesSinceLastIndexEntry = 0;

  constructor(options: SegmentOptions, flags: 'create' | 'open', nowMs = Date.now()) {
    this.createdMs = nowMs;
    this.fileSystem = options.fileSystem;
    this.config = options.config;
    this.baseOffset = options.baseOffset;
    this.nextOffset = options.baseOffset;
    this.paths = segmentPaths(options.directory, options.baseOffset);
    const maxOffsetEntries = Math.floor(options.config.segmentIndexBytes / offsetIndexFormat.entryBytes);
    const maxTimeEntries = Math.floor(options.config.segmentIndexBytes / timeIndexFormat.entryBytes);
    this.offsetIndex = new SparseIndex(this.fileSystem, this.paths.offsetIndex, offsetIndexFormat, maxOffsetEntries);
    this.timeIndex = new SparseIndex(this.fileSystem, this.paths.timeIndex, timeIndexFormat, maxTimeEntries);
    this.fd = this.fileSystem.openSync(this.paths.log, flags === 'create' ? 'ax+' : 'a+');
    try {
      if (flags === 'create') {
        this.offsetIndex.reset();
        this.timeIndex.reset();
      } else {
        this.sizeBytes = this.fileSystem.fstatSizeBytes(this.fd);
      }
    } catch (error) {
      this.fileSystem.closeSync(this.fd);
      throw error;
    }
  }

  get isEmpty(): boolean {
    return this.sizeBytes === 0;
  }

  get isDeleted(): boolean {
    return this.deleted;
  }

  /** Whether appending `sizeBytes` more bytes ending at `lastOffset` needs a new segment. */
  shouldRoll(sizeBytes: number, lastOffset: number, incomingTimestampMs: number, nowMs: number): boolean {
    if (lastOffset - this.baseOffset > 0x7fffffff) return true;
    if (this.isEmpty) return false;
    const ageMs = this.rollReferenceMs >= 0 ? incomingTimestampMs - this.rollReferenceMs : nowMs - this.createdMs;
    return (
      this.sizeBytes + sizeBytes > this.config.segmentBytes ||
      this.offsetIndex.isFull ||
      this.timeIndex.isFull ||
      ageMs > this.config.segmentMs
    );
  }

  /**
   * Appends validated batches that already carry their final offsets. One write for the
   * whole buffer. On failure (a full disk) the file is cut back to its previous size and
   * nothing changes in memory, so the segment stays consistent.
   */
  append(buffer: Buffer, batches: readonly BatchSummary[], nowMs: number): void {
    assert(!this.deleted, 'append to a deleted segment');
    const first = batches[0];
    assert(first !== undefined && first.baseOffset >= this.nextOffset, 'append must move the log forward');
    this.ensureClean();
    const sizeBefore = this.sizeBytes;
    try {
      writeFully(this.fileSystem, this.fd, buffer, null);
    } catch (error) {
      this.restoreSize(sizeBefore);
      throw error;
    }
    if (this.rollReferenceMs < 0 && sizeBefore === 0) this.rollReferenceMs = first.maxTimestampMs;
    let position = sizeBefore;
    for (const batch of batches) {
      this.indexBatch(batch, position);
      position += batch.sizeBytes;
    }
    assert(position === sizeBefore + buffer.length, 'batch sizes must add up to the buffer');
    this.sizeBytes = position;
  }

  /** Adds `batch` at `position` to the in-memory state and, every interval, the indexes. */
  indexBatch(batch: BatchSummary, position: number): void {
    if (batch.maxTimestampMs > this.maxTimestampMs) {
      this.maxTimestampMs = batch.maxTimestampMs;
      this.offsetOfMaxTimestamp = batch.lastOffset;
    }
    if (this.bytesSinceLastIndexEntry > this.config.indexIntervalBytes && !this.offsetIndex.isFull) {
      this.offsetIndex.append(batch.baseOffset - this.baseOffset, position);
      this.appendTimeIndexEntry();
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += batch.sizeBytes;
    this.nextOffset = batch.lastOffset + 1;
  }

  private appendTimeIndexEntry(): void {
    const lastTimestamp = this.timeIndex.lastKey();
    const newer = lastTimestamp === undefined || this.maxTimestampMs > lastTimestamp;
    if (this.maxTimestampMs >= 0 && newer && !this.timeIndex.isFull) {
      this.timeIndex.append(this.maxTimestampMs, this.offsetOfMaxTimestamp - this.baseOffset);
    }
  }

  private restoreSize(sizeBytes: number): void {
    try {
      this.fileSystem.ftruncateSync(this.fd, sizeBytes);
    } catch {
      // The file may keep a torn tail past `sizeBytes`; reads never go past `sizeBytes`,
      // the next append overwrites nothing (O_APPEND would land after it), so retry the cut
      // before that append. Recovery would also remove it after a crash.
      this.needsTailCut = true;
    }
  }

  private needsTailCut = false;

  /** Cuts a torn tail left by a failed append, before appending again. */
  ensureClean(): void {
    if (!this.needsTailCut) return;
    this.fileSystem.ftruncateSync(this.fd, this.sizeBytes);
    this.needsTailCut = false;
  }

  /** The first batch whose last offset is >= `offset`, or undefined when none is. */
  locate(offset: number): LocatedBatch | undefined {
    if (offset >= this.nextOffset) return undefined;
    const entry = this.offsetIndex.floor(offset - this.baseOffset);
    return this.scanFrom(entry?.value ?? 0, (batch) => batch.lastOffset >= offset);
  }

  /** Walks batch headers from `position` to the first batch matching `stop`. */
  scanFrom(position: number, stop: (batch: BatchSummary) => boolean): LocatedBatch | undefined {
    this.ensureReadable();
    let at = position;
    while (at < this.sizeBytes) {
      const batch = readBatchSummary(this.fileSystem, this.fd, at, this.sizeBytes);
      if (stop(batch)) return { ...batch, position: at };
      at += batch.sizeBytes;
    }
    return undefined;
  }

  /**
   * Reads whole batches starting with the one holding `startOffset`, up to `maxBytes`
   * (the first batch is returned whole even when larger, so a reader always progresses),
   * stopping before any batch whose base offset is >= `maxOffsetExclusive`.
   */
  read(startOffset: number, maxBytes: number, maxOffsetExclusive: number): SegmentRead | undefined {
    const first = this.locate(startOffset);
    if (first === undefined || first.baseOffset >= maxOffsetExclusive) return undefined;
    const wantBytes = Math.max(first.sizeBytes, Math.min(maxBytes, this.sizeBytes - first.position));
    const chunk = readFully(this.fileSystem, this.fd, wantBytes, first.position);
    let end = 0;
    let lastOffset = first.lastOffset;
    while (end + BATCH_HEADER_BYTES <= chunk.length) {
      const batch = summarizeBatch(chunk, end);
      if (batch.baseOffset >= maxOffsetExclusive || end + batch.sizeBytes > chunk.length) break;
      end += batch.sizeBytes;
      lastOffset = batch.lastOffset;
    }
    if (end === 0) throw new SamsaError('CORRUPT_MESSAGE', `segment ${this.baseOffset}: unreadable batch at ${first.position}`);
    return { records: chunk.subarray(0, end), firstOffset: first.baseOffset, lastOffset };
  }

  /** Reads `sizeBytes` raw bytes at `position` (a batch located earlier). */
  readBytes(position: number, sizeBytes: number): Buffer {
    this.ensureReadable();
    return readFully(this.fileSystem, this.fd, sizeBytes, position);
  }

  /** The first batch ending at or after `minOffset` whose max timestamp is >= `timestampMs`. */
  findByTimestamp(timestampMs: number, minOffset: number): LocatedBatch | undefined {
    if (this.maxTimestampMs < timestampMs || minOffset >= this.nextOffset) return undefined;
    const entry = this.timeIndex.floor(timestampMs - 1);
    const start = entry === undefined ? 0 : (this.offsetIndex.floor(entry.value)?.value ?? 0);
    return this.scanFrom(start, (batch) => batch.maxTimestampMs >= timestampMs && batch.lastOffset >= minOffset);
  }

  /**
   * Removes the batch holding `offset` and everything after it. Returns the bytes removed.
   * Afterwards `nextOffset` is the base offset of the first removed batch.
   */
  truncateTo(offset: number): number {
    const cut = this.locate(offset);
    if (cut === undefined) return 0;
    const removedBytes = this.sizeBytes - cut.position;
    this.fileSystem.ftruncateSync(this.fd, cut.position);
    this.sizeBytes = cut.position;
    // With a gap in the offsets the cut batch may start above `offset`; never end above it.
    this.nextOffset = Math.min(cut.baseOffset, offset);
    const relative = cut.baseOffset - this.baseOffset;
    this.offsetIndex.truncateFrom('key', relative);
    this.timeIndex.truncateFrom('value', relative);
    this.recomputeTailState();
    return removedBytes;
  }

  /** Recomputes max timestamp and index spacing from the last time index entry onward. */
  private recomputeTailState(): void {
    const lastTimeEntry = this.timeIndex.lastKey();
    this.maxTimestampMs = lastTimeEntry ?? -1;
    this.offsetOfMaxTimestamp = lastTimeEntry === undefined ? -1 : this.baseOffset + this.timeIndex.lastValue()!;
    const lastOffsetEntry = this.offsetIndex.lastValue() ?? 0;
    const scanStart = Math.min(lastOffsetEntry, this.positionOfOffsetFloor(this.offsetOfMaxTimestamp));
    this.bytesSinceLastIndexEntry = 0;
    let at = scanStart;
    while (at < this.sizeBytes) {
      const batch = readBatchSummary(this.fileSystem, this.fd, at, this.sizeBytes);
      if (batch.maxTimestampMs > this.maxTimestampMs) {
        this.maxTimestampMs = batch.maxTimestampMs;
        this.offsetOfMaxTimestamp = batch.lastOffset;
      }
      if (at >= lastOffsetEntry) this.bytesSinceLastIndexEntry += batch.sizeBytes;
      at += batch.sizeBytes;
    }
    if (this.sizeBytes === 0) this.rollReferenceMs = -1;
  }

  private positionOfOffsetFloor(offset: number): number {
    if (offset < 0) return 0;
    return this.offsetIndex.floor(offset - this.baseOffset)?.value ?? 0;
  }

  /**
   * Loads the indexes of a segment that needs no recovery. Returns false when an index is
   * missing or fails its checks; the caller then rebuilds the segment by scanning it.
   */
  loadIndexes(): boolean {
    if (!this.offsetIndex.load(this.sizeBytes) || !this.timeIndex.load(0x7fffffff)) return false;
    const lastEntry = this.offsetIndex.lastValue();
    try {
      // Trust but verify: the last index entry must point at a real batch header.
      if (lastEntry !== undefined) readBatchSummary(this.fileSystem, this.fd, lastEntry, this.sizeBytes);
      this.recomputeTailState();
    } catch {
      return false;
    }
    if (this.sizeBytes > 0) {
      const last = this.lastBatchFrom(this.offsetIndex.lastValue() ?? 0);
      this.nextOffset = last.lastOffset + 1;
      this.rollReferenceMs = this.firstBatchTimestamp();
    }
    return true;
  }

  private lastBatchFrom(position: number): BatchSummary {
    let at = position;
    let last: BatchSummary | undefined;
    while (at < this.sizeBytes) {
      last = readBatchSummary(this.fileSystem, this.fd, at, this.sizeBytes);
      at += last.sizeBytes;
    }
    assert(last !== undefined, 'a non-empty segment has a last batch');
    return last;
  }

  private firstBatchTimestamp(): number {
    return readBatchSummary(this.fileSystem, this.fd, 0, this.sizeBytes).maxTimestampMs;
  }

  /** Clears in-memory state and indexes before a rebuild scan (see `recoverSegment`). */
  resetForRebuild(): void {
    this.offsetIndex.reset();
    this.timeIndex.reset();
    this.nextOffset = this.baseOffset;
    this.maxTimestampMs = -1;
    this.offsetOfMaxTimestamp = -1;
    this.bytesSinceLastIndexEntry = 0;
    this.rollReferenceMs = -1;
  }

  /** Cuts the file at `sizeBytes` (the end of the last valid batch) after a rebuild scan. */
  truncateFileTo(sizeBytes: number): void {
    if (this.fileSystem.fstatSizeBytes(this.fd) !== sizeBytes) this.fileSystem.ftruncateSync(this.fd, sizeBytes);
    this.sizeBytes = sizeBytes;
    if (sizeBytes > 0) this.rollReferenceMs = this.firstBatchTimestamp();
  }

  readRaw(position: number, length: number): Buffer {
    return readFully(this.fileSystem, this.fd, length, position);
  }

  fileSizeBytes(): number {
    return this.fileSystem.fstatSizeBytes(this.fd);
  }

  /** Called when the segment stops being active: the time index gets its final entry. */
  onRoll(): void {
    this.appendTimeIndexEntry();
    this.flushIndexes(false);
  }

  flushIndexes(sync: boolean): void {
    this.offsetIndex.writePending(sync);
    this.timeIndex.writePending(sync);
  }

  /** fsyncs the log file and writes (and fsyncs) the indexes. */
  flush(): void {
    if (this.deleted) return;
    this.fileSystem.fdatasyncSync(this.fd);
    this.flushIndexes(true);
  }

  close(): void {
    if (this.deleted || this.fd < 0) return;
    try {
      this.flushIndexes(false);
    } finally {
      this.closeQuietly();
    }
  }

  /** Releases the file handle without writing anything. */
  closeQuietly(): void {
    if (this.fd < 0) return;
    try {
      this.fileSystem.closeSync(this.fd);
    } catch {
      // Nothing more can be done for a handle that will not close.
    }
    this.fd = -1;
  }

  /**
   * Deletes the files. A reader that still holds this segment gets a clean
   * `OFFSET_OUT_OF_RANGE`-style failure from the log (it checks `isDeleted`), never garbage.
   */
  delete(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.fileSystem.closeSync(this.fd);
    this.fd = -1;
    for (const file of [this.paths.log, this.paths.offsetIndex, this.paths.timeIndex]) {
      if (this.fileSystem.existsSync(file)) this.fileSystem.unlinkSync(file);
    }
  }

  private ensureReadable(): void {
    if (this.deleted) throw new SegmentDeletedError(this.baseOffset);
  }
}

export class SegmentDeletedError extends Error {
  override readonly name = 'SegmentDeletedError';
  constructor(readonly baseOffset: number) {
    super(`segment ${baseOffset} was deleted`);
  }
}
