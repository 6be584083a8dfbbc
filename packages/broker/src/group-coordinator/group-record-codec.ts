// The bytes of a group record in __consumer_offsets: the key is the record's compaction key
// (`recordKey`, JSON: kind, group, and member or topic and partition) and the value is the
// record's value as JSON (a null value, the tombstone, is a record without value). JSON keeps
// the internal topic readable with `samsa consume __consumer_offsets`; offsets, the one
// bigint field, are written as decimal strings. A value carries its schema version so a
// later Samsa can change the layout and still read what this one wrote.
import { SamsaError } from '@samsa/protocol';
import { type GroupRecord, recordKey } from '../group/group-records';

/** The schema of every value this version writes; a value of another version is refused. */
const VALUE_VERSION = 1;

const KINDS: ReadonlySet<GroupRecord['kind']> = new Set(['group-epoch', 'subscribed-topics', 'member-metadata', 'target-assignment-member', 'target-assignment-epoch', 'current-assignment', 'offset-commit']);

export interface EncodedGroupRecord {
  readonly key: Buffer;
  readonly value: Buffer | null;
}

export function encodeGroupRecord(record: GroupRecord): EncodedGroupRecord {
  const key = Buffer.from(recordKey(record), 'utf8');
  if (record.value === null) return { key, value: null };
  const value = record.kind === 'offset-commit' ? { ...record.value, offset: record.value.offset.toString() } : record.value;
  return { key, value: Buffer.from(JSON.stringify({ version: VALUE_VERSION, value }), 'utf8') };
}

/** The record `key` and `value` describe; CORRUPT_MESSAGE names what is wrong with them. */
export function decodeGroupRecord(key: Buffer | null, value: Buffer | null): GroupRecord {
  if (key === null) throw corrupt('a record without key');
  const parts = parseJson(key, 'key');
  if (!Array.isArray(parts) || !KINDS.has(parts[0]) || typeof parts[1] !== 'string') throw corrupt(`key ${key.toString('utf8')} is not a group record key`);
  const kind = parts[0] as GroupRecord['kind'];
  const groupId = parts[1] as string;
  const body = value === null ? null : valueOf(value, kind);
  switch (kind) {
    case 'group-epoch':
    case 'subscribed-topics':
    case 'target-assignment-epoch':
      expectLength(parts, 2, key);
      return { kind, groupId, value: body } as GroupRecord;
    case 'member-metadata':
    case 'target-assignment-member':
    case 'current-assignment':
      expectLength(parts, 3, key);
      if (typeof parts[2] !== 'string') throw corrupt(`key ${key.toString('utf8')}: the member id is not a string`);
      return { kind, groupId, memberId: parts[2], value: body } as GroupRecord;
    case 'offset-commit': {
      expectLength(parts, 4, key);
      if (typeof parts[2] !== 'string' || !Number.isSafeInteger(parts[3])) throw corrupt(`key ${key.toString('utf8')}: topic or partition malformed`);
      return { kind, groupId, topic: parts[2], partition: parts[3] as number, value: body as never };
    }
  }
}

function valueOf(bytes: Buffer, kind: GroupRecord['kind']): unknown {
  const parsed = parseJson(bytes, 'value') as { version?: unknown; value?: unknown } | null;
  if (parsed === null || typeof parsed !== 'object' || typeof parsed.value !== 'object' || parsed.value === null) throw corrupt('the value is not an object');
  if (parsed.version !== VALUE_VERSION) throw corrupt(`value version ${String(parsed.version)}; this Samsa reads version ${VALUE_VERSION}`);
  if (kind !== 'offset-commit') return parsed.value;
  const commit = parsed.value as { offset?: unknown };
  if (typeof commit.offset !== 'string' || !/^-?\d+$/.test(commit.offset)) throw corrupt('an offset commit without a decimal offset');
  return { ...commit, offset: BigInt(commit.offset) };
}

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw corrupt(`the ${what} is not JSON`);
  }
}

function expectLength(parts: unknown[], length: number, key: Buffer): void {
  if (parts.length !== length) throw corrupt(`key ${key.toString('utf8')} has ${parts.length} parts, expected ${length}`);
}

function corrupt(message: string): SamsaError {
  return new SamsaError('CORRUPT_MESSAGE', `__consumer_offsets record: ${message}`);
}
