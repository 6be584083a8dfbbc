import { MetadataImage, type MetadataRecord, decodeMetadataRecordBatch, encodeMetadataRecordBatch } from '@samsa/metadata';
import fc from 'fast-check';
import { checkClusterInvariants } from '../test-support/cluster';
import { type Operation, recordsFor, scenarioArbitrary } from '../test-support/random-operations';
import { imageAfter } from './controller-result';

/** Runs operations; returns every image and the record batches, both in log order. */
function run(operations: readonly Operation[]) {
  const images = [MetadataImage.EMPTY];
  const batches: MetadataRecord[][] = [];
  for (const operation of operations) {
    const image = images[images.length - 1] as MetadataImage;
    const records = recordsFor(image, operation);
    if (records.length === 0) continue;
    // Apply what the codec gives back, so every record a controller writes is round-tripped.
    const bytes = encodeMetadataRecordBatch(records);
    const decoded = decodeMetadataRecordBatch(bytes);
    expect(Buffer.from(encodeMetadataRecordBatch(decoded)).equals(bytes)).toBe(true);
    const next = imageAfter(image, decoded);
    checkClusterInvariants(next);
    images.push(next);
    batches.push(decoded);
  }
  return { images, batches };
}

const operations = scenarioArbitrary;
// Failures print fast-check's seed and path; pass them to `fc.assert` as `{ seed, path }` to replay.
const settings = { numRuns: 100 };

describe('MetadataImage under random controller operations', () => {
  it('keeps the cluster invariants, and snapshot → restore gives an equal image', () => {
    fc.assert(
      fc.property(operations, (list) => {
        const { images } = run(list);
        const last = images[images.length - 1] as MetadataImage;
        const restored = MetadataImage.fromSnapshot(last.toSnapshot());
        expect(restored).toEqual(last);
        expect(Buffer.from(restored.toSnapshot()).equals(last.toSnapshot())).toBe(true);
      }),
      settings,
    );
  });

  it('restarting from a mid-way snapshot and replaying the rest of the log gives the same image', () => {
    fc.assert(
      fc.property(operations, fc.nat(), (list, cut) => {
        const { images, batches } = run(list);
        const cutIndex = cut % images.length;
        let replayed = MetadataImage.fromSnapshot((images[cutIndex] as MetadataImage).toSnapshot());
        for (const batch of batches.slice(cutIndex)) replayed = imageAfter(replayed, batch);
        const expected = (images[images.length - 1] as MetadataImage).toSnapshot();
        expect(Buffer.from(replayed.toSnapshot()).equals(expected)).toBe(true);
      }),
      settings,
    );
  });

  it('tells different images apart (so the equality above has teeth)', () => {
    const { images } = run([{ kind: 'register', brokerId: 1, rack: null, incarnation: 0 }]);
    expect(images[1]).not.toEqual(MetadataImage.EMPTY);
    const fenced = images[1] as MetadataImage;
    const unfenced = fenced.apply({ type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 1 }, 5);
    const refenced = fenced.apply({ type: 'FenceBroker', brokerId: 1, brokerEpoch: 1 }, 5);
    expect(MetadataImage.fromSnapshot(unfenced.toSnapshot())).not.toEqual(refenced);
  });
});
