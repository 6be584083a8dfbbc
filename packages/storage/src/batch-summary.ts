import { BATCH_HEADER_BYTES, BatchLayout, LOG_OVERHEAD_BYTES, RECORD_BATCH_MAGIC, SamsaError } from '@samsa/protocol';
import { type FileSystem, readFully } from './file-system';

// Bound once: CommonJS re-exports are getters, and these run for every batch appended.
const Layout = { ...BatchLayout };
const HEADER_BYTES = BATCH_HEADER_BYTES;
const OVERHEAD_BYTES = LOG_OVERHEAD_BYTES;

/**
 * What the log needs to know of a batch, read from its header alone. Offsets and
 * timestamps are JavaScript numbers: exact up to 2^53 - 1, which no log reaches (at a
 * million records a second that is 285 years), and several times cheaper than bigint on
 * the append path.
 */
export interface BatchSummary {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly sizeBytes: number;
  readonly maxTimestampMs: number;
  readonly partitionLeaderEpoch: number;
  readonly recordCount: number;
}

const TWO_TO_32 = 4294967296;

/** Reads a big-endian int64 as a number; callers keep values below 2^53. */
export function readInt64AsNumber(buffer: Buffer, position: number): number {
  return buffer.readInt32BE(position) * TWO_TO_32 + buffer.readUInt32BE(position + 4);
}

export function writeNumberAsInt64(buffer: Buffer, position: number, value: number): void {
  buffer.writeInt32BE(Math.floor(value / TWO_TO_32), position);
  buffer.writeUInt32BE(value % TWO_TO_32 >>> 0, position + 4);
}

/** Summarises the batch whose header starts at `position` in an in-memory buffer. */
export function summarizeBatch(buffer: Buffer, position: number): BatchSummary {
  const baseOffset = readInt64AsNumber(buffer, position + Layout.baseOffset);
  return {
    baseOffset,
    lastOffset: baseOffset + buffer.readInt32BE(position + Layout.lastOffsetDelta),
    sizeBytes: buffer.readInt32BE(position + Layout.batchLength) + OVERHEAD_BYTES,
    maxTimestampMs: readInt64AsNumber(buffer, position + Layout.maxTimestamp),
    partitionLeaderEpoch: buffer.readInt32BE(position + Layout.partitionLeaderEpoch),
    recordCount: buffer.readInt32BE(position + Layout.recordCount),
  };
}

/**
 * Reads and sanity-checks the header of the batch at `position` of a segment file whose
 * valid bytes end at `endPosition`. A header that cannot be right (wrong magic, a length
 * that runs past the end) is reported as `CORRUPT_MESSAGE` rather than returned.
 */
export function readBatchSummary(fileSystem: FileSystem, fd: number, position: number, endPosition: number): BatchSummary {
  if (endPosition - position < HEADER_BYTES) {
    throw new SamsaError('CORRUPT_MESSAGE', `no complete batch header at position ${position} (segment ends at ${endPosition})`);
  }
  const header = readFully(fileSystem, fd, HEADER_BYTES, position);
  if (header.length < HEADER_BYTES) {
    throw new SamsaError('CORRUPT_MESSAGE', `short read of the batch header at position ${position}`);
  }
  const summary = summarizeBatch(header, 0);
  const magic = header.readInt8(Layout.magic);
  if (magic !== RECORD_BATCH_MAGIC || summary.sizeBytes < HEADER_BYTES || position + summary.sizeBytes > endPosition) {
    throw new SamsaError('CORRUPT_MESSAGE', `invalid batch header at position ${position}: magic ${magic}, size ${summary.sizeBytes}`);
  }
  return summary;
}
