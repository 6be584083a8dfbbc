/**
 * Kafka's variable-length integers, as RecordBatch v2 records use them.
 *
 * A signed value is first zigzag-mapped to an unsigned one (0, -1, 1, -2, ... become
 * 0, 1, 2, 3, ...) so that small negative numbers stay short, then written as a base-128
 * little-endian sequence: seven bits per byte, the high bit set on every byte but the last.
 * A varint (int32) takes 1 to 5 bytes, a varlong (int64) 1 to 10. These are the same
 * bytes as Protocol Buffers' `sint32` / `sint64` and Java's `ByteUtils.writeVarint/Varlong`.
 *
 * Writers take a position and return the position after what they wrote, so that callers
 * fill one preallocated buffer. Readers advance a cursor; they read nothing at or past the
 * `end` they are given and report a truncated or overlong encoding by returning
 * `undefined`, which the caller turns into a typed error.
 */

export const VARINT_MAX_BYTES = 5;
export const VARLONG_MAX_BYTES = 10;

const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

export function zigzagEncode32(value: number): number {
  return ((value << 1) ^ (value >> 31)) >>> 0;
}

export function zigzagDecode32(encoded: number): number {
  return (encoded >>> 1) ^ -(encoded & 1);
}

export function zigzagEncode64(value: bigint): bigint {
  return BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
}

export function zigzagDecode64(encoded: bigint): bigint {
  return BigInt.asIntN(64, (encoded >> 1n) ^ -(encoded & 1n));
}

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** Bytes an unsigned 32-bit value takes as a base-128 varint. */
export function unsignedVarintSizeBytes(unsigned: number): number {
  if (unsigned < 0x80) return 1;
  if (unsigned < 0x4000) return 2;
  if (unsigned < 0x20_0000) return 3;
  if (unsigned < 0x1000_0000) return 4;
  return 5;
}

/** Bytes a signed int32 takes as a zigzag varint. */
export function varintSizeBytes(value: number): number {
  return unsignedVarintSizeBytes(zigzagEncode32(value));
}

/** Bytes a signed int64 takes as a zigzag varlong. */
export function varlongSizeBytes(value: bigint): number {
  if (value >= INT32_MIN && value <= INT32_MAX) return varintSizeBytes(Number(value));
  let unsigned = zigzagEncode64(value);
  let sizeBytes = 1;
  while (unsigned >= 0x80n) {
    unsigned >>= 7n;
    sizeBytes += 1;
  }
  return sizeBytes;
}

export function writeUnsignedVarint(buffer: Buffer, position: number, unsigned: number): number {
  let remaining = unsigned;
  let cursor = position;
  while (remaining >= 0x80) {
    buffer[cursor++] = (remaining & 0x7f) | 0x80;
    remaining >>>= 7;
  }
  buffer[cursor++] = remaining;
  return cursor;
}

export function writeVarint(buffer: Buffer, position: number, value: number): number {
  return writeUnsignedVarint(buffer, position, zigzagEncode32(value));
}

export function writeVarlong(buffer: Buffer, position: number, value: bigint): number {
  // Zigzag of an int32-range value is the same unsigned number at either width, so the
  // common case (small timestamp deltas) stays on fast 32-bit arithmetic.
  if (value >= INT32_MIN && value <= INT32_MAX) return writeVarint(buffer, position, Number(value));
  let remaining = zigzagEncode64(value);
  let cursor = position;
  while (remaining >= 0x80n) {
    buffer[cursor++] = Number(remaining & 0x7fn) | 0x80;
    remaining >>= 7n;
  }
  buffer[cursor++] = Number(remaining);
  return cursor;
}

/** Where a reader is; readers advance `position` past what they read. */
export interface VarintCursor {
  position: number;
}

/**
 * Reads an unsigned base-128 varint of at most five bytes at `cursor.position`, reading no
 * byte at or past `end`, and advances the cursor. Returns `undefined` (cursor unmoved) when
 * the encoding runs past `end` or is longer than five bytes. Like Java's
 * `ByteUtils.readUnsignedVarint`, bits beyond 32 in the fifth byte are dropped. The cursor
 * instead of a `{ value, size }` result keeps the per-record decode path allocation-free.
 */
export function readUnsignedVarint(buffer: Buffer, cursor: VarintCursor, end: number): number | undefined {
  const position = cursor.position;
  let unsigned = 0;
  for (let index = 0; index < VARINT_MAX_BYTES; index++) {
    if (position + index >= end) return undefined;
    const byte = buffer[position + index] as number;
    unsigned |= (byte & 0x7f) << (7 * index);
    if (byte < 0x80) {
      cursor.position = position + index + 1;
      return unsigned >>> 0;
    }
  }
  return undefined;
}

/** Reads a zigzag varint (int32); `undefined` when truncated or over five bytes. */
export function readVarint(buffer: Buffer, cursor: VarintCursor, end: number): number | undefined {
  const unsigned = readUnsignedVarint(buffer, cursor, end);
  return unsigned === undefined ? undefined : zigzagDecode32(unsigned);
}

/** Reads a zigzag varlong (int64); `undefined` (cursor unmoved) when truncated or over ten bytes. */
export function readVarlong(buffer: Buffer, cursor: VarintCursor, end: number): bigint | undefined {
  const position = cursor.position;
  // Up to four bytes (28 bits) fit exactly in a 32-bit integer; most deltas end here.
  let low = 0;
  for (let index = 0; index < 4; index++) {
    if (position + index >= end) return undefined;
    const byte = buffer[position + index] as number;
    low |= (byte & 0x7f) << (7 * index);
    if (byte < 0x80) {
      cursor.position = position + index + 1;
      return BigInt(zigzagDecode32(low));
    }
  }
  let unsigned = BigInt(low);
  for (let index = 4; index < VARLONG_MAX_BYTES; index++) {
    if (position + index >= end) return undefined;
    const byte = buffer[position + index] as number;
    unsigned |= BigInt(byte & 0x7f) << BigInt(7 * index);
    if (byte < 0x80) {
      cursor.position = position + index + 1;
      return zigzagDecode64(BigInt.asUintN(64, unsigned));
    }
  }
  return undefined;
}
