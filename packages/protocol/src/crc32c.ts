import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** CRC32C (Castagnoli), as Kafka's RecordBatch v2 uses it. Hardware-accelerated (SSE4.2). */
export function crc32c(data: Uint8Array): number {
  return nativeCrc32c(data as Buffer) >>> 0;
}
