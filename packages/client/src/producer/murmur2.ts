/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2), the hash of the Java
 * client's default partitioner and of kafkajs's: 32-bit signed arithmetic, seed 0x9747b28c,
 * little-endian 4-byte blocks. Strings hash as their UTF-8 bytes.
 */
const SEED = 0x9747b28c | 0;
const M = 0x5bd1e995;
const R = 24;

export function murmur2(data: Buffer): number {
  const length = data.length;
  let h = SEED ^ length;
  const blocks = length >>> 2;
  for (let block = 0; block < blocks; block++) {
    const index = block << 2;
    let k = (data[index] as number) | ((data[index + 1] as number) << 8) | ((data[index + 2] as number) << 16) | ((data[index + 3] as number) << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & ~3;
  const remainder = length & 3;
  if (remainder === 3) h ^= (data[tail + 2] as number) << 16;
  if (remainder >= 2) h ^= (data[tail + 1] as number) << 8;
  if (remainder >= 1) {
    h ^= data[tail] as number;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not Math.abs). */
export function toPositive(value: number): number {
  return value & 0x7fffffff;
}

/** The partition Kafka's default partitioner picks for a non-null key. */
export function partitionForKey(key: Buffer, partitionCount: number): number {
  return toPositive(murmur2(key)) % partitionCount;
}
