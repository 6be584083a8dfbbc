import { BatchLayout, CompressionCodec, validateBatches } from './batch-header';
import { encodeRecordBatch } from './record-batch-encoder';
import { fixCrc } from './test-support/batch-surgery';

/**
 * The broker and storage check batches with `validateBatches` without decoding records;
 * every batch our encoder writes must pass, and each kind of damage must be named.
 */

function expectRejected(buffer: Buffer, code: string, messagePart: RegExp, maxBatchBytes?: number): void {
  const options = maxBatchBytes === undefined ? {} : { maxBatchBytes };
  expect(() => validateBatches(buffer, options)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(messagePart) }));
}

describe('validateBatches on encoded batches', () => {
  let batch: Buffer;
  beforeAll(async () => {
    batch = await encodeRecordBatch({
      records: [
        { key: Buffer.from('a'), value: Buffer.from('1'), timestamp: 1n },
        { key: Buffer.from('b'), value: Buffer.from('2'), timestamp: 2n },
      ],
      baseOffset: 3n,
      compression: CompressionCodec.Gzip,
    });
  });

  test('accepts every codec, alone and concatenated', async () => {
    const batches = await Promise.all(
      [0, 1, 2, 3, 4].map((compression) =>
        encodeRecordBatch({ records: [{ key: null, value: Buffer.from('x'), timestamp: 1n }], compression, baseOffset: BigInt(compression) }),
      ),
    );
    const headers = validateBatches(Buffer.concat(batches));
    expect(headers.map((header) => [header.baseOffset, header.attributes & 7, header.sizeBytes])).toEqual(
      batches.map((buffer, index) => [BigInt(index), index, buffer.length]),
    );
  });

  test('reports the header fields the encoder wrote', () => {
    const [header] = validateBatches(batch);
    expect(header).toMatchObject({ baseOffset: 3n, magic: 2, recordCount: 2, lastOffsetDelta: 1, baseTimestamp: 1n, maxTimestamp: 2n, sizeBytes: batch.length });
  });

  test('rejects a wrong CRC', () => {
    const damaged = Buffer.from(batch);
    damaged.writeUInt32BE((damaged.readUInt32BE(BatchLayout.crc) + 1) >>> 0, BatchLayout.crc);
    expectRejected(damaged, 'CORRUPT_MESSAGE', /CRC/);
  });

  test('rejects a wrong magic byte', () => {
    const damaged = Buffer.from(batch);
    damaged.writeInt8(1, BatchLayout.magic);
    expectRejected(damaged, 'CORRUPT_MESSAGE', /magic 1 is not 2/);
  });

  test('rejects a short length and a length past the end', () => {
    const short = Buffer.from(batch);
    short.writeInt32BE(20, BatchLayout.batchLength);
    expectRejected(short, 'CORRUPT_MESSAGE', /shorter than a batch header/);
    expectRejected(batch.subarray(0, batch.length - 1), 'CORRUPT_MESSAGE', /runs past the end/);
    expectRejected(batch.subarray(0, 40), 'CORRUPT_MESSAGE', /shorter than a batch header/);
  });

  test('rejects a record count above lastOffsetDelta + 1', () => {
    const damaged = Buffer.from(batch);
    damaged.writeInt32BE(3, BatchLayout.recordCount);
    expectRejected(fixCrc(damaged), 'CORRUPT_MESSAGE', /3 records with last offset delta 1/);
  });

  test('rejects an oversized batch with MESSAGE_TOO_LARGE', async () => {
    const large = await encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(2 * 1024 * 1024, 7), timestamp: 1n }] });
    expectRejected(large, 'MESSAGE_TOO_LARGE', /exceeds the limit of 1048588/);
    expectRejected(batch, 'MESSAGE_TOO_LARGE', /exceeds the limit of 64/, 64);
    expect(validateBatches(large, { maxBatchBytes: large.length })).toHaveLength(1);
  });
});
