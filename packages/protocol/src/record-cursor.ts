import type { ByteReader } from './byte-reader';
import type { RecordContext, RecordHeader } from './record';
import { zigzagDecode32 } from './varint';

/** Shared by every record without headers (nearly all), so none of them allocates an array. */
export const NO_HEADERS: readonly RecordHeader[] = Object.freeze([]);

/**
 * Reads the records of one batch one at a time into its own fields (see record.ts for the
 * layout), so that a caller builds exactly the objects it hands out and nothing else. This
 * is the consumer's hot path: no intermediate record object, no header array for records
 * without headers, and a new timestamp bigint only when the delta differs from the record
 * before (records of a batch mostly share a few milliseconds). Every inconsistency is
 * `CORRUPT_MESSAGE` from the reader, with the record count checked against the data at both
 * ends. Key, value and header values are views of the reader's buffer, not copies.
 */
export class RecordCursor {
  /** The fields of the record the last `next()` read. */
  attributes = 0;
  offsetDelta = 0;
  timestamp: bigint;
  key: Buffer | null = null;
  value: Buffer | null = null;
  headers: readonly RecordHeader[] = NO_HEADERS;
  private recordsRead = 0;
  /** The zigzag timestamp delta `timestamp` was computed from; -1 when none is cached. */
  private timestampDeltaZigzag = -1;

  constructor(
    private readonly reader: ByteReader,
    private readonly recordCount: number,
    private readonly context: RecordContext,
  ) {
    this.timestamp = context.logAppendTime ?? context.baseTimestamp;
  }

  /** The absolute offset of the current record (a new bigint on each read: callers keep one). */
  get offset(): bigint {
    return this.context.baseOffset + BigInt(this.offsetDelta);
  }

  /** Moves to the next record; false after the last, once the data is checked to end there too. */
  next(): boolean {
    const reader = this.reader;
    if (this.recordsRead === this.recordCount) {
      if (reader.remainingBytes !== 0) throw reader.corrupt(`${reader.remainingBytes} bytes left over after the ${this.recordCount} records the header counts`);
      return false;
    }
    if (reader.remainingBytes === 0) throw reader.corrupt(`header says ${this.recordCount} records but the data ends after ${this.recordsRead}`);
    this.read();
    this.recordsRead++;
    return true;
  }

  /** Reads one record at the reader's position, without the batch's record count checks. */
  read(): void {
    const reader = this.reader;
    const bodySizeBytes = reader.readVarint('record length');
    if (bodySizeBytes < 0 || bodySizeBytes > reader.remainingBytes) {
      throw reader.corrupt(`record length ${bodySizeBytes} does not fit in the ${reader.remainingBytes} bytes left`);
    }
    const bodyStart = reader.position;
    this.attributes = reader.readInt8('record attributes');
    this.readTimestamp();
    this.offsetDelta = reader.readVarint('offset delta');
    this.key = reader.readNullableBytes('record key');
    this.value = reader.readNullableBytes('record value');
    this.headers = readHeaders(reader);
    if (reader.position !== bodyStart + bodySizeBytes) {
      throw reader.corrupt(`record declared ${bodySizeBytes} bytes but its fields take ${reader.position - bodyStart}`);
    }
  }

  private readTimestamp(): void {
    const context = this.context;
    const zigzag = this.reader.readShortVarlongZigzag();
    if (zigzag === -1) {
      // A delta of five bytes or more (or a truncated one, which readVarlong reports).
      const delta = this.reader.readVarlong('timestamp delta');
      this.timestampDeltaZigzag = -1;
      this.timestamp = context.logAppendTime ?? context.baseTimestamp + delta;
    } else if (zigzag !== this.timestampDeltaZigzag) {
      this.timestampDeltaZigzag = zigzag;
      this.timestamp = context.logAppendTime ?? context.baseTimestamp + BigInt(zigzagDecode32(zigzag));
    }
  }
}

function readHeaders(reader: ByteReader): readonly RecordHeader[] {
  const count = reader.readVarint('header count');
  if (count === 0) return NO_HEADERS;
  if (count < 0) throw reader.corrupt(`negative header count ${count}`);
  const headers: RecordHeader[] = [];
  // No preallocation from `count`: each header consumes at least two bytes, so a forged
  // count fails at the end of the data instead of allocating a huge array.
  for (let index = 0; index < count; index++) {
    const keySizeBytes = reader.readVarint('header key length');
    if (keySizeBytes < 0) throw reader.corrupt(`header key length ${keySizeBytes}: header keys cannot be null`);
    const key = reader.readSlice(keySizeBytes, 'header key').toString('utf8');
    const value = reader.readNullableBytes('header value');
    headers.push({ key, value });
  }
  return headers;
}
