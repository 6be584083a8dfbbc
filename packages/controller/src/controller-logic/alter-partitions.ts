import type { MetadataImage, MetadataRecord, PartitionState } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { alterPartition, type AlterPartitionRequest } from './alter-partition';
import { requireBrokerEpoch } from './broker-epoch';
import type { ControllerResult } from './controller-result';

/** One partition's ISR change inside a batched AlterPartition. */
export type PartitionIsrChange = Omit<AlterPartitionRequest, 'brokerId' | 'brokerEpoch'>;

/** What became of one partition of the batch: the partition as committed, or why not. */
export type PartitionIsrOutcome =
  | { readonly topicId: string; readonly partition: number; readonly state: PartitionState }
  | { readonly topicId: string; readonly partition: number; readonly error: SamsaError };

/**
 * Kafka's AlterPartition over many partitions of one leader (its AlterPartitionManager
 * batches what queued up while the previous request was in flight). The broker epoch is
 * checked once for the whole request; then each partition is decided on its own by
 * `alterPartition` and refused on its own. Partitions are independent, so all are decided
 * against the same image, and their records commit as one batch. A partition named twice
 * is refused the second time: the leader has one change in flight per partition.
 */
export function alterPartitions(
  image: MetadataImage,
  request: { readonly brokerId: number; readonly brokerEpoch: number; readonly partitions: readonly PartitionIsrChange[] },
): ControllerResult<PartitionIsrOutcome[]> {
  requireBrokerEpoch(image, request.brokerId, request.brokerEpoch);
  const records: MetadataRecord[] = [];
  const seen = new Set<string>();
  const outcomes = request.partitions.map((change): PartitionIsrOutcome => {
    const where = { topicId: change.topicId, partition: change.partition };
    const key = `${change.topicId}:${change.partition}`;
    if (seen.has(key)) return { ...where, error: new SamsaError('INVALID_REQUEST', `partition ${key} appears twice in one AlterPartition`) };
    seen.add(key);
    try {
      const result = alterPartition(image, { ...change, brokerId: request.brokerId, brokerEpoch: request.brokerEpoch });
      records.push(...result.records);
      return { ...where, state: result.response };
    } catch (error) {
      if (error instanceof SamsaError) return { ...where, error };
      throw error;
    }
  });
  return { records, response: outcomes };
}
