import * as path from 'node:path';
import { assert } from '../assert';
import { CorruptStorageError } from '../errors';
import { ENTRY_OVERHEAD_BYTES, entryBytes, type Entry } from '../types';
import { indexFileName, parseIndexFileName } from './binary';
import { FRAME_OVERHEAD_BYTES, decodeFrame, encodeFrame, frameBytes } from './entry-frame';
import { type FileSystem, readFully, readWholeFile, syncDirectory, writeFully } from './file-system';

export interface StorageLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface SegmentLogOptions {
  readonly fileSystem: FileSystem;
  readonly directory: string;
  /** A segment rolls once it holds at least this many bytes. */
  readonly segmentBytesMax: number;
  /** Recently appended entries kept in memory, so the leader's apply and replication rarely read files. */
  readonly cacheBytesMax: number;
  /** Zeros written ahead of the frames, so that most syncs overwrite allocated blocks (0 turns it off). */
  readonly preallocateBytes: number;
  readonly logger: StorageLogger;
}

const SEGMENT_PREFIX = 'log-';
const SEGMENT_SUFFIX = '.seg';
/** Appended frames are gathered in memory and written in pieces of about this size. */
const WRITE_BUFFER_BYTES = 1024 * 1024;
const ZEROS = Buffer.alloc(1024 * 1024);

/** One segment file: entries [firstIndex, firstIndex + terms.length), frames back to back. */
class Segment {
  /** positions[k]: file offset of the frame of entry firstIndex + k. */
  readonly positions: number[] = [];
  readonly terms: number[] = [];
  constructor(
    readonly firstIndex: number,
    readonly filePath: string,
    readonly fd: number,
    /** Bytes of frames, including those still in the write buffer. */
    public endPosition: number,
    /** The file's size: frames, then zeros written ahead of them (preallocation). */
    public allocatedBytes: number,
  ) {}

  get nextIndex(): number {
    return this.firstIndex + this.terms.length;
  }
}

/**
 * The physical log: contiguous entries in segment files named by their first index
 * (`log-<index, 20 digits>.seg`), appended through a write buffer and made durable by
 * `sync()`. It knows nothing of snapshots; FileStorage decides which indexes are live.
 *
 * Durability rules: appends become durable at `sync()` (fdatasync of every segment written
 * since the last one, and an fsync of the directory when a segment was created or
 * removed). Truncating a suffix is made durable at once, before any new frame can be
 * written over it: otherwise a crash could keep new frames followed by old ones, a log
 * that never existed.
 */
export class SegmentLog {
  private readonly segments: Segment[] = [];
  private nextIndexValue = 1;
  private writeBuffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  private writeBufferBytes = 0;
  private readonly dirtySegments = new Set<Segment>();
  private directoryDirty = false;
  /** cache[cacheHead + k] has index cacheFirstIndex + k; the cache always ends at lastIndex. */
  private cache: Entry[] = [];
  private cacheHead = 0;
  private cacheFirstIndex = 1;
  private cacheBytes = 0;

  private constructor(private readonly options: SegmentLogOptions) {}

  /** Opens the segments in `directory`, dropping a torn or corrupt tail (see `recover`). */
  static open(options: SegmentLogOptions): SegmentLog {
    assert(options.segmentBytesMax > 0, 'segmentBytesMax must be positive');
    const log = new SegmentLog(options);
    log.recover();
    return log;
  }

  /** The first index physically present (equals nextIndex when the log is empty). */
  firstIndex(): number {
    return this.segments[0]?.firstIndex ?? this.nextIndexValue;
  }

  nextIndex(): number {
    return this.nextIndexValue;
  }

  isEmpty(): boolean {
    return this.firstIndex() === this.nextIndexValue;
  }

  /** Term of the entry at `index`, or undefined when it is not in the log. */
  termAt(index: number): number | undefined {
    const segment = this.segmentOf(index);
    return segment?.terms[index - segment.firstIndex];
  }

  /** Appends entries that continue the log exactly at nextIndex. */
  append(entries: readonly Entry[]): void {
    for (const entry of entries) {
      assert(entry.index === this.nextIndexValue, `append of ${entry.index} does not continue the log at ${this.nextIndexValue}`);
      const segment = this.writableSegment();
      const bytes = frameBytes(entry);
      this.reserve(bytes);
      encodeFrame(entry, this.writeBuffer, this.writeBufferBytes);
      this.writeBufferBytes += bytes;
      segment.positions.push(segment.endPosition);
      segment.terms.push(entry.term);
      segment.endPosition += bytes;
      this.nextIndexValue += 1;
      this.cachePush(entry);
    }
  }

