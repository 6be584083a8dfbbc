import { CompressionCodec, type RecordCursor, decodeBatchHeaderAt, decompressedRecordCursorAt, recordCursorAt } from '@samsa/protocol';
import type { ConsumedRecord } from './partition-reader';

/**
 * `fetchedRecordsOf` in slices: the records of a fetched chunk at or after `fetchOffset`, at
 * most `max` per `read`, resuming where the last read stopped. A consumer hands out a few
 * hundred records at a time instead of decoding a whole answer (tens of thousands) at once:
 * the records die young, so the garbage collector's scavenges stay cheap instead of promoting
 * megabytes of them. Every batch is checked (CRC included) when reached, as in
 * `fetchedRecordsOf`; `nextOffset` is the end of the last batch read so far.
 */
export class ChunkReader {
  private position = 0;
  private cursor: RecordCursor | undefined;
  private firstDelta = 0;
  nextOffset: bigint;

  constructor(
    private readonly bytes: Buffer,
    private readonly topic: string,
    private readonly partition: number,
    private readonly fetchOffset: bigint,
  ) {
    this.nextOffset = fetchOffset;
  }

  /** Whether every batch has been read. */
  get done(): boolean {
    return this.cursor === undefined && this.position >= this.bytes.length;
  }

  /** Up to `max` records (none only once `done`). */
  async read(max: number): Promise<ConsumedRecord[]> {
    const out: ConsumedRecord[] = [];
    const { topic, partition } = this;
    while (out.length < max) {
      let cursor = this.cursor;
      if (cursor === undefined) {
        if (this.position >= this.bytes.length) break;
        cursor = await this.openBatch();
        if (cursor === undefined) continue;
      }
      const firstDelta = this.firstDelta;
      let more = false;
      while (out.length < max && (more = cursor.next())) {
        if (cursor.offsetDelta < firstDelta) continue;
        out.push({ topic, partition, offset: cursor.offset, timestamp: cursor.timestamp, key: cursor.key, value: cursor.value, headers: cursor.headers });
      }
      if (!more) this.cursor = undefined;
    }
    return out;
  }

  /** Checks the next batch; a cursor when it has records to hand out, else undefined (skipped). */
  private async openBatch(): Promise<RecordCursor | undefined> {
    const header = decodeBatchHeaderAt(this.bytes, this.position);
    const cursor = header.compression === CompressionCodec.None ? recordCursorAt(this.bytes, this.position, header) : await decompressedRecordCursorAt(this.bytes, this.position, header);
    this.position += header.sizeBytes;
    const batchEnd = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
    const from = this.nextOffset > this.fetchOffset ? this.nextOffset : this.fetchOffset;
    if (batchEnd > this.nextOffset) this.nextOffset = batchEnd;
    if (batchEnd <= from || header.isControl) {
      while (cursor.next()) continue; // read only to check it: a malformed record is an error in any batch
      return undefined;
    }
    // Compared as a delta, a plain number: the batch ends after `from`, so it fits in an int32.
    this.firstDelta = from > header.baseOffset ? Number(from - header.baseOffset) : 0;
    this.cursor = cursor;
    return cursor;
  }
}
