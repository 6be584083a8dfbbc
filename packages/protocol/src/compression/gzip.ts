import { constants } from 'node:buffer';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { CompressionImplementation } from './compression-implementation';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Gzip (RFC 1952) through node's zlib, on the libuv thread pool; what Java's GZIPOutputStream writes. */
export const gzipCompression: CompressionImplementation = {
  name: 'gzip',
  compress: (input) => gzipAsync(input),
  // zlib stops inflating at the limit, so a small bomb never allocates the whole output.
  // zlib only accepts limits in [1, buffer.constants.MAX_LENGTH], so the limit is clamped.
  decompress: (input, maxUncompressedBytes) =>
    gunzipAsync(input, { maxOutputLength: Math.max(1, Math.min(maxUncompressedBytes, constants.MAX_LENGTH)) }),
};
