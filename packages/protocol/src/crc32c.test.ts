import * as fs from 'node:fs';
import { crc32c as nodeRsCrc32c } from '@node-rs/crc32';
import fc from 'fast-check';
import { CRC32C_ADDON_PATH, crc32c, crc32cImplementation } from './crc32c';

interface Addon {
  crc32c(data: Uint8Array, initial?: number): number;
  crc32cPortable(data: Uint8Array, initial?: number): number;
  hardware: boolean;
}

// Not fail-open: if the addon file exists it must load (a broken build fails here).
const addonBuilt = fs.existsSync(CRC32C_ADDON_PATH);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const addon: Addon | undefined = addonBuilt ? (require(CRC32C_ADDON_PATH) as Addon) : undefined;

type Impl = [name: string, fn: (data: Uint8Array, initial?: number) => number];
const impls: Impl[] = [['crc32c', (d, i) => crc32c(d, i)]];
if (addon) {
  impls.push(['addon.crc32c', (d, i) => addon.crc32c(d, i) >>> 0]);
  impls.push(['addon.crc32cPortable', (d, i) => addon.crc32cPortable(d, i) >>> 0]);
}
const reference = (d: Uint8Array, initial?: number): number => nodeRsCrc32c(d, initial) >>> 0;

// Block boundaries of the SSE4.2 path: 3 x 256 (short) and 3 x 8192 (long) bytes.
const SHORT3 = 3 * 256;
const LONG3 = 3 * 8192;

/** Deterministic pseudo-random bytes (xorshift32), far faster than fc.uint8Array at 100 KiB. */
function bytes(length: number, seed: number, byteOffset: number): Uint8Array {
  const backing = new Uint8Array(length + byteOffset + 3);
  let x = seed | 1;
  for (let i = 0; i < backing.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    backing[i] = x & 0xff;
  }
  return backing.subarray(byteOffset, byteOffset + length);
}

const boundaryLength = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -9, max: 9 }))
  .map(([longs, shorts, delta]) => Math.max(0, longs * LONG3 + shorts * SHORT3 + delta));
const length = fc.oneof(
  fc.integer({ min: 0, max: 64 }),
  fc.integer({ min: 0, max: 100 * 1024 }),
  boundaryLength,
);
// Arbitraries produce the recipe, not the bytes, so a counterexample prints as one short line.
const buffer = fc.record({ length, seed: fc.integer(), byteOffset: fc.integer({ min: 0, max: 7 }) });
type Recipe = { length: number; seed: number; byteOffset: number };
const make = (r: Recipe): Uint8Array => bytes(r.length, r.seed, r.byteOffset);

describe('crc32c', () => {
  it(`reports its implementation (${crc32cImplementation})`, () => {
    // The addon serves only where it has the hardware path; elsewhere @node-rs/crc32 does.
    expect(crc32cImplementation).toBe(addon?.hardware === true ? 'native-sse4.2' : 'node-rs');
  });

  describe.each(impls)('%s', (_name, fn) => {
    it('matches known vectors', () => {
      expect(fn(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
      expect(fn(new Uint8Array(0))).toBe(0);
      expect(fn(new Uint8Array(32))).toBe(0x8a9136aa);
      expect(fn(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    });

    it('equals @node-rs/crc32 on random buffers, lengths and offsets', () => {
      fc.assert(
        fc.property(buffer, (recipe) => {
          const data = make(recipe);
          expect(fn(data)).toBe(reference(data));
        }),
        { numRuns: 300 },
      );
    });

    it('continues from an initial CRC exactly like a one-shot computation', () => {
      fc.assert(
        fc.property(buffer, fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 6 }), (recipe, cuts) => {
          const data = make(recipe);
          const points = cuts
            .map((_, i) => Math.floor(((i + 1) * data.length) / (cuts.length + 1)))
            .filter((_, i) => cuts[i] === 1);
          let crc = 0;
          let start = 0;
          for (const end of [...points, data.length]) {
            crc = fn(data.subarray(start, end), crc);
            start = end;
          }
          expect(crc).toBe(fn(data));
          expect(crc).toBe(reference(data));
        }),
        { numRuns: 150 },
      );
    });

    it('continues from an arbitrary initial value like @node-rs/crc32', () => {
      fc.assert(
        fc.property(buffer, fc.integer({ min: 0, max: 0xffffffff }), (recipe, initial) => {
          const data = make(recipe);
          expect(fn(data, initial)).toBe(reference(data, initial));
        }),
        { numRuns: 100 },
      );
    });
  });

  // Without a built addon there is nothing to check here; the other tests still run.
  (addon ? it : it.skip)('addon rejects non-buffers', () => {
    // (TypeError from the addon's realm, so match the message, not the jest-realm class)
    expect(() => addon!.crc32c('abc' as unknown as Uint8Array)).toThrow(/expected a Uint8Array/);
    expect(() => addon!.crc32c(new Uint8Array(1), 'x' as unknown as number)).toThrow(/initial must be a number/);
  });
});
