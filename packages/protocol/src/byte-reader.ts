import { SamsaError } from './errors';
import { readVarint, readVarlong, type VarintCursor } from './varint';

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
    const value = this.buffer.readInt8(this.position);
    this.position += 1;
    return value;
  }

  readVarint(field: string): number {
    const value = readVarint(this.buffer, this, this.end);
    if (value === undefined) throw this.corrupt(`${field}: truncated or overlong varint`);
    return value;
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
    const lengthBytes = this.readVarint(`${field} length`);
    if (lengthBytes === -1) return null;
    if (lengthBytes < -1) throw this.corrupt(`${field}: invalid length ${lengthBytes}`);
    return this.readSlice(lengthBytes, field);
  }

  corrupt(detail: string): SamsaError {
    return new SamsaError('CORRUPT_MESSAGE', `${this.context}: ${detail} at byte ${this.position}`);
  }

  private require(lengthBytes: number, field: string): void {
    if (lengthBytes > this.end - this.position) {
      throw this.corrupt(`${field}: needs ${lengthBytes} bytes but only ${this.end - this.position} remain`);
    }
  }
}