  /**
   * Entries in [low, high), stopping once their `entryBytes` exceed `maxBytes` but always at
   * least one. The range must lie inside the log.
   */
  read(low: number, high: number, maxBytes: number): Entry[] {
    assert(low >= this.firstIndex() && high <= this.nextIndexValue && low <= high, `read [${low}, ${high}) outside the log`);
    if (low >= this.cacheFirstIndex) return this.readCache(low, high, maxBytes);
    this.flush();
    const result: Entry[] = [];
    let bytes = 0;
    let index = low;
    while (index < high) {
      const segment = this.segmentOf(index);
      assert(segment !== undefined, `no segment holds ${index}`);
      // Work out from the positions how far to read, so one read serves the whole piece.
      let last = index;
      const segmentHigh = Math.min(high, segment.nextIndex);
      while (last < segmentHigh) {
        const size = entryByteSize(segment, last);
        if (result.length + (last - index) > 0 && bytes + size > maxBytes) break;
        bytes += size;
        last += 1;
      }
      if (last === index) break;
      result.push(...this.readFrames(segment, index, last));
      index = last;
      if (last < segmentHigh) break;
    }
    return result;
  }

  /** Removes entries from `index` on, durably, so later appends never mix with old frames. */
  truncateFrom(index: number): void {
    assert(index >= this.firstIndex() && index <= this.nextIndexValue, `truncate at ${index} outside the log`);
    if (index === this.nextIndexValue) return;
    this.flush();
    let removedFiles = false;
    while (this.segments.length > 1 && this.segments[this.segments.length - 1]!.firstIndex > index) {
      this.removeSegment(this.segments.pop()!);
      removedFiles = true;
    }
    if (removedFiles) syncDirectory(this.options.fileSystem, this.options.directory);
    const segment = this.segments[this.segments.length - 1]!;
    const keep = index - segment.firstIndex;
    const endPosition = keep < segment.positions.length ? segment.positions[keep]! : segment.endPosition;
    segment.positions.length = keep;
    segment.terms.length = keep;
    segment.endPosition = endPosition;
    segment.allocatedBytes = endPosition;
    this.options.fileSystem.ftruncateSync(segment.fd, endPosition);
    this.options.fileSystem.fdatasyncSync(segment.fd);
    this.nextIndexValue = index;
    this.cacheTruncate(index);
  }

  /**
   * Deletes whole segments whose entries all lie at or below `index` (never the last one).
   * The deletions become durable at the next sync; a segment that reappears after a crash
   * is older, contiguous and harmless.
   */
  removeSegmentsThrough(index: number): void {
    while (this.segments.length > 1 && this.segments[0]!.nextIndex - 1 <= index) {
      this.removeSegment(this.segments.shift()!);
      this.directoryDirty = true;
    }
  }

  /** Drops every entry; the log continues at `nextIndex` (after a snapshot from the leader). */
  reset(nextIndex: number): void {
    this.writeBufferBytes = 0;
    for (const segment of this.segments.splice(0)) this.removeSegment(segment);
    this.directoryDirty = true;
    this.nextIndexValue = nextIndex;
    this.cache = [];
    this.cacheHead = 0;
    this.cacheBytes = 0;
    this.cacheFirstIndex = nextIndex;
  }

  /** Makes every append and removal so far durable. */
  sync(): void {
    this.flush();
    for (const segment of this.dirtySegments) this.options.fileSystem.fdatasyncSync(segment.fd);
    this.dirtySegments.clear();
    if (this.directoryDirty) {
      syncDirectory(this.options.fileSystem, this.options.directory);
      this.directoryDirty = false;
    }
  }

  close(): void {
    this.flush();
    const active = this.segments[this.segments.length - 1];
    if (active !== undefined) this.trimPreallocation(active);
    this.sync();
    for (const segment of this.segments) this.options.fileSystem.closeSync(segment.fd);
    this.segments.length = 0;
  }

  /** Writes the buffered frames to the active segment's file (page cache, not yet durable). */
  private flush(): void {
    if (this.writeBufferBytes === 0) return;
    const segment = this.segments[this.segments.length - 1]!;
    const position = segment.endPosition - this.writeBufferBytes;
    if (this.options.preallocateBytes > 0 && segment.endPosition > segment.allocatedBytes) this.preallocate(segment, segment.endPosition);
    writeFully(this.options.fileSystem, segment.fd, this.writeBuffer.subarray(0, this.writeBufferBytes), position);
    segment.allocatedBytes = Math.max(segment.allocatedBytes, segment.endPosition);
    this.writeBufferBytes = 0;
    this.dirtySegments.add(segment);
  }

