import { type MetadataImage, type MetadataRecord, partitionChange, type PartitionChangeRecord } from '@samsa/metadata';
import { type ControllerResult, imageAfter } from './controller-result';
import { electionRules, withLeaderIfOffline, withoutBroker } from './leader-election';

/**
 * Fencing and unfencing. A fenced broker leaves every ISR it is not the last member of,
 * and each partition it led elects a new leader from the rest of its ISR (leader epoch
 * bumped by applying the change), or goes offline. All of it is one atomic batch, so no
 * reader of the log ever sees a fenced broker still leading.
 */
export function fenceBroker(image: MetadataImage, brokerId: number): ControllerResult<void> {
  const broker = image.broker(brokerId);
  if (broker === undefined || broker.fenced) return { records: [], response: undefined };
  const fence: MetadataRecord = { type: 'FenceBroker', brokerId, brokerEpoch: broker.brokerEpoch };
  return { records: [fence, ...changesWithout(imageAfter(image, [fence]), brokerId)], response: undefined };
}

/** Fences each broker in turn, each decision made against the image the earlier ones left. */
export function fenceBrokers(image: MetadataImage, brokerIds: readonly number[]): ControllerResult<void> {
  const records: MetadataRecord[] = [];
  let current = image;
  for (const brokerId of brokerIds) {
    const result = fenceBroker(current, brokerId);
    records.push(...result.records);
    current = imageAfter(current, result.records);
  }
  return { records, response: undefined };
}

/**
 * The partition changes that take `brokerId` out of every ISR and leadership. `image`
 * must already treat the broker as ineligible (fenced, or about to be removed).
 */
export function changesWithout(image: MetadataImage, brokerId: number): PartitionChangeRecord[] {
  return image.partitionsWithReplica(brokerId).flatMap((partition) => {
    const change = partitionChange(partition, withoutBroker(partition, brokerId, electionRules(image, partition.topicId)));
    return change === null ? [] : [change];
  });
}

/**
 * Unfences a caught-up broker; every offline partition it can now lead (it is in the ISR,
 * or unclean election is on) gets it as leader in the same batch.
 */
export function unfenceBroker(image: MetadataImage, brokerId: number): ControllerResult<void> {
  const broker = image.broker(brokerId);
  if (broker === undefined || !broker.fenced) return { records: [], response: undefined };
  const unfence: MetadataRecord = { type: 'UnfenceBroker', brokerId, brokerEpoch: broker.brokerEpoch };
  const unfenced = imageAfter(image, [unfence]);
  const elections = unfenced.partitionsWithReplica(brokerId).flatMap((partition) => {
    const change = partitionChange(partition, withLeaderIfOffline(partition, electionRules(unfenced, partition.topicId)));
    return change === null ? [] : [change];
  });
  return { records: [unfence, ...elections], response: undefined };
}
