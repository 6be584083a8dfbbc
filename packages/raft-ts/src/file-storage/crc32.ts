import * as zlib from 'node:zlib';

/**
 * CRC-32 (IEEE, as zlib and gzip compute it). Node 20.15+ and 22.2+ expose zlib's native
 * `crc32`; older runtimes fall back to a table-driven version that gives the same values,
 * so files written by one stay readable by the other.
 */
export type Crc32 = (data: Uint8Array) => number;

const nativeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table !== undefined) return table;
  table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte += 1) {
    let value = byte;
    for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    table[byte] = value >>> 0;
  }
  return table;
}

/** The portable version, exported so a test can check it agrees with the native one. */
export function tableCrc32(data: Uint8Array): number {
  const lookup = crcTable();
  let crc = 0xffffffff;
  for (let position = 0; position < data.length; position += 1) crc = lookup[(crc ^ data[position]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export const crc32: Crc32 = nativeCrc32 === undefined ? tableCrc32 : (data) => nativeCrc32(data) >>> 0;