  /**
   * Extends the file with zeros well past `needed`. An fdatasync that must also record a
   * larger file (and allocate its blocks) costs 0.5–1.7 ms on this machine's ext4, one
   * that overwrites blocks already written costs about 0.2 ms; with zeros written ahead,
   * only one sync per `preallocateBytes` pays the higher price. Recovery reads a tail of
   * zeros as the clean end of the log, and a closed segment is cut back to its frames.
   */
  private preallocate(segment: Segment, needed: number): void {
    const chunk = Math.min(this.options.preallocateBytes, this.options.segmentBytesMax);
    const target = Math.max(needed, segment.allocatedBytes + chunk);
    for (let position = segment.allocatedBytes; position < target; position += ZEROS.length) {
      writeFully(this.options.fileSystem, segment.fd, ZEROS.subarray(0, Math.min(ZEROS.length, target - position)), position);
    }
    segment.allocatedBytes = target;
  }

  /** Cuts a segment's file back to its frames (a rolled or closed segment keeps no zeros). */
  private trimPreallocation(segment: Segment): void {
    if (segment.allocatedBytes <= segment.endPosition) return;
    this.options.fileSystem.ftruncateSync(segment.fd, segment.endPosition);
    segment.allocatedBytes = segment.endPosition;
    this.dirtySegments.add(segment);
  }

  private reserve(bytes: number): void {
    if (this.writeBufferBytes + bytes <= this.writeBuffer.length) return;
    this.flush();
    if (bytes > this.writeBuffer.length) this.writeBuffer = Buffer.allocUnsafe(bytes);
  }

  /** The segment to append to, rolling to a new file when the active one is full. */
  private writableSegment(): Segment {
    const active = this.segments[this.segments.length - 1];
    if (active !== undefined && (active.endPosition < this.options.segmentBytesMax || active.terms.length === 0)) return active;
    this.flush();
    if (active !== undefined) this.trimPreallocation(active);
    const fileName = indexFileName(SEGMENT_PREFIX, this.nextIndexValue, SEGMENT_SUFFIX);
    const filePath = path.join(this.options.directory, fileName);
    const segment = new Segment(this.nextIndexValue, filePath, this.options.fileSystem.openSync(filePath, 'w+'), 0, 0);
    this.segments.push(segment);
    this.directoryDirty = true;
    return segment;
  }

  private removeSegment(segment: Segment): void {
    this.dirtySegments.delete(segment);
    this.options.fileSystem.closeSync(segment.fd);
    this.options.fileSystem.unlinkSync(segment.filePath);
  }

