import { assert, crc32c, SamsaError } from '@samsa/protocol';
import { BATCHES_REMEMBERED, type BatchMetadata, type ProducerStateEntry } from './producer-state-entry';

/**
 * The producer state snapshot file, written beside the log (Kafka's `.snapshot`), big-endian:
 *
 *   offset  field          type
 *   0       version        int16   1
 *   2       crc            uint32  CRC32C of bytes [6, end)
 *   6       endOffset      int64   the state covers every batch below this offset
 *   14      entryCount     int32
 *   18      entries...
 *
 *   entry:  producerId int64, producerEpoch int16, lastTimestampMs int64, batchCount int8,
 *           then per batch: firstSequence int32, lastSequence int32, firstOffset int64,
 *           lastOffset int64
 *
 * Unlike Kafka, which keeps only each producer's last batch in its snapshot, all five
 * remembered batches are kept, so a restarted broker still recognises every retry.
 */
export const SNAPSHOT_VERSION = 1;
const HEADER_BYTES = 18;
const ENTRY_HEADER_BYTES = 8 + 2 + 8 + 1;
const BATCH_BYTES = 4 + 4 + 8 + 8;

export interface ProducerStateImage {
  readonly endOffset: number;
  readonly entries: readonly ProducerStateEntry[];
}

export function encodeProducerSnapshot(image: ProducerStateImage): Buffer {
  let sizeBytes = HEADER_BYTES;
  for (const entry of image.entries) sizeBytes += ENTRY_HEADER_BYTES + entry.batches.length * BATCH_BYTES;
  const buffer = Buffer.alloc(sizeBytes);
  buffer.writeInt16BE(SNAPSHOT_VERSION, 0);
  buffer.writeBigInt64BE(BigInt(image.endOffset), 6);
  buffer.writeInt32BE(image.entries.length, 14);
  let position = HEADER_BYTES;
  for (const entry of image.entries) position = writeEntry(buffer, position, entry);
  assert(position === sizeBytes, 'the snapshot size was miscounted');
  buffer.writeUInt32BE(crc32c(buffer.subarray(6)), 2);
  return buffer;
}

/** Decodes a snapshot; a damaged one throws `CORRUPT_MESSAGE` (the driver rebuilds from the log). */
export function decodeProducerSnapshot(buffer: Buffer): ProducerStateImage {
  const corrupt = (why: string) => new SamsaError('CORRUPT_MESSAGE', `producer state snapshot: ${why}`);
  if (buffer.length < HEADER_BYTES) throw corrupt(`${buffer.length} bytes is shorter than its header`);
  const version = buffer.readInt16BE(0);
  if (version !== SNAPSHOT_VERSION) throw corrupt(`unknown version ${version}`);
  if (buffer.readUInt32BE(2) !== crc32c(buffer.subarray(6))) throw corrupt('CRC mismatch');
  const endOffset = Number(buffer.readBigInt64BE(6));
  const entryCount = buffer.readInt32BE(14);
  const entries: ProducerStateEntry[] = [];
  let position = HEADER_BYTES;
  for (let index = 0; index < entryCount; index += 1) {
    if (position + ENTRY_HEADER_BYTES > buffer.length) throw corrupt(`entry ${index} runs past the end`);
    const batchCount = buffer.readInt8(position + 18);
    if (batchCount < 1 || batchCount > BATCHES_REMEMBERED) throw corrupt(`entry ${index} has ${batchCount} batches`);
    if (position + ENTRY_HEADER_BYTES + batchCount * BATCH_BYTES > buffer.length) throw corrupt(`entry ${index} runs past the end`);
    entries.push(readEntry(buffer, position, batchCount));
    position += ENTRY_HEADER_BYTES + batchCount * BATCH_BYTES;
  }
  if (position !== buffer.length) throw corrupt(`${buffer.length - position} bytes follow the last entry`);
  return { endOffset, entries };
}

function writeEntry(buffer: Buffer, position: number, entry: ProducerStateEntry): number {
  assert(entry.batches.length >= 1 && entry.batches.length <= BATCHES_REMEMBERED, 'an entry holds 1 to 5 batches');
  buffer.writeBigInt64BE(entry.producerId, position);
  buffer.writeInt16BE(entry.producerEpoch, position + 8);
  buffer.writeBigInt64BE(BigInt(entry.lastTimestampMs), position + 10);
  buffer.writeInt8(entry.batches.length, position + 18);
  let cursor = position + ENTRY_HEADER_BYTES;
  for (const batch of entry.batches) {
    buffer.writeInt32BE(batch.firstSequence, cursor);
    buffer.writeInt32BE(batch.lastSequence, cursor + 4);
    buffer.writeBigInt64BE(BigInt(batch.firstOffset), cursor + 8);
    buffer.writeBigInt64BE(BigInt(batch.lastOffset), cursor + 16);
    cursor += BATCH_BYTES;
  }
  return cursor;
}

function readEntry(buffer: Buffer, position: number, batchCount: number): ProducerStateEntry {
  const batches: BatchMetadata[] = [];
  let cursor = position + ENTRY_HEADER_BYTES;
  for (let index = 0; index < batchCount; index += 1) {
    batches.push({
      firstSequence: buffer.readInt32BE(cursor),
      lastSequence: buffer.readInt32BE(cursor + 4),
      firstOffset: Number(buffer.readBigInt64BE(cursor + 8)),
      lastOffset: Number(buffer.readBigInt64BE(cursor + 16)),
    });
    cursor += BATCH_BYTES;
  }
  return {
    producerId: buffer.readBigInt64BE(position),
    producerEpoch: buffer.readInt16BE(position + 8),
    lastTimestampMs: Number(buffer.readBigInt64BE(position + 10)),
    batches,
  };
}
