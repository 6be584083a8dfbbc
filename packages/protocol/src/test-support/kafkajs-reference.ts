/**
 * Test-only bridge to kafkajs's own RecordBatch v2 encoder and decoder, used as an
 * independent reference implementation. Nothing here is exported from the package.
 *
 * kafkajs ships only gzip; snappy, lz4 and zstd are registered here with pure-JS or WASM
 * libraries that share no code with ours (snappyjs with a xerial framer written below,
 * lz4js, @bokuweb/zstd-wasm), so a cross-check failure points at one side, not at a
 * library both sides use. kafkajs's deep modules have no types, so they are loaded with
 * `require` and described by the small interfaces below.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

interface KafkajsEncoder {
  readonly buffer: Buffer;
}

interface KafkajsCodec {
  compress(encoder: KafkajsEncoder): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

export interface KafkajsDecodedRecord {
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: { [key: string]: Buffer | null | (Buffer | null)[] };
}

export interface KafkajsDecodedBatch {
  readonly firstOffset: string;
  readonly firstTimestamp: string;
  readonly maxTimestamp: string;
  readonly partitionLeaderEpoch: number;
  readonly lastOffsetDelta: number;
  readonly producerId: string;
  readonly producerEpoch: number;
  readonly firstSequence: number;
  readonly inTransaction: boolean;
  readonly isControlBatch: boolean;
  readonly records: KafkajsDecodedRecord[];
}

const kafkajs = require('kafkajs') as { CompressionCodecs: { [codec: number]: () => KafkajsCodec } };
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (input: object) => Promise<KafkajsEncoder>;
};
const kafkajsRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (input: object) => KafkajsEncoder;
const kafkajsBatchDecoder = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: object) => Promise<KafkajsDecodedBatch>;
const KafkajsDecoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => object;
const kafkajsCrc32c = require('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;

const snappyjs = require('snappyjs') as { compress(input: Buffer): Buffer; uncompress(input: Buffer): Buffer };
const lz4js = require('lz4js') as { compress(input: Buffer): Uint8Array; decompress(input: Buffer): Uint8Array };
const zstdWasm = require('@bokuweb/zstd-wasm') as {
  init(): Promise<void>;
  compress(input: Buffer, level: number): Uint8Array;
  decompress(input: Buffer): Uint8Array;
};

const XERIAL_HEADER = Buffer.from('82534e41505059000000000100000001', 'hex');
const XERIAL_BLOCK_BYTES = 32 * 1024;

/** xerial framing written independently of src/compression/snappy.ts. */
function xerialCompress(input: Buffer): Buffer {
  const parts = [XERIAL_HEADER];
  for (let start = 0; start < input.length; start += XERIAL_BLOCK_BYTES) {
    const block = Buffer.from(snappyjs.compress(input.subarray(start, start + XERIAL_BLOCK_BYTES)));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(block.length);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

function xerialDecompress(input: Buffer): Buffer {
  if (!input.subarray(0, 8).equals(XERIAL_HEADER.subarray(0, 8))) return Buffer.from(snappyjs.uncompress(input));
  const blocks: Buffer[] = [];
  for (let position = 16; position < input.length; ) {
    const length = input.readUInt32BE(position);
    blocks.push(Buffer.from(snappyjs.uncompress(input.subarray(position + 4, position + 4 + length))));
    position += 4 + length;
  }
  return Buffer.concat(blocks);
}

let registered: Promise<void> | undefined;

/** Registers the independent snappy, lz4 and zstd codecs with kafkajs (once per process). */
export function registerReferenceCodecs(): Promise<void> {
  registered ??= (async () => {
    await zstdWasm.init();
    kafkajs.CompressionCodecs[2] = () => ({
      compress: async (encoder) => xerialCompress(encoder.buffer),
      decompress: async (buffer) => xerialDecompress(buffer),
    });
    kafkajs.CompressionCodecs[3] = () => ({
      compress: async (encoder) => Buffer.from(lz4js.compress(encoder.buffer)),
      decompress: async (buffer) => Buffer.from(lz4js.decompress(buffer)),
    });
    kafkajs.CompressionCodecs[4] = () => ({
      compress: async (encoder) => Buffer.from(zstdWasm.compress(encoder.buffer, 3)),
      decompress: async (buffer) => Buffer.from(zstdWasm.decompress(buffer)),
    });
  })();
  return registered;
}

export interface ReferenceRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** kafkajs cannot encode null header values; keys must be distinct. */
  readonly headers: readonly { key: string; value: Buffer }[];
  readonly timestamp: bigint;
}

export interface ReferenceBatch {
  readonly records: readonly ReferenceRecord[];
  readonly compression: number;
  readonly baseOffset: bigint;
  readonly baseTimestamp: bigint;
  readonly maxTimestamp: bigint;
  readonly partitionLeaderEpoch: number;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly isTransactional: boolean;
}

/** Encodes a batch with kafkajs's producer-side encoder, offset deltas 0..n-1. */
export async function encodeWithKafkajs(batch: ReferenceBatch): Promise<Buffer> {
  await registerReferenceCodecs();
  const records = batch.records.map((record, index) =>
    kafkajsRecord({
      offsetDelta: index,
      timestampDelta: record.timestamp - batch.baseTimestamp,
      key: record.key,
      value: record.value,
      headers: Object.fromEntries(record.headers.map((header) => [header.key, header.value])),
    }),
  );
  const encoder = await RecordBatch({
    compression: batch.compression,
    firstOffset: batch.baseOffset,
    firstTimestamp: batch.baseTimestamp,
    maxTimestamp: batch.maxTimestamp,
    partitionLeaderEpoch: batch.partitionLeaderEpoch,
    lastOffsetDelta: records.length - 1,
    transactional: batch.isTransactional,
    producerId: batch.producerId,
    producerEpoch: batch.producerEpoch,
    firstSequence: batch.baseSequence,
    records,
  });
  return Buffer.from(encoder.buffer);
}

/** Decodes one batch with kafkajs's consumer-side decoder (which does not check the CRC). */
export async function decodeWithKafkajs(buffer: Buffer): Promise<KafkajsDecodedBatch> {
  await registerReferenceCodecs();
  return kafkajsBatchDecoder(new KafkajsDecoder(buffer));
}

/** kafkajs's pure-JS CRC32C, independent of the native one we use. */
export function kafkajsCrc(buffer: Buffer): number {
  return kafkajsCrc32c(buffer);
}

/** Our header list in kafkajs's decoded shape: an object, repeated keys becoming arrays. */
export function toKafkajsHeaders(headers: readonly { key: string; value: Buffer | null }[]): KafkajsDecodedRecord['headers'] {
  const result: { [key: string]: Buffer | null | (Buffer | null)[] } = {};
  for (const { key, value } of headers) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
