import { MetadataImage, type MetadataRecord, decodeMetadataRecordBatch, encodeMetadataRecordBatch } from '@samsa/metadata';
import fc from 'fast-check';
import { checkClusterInvariants } from '../test-support/cluster';
import { type Operation, operationArbitrary, recordsFor, scenarioArbitrary } from '../test-support/random-operations';
import { imageAfter } from './controller-result';
import { ReplicaLogReports } from './log-recovery-election';

/** Runs operations; returns every image and the record batches, both in log order. */
function run(operations: readonly Operation[]) {
  const images = [MetadataImage.EMPTY];
  const batches: MetadataRecord[][] = [];
  const reports = new ReplicaLogReports();
  for (const operation of operations) {
    const image = images[images.length - 1] as MetadataImage;
    const records = recordsFor(image, operation, reports);
    if (records.length === 0) continue;
    // Apply what the codec gives back, so every record a controller writes is round-tripped.
    const bytes = encodeMetadataRecordBatch(records);
    const decoded = decodeMetadataRecordBatch(bytes);
    expect(Buffer.from(encodeMetadataRecordBatch(decoded)).equals(bytes)).toBe(true);
    // A decision is made on the image it is applied to, so it is never refused as stale.
    const { image: next, refusal } = image.tryApplyBatch(decoded, image.lastAppliedOffset + 1);
    expect(refusal).toBeUndefined();
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

  // A write that timed out may still commit, after a decision was made without it: two
  // decisions on one image, both in the log. Operations made of fences, unfences, partition
  // changes and configs (registrations and topic creation clash in other ways).
  const racing = operationArbitrary.filter((operation) => ['heartbeat', 'fence', 'alterIsr', 'reassign', 'preferred', 'unclean'].includes(operation.kind));
  const touched = (records: readonly MetadataRecord[]) =>
    new Set(records.flatMap((record) => (record.type === 'PartitionChange' ? [`${record.topicId}/${record.partition}`] : [])));

  it('refuses the later of two decisions made on the same image when it would build on a state the first changed', () => {
    fc.assert(
      fc.property(operations, racing, racing, (list, first, second) => {
        const { images } = run(list);
        const base = images[images.length - 1] as MetadataImage;
        const firstRecords = recordsFor(base, first);
        const secondRecords = recordsFor(base, second);
        const afterFirst = imageAfter(base, firstRecords);
        const outcome = afterFirst.tryApplyBatch(secondRecords, afterFirst.lastAppliedOffset + 1);
        const changedByFirst = touched(firstRecords);
        if ([...touched(secondRecords)].some((key) => changedByFirst.has(key))) expect(outcome.refusal).toBeDefined();
        if (outcome.refusal !== undefined) expect(outcome.image.toSnapshot()).toEqual(afterFirst.applyBatch([], outcome.image.lastAppliedOffset).toSnapshot());
        checkClusterInvariants(outcome.image);
      }),
      { numRuns: 300 },
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
