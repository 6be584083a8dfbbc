import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32c as nodeRsCrc32c } from '@node-rs/crc32';

/** Path of the optional native addon (`npm run build:native`); same from src/ and dist/. */
export const CRC32C_ADDON_PATH = path.join(__dirname, '..', 'native', 'build', 'Release', 'samsa_crc32c.node');

interface Crc32cAddon {
  crc32c(data: Uint8Array, initial?: number): number;
  hardware: boolean;
}

// A missing addon means "not built": fall back. An addon that exists but fails to
// load is a broken build and must not be hidden, so require() errors propagate.
const addon: Crc32cAddon | undefined = fs.existsSync(CRC32C_ADDON_PATH)
  ? // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(CRC32C_ADDON_PATH) as Crc32cAddon)
  : undefined;

// The addon's portable path is slower than @node-rs/crc32 (which uses ARMv8's CRC
// instructions on arm64), so the addon is used only where it has the hardware path.
export const crc32cImplementation: 'native-sse4.2' | 'node-rs' = addon?.hardware === true ? 'native-sse4.2' : 'node-rs';

const impl: (data: Uint8Array, initial?: number) => number =
  addon?.hardware === true ? addon.crc32c : (data, initial) => nodeRsCrc32c(data, initial);

/**
 * CRC32C (Castagnoli), as Kafka's RecordBatch v2 uses it; unsigned 32-bit result.
 * `initial` continues from a previous result: crc32c(b, crc32c(a)) === crc32c(a ++ b).
 */
export function crc32c(data: Uint8Array, initial = 0): number {
  return impl(data, initial) >>> 0;
}
