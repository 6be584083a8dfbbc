import { BATCH_HEADER_BYTES, BatchLayout, LOG_OVERHEAD_BYTES, SamsaError } from '@samsa/protocol';

/**
 * The length of the longest prefix of `buffer` made of whole batches. A fetch answer may
 * end in the middle of a batch (the byte limit cut it, as Kafka brokers do); the reader
 * decodes only the whole ones and asks again from after the last. A length field too small
 * to hold a batch header is corruption, not truncation.
 */
export function completeBatchesBytes(buffer: Buffer): number {
  return completeBatchesSpan(buffer).bytes;
}

/** The whole batches at the start of a fetch answer: their length and the offset after the last. */
export interface BatchesSpan {
  readonly bytes: number;
  /** baseOffset + lastOffsetDelta + 1 of the last whole batch; -1n when there is none. */
  readonly nextOffset: bigint;
}

/**
 * `completeBatchesBytes` plus where the whole batches end in offsets, read from the batch
 * headers alone: the fetcher moves a partition's fetch position past an answer before any
 * record of it is decoded, so the next fetch can go out while the application still reads.
 */
export function completeBatchesSpan(buffer: Buffer): BatchesSpan {
  let position = 0;
  let lastStart = -1;
  while (buffer.length - position >= LOG_OVERHEAD_BYTES) {
    const sizeBytes = buffer.readInt32BE(position + BatchLayout.batchLength) + LOG_OVERHEAD_BYTES;
    if (sizeBytes < BATCH_HEADER_BYTES) throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position} declares ${sizeBytes} bytes, less than a batch header`);
    if (position + sizeBytes > buffer.length) break;
    lastStart = position;
    position += sizeBytes;
  }
  if (lastStart < 0) return { bytes: 0, nextOffset: -1n };
  const nextOffset = buffer.readBigInt64BE(lastStart + BatchLayout.baseOffset) + BigInt(buffer.readInt32BE(lastStart + BatchLayout.lastOffsetDelta)) + 1n;
  return { bytes: position, nextOffset };
}
