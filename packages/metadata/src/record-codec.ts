import { SamsaError } from '@samsa/protocol';
import { checkShape, corrupt, isPlainObject } from './field-checks';
import { parseWithBigInt, stringifyWithBigInt } from './json-bigint';
import { recordShapes } from './record-shapes';
import type { MetadataRecord, MetadataRecordType } from './records';

/**
 * The byte format of metadata records: one format-version byte, then UTF-8 JSON (bigints
 * tagged, see `json-bigint.ts`). JSON is slow and large next to a binary format, but the
 * metadata log is small and rarely hot; every caller goes through these four functions, so
 * the format can change behind a new version byte without touching them.
 */
export const METADATA_RECORD_FORMAT_VERSION = 1;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeMetadataRecord(record: MetadataRecord): Uint8Array {
  return encodeVersioned(record);
}

export function decodeMetadataRecord(bytes: Uint8Array): MetadataRecord {
  return checkRecord(decodeVersioned(bytes), 'metadata record');
}

/** Several records in one buffer: what the controller proposes as one Raft entry. */
export function encodeMetadataRecordBatch(records: readonly MetadataRecord[]): Uint8Array {
  return encodeVersioned(records);
}

export function decodeMetadataRecordBatch(bytes: Uint8Array): MetadataRecord[] {
  const value = decodeVersioned(bytes);
  if (!Array.isArray(value)) throw corrupt('metadata record batch: not a list');
  return value.map((item, index) => checkRecord(item, `metadata record ${index}`));
}

/** Versioned JSON: shared with the image snapshot so both stay in the same format family. */
export function encodeVersioned(value: unknown): Uint8Array {
  const body = encoder.encode(stringifyWithBigInt(value));
  const bytes = new Uint8Array(body.length + 1);
  bytes[0] = METADATA_RECORD_FORMAT_VERSION;
  bytes.set(body, 1);
  return bytes;
}

export function decodeVersioned(bytes: Uint8Array): unknown {
  const version = bytes[0];
  if (version !== METADATA_RECORD_FORMAT_VERSION) {
    throw new SamsaError('UNSUPPORTED_VERSION', `metadata format version ${String(version)} is not supported`);
  }
  try {
    return parseWithBigInt(decoder.decode(bytes.subarray(1)));
  } catch (error) {
    throw new SamsaError('CORRUPT_MESSAGE', 'metadata bytes are not valid UTF-8 JSON', { cause: error });
  }
}

/** Checks the shape of a decoded record; `what` names it in the error message. */
export function checkRecord(value: unknown, what: string): MetadataRecord {
  if (!isPlainObject(value)) throw corrupt(`${what}: not an object`);
  const { type, ...fields } = value;
  if (typeof type !== 'string' || !Object.hasOwn(recordShapes, type)) {
    throw corrupt(`${what}: unknown type ${String(type)}`);
  }
  checkShape(fields, recordShapes[type as MetadataRecordType], `${what} ${type}`);
  return value as unknown as MetadataRecord;
}
