import { varintSizeBytes, writeVarint } from './varint';

/**
 * Kafka's nullable varint-length bytes (keys, values, header values), written by both the
 * batch encoder and the builder. Internal: not exported from the package.
 */

/** A null's length, varint -1: one byte. */
const NULL_LENGTH_BYTE = 1;

export function nullableBytesSizeBytes(bytes: Buffer | null, field: string): number {
  if (bytes === null) return NULL_LENGTH_BYTE;
  if (!Buffer.isBuffer(bytes)) throw new TypeError(`${field}: expected a Buffer or null, got ${typeof bytes}`);
  return varintSizeBytes(bytes.length) + bytes.length;
}

export function writeNullableBytes(buffer: Buffer, position: number, bytes: Buffer | null): number {
  if (bytes === null) {
    buffer[position] = NULL_LENGTH_BYTE;
    return position + 1;
  }
  const cursor = writeVarint(buffer, position, bytes.length);
  buffer.set(bytes, cursor);
  return cursor + bytes.length;
}
