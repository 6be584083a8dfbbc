import { AssertionError, assert } from '@samsa/protocol';
import { type FileSystem, readFully, writeFully } from './file-system';

/**
 * A sparse, sorted index of (key, value) pairs kept in memory and mirrored to a file of
 * fixed-size entries. Both columns only grow, so lookups are binary searches. The offset
 * index maps relative offset -> file position (8-byte entries, two int32); the time index
 * maps timestamp -> relative offset (12-byte entries, int64 + int32), as Kafka's do.
 *
 * The file is written lazily, in bulk (when `pendingMax` entries wait, on flush, on roll and
 * on close), so that an append costs no extra system call. That is safe because the index
 * is derived data: recovery rebuilds the index of every segment past the recovery point, and
 * the recovery point only moves after `flush()`, which writes the pending entries first.
 */
export class SparseIndex {
  private keys: Float64Array;
  private values: Float64Array;
  private count = 0;
  private persistedCount = 0;
  private readonly pendingMax = 512;

  constructor(
    private readonly fileSystem: FileSystem,
    readonly filePath: string,
    private readonly format: IndexFormat,
    readonly maxEntries: number,
  ) {
    assert(maxEntries > 0, 'an index must hold at least one entry');
    this.keys = new Float64Array(64);
    this.values = new Float64Array(64);
  }

  get entryCount(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.maxEntries;
  }

  lastKey(): number | undefined {
    return this.count === 0 ? undefined : this.keys[this.count - 1];
  }

  lastValue(): number | undefined {
    return this.count === 0 ? undefined : this.values[this.count - 1];
  }

  /**
   * Adds an entry; a full index silently takes no more (a sparse index may skip entries).
   * File writes here never throw: on failure (a full disk) the entries stay pending and go
   * out with the next successful write, so an append is never failed by its index.
   */
  append(key: number, value: number): void {
    if (this.isFull) return;
    if (this.count > 0) {
      // Checked without assert(): a template message would be built on every append.
      const lastKey = this.keys[this.count - 1]!;
      if (!(key > lastKey)) throw new AssertionError(`index keys must increase: ${key} after ${lastKey}`);
      if (!(value >= this.values[this.count - 1]!)) throw new AssertionError(`index values must not decrease: ${value}`);
    }
    if (this.count === this.keys.length) this.grow();
    this.keys[this.count] = key;
    this.values[this.count] = value;
    this.count += 1;
    if (this.count - this.persistedCount >= this.pendingMax) {
      try {
        this.writePending();
      } catch {
        // Left pending: flush(), roll and close write them again and report failures.
      }
    }
  }

  /** The entry with the greatest key <= `key`, or undefined when every key is larger. */
  floor(key: number): { key: number; value: number } | undefined {
    let low = 0;
    let high = this.count - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.keys[middle]! <= key) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? undefined : { key: this.keys[found]!, value: this.values[found]! };
  }

  /** Drops every entry whose key (or value, per `column`) is >= `bound`. */
  truncateFrom(column: 'key' | 'value', bound: number): void {
    const data = column === 'key' ? this.keys : this.values;
    let keep = this.count;
    while (keep > 0 && data[keep - 1]! >= bound) keep -= 1;
    if (keep === this.count) return;
    this.count = keep;
    if (this.persistedCount > keep) {
      this.persistedCount = keep;
      const fd = this.fileSystem.openSync(this.filePath, 'r+');
      try {
        this.fileSystem.ftruncateSync(fd, keep * this.format.entryBytes);
      } finally {
        this.fileSystem.closeSync(fd);
      }
    }
  }

  /** Forgets every entry and empties the file. */
  reset(): void {
    this.count = 0;
    this.persistedCount = 0;
    const fd = this.fileSystem.openSync(this.filePath, 'w');
    this.fileSystem.closeSync(fd);
  }

  /** Writes entries not yet in the file; with `sync`, fsyncs the file too. */
  writePending(sync = false): void {
    if (this.persistedCount === this.count && !sync) return;
    const entryBytes = this.format.entryBytes;
    const buffer = Buffer.allocUnsafe((this.count - this.persistedCount) * entryBytes);
    for (let index = this.persistedCount; index < this.count; index += 1) {
      this.format.encode(buffer, (index - this.persistedCount) * entryBytes, this.keys[index]!, this.values[index]!);
    }
    const fd = this.fileSystem.openSync(this.filePath, 'a');
    try {
      writeFully(this.fileSystem, fd, buffer, null);
      if (sync) this.fileSystem.fdatasyncSync(fd);
    } finally {
      this.fileSystem.closeSync(fd);
    }
    this.persistedCount = this.count;
  }

  /**
   * Loads the file. Returns false, leaving the index empty, when the file is missing or
   * fails a sanity check (size not a whole number of entries, keys or values out of order
   * or beyond `valueLimit`); the caller then rebuilds it from the segment.
   */
  load(valueLimit: number): boolean {
    this.count = 0;
    this.persistedCount = 0;
    if (!this.fileSystem.existsSync(this.filePath)) return false;
    const fd = this.fileSystem.openSync(this.filePath, 'r');
    let bytes: Buffer;
    try {
      bytes = readFully(this.fileSystem, fd, this.fileSystem.fstatSizeBytes(fd), 0);
    } finally {
      this.fileSystem.closeSync(fd);
    }
    const entryBytes = this.format.entryBytes;
    if (bytes.length % entryBytes !== 0 || bytes.length / entryBytes > this.maxEntries) return false;
    for (let position = 0; position < bytes.length; position += entryBytes) {
      const [key, value] = this.format.decode(bytes, position);
      const ordered = this.count === 0 || (key > this.keys[this.count - 1]! && value >= this.values[this.count - 1]!);
      if (!ordered || value < 0 || value > valueLimit) {
        this.count = 0;
        return false;
      }
      if (this.count === this.keys.length) this.grow();
      this.keys[this.count] = key;
      this.values[this.count] = value;
      this.count += 1;
    }
    this.persistedCount = this.count;
    return true;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Float64Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}

export interface IndexFormat {
  readonly entryBytes: number;
  encode(buffer: Buffer, position: number, key: number, value: number): void;
  decode(buffer: Buffer, position: number): [key: number, value: number];
}

/** Offset index entry: relative offset (int32), file position (int32). */
export const offsetIndexFormat: IndexFormat = {
  entryBytes: 8,
  encode(buffer, position, key, value) {
    buffer.writeInt32BE(key, position);
    buffer.writeInt32BE(value, position + 4);
  },
  decode: (buffer, position) => [buffer.readInt32BE(position), buffer.readInt32BE(position + 4)],
};

/** Time index entry: timestamp in ms (int64), relative offset (int32). */
export const timeIndexFormat: IndexFormat = {
  entryBytes: 12,
  encode(buffer, position, key, value) {
    buffer.writeBigInt64BE(BigInt(key), position);
    buffer.writeInt32BE(value, position + 8);
  },
  decode: (buffer, position) => [Number(buffer.readBigInt64BE(position)), buffer.readInt32BE(position + 8)],
};
