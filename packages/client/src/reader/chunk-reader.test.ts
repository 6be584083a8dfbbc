import fc from 'fast-check';
import { CompressionCodec, encodeRecordBatch } from '@samsa/protocol';
import { ChunkReader } from './chunk-reader';
import { fetchedRecordsOf } from './fetched-records';

/** ChunkReader read in slices of any size gives exactly what fetchedRecordsOf gives at once. */
describe('ChunkReader', () => {
  it('equals fetchedRecordsOf for any batches, fetch offset and slice size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ count: fc.integer({ min: 1, max: 7 }), compressed: fc.boolean(), isControl: fc.constantFrom(false, false, false, true) }), { maxLength: 5 }),
        fc.nat(20),
        fc.integer({ min: 1, max: 6 }),
        async (specs, skip, slice) => {
          const batches: Buffer[] = [];
          let baseOffset = 100n;
          for (const spec of specs) {
            const records = Array.from({ length: spec.count }, (_, index) => ({ key: null, value: Buffer.from(`v${baseOffset + BigInt(index)}`) }));
            batches.push(await encodeRecordBatch({ records, baseOffset, compression: spec.compressed ? CompressionCodec.Gzip : CompressionCodec.None, isControl: spec.isControl }));
            baseOffset += BigInt(spec.count);
          }
          const bytes = Buffer.concat(batches);
          const fetchOffset = 100n + BigInt(skip);
          const whole = await fetchedRecordsOf(bytes, 't', 1, fetchOffset);
          const reader = new ChunkReader(bytes, 't', 1, fetchOffset);
          const sliced = [];
          while (!reader.done) {
            const part = await reader.read(slice);
            expect(part.length).toBeLessThanOrEqual(slice);
            sliced.push(...part);
          }
          expect(sliced).toEqual(whole.records);
          expect(reader.nextOffset).toBe(whole.nextOffset);
        },
      ),
      { numRuns: 100 },
    );
  });
});