  private segmentOf(index: number): Segment | undefined {
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    // Most lookups are near the end of the log: try the active segment first.
    if (high >= 0 && index >= segments[high]!.firstIndex) low = high;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (segments[middle]!.firstIndex <= index) low = middle;
      else high = middle - 1;
    }
    const segment = segments[low];
    return segment !== undefined && index >= segment.firstIndex && index < segment.nextIndex ? segment : undefined;
  }

  /** Reads and checks the frames of entries [low, high) of one segment. */
  private readFrames(segment: Segment, low: number, high: number): Entry[] {
    const start = segment.positions[low - segment.firstIndex]!;
    const end = high < segment.nextIndex ? segment.positions[high - segment.firstIndex]! : segment.endPosition;
    const buffer = readFully(this.options.fileSystem, segment.fd, end - start, start);
    const entries: Entry[] = [];
    let offset = 0;
    for (let index = low; index < high; index += 1) {
      const frame = decodeFrame(buffer, offset, index);
      if (!frame.ok) throw new CorruptStorageError(`${segment.filePath}: entry ${index} no longer reads back: ${frame.reason}`);
      entries.push(frame.entry);
      offset += frame.bytes;
    }
    return entries;
  }

  private readCache(low: number, high: number, maxBytes: number): Entry[] {
    const result: Entry[] = [];
    let bytes = 0;
    for (let index = low; index < high; index += 1) {
      const entry = this.cache[this.cacheHead + index - this.cacheFirstIndex]!;
      bytes += entryBytes(entry);
      if (result.length > 0 && bytes > maxBytes) break;
      result.push(entry);
    }
    return result;
  }

  private cachePush(entry: Entry): void {
    this.cache.push(entry);
    this.cacheBytes += entryBytes(entry);
    while (this.cacheBytes > this.options.cacheBytesMax && this.cacheHead < this.cache.length - 1) {
      this.cacheBytes -= entryBytes(this.cache[this.cacheHead]!);
      this.cacheHead += 1;
      this.cacheFirstIndex += 1;
    }
    if (this.cacheHead > 4096 && this.cacheHead * 2 > this.cache.length) {
      this.cache = this.cache.slice(this.cacheHead);
      this.cacheHead = 0;
    }
  }

  private cacheTruncate(index: number): void {
    if (index <= this.cacheFirstIndex) {
      this.cache = [];
      this.cacheHead = 0;
      this.cacheBytes = 0;
      this.cacheFirstIndex = index;
      return;
    }
    const keep = this.cacheHead + index - this.cacheFirstIndex;
    for (let position = keep; position < this.cache.length; position += 1) this.cacheBytes -= entryBytes(this.cache[position]!);
    this.cache.length = keep;
  }

  /**
   * Opens every segment in index order and validates its frames from the start: length,
   * CRC, consecutive indexes, known type and terms that never decrease. At the first frame
   * that fails, the rest of that segment is cut off (a torn write or corruption) and every
   * later segment is deleted, since the log must stay contiguous. What went is logged.
   */
  private recover(): void {
    const { fileSystem, directory, logger } = this.options;
    const found = fileSystem
      .readdirSync(directory)
      .map((fileName) => ({ fileName, firstIndex: parseIndexFileName(SEGMENT_PREFIX, fileName, SEGMENT_SUFFIX) }))
      .filter((file): file is { fileName: string; firstIndex: number } => file.firstIndex !== undefined)
      .sort((a, b) => a.firstIndex - b.firstIndex);
    let previousTerm = 0;
    let damaged = false;
    for (const { fileName, firstIndex } of found) {
      const filePath = path.join(directory, fileName);
      const last = this.segments[this.segments.length - 1];
      if (damaged || (last !== undefined && last.nextIndex !== firstIndex)) {
        const reason = damaged ? 'follows a damaged segment' : `starts at ${firstIndex}, expected ${last!.nextIndex}`;
        const bytes = readWholeFile(fileSystem, filePath).length;
        logger.warn({ segment: fileName, droppedBytes: bytes, reason }, 'raft log: deleting a segment that does not continue the log');
        fileSystem.unlinkSync(filePath);
        this.directoryDirty = true;
        continue;
      }
      const content = readWholeFile(fileSystem, filePath);
      const segment = new Segment(firstIndex, filePath, fileSystem.openSync(filePath, 'r+'), 0, content.length);
      let offset = 0;
      let failure: string | undefined;
      while (offset < content.length) {
        const frame = decodeFrame(content, offset, segment.nextIndex);
        if (frame.ok && frame.entry.term < previousTerm) failure = `term ${frame.entry.term} after term ${previousTerm}`;
        else if (!frame.ok) failure = frame.reason;
        if (failure !== undefined || !frame.ok) break;
        segment.positions.push(offset);
        segment.terms.push(frame.entry.term);
        previousTerm = frame.entry.term;
        offset += frame.bytes;
      }
      segment.endPosition = offset;
      // Zeros after the last frame are preallocation (or a file extended but never written):
      // the clean end of the log. Anything else is a torn write or corruption.
      if (failure !== undefined && !isAllZero(content, offset)) {
        damaged = true;
        logger.warn(
          { segment: fileName, validBytes: offset, droppedBytes: content.length - offset, reason: failure },
          'raft log: dropping a torn or corrupt tail',
        );
        fileSystem.ftruncateSync(segment.fd, offset);
        fileSystem.fdatasyncSync(segment.fd);
        segment.allocatedBytes = offset;
      }
      this.segments.push(segment);
      this.nextIndexValue = segment.nextIndex;
    }
    if (this.directoryDirty) this.sync();
    const first = this.segments[0];
    if (first !== undefined) {
      this.cacheFirstIndex = this.nextIndexValue;
      logger.info({ segments: this.segments.length, firstIndex: first.firstIndex, lastIndex: this.nextIndexValue - 1 }, 'raft log: recovered');
    }
  }
}

function isAllZero(content: Buffer, offset: number): boolean {
  for (let position = offset; position < content.length; position += 1) if (content[position] !== 0) return false;
  return true;
}

/** What `entryBytes` charges for the entry at `index`, from its frame's size on disk. */
function entryByteSize(segment: Segment, index: number): number {
  const position = index - segment.firstIndex;
  const end = position + 1 < segment.positions.length ? segment.positions[position + 1]! : segment.endPosition;
  return end - segment.positions[position]! - FRAME_OVERHEAD_BYTES + ENTRY_OVERHEAD_BYTES;
}
