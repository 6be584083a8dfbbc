// Group records in and out of a __consumer_offsets partition's log: decisions become record
// batches the leader appends, and a new leader reads its whole log back into records.
import { CompressionCodec, decodeBatchHeaderAt, decompressedRecordCursorAt, encodeRecordBatch, recordCursorAt, type RecordInput } from '@samsa/protocol';
import type { PartitionLog } from '@samsa/storage';
import type { GroupRecord } from '../group/group-records';
import { decodeGroupRecord, encodeGroupRecord } from './group-record-codec';

/** Records per batch; a decision moving many members spans several batches of one append. */
const RECORDS_PER_BATCH = 500;

/** One buffer of uncompressed batches holding `records` in order, stamped `timestampMs`. */
export async function encodeGroupBatches(records: readonly GroupRecord[], timestampMs: number): Promise<Buffer> {
  const batches: Buffer[] = [];
  for (let start = 0; start < records.length; start += RECORDS_PER_BATCH) {
    const inputs: RecordInput[] = records.slice(start, start + RECORDS_PER_BATCH).map((record) => encodeGroupRecord(record));
    batches.push(await encodeRecordBatch({ records: inputs, compression: CompressionCodec.None, timestamp: BigInt(timestampMs) }));
  }
  return Buffer.concat(batches);
}

/** Every group record of `log` from its start to its end, in offset order. */
export async function readGroupRecords(log: PartitionLog): Promise<GroupRecord[]> {
  const records: GroupRecord[] = [];
  for (let offset = log.logStartOffset; offset < log.logEndOffset; ) {
    const read = log.read(offset, { maxBytes: 4 * 1024 * 1024 });
    if (read.records.length === 0) break;
    for (let position = 0; position < read.records.length; ) {
      const header = decodeBatchHeaderAt(read.records, position);
      if (!header.isControl) {
        const cursor = header.compression === CompressionCodec.None ? recordCursorAt(read.records, position, header) : await decompressedRecordCursorAt(read.records, position, header);
        while (cursor.next()) {
          if (header.baseOffset + BigInt(cursor.offsetDelta) >= BigInt(log.logStartOffset)) records.push(decodeGroupRecord(cursor.key, cursor.value));
        }
      }
      position += header.sizeBytes;
    }
    offset = read.lastOffset + 1;
  }
  return records;
}
