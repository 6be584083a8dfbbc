import { gunzipSync, gzipSync } from 'node:zlib';
import { CompressionCodec } from '../batch-header';
import { isSamsaError } from '../errors';
import { XERIAL_MAGIC, compress, compressionName, decompress, isSupportedCodec } from './index';

/* eslint-disable @typescript-eslint/no-require-imports */
const snappyjs = require('snappyjs') as { compress(input: Buffer): Buffer; uncompress(input: Buffer): Buffer };
const lz4js = require('lz4js') as { compress(input: Buffer): Uint8Array; decompress(input: Buffer): Uint8Array };
const zstdWasm = require('@bokuweb/zstd-wasm') as {
  init(): Promise<void>;
  compress(input: Buffer, level: number): Uint8Array;
  decompress(input: Buffer): Uint8Array;
};

const codecs = [CompressionCodec.None, CompressionCodec.Gzip, CompressionCodec.Snappy, CompressionCodec.Lz4, CompressionCodec.Zstd];
const compressedCodecs = codecs.filter((codec) => codec !== CompressionCodec.None);
const sample = Buffer.from('a Kafka record batch, repeated enough to compress well. '.repeat(3000));

async function expectCode(promise: Promise<unknown>, code: 'CORRUPT_MESSAGE' | 'UNSUPPORTED_COMPRESSION_TYPE'): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isSamsaError(error, code)).toBe(true);
}

/** Raw snappy, for reading one xerial block with the independent library. */
function readXerialWithSnappyjs(framed: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let position = 16; position < framed.length; ) {
    const length = framed.readUInt32BE(position);
    blocks.push(Buffer.from(snappyjs.uncompress(framed.subarray(position + 4, position + 4 + length))));
    position += 4 + length;
  }
  return Buffer.concat(blocks);
}

beforeAll(() => zstdWasm.init());

describe.each(codecs.map((codec) => [compressionName(codec), codec] as const))('%s', (_name, codec) => {
  test('round-trips data and empty input', async () => {
    expect((await decompress(codec, await compress(codec, sample))).equals(sample)).toBe(true);
    expect((await decompress(codec, await compress(codec, Buffer.alloc(0)))).length).toBe(0);
  });
});

describe.each(compressedCodecs.map((codec) => [compressionName(codec), codec] as const))('%s refusals', (_name, codec) => {
  test('garbage is CORRUPT_MESSAGE, never a library error', async () => {
    await expectCode(decompress(codec, Buffer.from('this is not compressed data at all')), 'CORRUPT_MESSAGE');
  });

  test('output above maxUncompressedBytes is CORRUPT_MESSAGE', async () => {
    const compressed = await compress(codec, sample);
    await expectCode(decompress(codec, compressed, { maxUncompressedBytes: 1000 }), 'CORRUPT_MESSAGE');
  });

  test('truncated input is CORRUPT_MESSAGE', async () => {
    const compressed = await compress(codec, sample);
    await expectCode(decompress(codec, compressed.subarray(0, compressed.length - 7)), 'CORRUPT_MESSAGE');
  });
});

describe('limits', () => {
  test('an unbounded limit is accepted by every codec', async () => {
    for (const codec of codecs) {
      const compressed = await compress(codec, sample);
      expect((await decompress(codec, compressed, { maxUncompressedBytes: Infinity })).length).toBe(sample.length);
    }
  });
});

describe('codec numbers', () => {
  test('5, 6 and 7 are UNSUPPORTED_COMPRESSION_TYPE', async () => {
    for (const codec of [5, 6, 7]) {
      expect(isSupportedCodec(codec)).toBe(false);
      await expectCode(decompress(codec as CompressionCodec, sample), 'UNSUPPORTED_COMPRESSION_TYPE');
      await expectCode(Promise.resolve().then(() => compress(codec as CompressionCodec, sample)), 'UNSUPPORTED_COMPRESSION_TYPE');
    }
  });
});

describe('agreement with independent libraries', () => {
  test('gzip agrees with zlib one-shot calls', async () => {
    expect(gunzipSync(await compress(CompressionCodec.Gzip, sample)).equals(sample)).toBe(true);
    expect((await decompress(CompressionCodec.Gzip, gzipSync(sample))).equals(sample)).toBe(true);
  });

  test('snappy writes xerial framing in 32 KiB blocks that snappyjs reads', async () => {
    const framed = await compress(CompressionCodec.Snappy, sample);
    expect(framed.subarray(0, 16).toString('hex')).toBe(`${XERIAL_MAGIC.toString('hex')}0000000100000001`);
    expect(readXerialWithSnappyjs(framed).equals(sample)).toBe(true);
    // 168,000 bytes make six blocks of at most 32 KiB each.
    let blocks = 0;
    for (let position = 16; position < framed.length; position += 4 + framed.readUInt32BE(position)) blocks++;
    expect(blocks).toBe(Math.ceil(sample.length / (32 * 1024)));
  });

  test('snappy reads raw snappy and xerial framing from snappyjs', async () => {
    const raw = Buffer.from(snappyjs.compress(sample));
    expect((await decompress(CompressionCodec.Snappy, raw)).equals(sample)).toBe(true);
    const header = Buffer.from('82534e41505059000000000100000001', 'hex');
    const half = sample.length / 2;
    const blocks = [sample.subarray(0, half), sample.subarray(half)].flatMap((part) => {
      const block = Buffer.from(snappyjs.compress(part));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(block.length);
      return [length, block];
    });
    expect((await decompress(CompressionCodec.Snappy, Buffer.concat([header, ...blocks]))).equals(sample)).toBe(true);
  });

  test('snappy refuses a xerial block that runs past the end', async () => {
    const framed = await compress(CompressionCodec.Snappy, sample);
    framed.writeUInt32BE(0x7fff_0000, 16);
    await expectCode(decompress(CompressionCodec.Snappy, framed), 'CORRUPT_MESSAGE');
  });

  test('lz4 frames agree with lz4js both ways', async () => {
    expect(Buffer.from(lz4js.decompress(await compress(CompressionCodec.Lz4, sample))).equals(sample)).toBe(true);
    expect((await decompress(CompressionCodec.Lz4, Buffer.from(lz4js.compress(sample)))).equals(sample)).toBe(true);
  });

  test('lz4 writes the frame magic, independent blocks and a block size Kafka accepts', async () => {
    // magic 0x184D2204 little-endian, FLG 0x60 (version 1, independent blocks, no checksums),
    // then BD: Kafka's KafkaLZ4BlockInputStream accepts block size ids 4-7 (64 KiB - 4 MiB).
    const frame = await compress(CompressionCodec.Lz4, sample);
    expect(frame.subarray(0, 5).toString('hex')).toBe('04224d1860');
    expect([0x40, 0x50, 0x60, 0x70]).toContain(frame[5]);
  });

  test('zstd agrees with zstd-wasm both ways', async () => {
    expect(Buffer.from(zstdWasm.decompress(await compress(CompressionCodec.Zstd, sample))).equals(sample)).toBe(true);
    expect((await decompress(CompressionCodec.Zstd, Buffer.from(zstdWasm.compress(sample, 3)))).equals(sample)).toBe(true);
  });
});
