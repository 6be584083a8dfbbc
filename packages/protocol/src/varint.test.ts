import fc from 'fast-check';
import {
  readUnsignedVarint,
  readVarint,
  readVarlong,
  varintSizeBytes,
  varlongSizeBytes,
  writeVarint,
  writeVarlong,
  zigzagDecode32,
  zigzagDecode64,
  zigzagEncode32,
  zigzagEncode64,
} from './varint';

/* eslint-disable @typescript-eslint/no-require-imports */
const KafkajsEncoder = require('kafkajs/src/protocol/encoder') as new () => {
  writeVarInt(value: number): { buffer: Buffer };
  writeVarLong(value: bigint): { buffer: Buffer };
};

function encodeVarint(value: number): string {
  const buffer = Buffer.alloc(5);
  return buffer.subarray(0, writeVarint(buffer, 0, value)).toString('hex');
}

function encodeVarlong(value: bigint): string {
  const buffer = Buffer.alloc(10);
  return buffer.subarray(0, writeVarlong(buffer, 0, value)).toString('hex');
}

const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

describe('zigzag', () => {
  test.each([
    [0, 0],
    [-1, 1],
    [1, 2],
    [-2, 3],
    [INT32_MAX, 0xffff_fffe],
    [INT32_MIN, 0xffff_ffff],
  ])('32-bit %d maps to %d and back', (value, encoded) => {
    expect(zigzagEncode32(value)).toBe(encoded);
    expect(zigzagDecode32(encoded)).toBe(value);
  });

  test.each([
    [0n, 0n],
    [-1n, 1n],
    [1n, 2n],
    [INT64_MAX, (1n << 64n) - 2n],
    [INT64_MIN, (1n << 64n) - 1n],
  ])('64-bit %d maps to %d and back', (value, encoded) => {
    expect(zigzagEncode64(value)).toBe(encoded);
    expect(zigzagDecode64(encoded)).toBe(value);
  });
});

describe('varint bytes', () => {
  test.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [300, 'd804'],
    [INT32_MAX, 'feffffff0f'],
    [INT32_MIN, 'ffffffff0f'],
  ])('%d is %s', (value, hex) => {
    expect(encodeVarint(value)).toBe(hex);
    expect(varintSizeBytes(value)).toBe(hex.length / 2);
    const cursor = { position: 0 };
    expect(readVarint(Buffer.from(hex, 'hex'), cursor, hex.length / 2)).toBe(value);
    expect(cursor.position).toBe(hex.length / 2);
  });

  test.each([
    [0n, '00'],
    [-1n, '01'],
    [1_700_000_000_000n, '80a0abfef962'],
    [BigInt(INT32_MAX) + 1n, '8080808010'],
    [INT64_MAX, 'feffffffffffffffff01'],
    [INT64_MIN, 'ffffffffffffffffff01'],
  ])('varlong %d is %s', (value, hex) => {
    expect(encodeVarlong(value)).toBe(hex);
    expect(varlongSizeBytes(value)).toBe(hex.length / 2);
    const cursor = { position: 0 };
    expect(readVarlong(Buffer.from(hex, 'hex'), cursor, hex.length / 2)).toBe(value);
    expect(cursor.position).toBe(hex.length / 2);
  });

  test('truncated and overlong encodings read as undefined', () => {
    const start = () => ({ position: 0 });
    expect(readVarint(Buffer.from('80', 'hex'), start(), 1)).toBeUndefined();
    expect(readVarint(Buffer.from('8001', 'hex'), start(), 1)).toBeUndefined();
    expect(readVarint(Buffer.from('808080808001', 'hex'), start(), 6)).toBeUndefined();
    expect(readVarlong(Buffer.from('ffffffffffffffffff', 'hex'), start(), 9)).toBeUndefined();
    expect(readVarlong(Buffer.from('ffffffffffffffffffff01', 'hex'), start(), 11)).toBeUndefined();
    expect(readUnsignedVarint(Buffer.alloc(0), start(), 0)).toBeUndefined();
    const cursor = { position: 0 };
    expect(readVarint(Buffer.from('80', 'hex'), cursor, 1)).toBeUndefined();
    expect(cursor.position).toBe(0);
  });

  test('int32 varints match kafkajs and read back', () => {
    fc.assert(
      fc.property(fc.integer({ min: INT32_MIN, max: INT32_MAX }), (value) => {
        const hex = encodeVarint(value);
        expect(hex).toBe(new KafkajsEncoder().writeVarInt(value).buffer.toString('hex'));
        expect(readVarint(Buffer.from(hex, 'hex'), { position: 0 }, hex.length / 2)).toBe(value);
      }),
    );
  });

  test('int64 varlongs match kafkajs and read back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (value) => {
        const hex = encodeVarlong(value);
        expect(hex).toBe(new KafkajsEncoder().writeVarLong(value).buffer.toString('hex'));
        expect(varlongSizeBytes(value)).toBe(hex.length / 2);
        expect(readVarlong(Buffer.from(hex, 'hex'), { position: 0 }, hex.length / 2)).toBe(value);
      }),
    );
  });
});
