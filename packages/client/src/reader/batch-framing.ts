import { BATCH_HEADER_BYTES, BatchLayout, LOG_OVERHEAD_BYTES, SamsaError } from '@samsa/protocol';

/**
 * The length of the longest prefix of `buffer` made of whole batches. A fetch answer may
 * end in the middle of a batch (the byte limit cut it, as Kafka brokers do); the reader
 * decodes only the whole ones and asks again from after the last. A length field too small
 * to hold a batch header is corruption, not truncation.
 */
export function completeBatchesBytes(buffer: Buffer): number {
  let position = 0;
  while (buffer.length - position >= LOG_OVERHEAD_BYTES) {
    const sizeBytes = buffer.readInt32BE(position + BatchLayout.batchLength) + LOG_OVERHEAD_BYTES;
    if (sizeBytes < BATCH_HEADER_BYTES) throw new SamsaError('CORRUPT_MESSAGE', `batch at byte ${position} declares ${sizeBytes} bytes, less than a batch header`);
    if (position + sizeBytes > buffer.length) break;
    position += sizeBytes;
  }
  return position;
}
