import { CompressionCodec } from '../batch-header';
import { SamsaError, isSamsaError } from '../errors';
import type { CompressionImplementation } from './compression-implementation';
import { gzipCompression } from './gzip';
import { lz4Compression } from './lz4';
import { snappyCompression } from './snappy';
import { zstdCompression } from './zstd';

/**
 * Attribute codec number → implementation. Kafka reserves 3 bits (0-7) and defines 0-4;
 * 5-7 are refused with `UNSUPPORTED_COMPRESSION_TYPE`, as a Kafka broker would.
 */
const noCompression: CompressionImplementation = {
  name: 'none',
  compress: async (input) => input,
  decompress: async (input) => input,
};

const codecTable: ReadonlyMap<number, CompressionImplementation> = new Map([
  [CompressionCodec.None, noCompression],
  [CompressionCodec.Gzip, gzipCompression],
  [CompressionCodec.Snappy, snappyCompression],
  [CompressionCodec.Lz4, lz4Compression],
  [CompressionCodec.Zstd, zstdCompression],
]);

/**
 * Default ceiling on decompressed bytes for one batch: far above what Kafka's producer
 * builds (batch.size defaults to 16 KiB, max.request.size to 1 MiB) while keeping a
 * compression bomb from exhausting memory.
 */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

export function isSupportedCodec(codec: number): codec is CompressionCodec {
  return codecTable.has(codec);
}

/** The implementation for a codec number; throws `UNSUPPORTED_COMPRESSION_TYPE` for others. */
export function codecImplementation(codec: number): CompressionImplementation {
  const implementation = codecTable.get(codec);
  if (implementation === undefined) {
    throw new SamsaError('UNSUPPORTED_COMPRESSION_TYPE', `compression codec ${codec} is not one of none, gzip, snappy, lz4, zstd`);
  }
  return implementation;
}

export function compressionName(codec: number): string {
  return codecTable.get(codec)?.name ?? `unknown(${codec})`;
}

/** Compresses `input` with `codec` (for `None`, returns `input` itself). */
export function compress(codec: CompressionCodec, input: Buffer): Promise<Buffer> {
  return codecImplementation(codec).compress(input);
}

export interface DecompressOptions {
  /** Refuse output larger than this with `CORRUPT_MESSAGE`; see DEFAULT_MAX_UNCOMPRESSED_BYTES. */
  readonly maxUncompressedBytes?: number;
}

/**
 * Decompresses `input`. Whatever the library reports about bad input becomes
 * `CORRUPT_MESSAGE` (with the library error as `cause`); unknown codecs are
 * `UNSUPPORTED_COMPRESSION_TYPE`.
 */
export async function decompress(codec: CompressionCodec, input: Buffer, options: DecompressOptions = {}): Promise<Buffer> {
  const implementation = codecImplementation(codec);
  const maxUncompressedBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  try {
    return await implementation.decompress(input, maxUncompressedBytes);
  } catch (error: unknown) {
    if (isSamsaError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new SamsaError('CORRUPT_MESSAGE', `${implementation.name}: could not decompress ${input.length} bytes: ${detail}`, { cause: error });
  }
}
