import type { Entry, EntryType } from '../types';
import { readUint64, writeUint64 } from './binary';
import { crc32 } from './crc32';

/**
 * One log entry on disk:
 *
 *   length  u32 LE   bytes after the crc field: 17 + data length
 *   crc32   u32 LE   CRC-32 (IEEE) of those bytes
 *   term    u64 LE
 *   index   u64 LE
 *   type    u8       0 normal, 1 conf-change
 *   data    length - 17 bytes
 *
 * The index in every frame lets recovery prove the frames are contiguous, and the CRC
 * proves each frame was written whole.
 */
export const FRAME_PREFIX_BYTES = 8;
export const FRAME_FIXED_BYTES = 17;
export const FRAME_OVERHEAD_BYTES = FRAME_PREFIX_BYTES + FRAME_FIXED_BYTES;

const TYPE_CODES: Record<EntryType, number> = { normal: 0, 'conf-change': 1 };

export function frameBytes(entry: Entry): number {
  return FRAME_OVERHEAD_BYTES + entry.data.length;
}

/** Writes `entry`'s frame at `offset`; the buffer must have frameBytes(entry) bytes free there. */
export function encodeFrame(entry: Entry, buffer: Buffer, offset: number): number {
  const length = FRAME_FIXED_BYTES + entry.data.length;
  buffer.writeUInt32LE(length, offset);
  writeUint64(buffer, entry.term, offset + 8);
  writeUint64(buffer, entry.index, offset + 16);
  buffer[offset + 24] = TYPE_CODES[entry.type];
  buffer.set(entry.data, offset + FRAME_OVERHEAD_BYTES);
  const checksum = crc32(buffer.subarray(offset + FRAME_PREFIX_BYTES, offset + FRAME_PREFIX_BYTES + length));
  buffer.writeUInt32LE(checksum, offset + 4);
  return FRAME_PREFIX_BYTES + length;
}

export type DecodedFrame =
  | { readonly ok: true; readonly entry: Entry; readonly bytes: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Decodes the frame at `offset`, which must hold entry `expectedIndex`. Never throws: a
 * frame cut short, failing its CRC, of an unknown type or out of sequence is reported, so
 * recovery can cut the log there. The entry's data is a view into `buffer`.
 */
export function decodeFrame(buffer: Buffer, offset: number, expectedIndex: number): DecodedFrame {
  const available = buffer.length - offset;
  if (available < FRAME_OVERHEAD_BYTES) return { ok: false, reason: `${available} bytes, shorter than a frame header` };
  const length = buffer.readUInt32LE(offset);
  if (length < FRAME_FIXED_BYTES) return { ok: false, reason: `frame length ${length} is too small` };
  if (length > available - FRAME_PREFIX_BYTES) return { ok: false, reason: `frame of ${length} bytes runs past the end of the file` };
  const body = buffer.subarray(offset + FRAME_PREFIX_BYTES, offset + FRAME_PREFIX_BYTES + length);
  if (crc32(body) !== buffer.readUInt32LE(offset + 4)) return { ok: false, reason: 'crc mismatch' };
  const index = readUint64(buffer, offset + 16);
  if (index !== expectedIndex) return { ok: false, reason: `frame holds index ${index}, expected ${expectedIndex}` };
  const typeCode = buffer[offset + 24];
  if (typeCode !== 0 && typeCode !== 1) return { ok: false, reason: `unknown entry type ${typeCode}` };
  const entry: Entry = {
    term: readUint64(buffer, offset + 8),
    index,
    type: typeCode === 0 ? 'normal' : 'conf-change',
    data: body.subarray(FRAME_FIXED_BYTES),
  };
  return { ok: true, entry, bytes: FRAME_PREFIX_BYTES + length };
}
