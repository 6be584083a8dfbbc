import type { RecordHeader, RecordInput } from '@samsa/protocol';

/** What an application hands to `send`. Strings are written as UTF-8. */
export interface ProducerRecord {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  /** An object (one value per key) or an array (repeated keys allowed, order kept). */
  readonly headers?: Readonly<Record<string, Buffer | string | null>> | readonly { readonly key: string; readonly value: Buffer | string | null }[];
  /** Send to this partition instead of asking the partitioner. */
  readonly partition?: number;
  /** Milliseconds since the epoch (CreateTime); default: when `send` was called. */
  readonly timestamp?: number | bigint;
}

/** Where an acknowledged record was written. `offset` is -1n with `acks: 0`. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/** A record ready for a batch, with its estimated encoded size. */
export interface NormalizedRecord {
  readonly record: RecordInput;
  readonly partition: number | undefined;
  readonly sizeBytes: number;
}

/**
 * Upper bound of a record's encoded size: Kafka's record framing is at most 1 attribute
 * byte and five varints (length 5, timestamp delta 10, offset delta 5, key and value
 * lengths 5 each) plus the header count; each header adds two varints.
 */
const RECORD_OVERHEAD_BYTES = 36;
const HEADER_OVERHEAD_BYTES = 10;

export function normalizeRecord(record: ProducerRecord, index: number, defaultTimestamp: bigint): NormalizedRecord {
  if (record === null || typeof record !== 'object') throw new TypeError(`records[${index}]: expected an object, got ${record === null ? 'null' : typeof record}`);
  const key = toBytes(record.key ?? null, `records[${index}].key`);
  const value = toBytes(record.value, `records[${index}].value`);
  const headers = toHeaders(record.headers, index);
  const timestamp = toTimestamp(record.timestamp, index) ?? defaultTimestamp;
  let sizeBytes = RECORD_OVERHEAD_BYTES + (key?.length ?? 0) + (value?.length ?? 0);
  for (const header of headers) sizeBytes += HEADER_OVERHEAD_BYTES + Buffer.byteLength(header.key) + (header.value?.length ?? 0);
  const partition = record.partition;
  if (partition !== undefined && (!Number.isInteger(partition) || partition < 0)) {
    throw new RangeError(`records[${index}].partition: ${String(partition)} is not a non-negative integer`);
  }
  return { record: { key, value, headers, timestamp }, partition, sizeBytes };
}

function toBytes(value: Buffer | string | null | undefined, field: string): Buffer | null {
  if (value === null) return null;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (Buffer.isBuffer(value)) return value;
  if (value === undefined) throw new TypeError(`${field}: expected a Buffer, a string or null, got undefined`);
  throw new TypeError(`${field}: expected a Buffer, a string or null, got ${typeof value}`);
}

function toHeaders(headers: ProducerRecord['headers'], index: number): RecordHeader[] {
  if (headers === undefined) return [];
  if (Array.isArray(headers)) {
    return headers.map((header: { key: string; value: Buffer | string | null }, position: number) => {
      if (typeof header?.key !== 'string') throw new TypeError(`records[${index}].headers[${position}].key: expected a string`);
      return { key: header.key, value: toBytes(header.value, `records[${index}].headers[${position}].value`) };
    });
  }
  if (typeof headers !== 'object' || headers === null) throw new TypeError(`records[${index}].headers: expected an object or an array`);
  return Object.entries(headers as Record<string, Buffer | string | null>).map(([key, value]) => ({ key, value: toBytes(value, `records[${index}].headers.${key}`) }));
}

function toTimestamp(timestamp: number | bigint | undefined, index: number): bigint | undefined {
  if (timestamp === undefined) return undefined;
  if (typeof timestamp === 'bigint') return timestamp;
  if (!Number.isSafeInteger(timestamp)) throw new RangeError(`records[${index}].timestamp: ${timestamp} is not an integer number of milliseconds`);
  return BigInt(timestamp);
}
