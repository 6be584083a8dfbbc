import { compressSync, uncompressSync } from 'snappy';
import { SamsaError } from '../errors';
import { readUnsignedVarint } from '../varint';
import type { CompressionImplementation } from './compression-implementation';
import { checkUncompressedSize } from './uncompressed-size-limit';

/**
 * Snappy as Kafka's Java clients write it: the xerial `SnappyOutputStream` framing around
 * raw snappy blocks.
 *
 *   magic               8 bytes   0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00
 *   version             int32     1
 *   compatibleVersion   int32     1
 *   blocks, repeated:   int32 compressed length, then that many bytes of raw snappy
 *
 * We write this framing, since it is what every Kafka broker and client expects. We read
 * it and also bare raw snappy, which some non-Java clients (librdkafka builds, older
 * kafkajs codecs) produce; the magic tells them apart.
 */
export const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_VERSION = 1;
const XERIAL_COMPATIBLE_VERSION = 1;
const XERIAL_HEADER_BYTES = 16;
/** xerial's default block size, which Kafka's producer uses. */
export const XERIAL_BLOCK_BYTES = 32 * 1024;

export function isXerialFramed(input: Buffer): boolean {
  return input.length >= XERIAL_HEADER_BYTES && input.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

export function compressXerial(input: Buffer): Buffer {
  const parts: Buffer[] = [xerialHeader()];
  // An empty input still gets its header and no blocks, as xerial writes it.
  for (let start = 0; start < input.length; start += XERIAL_BLOCK_BYTES) {
    const block = compressSync(input.subarray(start, start + XERIAL_BLOCK_BYTES));
    const lengthPrefix = Buffer.allocUnsafe(4);
    lengthPrefix.writeInt32BE(block.length, 0);
    parts.push(lengthPrefix, block);
  }
  return Buffer.concat(parts);
}

function xerialHeader(): Buffer {
  const header = Buffer.alloc(XERIAL_HEADER_BYTES);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(XERIAL_VERSION, 8);
  header.writeInt32BE(XERIAL_COMPATIBLE_VERSION, 12);
  return header;
}

export function decompressXerial(input: Buffer, maxUncompressedBytes: number): Buffer {
  const blocks: Buffer[] = [];
  let totalBytes = 0;
  let position = XERIAL_HEADER_BYTES;
  while (position < input.length) {
    if (input.length - position < 4) {
      throw new SamsaError('CORRUPT_MESSAGE', `snappy: truncated xerial block length at byte ${position}`);
    }
    const blockBytes = input.readInt32BE(position);
    position += 4;
    if (blockBytes < 0 || blockBytes > input.length - position) {
      throw new SamsaError('CORRUPT_MESSAGE', `snappy: xerial block of ${blockBytes} bytes at byte ${position} runs past the end`);
    }
    const block = decompressRawSnappy(input.subarray(position, position + blockBytes), maxUncompressedBytes - totalBytes);
    totalBytes += block.length;
    blocks.push(block);
    position += blockBytes;
  }
  return Buffer.concat(blocks, totalBytes);
}

/** Raw snappy starts with its uncompressed length as a varint, so the limit applies first. */
export function decompressRawSnappy(input: Buffer, maxUncompressedBytes: number): Buffer {
  const declaredBytes = readUnsignedVarint(input, { position: 0 }, input.length);
  if (declaredBytes === undefined) throw new SamsaError('CORRUPT_MESSAGE', 'snappy: truncated length preamble');
  checkUncompressedSize('snappy', declaredBytes, maxUncompressedBytes);
  return uncompressSync(input, { asBuffer: true }) as Buffer;
}

export const snappyCompression: CompressionImplementation = {
  name: 'snappy',
  compress: async (input) => compressXerial(input),
  decompress: async (input, maxUncompressedBytes) =>
    isXerialFramed(input) ? decompressXerial(input, maxUncompressedBytes) : decompressRawSnappy(input, maxUncompressedBytes),
};
