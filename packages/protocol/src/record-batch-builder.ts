import { AssertionError } from './assert';
import { checkInt16, checkInt32, checkInt64 } from './batch-field-checks';
import { BATCH_HEADER_BYTES, CompressionCodec, NO_PARTITION_LEADER_EPOCH, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, writeBatchHeader } from './batch-header';
import { compress, isSupportedCodec } from './compression';
import type { RecordHeader } from './record';
import { nullableBytesSizeBytes, writeNullableBytes } from './record-bytes';
import { isInt64, varintSizeBytes, varlongSizeBytes, writeVarint, writeVarlong } from './varint';

/** The fields of a batch that `build` may change from one build to the next. */
export interface RecordBatchBuildOptions {
  /** Default `CompressionCodec.None`. */
  readonly compression?: CompressionCodec;
  /** Idempotent producer fields; default -1 each (not idempotent). */
  readonly producerId?: bigint;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
}

const INITIAL_CAPACITY_BYTES = 1024;
const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
/** What a released builder points at, so it holds no reference to memory now used elsewhere. */
const RELEASED = Buffer.alloc(0);

/**
 * Writes records into one RecordBatch v2 as they are appended (Kafka's
 * MemoryRecordsBuilder), so that a producer keeps bytes instead of record objects and never
 * measures a record twice. Record i gets offset delta i; the first record's timestamp is the
 * base timestamp. `build` adds the header and CRC (compressing the records first when asked)
 * and can be called again with another producer id, epoch or base sequence: only the header
 * changes. The result is byte for byte what `encodeRecordBatch` makes of the same records
 * and fields. Bad input is a programmer error (`TypeError`/`RangeError`) and changes nothing.
 */
export class RecordBatchBuilder {
  private buffer: Buffer;
  /** Where the next record goes; records start after the header's 61 bytes. */
  private position = BATCH_HEADER_BYTES;
  private count = 0;
  /** Numbers while timestamps are safe integers (always, in practice); bigints beyond. */
  private baseTimestamp: number | bigint = 0;
  private maxTimestamp: number | bigint = 0;
  /** The compressed records of the last compressed build, reused while no record was added. */
  private compressed: { readonly codec: CompressionCodec; readonly recordsEnd: number; readonly bytes: Buffer } | undefined;
  private released = false;

  /**
   * `memory`: how many bytes (header and records) to allocate before the bytes must grow,
   * or a Buffer to write into, such as one another builder released.
   */
  constructor(memory: number | Buffer = INITIAL_CAPACITY_BYTES) {
    this.buffer = typeof memory === 'number' ? Buffer.allocUnsafe(Math.max(BATCH_HEADER_BYTES, memory)) : memory;
    if (this.buffer.length < BATCH_HEADER_BYTES) throw new RangeError(`memory: ${this.buffer.length} bytes is smaller than a batch header`);
  }

  get recordCount(): number {
    return this.count;
  }

  /** Bytes of the uncompressed batch so far, header included. */
  get sizeBytes(): number {
    return this.position;
  }

  /**
   * Whether a record with `timestamp` can join: its delta from the base timestamp must fit
   * an int64. Always true for millisecond timestamps given as numbers.
   */
  acceptsTimestamp(timestamp: number | bigint): boolean {
    if (this.count === 0 || (typeof timestamp === 'number' && typeof this.baseTimestamp === 'number')) return true;
    return isInt64(BigInt(timestamp) - BigInt(this.baseTimestamp));
  }

  /**
   * Appends one record; `timestamp` is milliseconds since the epoch (a safe integer, or an
   * int64 bigint). Key, value and header values are copied, not kept. Returns the record's
   * encoded size in bytes.
   */
  append(key: Buffer | null, value: Buffer | null, headers: readonly RecordHeader[] | undefined, timestamp: number | bigint): number {
    if (this.released) throw new AssertionError('append to a released RecordBatchBuilder');
    if (typeof timestamp !== 'number') checkInt64('timestamp', timestamp);
    else if (!Number.isSafeInteger(timestamp)) throw new RangeError(`timestamp: ${timestamp} is not a safe integer number of milliseconds`);
    const base = this.count === 0 ? timestamp : this.baseTimestamp;
    // A delta in int32 range stays on number arithmetic; a wider one is written as a varlong.
    const delta = typeof timestamp === 'number' && typeof base === 'number' ? timestamp - base : Number.NaN;
    let wideDelta: bigint | undefined;
    if (!(delta >= INT32_MIN && delta <= INT32_MAX)) {
      wideDelta = BigInt(timestamp) - BigInt(base);
      if (!isInt64(wideDelta)) throw new RangeError(`timestamp: ${timestamp} is too far from the batch's base timestamp ${base} for an int64 delta`);
    }
    const headerCount = headers === undefined ? 0 : headers.length;
    let bodySizeBytes =
      1 +
      (wideDelta === undefined ? varintSizeBytes(delta) : varlongSizeBytes(wideDelta)) +
      varintSizeBytes(this.count) +
      nullableBytesSizeBytes(key, 'record key') +
      nullableBytesSizeBytes(value, 'record value') +
      varintSizeBytes(headerCount);
    if (headers !== undefined) for (const header of headers) bodySizeBytes += headerSizeBytes(header);
    const sizeBytes = varintSizeBytes(bodySizeBytes) + bodySizeBytes;
    this.ensureCapacity(sizeBytes);
    const end = this.writeRecord(bodySizeBytes, delta, wideDelta, key, value, headers);
    if (end !== this.position + sizeBytes) throw new AssertionError(`record wrote ${end - this.position} bytes, measured ${sizeBytes}`);
    this.position = end;
    if (this.count === 0) this.baseTimestamp = this.maxTimestamp = timestamp;
    else if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
    this.count += 1;
    return sizeBytes;
  }

