import fc from 'fast-check';
import { CompressionCodec } from './batch-header';
import { compressionName } from './compression';
import { decodeRecordBatch, type DecodedRecordBatch } from './record-batch-decoder';
import { encodeRecordBatch } from './record-batch-encoder';
import {
  decodeWithKafkajs,
  encodeWithKafkajs,
  toKafkajsHeaders,
  type KafkajsDecodedBatch,
  type ReferenceBatch,
  type ReferenceRecord,
} from './test-support/kafkajs-reference';

/**
 * Our codec against kafkajs's, in both directions, for every compression codec. kafkajs's
 * snappy/lz4/zstd are pure-JS/WASM libraries registered in test-support, so neither side
 * shares compression code with the other. Uncompressed batches built from the same input
 * must be byte-identical.
 */

const codecs = [CompressionCodec.None, CompressionCodec.Gzip, CompressionCodec.Snappy, CompressionCodec.Lz4, CompressionCodec.Zstd];

function sampleBatch(compression: CompressionCodec): ReferenceBatch {
  const baseTimestamp = 1_700_000_000_000n;
  const records: ReferenceRecord[] = [
    { key: Buffer.from('order-1'), value: Buffer.from('{"amount":12}'), headers: [{ key: 'trace', value: Buffer.from('abc') }], timestamp: baseTimestamp },
    { key: null, value: Buffer.from('no key'), headers: [], timestamp: baseTimestamp + 5n },
    { key: Buffer.from('tombstone'), value: null, headers: [{ key: 'ключ', value: Buffer.alloc(0) }, { key: 'b', value: Buffer.from([0, 255]) }], timestamp: baseTimestamp + 3n },
    // Large enough to span several 32 KiB snappy blocks and 64 KiB lz4 blocks.
    { key: Buffer.from('big'), value: Buffer.from('0123456789abcdef'.repeat(10_000)), headers: [], timestamp: baseTimestamp + 900_000n },
  ];
  return {
    records,
    compression,
    baseOffset: 42n,
    baseTimestamp,
    maxTimestamp: baseTimestamp + 900_000n,
    partitionLeaderEpoch: 7,
    producerId: 1234n,
    producerEpoch: 3,
    baseSequence: 99,
    isTransactional: false,
  };
}

function encodeWithOurs(batch: ReferenceBatch): Promise<Buffer> {
  return encodeRecordBatch({
    records: batch.records,
    compression: batch.compression,
    baseOffset: batch.baseOffset,
    baseTimestamp: batch.baseTimestamp,
    maxTimestamp: batch.maxTimestamp,
    partitionLeaderEpoch: batch.partitionLeaderEpoch,
    producerId: batch.producerId,
    producerEpoch: batch.producerEpoch,
    baseSequence: batch.baseSequence,
    isTransactional: batch.isTransactional,
  });
}

function expectKafkajsMatches(decoded: KafkajsDecodedBatch, batch: ReferenceBatch): void {
  expect(decoded).toMatchObject({
    firstOffset: batch.baseOffset.toString(),
    firstTimestamp: batch.baseTimestamp.toString(),
    maxTimestamp: batch.maxTimestamp.toString(),
    partitionLeaderEpoch: batch.partitionLeaderEpoch,
    lastOffsetDelta: batch.records.length - 1,
    producerId: batch.producerId.toString(),
    producerEpoch: batch.producerEpoch,
    firstSequence: batch.baseSequence,
    inTransaction: batch.isTransactional,
    isControlBatch: false,
  });
  expect(decoded.records.map((record) => ({ ...pickRecord(record) }))).toEqual(
    batch.records.map((record, index) => ({
      offset: (batch.baseOffset + BigInt(index)).toString(),
      timestamp: record.timestamp.toString(),
      key: hex(record.key),
      value: hex(record.value),
      headers: toKafkajsHeaders(record.headers),
    })),
  );
}

function pickRecord(record: KafkajsDecodedBatch['records'][number]): object {
  return { offset: record.offset, timestamp: record.timestamp, key: hex(record.key), value: hex(record.value), headers: record.headers };
}

/** Jest compares large Buffers element by element, slowly; hex strings compare at once. */
function hex(bytes: Buffer | null): string | null {
  return bytes === null ? null : bytes.toString('hex');
}

