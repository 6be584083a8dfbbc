import { isInt64, type RecordHeader } from '@samsa/protocol';
import type { BatchRecord } from './producer-batch';

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

/**
 * A record of a send once checked: key, value and headers are bytes, so a batch can copy it
 * as it is. A missing key is null; a missing timestamp is the send's.
 */
export interface CheckedRecord extends BatchRecord {
  readonly partition?: number | undefined;
}

/**
 * Upper bound of a record's encoded size: Kafka's record framing is at most 1 attribute
 * byte and five varints (length 5, timestamp delta 10, offset delta 5, key and value
 * lengths 5 each) plus the header count; each header adds two varints.
 */
const RECORD_OVERHEAD_BYTES = 36;
const HEADER_OVERHEAD_BYTES = 10;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Checks one record of a `send` (TypeError/RangeError naming the field). A record with
 * Buffer (or null) key and value, no headers and a number timestamp, the usual kind, is
 * returned as it is, so checking allocates nothing; any other is converted into a new one.
 */
export function checkRecord(record: ProducerRecord, index: number): CheckedRecord {
  return isReady(record) ? record : convertRecord(record, index);
}

/** The record's estimated encoded size: what it holds of the producer's buffer. */
export function recordSizeBytes(record: CheckedRecord): number {
  let sizeBytes = RECORD_OVERHEAD_BYTES + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  const headers = record.headers;
  if (headers !== undefined) for (const header of headers) sizeBytes += HEADER_OVERHEAD_BYTES + Buffer.byteLength(header.key) + (header.value?.length ?? 0);
  return sizeBytes;
}

/** A copy for a send that must wait, so that changes to the caller's objects cannot reach it. */
export function copyRecord(record: CheckedRecord): CheckedRecord {
  return { key: record.key ?? null, value: record.value, headers: record.headers, timestamp: record.timestamp, partition: record.partition };
}

function isReady(record: ProducerRecord): record is ProducerRecord & CheckedRecord {
  if (record === null || typeof record !== 'object') return false;
  const { key, value, timestamp, partition } = record;
  return (
    (key === undefined || key === null || Buffer.isBuffer(key)) &&
    (value === null || Buffer.isBuffer(value)) &&
    record.headers === undefined &&
    (timestamp === undefined || Number.isSafeInteger(timestamp)) &&
    (partition === undefined || (Number.isInteger(partition) && partition >= 0))
  );
}

/** Every check, in the order of the fields; strings become UTF-8 bytes. */
function convertRecord(record: ProducerRecord, index: number): CheckedRecord {
  if (record === null || typeof record !== 'object') throw new TypeError(`records[${index}]: expected an object, got ${record === null ? 'null' : typeof record}`);
  const key = toBytes(record.key ?? null, `records[${index}].key`);
  const value = toBytes(record.value, `records[${index}].value`);
  const headers = record.headers === undefined ? undefined : toHeaders(record.headers, index);
  const timestamp = record.timestamp === undefined ? undefined : toTimestamp(record.timestamp, index);
  const partition = record.partition;
  if (partition !== undefined && (!Number.isInteger(partition) || partition < 0)) {
    throw new RangeError(`records[${index}].partition: ${String(partition)} is not a non-negative integer`);
  }
  return { key, value, headers, timestamp, partition };
}

function toBytes(value: Buffer | string | null | undefined, field: string): Buffer | null {
  if (value === null) return null;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (Buffer.isBuffer(value)) return value;
  if (value === undefined) throw new TypeError(`${field}: expected a Buffer, a string or null, got undefined`);
  throw new TypeError(`${field}: expected a Buffer, a string or null, got ${typeof value}`);
}

function toHeaders(headers: NonNullable<ProducerRecord['headers']>, index: number): RecordHeader[] {
  if (Array.isArray(headers)) {
    return headers.map((header: { key: string; value: Buffer | string | null }, position: number) => {
      if (typeof header?.key !== 'string') throw new TypeError(`records[${index}].headers[${position}].key: expected a string`);
      return { key: header.key, value: toBytes(header.value, `records[${index}].headers[${position}].value`) };
    });
  }
  if (typeof headers !== 'object' || headers === null) throw new TypeError(`records[${index}].headers: expected an object or an array`);
  return Object.entries(headers as Record<string, Buffer | string | null>).map(([key, value]) => ({ key, value: toBytes(value, `records[${index}].headers.${key}`) }));
}

/** A number stays a number; a bigint becomes one when it can, so batches stay on number arithmetic. */
function toTimestamp(timestamp: number | bigint, index: number): number | bigint {
  if (typeof timestamp === 'bigint') {
    if (!isInt64(timestamp)) throw new RangeError(`records[${index}].timestamp: ${timestamp} is outside the int64 range`);
    return timestamp >= SAFE_MIN && timestamp <= SAFE_MAX ? Number(timestamp) : timestamp;
  }
  if (!Number.isSafeInteger(timestamp)) throw new RangeError(`records[${index}].timestamp: ${timestamp} is not an integer number of milliseconds`);
  return timestamp;
}
