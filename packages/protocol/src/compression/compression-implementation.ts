/**
 * What each compression codec provides. Both directions are asynchronous so that codecs
 * with a thread-pool implementation (gzip, zstd) keep the event loop free; the others
 * resolve immediately.
 *
 * `decompress` must not return more than `maxUncompressedBytes`: codecs that can learn the
 * size before inflating (gzip, snappy) refuse early; the rest check afterwards. Errors
 * thrown by the underlying library are turned into `CORRUPT_MESSAGE` by the caller.
 */
export interface CompressionImplementation {
  readonly name: string;
  compress(input: Buffer): Promise<Buffer>;
  decompress(input: Buffer, maxUncompressedBytes: number): Promise<Buffer>;
}