  /**
   * The batch as it stands: header, CRC and records (compressed when asked). Uncompressed,
   * the result is a view of the builder's memory whose header the next build rewrites; a
   * caller must be done with one result before building again.
   */
  async build(options: RecordBatchBuildOptions = {}): Promise<Buffer> {
    if (this.released) throw new AssertionError('build of a released RecordBatchBuilder');
    const compression = options.compression ?? CompressionCodec.None;
    if (!isSupportedCodec(compression)) throw new RangeError(`compression: ${String(compression)} is not a codec number 0-4`);
    const fields = {
      baseOffset: 0n,
      partitionLeaderEpoch: NO_PARTITION_LEADER_EPOCH,
      attributes: compression,
      lastOffsetDelta: Math.max(0, this.count - 1),
      baseTimestamp: this.count === 0 ? -1n : BigInt(this.baseTimestamp),
      maxTimestamp: this.count === 0 ? -1n : BigInt(this.maxTimestamp),
      producerId: checkInt64('producerId', options.producerId ?? NO_PRODUCER_ID),
      producerEpoch: checkInt16('producerEpoch', options.producerEpoch ?? NO_PRODUCER_EPOCH),
      baseSequence: checkInt32('baseSequence', options.baseSequence ?? NO_SEQUENCE),
      recordCount: this.count,
    };
    if (compression === CompressionCodec.None) return writeBatchHeader(this.buffer.subarray(0, this.position), fields);
    const records = await this.compressedRecords(compression);
    const batch = Buffer.allocUnsafe(BATCH_HEADER_BYTES + records.length);
    records.copy(batch, BATCH_HEADER_BYTES);
    return writeBatchHeader(batch, fields);
  }

  /**
   * Hands the builder's memory over for another builder to reuse. The builder, and every
   * uncompressed batch it built (views of that memory), must not be used afterwards.
   */
  release(): Buffer {
    if (this.released) throw new AssertionError('RecordBatchBuilder released twice');
    this.released = true;
    const memory = this.buffer;
    this.buffer = RELEASED;
    return memory;
  }

  private async compressedRecords(codec: CompressionCodec): Promise<Buffer> {
    const recordsEnd = this.position;
    const cached = this.compressed;
    if (cached !== undefined && cached.codec === codec && cached.recordsEnd === recordsEnd) return cached.bytes;
    // Written bytes never change, so compressing a view is safe while records are appended.
    const bytes = await compress(codec, this.buffer.subarray(BATCH_HEADER_BYTES, recordsEnd));
    this.compressed = { codec, recordsEnd, bytes };
    return bytes;
  }

  /** Grows by doubling so a batch of n bytes copies fewer than n bytes in all. */
  private ensureCapacity(extraBytes: number): void {
    const needed = this.position + extraBytes;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, 2 * this.buffer.length));
    this.buffer.copy(grown, 0, 0, this.position);
    this.buffer = grown;
  }

  private writeRecord(bodySizeBytes: number, delta: number, wideDelta: bigint | undefined, key: Buffer | null, value: Buffer | null, headers: readonly RecordHeader[] | undefined): number {
    const buffer = this.buffer;
    let cursor = writeVarint(buffer, this.position, bodySizeBytes);
    buffer[cursor++] = 0;
    cursor = wideDelta === undefined ? writeVarint(buffer, cursor, delta) : writeVarlong(buffer, cursor, wideDelta);
    cursor = writeVarint(buffer, cursor, this.count);
    cursor = writeNullableBytes(buffer, cursor, key);
    cursor = writeNullableBytes(buffer, cursor, value);
    if (headers === undefined) {
      buffer[cursor++] = 0;
      return cursor;
    }
    cursor = writeVarint(buffer, cursor, headers.length);
    for (const header of headers) {
      const keySizeBytes = Buffer.byteLength(header.key, 'utf8');
      cursor = writeVarint(buffer, cursor, keySizeBytes);
      cursor += buffer.write(header.key, cursor, keySizeBytes, 'utf8');
      cursor = writeNullableBytes(buffer, cursor, header.value);
    }
    return cursor;
  }
}

function headerSizeBytes(header: RecordHeader): number {
  if (typeof header.key !== 'string') throw new TypeError(`header key: expected a string, got ${typeof header.key}`);
  const keySizeBytes = Buffer.byteLength(header.key, 'utf8');
  return varintSizeBytes(keySizeBytes) + keySizeBytes + nullableBytesSizeBytes(header.value, `header ${header.key} value`);
}
