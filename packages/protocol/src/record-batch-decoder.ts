import {
  Attributes,
  BATCH_HEADER_BYTES,
  CompressionCodec,
  TimestampType,
  checkBatchAt,
  compressionOf,
  type BatchHeader,
} from './batch-header';
import { ByteReader } from './byte-reader';
import { codecImplementation, decompress } from './compression';
import { SamsaError } from './errors';
import { readRecord, type DecodedRecord, type RecordContext } from './record';

/**
 * Reads RecordBatch v2 bytes back into records. Every batch is checked first exactly as the
 * broker checks it (`checkBatchAt`: length, magic, count against offset delta, CRC32C), then
 * its records are decompressed and parsed with bounds-checked reads. Anything inconsistent is
 * `CORRUPT_MESSAGE` with the batch's byte position; codec numbers 5-7 are
 * `UNSUPPORTED_COMPRESSION_TYPE`. No decode error is a bare `RangeError`.
 */

export interface DecodedRecordBatch extends BatchHeader {
  readonly compression: CompressionCodec;
  readonly timestampType: TimestampType;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
  /** In wire order, with absolute offsets and timestamps. */
  readonly records: DecodedRecord[];
}

export interface DecodeOptions {
  /** Check the CRC32C (default true). */
  readonly verifyCrc?: boolean;
  /** Largest batch accepted; larger is `MESSAGE_TOO_LARGE`. Default: no limit. */
  readonly maxBatchBytes?: number;
  /** Largest decompressed record data per batch; default 64 MiB. */
  readonly maxUncompressedBytes?: number;
}

/** Decodes a buffer holding exactly one batch. */
export async function decodeRecordBatch(buffer: Buffer, options: DecodeOptions = {}): Promise<DecodedRecordBatch> {
  const batch = await decodeBatchAt(buffer, 0, options);
  if (batch.sizeBytes !== buffer.length) {
    throw new SamsaError(
      'CORRUPT_MESSAGE',
      `batch at byte 0 is ${batch.sizeBytes} bytes but the buffer holds ${buffer.length}; use decodeRecordBatches for several`,
    );
  }
  return batch;
}

/** Decodes concatenated batches, in order. An empty buffer holds no batches. */
export async function decodeRecordBatches(buffer: Buffer, options: DecodeOptions = {}): Promise<DecodedRecordBatch[]> {
  const batches: DecodedRecordBatch[] = [];
  let position = 0;
  while (position < buffer.length) {
    const batch = await decodeBatchAt(buffer, position, options);
    batches.push(batch);
    position += batch.sizeBytes;
  }
  return batches;
}

async function decodeBatchAt(buffer: Buffer, position: number, options: DecodeOptions): Promise<DecodedRecordBatch> {
  const header = checkBatchAt(buffer, position, options.maxBatchBytes ?? Number.MAX_SAFE_INTEGER, options.verifyCrc ?? true);
  const compression = compressionOf(header.attributes);
  codecImplementation(compression); // refuses 5-7 before any work
  const context = `batch at byte ${position}`;
  const recordsData = buffer.subarray(position + BATCH_HEADER_BYTES, position + header.sizeBytes);
  const uncompressed = await decompressRecords(compression, recordsData, context, options);
  const timestampType = header.attributes & Attributes.timestampTypeBit ? TimestampType.LogAppendTime : TimestampType.CreateTime;
  const recordContext: RecordContext = {
    baseOffset: header.baseOffset,
    baseTimestamp: header.baseTimestamp,
    logAppendTime: timestampType === TimestampType.LogAppendTime ? header.maxTimestamp : undefined,
  };
  return {
    ...header,
    compression,
    timestampType,
    isTransactional: (header.attributes & Attributes.transactionalBit) !== 0,
    isControl: (header.attributes & Attributes.controlBit) !== 0,
    records: readRecords(new ByteReader(uncompressed, 0, uncompressed.length, context), header.recordCount, recordContext),
  };
}

async function decompressRecords(compression: CompressionCodec, data: Buffer, context: string, options: DecodeOptions): Promise<Buffer> {
  if (compression === CompressionCodec.None) return data;
  try {
    const decompressOptions = options.maxUncompressedBytes === undefined ? {} : { maxUncompressedBytes: options.maxUncompressedBytes };
    return await decompress(compression, data, decompressOptions);
  } catch (error: unknown) {
    if (error instanceof SamsaError) throw new SamsaError(error.code, `${context}: ${error.message}`, { cause: error });
    throw error;
  }
}

function readRecords(reader: ByteReader, recordCount: number, context: RecordContext): DecodedRecord[] {
  const records: DecodedRecord[] = [];
  for (let index = 0; index < recordCount; index++) {
    if (reader.remainingBytes === 0) {
      throw reader.corrupt(`header says ${recordCount} records but the data ends after ${index}`);
    }
    records.push(readRecord(reader, context));
  }
  if (reader.remainingBytes !== 0) {
    throw reader.corrupt(`${reader.remainingBytes} bytes left over after the ${recordCount} records the header counts`);
  }
  return records;
}
