import { CompressionCodec, TimestampType, validateBatches } from './batch-header';
import { decodeRecordBatch } from './record-batch-decoder';
import { encodeRecordBatch, type RecordBatchInput } from './record-batch-encoder';
import { decodeWithKafkajs, kafkajsCrc } from './test-support/kafkajs-reference';

/**
 * A small batch written out byte by byte, checked both ways: our encoder must produce
 * exactly these bytes and our decoder must read exactly these values. The CRC is checked
 * against kafkajs's pure-JS CRC32C, and kafkajs must read the same records.
 */
const GOLDEN_HEX = [
  '0000000000000005', // baseOffset 5
  '00000048', // batchLength 72 (84 bytes in all)
  '00000002', // partitionLeaderEpoch 2
  '02', // magic 2
  '39661a5f', // CRC32C of everything from attributes to the end
  '0000', // attributes: no compression, CreateTime, not transactional, not control
  '00000001', // lastOffsetDelta 1
  '0000018bcfe56800', // baseTimestamp 1700000000000
  '0000018bcfe56801', // maxTimestamp 1700000000001
  '00000000000003e8', // producerId 1000
  '0001', // producerEpoch 1
  '0000000a', // baseSequence 10
  '00000002', // recordCount 2
  // record 0
  '1a', // length 13 (zigzag 26)
  '00', // attributes
  '00', // timestampDelta 0
  '00', // offsetDelta 0
  '02', '6b', // key length 1, "k"
  '04', '7631', // value length 2, "v1"
  '02', // one header
  '02', '68', // header key length 1, "h"
  '02', '78', // header value length 1, "x"
  // record 1
  '10', // length 8
  '00', // attributes
  '02', // timestampDelta 1
  '02', // offsetDelta 1
  '01', // key length -1: null
  '04', '7632', // value length 2, "v2"
  '00', // no headers
].join('');

const goldenInput: RecordBatchInput = {
  baseOffset: 5n,
  partitionLeaderEpoch: 2,
  producerId: 1000n,
  producerEpoch: 1,
  baseSequence: 10,
  records: [
    { key: Buffer.from('k'), value: Buffer.from('v1'), headers: [{ key: 'h', value: Buffer.from('x') }], timestamp: 1_700_000_000_000n },
    { key: null, value: Buffer.from('v2'), timestamp: 1_700_000_000_001n },
  ],
};

describe('golden RecordBatch v2 fixture', () => {
  const golden = Buffer.from(GOLDEN_HEX, 'hex');

  test('our encoder writes exactly the fixture bytes', async () => {
    expect((await encodeRecordBatch(goldenInput)).toString('hex')).toBe(GOLDEN_HEX);
  });

  test('our decoder reads exactly the fixture values', async () => {
    const batch = await decodeRecordBatch(golden);
    expect(batch).toMatchObject({
      baseOffset: 5n,
      sizeBytes: 84,
      partitionLeaderEpoch: 2,
      magic: 2,
      crc: 0x39661a5f,
      lastOffsetDelta: 1,
      baseTimestamp: 1_700_000_000_000n,
      maxTimestamp: 1_700_000_000_001n,
      producerId: 1000n,
      producerEpoch: 1,
      baseSequence: 10,
      recordCount: 2,
      compression: CompressionCodec.None,
      timestampType: TimestampType.CreateTime,
      isTransactional: false,
      isControl: false,
    });
    expect(batch.records).toEqual([
      { offset: 5n, offsetDelta: 0, timestamp: 1_700_000_000_000n, key: Buffer.from('k'), value: Buffer.from('v1'), headers: [{ key: 'h', value: Buffer.from('x') }], attributes: 0 },
      { offset: 6n, offsetDelta: 1, timestamp: 1_700_000_000_001n, key: null, value: Buffer.from('v2'), headers: [], attributes: 0 },
    ]);
  });

  test('the stored CRC agrees with an independent CRC32C', () => {
    expect(kafkajsCrc(golden.subarray(21))).toBe(0x39661a5f);
    expect(validateBatches(golden)).toHaveLength(1);
  });

  test('kafkajs reads the fixture to the same records', async () => {
    const batch = await decodeWithKafkajs(golden);
    expect(batch.records.map(({ offset, timestamp, key, value, headers }) => ({ offset, timestamp, key, value, headers }))).toEqual([
      { offset: '5', timestamp: '1700000000000', key: Buffer.from('k'), value: Buffer.from('v1'), headers: { h: Buffer.from('x') } },
      { offset: '6', timestamp: '1700000000001', key: null, value: Buffer.from('v2'), headers: {} },
    ]);
  });
});
