import { assert } from '../assert';

const TWO_TO_32 = 2 ** 32;

/**
 * Unsigned 64-bit little-endian fields as JavaScript numbers. Raft terms and indexes never
 * approach 2^53, so Number is exact; the assertion catches a programmer error before it
 * reaches the disk.
 */
export function writeUint64(buffer: Buffer, value: number, offset: number): void {
  assert(Number.isSafeInteger(value) && value >= 0, `cannot store ${value} as an unsigned 64-bit integer`);
  buffer.writeUInt32LE(value % TWO_TO_32, offset);
  buffer.writeUInt32LE(Math.floor(value / TWO_TO_32), offset + 4);
}

export function readUint64(buffer: Buffer, offset: number): number {
  return buffer.readUInt32LE(offset) + buffer.readUInt32LE(offset + 4) * TWO_TO_32;
}

/** Zero-padded decimal, so that file names sort in index order. */
export function indexFileName(prefix: string, index: number, suffix: string): string {
  return `${prefix}${String(index).padStart(20, '0')}${suffix}`;
}

/** The index in a name made by `indexFileName`, or undefined for any other name. */
export function parseIndexFileName(prefix: string, fileName: string, suffix: string): number | undefined {
  if (!fileName.startsWith(prefix) || !fileName.endsWith(suffix)) return undefined;
  const digits = fileName.slice(prefix.length, fileName.length - suffix.length);
  return /^\d{20}$/.test(digits) ? Number(digits) : undefined;
}
