import { BatchLayout, computeBatchCrc } from '@samsa/protocol';

/**
 * Builds uncompressed RecordBatch v2 bytes for storage tests. Storage never decodes
 * records, so these tests need valid framing and CRCs; the protocol package's codec is
 * cross-checked against Kafka's separately.
 */
export interface TestBatchOptions {
  readonly values: readonly Buffer[];
  readonly baseOffset?: number;
  readonly timestampMs?: number;
  readonly partitionLeaderEpoch?: number;
}

function zigzagVarint(value: number): Buffer {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  const bytes: number[] = [];
  while (zigzag >= 0x80) {
    bytes.push((zigzag % 0x80) | 0x80);
    zigzag = Math.floor(zigzag / 0x80);
  }
  bytes.push(zigzag);
  return Buffer.from(bytes);
}

function encodeRecord(value: Buffer, offsetDelta: number): Buffer {
  const body = Buffer.concat([
    Buffer.from([0]),
    zigzagVarint(0),
    zigzagVarint(offsetDelta),
    zigzagVarint(-1),
    zigzagVarint(value.length),
    value,
    zigzagVarint(0),
  ]);
  return Buffer.concat([zigzagVarint(body.length), body]);
}

export function makeBatch(options: TestBatchOptions): Buffer {
  const records = Buffer.concat(options.values.map((value, index) => encodeRecord(value, index)));
  const batch = Buffer.alloc(61 + records.length);
  const timestampMs = BigInt(options.timestampMs ?? 1_700_000_000_000);
  batch.writeBigInt64BE(BigInt(options.baseOffset ?? 0), BatchLayout.baseOffset);
  batch.writeInt32BE(batch.length - 12, BatchLayout.batchLength);
  batch.writeInt32BE(options.partitionLeaderEpoch ?? -1, BatchLayout.partitionLeaderEpoch);
  batch.writeInt8(2, BatchLayout.magic);
  batch.writeInt16BE(0, BatchLayout.attributes);
  batch.writeInt32BE(options.values.length - 1, BatchLayout.lastOffsetDelta);
  batch.writeBigInt64BE(timestampMs, BatchLayout.baseTimestamp);
  batch.writeBigInt64BE(timestampMs, BatchLayout.maxTimestamp);
  batch.writeBigInt64BE(-1n, BatchLayout.producerId);
  batch.writeInt16BE(-1, BatchLayout.producerEpoch);
  batch.writeInt32BE(-1, BatchLayout.baseSequence);
  batch.writeInt32BE(options.values.length, BatchLayout.recordCount);
  records.copy(batch, 61);
  batch.writeUInt32BE(computeBatchCrc(batch), BatchLayout.crc);
  return batch;
}

/** Splits raw log bytes into batches: [baseOffset, lastOffset, bytes]. */
export function splitBatches(records: Buffer): { baseOffset: number; lastOffset: number; bytes: Buffer }[] {
  const result = [];
  let position = 0;
  while (position < records.length) {
    const size = records.readInt32BE(position + 8) + 12;
    const baseOffset = Number(records.readBigInt64BE(position));
    const lastOffset = baseOffset + records.readInt32BE(position + BatchLayout.lastOffsetDelta);
    result.push({ baseOffset, lastOffset, bytes: records.subarray(position, position + size) });
    position += size;
  }
  return result;
}

/** The values of batches made by `makeBatch`, decoded back for assertions. */
export function valuesOf(batch: Buffer): string[] {
  const values: string[] = [];
  let position = 61;
  const readVarint = (): number => {
    let result = 0;
    let shift = 1;
    for (;;) {
      const byte = batch[position++]!;
      result += (byte & 0x7f) * shift;
      if (byte < 0x80) break;
      shift *= 0x80;
    }
    return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
  };
  const count = batch.readInt32BE(BatchLayout.recordCount);
  for (let index = 0; index < count; index += 1) {
    readVarint();
    position += 1;
    readVarint();
    readVarint();
    const keyLength = readVarint();
    if (keyLength > 0) position += keyLength;
    const valueLength = readVarint();
    values.push(batch.subarray(position, position + valueLength).toString());
    position += valueLength;
    readVarint();
  }
  return values;
}
