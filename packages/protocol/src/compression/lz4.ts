import { compressFrameSync, decompressFrameSync } from 'lz4-napi';
import type { CompressionImplementation } from './compression-implementation';
import { checkUncompressedSize } from './uncompressed-size-limit';

/**
 * LZ4 in the frame format (magic 0x184D2204), as Kafka has used since message format v1.
 * lz4-napi writes independent 64 KiB blocks without checksums, like Kafka's
 * KafkaLZ4BlockOutputStream; any valid frame decodes. The output size is only known after
 * inflating, so the limit is checked afterwards.
 */
export const lz4Compression: CompressionImplementation = {
  name: 'lz4',
  compress: async (input) => compressFrameSync(input),
  decompress: async (input, maxUncompressedBytes) => {
    const output = decompressFrameSync(input);
    checkUncompressedSize('lz4', output.length, maxUncompressedBytes);
    return output;
  },
};
