import { completeBatchesSpan } from '../reader/batch-framing';
import type { FetchedChunk } from './fetch-partition';

/**
 * One partition's records of a Fetch answer as a chunk: the whole batches, a view of the
 * answer's bytes (never a copy), and the offset after them. Undefined when the answer holds
 * no whole batch (empty, or the first batch is larger than the byte limit and was cut).
 * Nothing is decoded here; CRCs are checked when the owner decodes the chunk.
 */
export function splitPartitionData(records: Buffer, fetchOffset: bigint, highWatermark: bigint): FetchedChunk | undefined {
  const span = completeBatchesSpan(records);
  if (span.bytes === 0) return undefined;
  const bytes = span.bytes === records.length ? records : records.subarray(0, span.bytes);
  const nextOffset = span.nextOffset > fetchOffset ? span.nextOffset : fetchOffset;
  return { bytes, fetchOffset, nextOffset, highWatermark };
}