function expectOursMatches(decoded: DecodedRecordBatch, batch: ReferenceBatch): void {
  expect(decoded).toMatchObject({
    baseOffset: batch.baseOffset,
    baseTimestamp: batch.baseTimestamp,
    maxTimestamp: batch.maxTimestamp,
    partitionLeaderEpoch: batch.partitionLeaderEpoch,
    lastOffsetDelta: batch.records.length - 1,
    producerId: batch.producerId,
    producerEpoch: batch.producerEpoch,
    baseSequence: batch.baseSequence,
    isTransactional: batch.isTransactional,
    compression: batch.compression,
    recordCount: batch.records.length,
  });
  expect(decoded.records.map(({ offset, timestamp, key, value, headers }) => ({ offset, timestamp, key: hex(key), value: hex(value), headers }))).toEqual(
    batch.records.map((record, index) => ({
      offset: batch.baseOffset + BigInt(index),
      timestamp: record.timestamp,
      key: hex(record.key),
      value: hex(record.value),
      headers: record.headers,
    })),
  );
}

describe.each(codecs.map((codec) => [compressionName(codec), codec] as const))('kafkajs cross-check, %s', (_name, codec) => {
  const batch = sampleBatch(codec);

  test('a batch kafkajs encodes decodes with ours to the same records', async () => {
    expectOursMatches(await decodeRecordBatch(await encodeWithKafkajs(batch)), batch);
  });

  test('a batch we encode decodes with kafkajs to the same records', async () => {
    expectKafkajsMatches(await decodeWithKafkajs(await encodeWithOurs(batch)), batch);
  });
});

describe('kafkajs reads what only we can write', () => {
  test('null header values and repeated header keys', async () => {
    const buffer = await encodeRecordBatch({
      records: [{ key: null, value: Buffer.from('v'), headers: [{ key: 'a', value: null }, { key: 'a', value: Buffer.from('2') }], timestamp: 1n }],
      compression: CompressionCodec.Snappy,
    });
    const [record] = (await decodeWithKafkajs(buffer)).records;
    expect(record?.headers).toEqual({ a: [null, Buffer.from('2')] });
  });
});

describe('kafkajs byte-for-byte, uncompressed', () => {
  test('the sample batch is byte-identical', async () => {
    const batch = sampleBatch(CompressionCodec.None);
    expect((await encodeWithOurs(batch)).toString('hex')).toBe((await encodeWithKafkajs(batch)).toString('hex'));
  });

  test('transactional batches are byte-identical', async () => {
    const batch = { ...sampleBatch(CompressionCodec.None), isTransactional: true };
    expect((await encodeWithOurs(batch)).equals(await encodeWithKafkajs(batch))).toBe(true);
  });

  const referenceRecord = fc.record({
    key: fc.option(fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)), { nil: null }),
    value: fc.option(fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)), { nil: null }),
    headers: fc.uniqueArray(
      fc.record({ key: fc.string({ unit: 'grapheme', maxLength: 8 }), value: fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.from(bytes)) }),
      { maxLength: 3, selector: (header) => header.key },
    ),
    timestampDelta: fc.bigInt({ min: -(1n << 40n), max: 1n << 40n }),
  });

  test('random batches are byte-identical and decode the same both ways', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(referenceRecord, { minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: 0n, max: 1n << 50n }),
        fc.bigInt({ min: 0n, max: 1n << 45n }),
        async (generated, baseOffset, baseTimestamp) => {
          const records = generated.map(({ timestampDelta, ...record }) => ({ ...record, timestamp: baseTimestamp + timestampDelta }));
          const batch: ReferenceBatch = {
            ...sampleBatch(CompressionCodec.None),
            records,
            baseOffset,
            baseTimestamp: records[0]?.timestamp ?? baseTimestamp,
            maxTimestamp: records.reduce((maximum, record) => (record.timestamp > maximum ? record.timestamp : maximum), -1n),
          };
          const ours = await encodeWithOurs(batch);
          expect(ours.equals(await encodeWithKafkajs(batch))).toBe(true);
          expectKafkajsMatches(await decodeWithKafkajs(ours), batch);
          expectOursMatches(await decodeRecordBatch(ours), batch);
        },
      ),
      { numRuns: 60 },
    );
  });
});
