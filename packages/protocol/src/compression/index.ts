export {
  compress,
  decompress,
  codecImplementation,
  compressionName,
  isSupportedCodec,
  DEFAULT_MAX_UNCOMPRESSED_BYTES,
  type DecompressOptions,
} from './codec-table';
export type { CompressionImplementation } from './compression-implementation';
export { XERIAL_MAGIC, XERIAL_BLOCK_BYTES, compressXerial, decompressXerial, decompressRawSnappy, isXerialFramed } from './snappy';
