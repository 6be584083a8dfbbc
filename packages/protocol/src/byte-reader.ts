import { SamsaError } from './errors';
import { readVarint, readVarlong, zigzagDecode32, type VarintCursor } from './varint';

/**
 * A bounds-checked cursor over `buffer[start, end)`. Every read that would go past `end`
 * throws `CORRUPT_MESSAGE` naming what was being read and where, so decoders of untrusted
 * bytes never surface a raw `RangeError`. `context` prefixes messages (for example
 * "batch at byte 0").
 */
export class ByteReader implements VarintCursor {
  position: number;

  constructor(
    readonly buffer: Buffer,
    start: number,
    readonly end: number,
    readonly context: string,
  ) {
    this.position = start;
  }

  get remainingBytes(): number {
    return this.end - this.position;
  }

  readInt8(field: string): number {
    this.require(1, field);
    // Sign-extends the byte directly: Buffer#readInt8 re-validates the offset on every call.
    return ((this.buffer[this.position++] as number) << 24) >> 24;
  }

  readVarint(field: string): number {
    const value = this.nextVarint();
    if (value === undefined) throw this.corrupt(`${field}: truncated or overlong varint`);
    return value;
  }

  /**
   * The zigzag (unsigned) form of a varlong of at most four bytes, which covers deltas up to
   * about 37 hours, so callers can cache what they derive from it; -1, with the cursor
   * unmoved, when the encoding is longer or runs past `end` (then use readVarlong).
   */
  readShortVarlongZigzag(): number {
    const buffer = this.buffer;
    const position = this.position;
    let unsigned = 0;
    for (let index = 0; index < 4 && position + index < this.end; index++) {
      const byte = buffer[position + index] as number;
      unsigned |= (byte & 0x7f) << (7 * index);
      if (byte < 0x80) {
        this.position = position + index + 1;
        return unsigned;
      }
    }
    return -1;
  }

  readVarlong(field: string): bigint {
    const value = readVarlong(this.buffer, this, this.end);
    if (value === undefined) throw this.corrupt(`${field}: truncated or overlong varlong`);
    return value;
  }

  /** A view (not a copy) of the next `lengthBytes` bytes. */
  readSlice(lengthBytes: number, field: string): Buffer {
    this.require(lengthBytes, field);
    const slice = this.buffer.subarray(this.position, this.position + lengthBytes);
    this.position += lengthBytes;
    return slice;
  }

  /** Kafka's nullable varint-length bytes: a length of -1 is null, below -1 is corrupt. */
  readNullableBytes(field: string): Buffer | null {
    const lengthBytes = this.nextVarint();
    // The field name is only put together on failure: this runs for every key and value.
    if (lengthBytes === undefined) throw this.corrupt(`${field} length: truncated or overlong varint`);
    if (lengthBytes === -1) return null;
    if (lengthBytes < -1) throw this.corrupt(`${field}: invalid length ${lengthBytes}`);
    return this.readSlice(lengthBytes, field);
  }

  corrupt(detail: string): SamsaError {
    return new SamsaError('CORRUPT_MESSAGE', `${this.context}: ${detail} at byte ${this.position}`);
  }

  /**
   * A zigzag varint, or undefined when truncated or overlong. One and two bytes (lengths
   * under 8 KiB, small deltas, a null's -1: nearly every varint in a record) are read
   * inline; the rest by varint.ts.
   */
  private nextVarint(): number | undefined {
    const buffer = this.buffer;
    const position = this.position;
    if (position + 1 < this.end) {
      const first = buffer[position] as number;
      if (first < 0x80) {
        this.position = position + 1;
        return zigzagDecode32(first);
      }
      const second = buffer[position + 1] as number;
      if (second < 0x80) {
        this.position = position + 2;
        return zigzagDecode32((first & 0x7f) | (second << 7));
      }
    }
    return readVarint(buffer, this, this.end);
  }

  private require(lengthBytes: number, field: string): void {
    if (lengthBytes > this.end - this.position) {
      throw this.corrupt(`${field}: needs ${lengthBytes} bytes but only ${this.end - this.position} remain`);
    }
  }
}
