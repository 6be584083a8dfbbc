import { type MetadataImage, type MetadataRecord, partitionChange, type PartitionChangeRecord } from '@samsa/metadata';
import { type ControllerResult, imageAfter } from './controller-result';
import { electionRules, withLeaderIfOffline, withoutBroker } from './leader-election';

/**
 * Fencing and unfencing. A fenced broker leaves every ISR (for the ELR when the ISR falls
 * below min.insync.replicas, KIP-966; the ISR may become empty), and each partition it led
 * elects a new leader from the rest of its ISR, or from its ELR (leader epoch bumped by
 * applying the change), or goes offline. All of it is one atomic batch, so no reader of the
 * log ever sees a fenced broker still leading.
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
 * must already treat the broker as ineligible (fenced, or about to be removed). With
 * `forget` (unregistration) it also leaves every ELR and joins none.
 */
export function changesWithout(image: MetadataImage, brokerId: number, options: { readonly forget?: boolean } = {}): PartitionChangeRecord[] {
  return image.partitionsWithReplica(brokerId).flatMap((partition) => {
    const change = partitionChange(partition, withoutBroker(partition, brokerId, electionRules(image, partition.topicId), options));
    return change === null ? [] : [change];
  });
}

/**
 * Unfences a caught-up broker; every offline partition it can now lead (it is in the ELR,
 * or unclean election is on) gets it as leader in the same batch. Elected so, it has just
 * shown it is alive, and holds every acknowledged record: the last known ELR is dropped.
 */
export function unfenceBroker(image: MetadataImage, brokerId: number): ControllerResult<void> {
  const broker = image.broker(brokerId);
  if (broker === undefined || !broker.fenced) return { records: [], response: undefined };
  const unfence: MetadataRecord = { type: 'UnfenceBroker', brokerId, brokerEpoch: broker.brokerEpoch };
  const unfenced = imageAfter(image, [unfence]);
  const elections = unfenced.partitionsWithReplica(brokerId).flatMap((partition) => {
    const change = partitionChange(partition, withLeaderIfOffline(partition, electionRules(unfenced, partition.topicId), brokerId));
    return change === null ? [] : [change];
  });
  return { records: [unfence, ...elections], response: undefined };
}
