import { compress, decompress } from '@mongodb-js/zstd';
import type { CompressionImplementation } from './compression-implementation';
import { checkUncompressedSize } from './uncompressed-size-limit';

/** Zstandard's default level, which Kafka's producer also uses. */
const ZSTD_LEVEL = 3;

/** Zstandard frames through the native @mongodb-js/zstd binding, off the event loop. */
export const zstdCompression: CompressionImplementation = {
  name: 'zstd',
  compress: (input) => compress(input, ZSTD_LEVEL),
  decompress: async (input, maxUncompressedBytes) => {
    const output = await decompress(input);
    checkUncompressedSize('zstd', output.length, maxUncompressedBytes);
    return output;
  },
};
