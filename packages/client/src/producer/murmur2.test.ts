import { randomBytes } from 'node:crypto';
import { murmur2, partitionForKey, toPositive } from './murmur2';

// kafkajs's own murmur2 (a port of the Java client's) and its default partitioner are the
// reference: the same key must land on the same partition as with Kafka's clients.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: Buffer | string) => number;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Partitioners } = require('kafkajs') as { Partitioners: { DefaultPartitioner: () => (args: object) => number } };

/** A small deterministic PRNG so that a failing case can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('murmur2', () => {
  it('matches the values in Kafka\'s own UtilsTest', () => {
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from('abc'))).toBe(479470107);
  });

  it('agrees with kafkajs for 5,000 random byte keys of every length 0..64', () => {
    const random = mulberry32(20240601);
    for (let index = 0; index < 5000; index++) {
      const length = Math.floor(random() * 65);
      const key = Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
      const expected = kafkajsMurmur2(key);
      if (murmur2(key) !== expected) throw new Error(`seed 20240601 case ${index}: key ${key.toString('hex')} → ${murmur2(key)}, kafkajs ${expected}`);
    }
  });

  it('agrees with kafkajs for UTF-8 string keys (hashed as their bytes)', () => {
    for (const key of ['', 'k1', 'order-42', 'ключ', '鍵🔑', 'a'.repeat(1000), randomBytes(8).toString('base64')]) {
      expect(murmur2(Buffer.from(key, 'utf8'))).toBe(kafkajsMurmur2(key));
    }
  });

  it('picks the same partition as the kafkajs DefaultPartitioner (Java-compatible)', () => {
    const partitioner = Partitioners.DefaultPartitioner();
    const random = mulberry32(7);
    for (const partitionCount of [1, 2, 3, 6, 7, 12, 100, 1000]) {
      const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({ partitionId, leader: 1 }));
      for (let index = 0; index < 300; index++) {
        const key = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256)));
        const expected = partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
        expect(partitionForKey(key, partitionCount)).toBe(expected);
      }
    }
  });

  it('toPositive clears the sign bit rather than negating', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
  });
});
