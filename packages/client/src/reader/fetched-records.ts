import { CompressionCodec, decodeBatchHeaderAt, decompressedRecordCursorAt, recordCursorAt, type DecodedBatchHeader, type RecordCursor } from '@samsa/protocol';
import type { ConsumedRecord } from './partition-reader';

/** What one fetch answer gives a reader: its records, and the offset to fetch next. */
export interface FetchedRecords {
  readonly records: ConsumedRecord[];
  readonly nextOffset: bigint;
}

/**
 * Turns the whole batches of a fetch answer into the records at or after `fetchOffset`, in
 * offset order; `nextOffset` is the end of the last batch (which is past `fetchOffset` when
 * the answer held only control batches or records before it). Every batch is checked and
 * its records parsed, CRC included, even those it yields nothing from, so corruption is
 * always an error. This runs for every consumed record: each becomes exactly one object,
 * and only compressed batches cost a promise.
 */
export async function fetchedRecordsOf(bytes: Buffer, topic: string, partition: number, fetchOffset: bigint): Promise<FetchedRecords> {
  const records: ConsumedRecord[] = [];
  let next = fetchOffset;
  let position = 0;
  while (position < bytes.length) {
    const header = decodeBatchHeaderAt(bytes, position);
    const cursor = header.compression === CompressionCodec.None ? recordCursorAt(bytes, position, header) : await decompressedRecordCursorAt(bytes, position, header);
    const batchEnd = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
    if (batchEnd > next && !header.isControl) appendRecords(records, cursor, header, { topic, partition, from: next });
    else parseAll(cursor);
    if (batchEnd > next) next = batchEnd;
    position += header.sizeBytes;
  }
  return { records, nextOffset: next };
}

interface Destination {
  readonly topic: string;
  readonly partition: number;
  /** Records below this offset are skipped (a fetch may start in the middle of a batch). */
  readonly from: bigint;
}

/** Reads records only to check them: a malformed one is an error in any batch. */
function parseAll(cursor: RecordCursor): void {
  while (cursor.next()) continue;
}

function appendRecords(out: ConsumedRecord[], cursor: RecordCursor, header: DecodedBatchHeader, destination: Destination): void {
  const { topic, partition } = destination;
  // Compared as a delta, a plain number: the batch ends after `from`, so it fits in an int32.
  const firstDelta = destination.from > header.baseOffset ? Number(destination.from - header.baseOffset) : 0;
  while (cursor.next()) {
    if (cursor.offsetDelta < firstDelta) continue;
    out.push({ topic, partition, offset: cursor.offset, timestamp: cursor.timestamp, key: cursor.key, value: cursor.value, headers: cursor.headers });
  }
}
