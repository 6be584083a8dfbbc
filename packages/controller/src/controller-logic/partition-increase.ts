import { type MetadataImage, targetReplicas } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import type { ControllerResult } from './controller-result';
import { newPartition, replicaPlacementFor, validatePartitionCount } from './topic-creation';

/**
 * Grows a topic to `partitionCount` partitions (Kafka's CreatePartitions). Only growth:
 * shrinking would lose data and re-map keys, so an equal or smaller count is
 * INVALID_PARTITIONS. New partitions get the topic's replication factor (that of
 * partition 0's target replicas) and are placed like a new topic's.
 */
export function createPartitions(
  image: MetadataImage,
  request: { readonly name: string; readonly partitionCount: number },
): ControllerResult<void> {
  const topic = image.topic(request.name);
  if (topic === undefined) throw new SamsaError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${request.name} does not exist`);
  const current = topic.partitions.length;
  if (request.partitionCount <= current) {
    throw new SamsaError(
      'INVALID_PARTITIONS',
      `topic ${request.name} has ${current} partitions; the count can only increase, got ${request.partitionCount}`,
    );
  }
  validatePartitionCount(request.partitionCount);
  const replicationFactor = targetReplicas(topic.partitions[0] ?? { replicas: [], removingReplicas: [] }).length;
  const assignments = replicaPlacementFor(image, replicationFactor, request.partitionCount - current);
  const records = assignments.map((replicas, index) => newPartition(topic.topicId, current + index, replicas));
  return { records, response: undefined };
}
