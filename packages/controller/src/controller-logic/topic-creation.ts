import type { ConfigRecord, MetadataImage, MetadataRecord, PartitionRecord } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { type ControllerResult, imageAfter } from './controller-result';
import { PARTITION_COUNT_PER_TOPIC_MAX } from './defaults';
import { placeReplicas } from './replica-placement';
import { deriveTopicId } from './topic-id';
import { validateTopicConfig } from './topic-configs';
import { collidingTopicName, validateTopicName } from './topic-name';

export interface CreateTopicRequest {
  readonly name: string;
  readonly partitionCount: number;
  readonly replicationFactor: number;
  readonly configs?: Readonly<Record<string, string>>;
  /** The id to give the topic; derived deterministically when absent (see `topic-id.ts`). */
  readonly topicId?: string;
}

export interface CreateTopicResponse {
  readonly topicId: string;
}

/**
 * Creates a topic: validates the name, partition count, replication factor and configs
 * (each failure a typed error, nothing written), places replicas over the unfenced brokers,
 * and returns the Topic record, its Config records and one Partition record per partition.
 * Every replica starts in the ISR and the first replica leads at leader epoch 0.
 */
export function createTopic(image: MetadataImage, request: CreateTopicRequest): ControllerResult<CreateTopicResponse> {
  validateTopicName(request.name);
  if (image.topic(request.name) !== undefined) {
    throw new SamsaError('TOPIC_ALREADY_EXISTS', `topic ${request.name} already exists`);
  }
  const collision = collidingTopicName(image, request.name);
  if (collision !== undefined) {
    throw new SamsaError('INVALID_TOPIC_EXCEPTION', `topic ${request.name} collides with existing topic ${collision}`);
  }
  validatePartitionCount(request.partitionCount);
  const assignments = replicaPlacementFor(image, request.replicationFactor, request.partitionCount);
  const configs = Object.entries(request.configs ?? {});
  for (const [key, value] of configs) validateTopicConfig(key, value);

  const topicId = request.topicId ?? deriveTopicId(image, request.name);
  if (image.topicById(topicId) !== undefined) throw new SamsaError('INVALID_REQUEST', `topic id ${topicId} is in use`);
  const records: MetadataRecord[] = [
    { type: 'Topic', name: request.name, topicId },
    ...configs.map(([key, value]): ConfigRecord => ({ type: 'Config', resourceType: 'topic', name: request.name, key, value })),
    ...assignments.map((replicas, partition) => newPartition(topicId, partition, replicas)),
  ];
  return { records, response: { topicId } };
}

/** The outcome of one topic in a `createTopics` request. */
export type CreateTopicOutcome =
  | { readonly name: string; readonly topicId: string }
  | { readonly name: string; readonly error: SamsaError };

/**
 * Creates several topics, each decided against the image the earlier ones leave; a topic
 * that fails is reported and the others still go ahead (Kafka's per-topic results).
 */
export function createTopics(
  image: MetadataImage,
  requests: readonly CreateTopicRequest[],
): ControllerResult<readonly CreateTopicOutcome[]> {
  const records: MetadataRecord[] = [];
  const outcomes: CreateTopicOutcome[] = [];
  let current = image;
  for (const request of requests) {
    try {
      const result = createTopic(current, request);
      records.push(...result.records);
      current = imageAfter(current, result.records);
      outcomes.push({ name: request.name, topicId: result.response.topicId });
    } catch (error) {
      if (!(error instanceof SamsaError)) throw error;
      outcomes.push({ name: request.name, error });
    }
  }
  return { records, response: outcomes };
}

export function newPartition(topicId: string, partition: number, replicas: readonly number[]): PartitionRecord {
  return {
    type: 'Partition',
    topicId,
    partition,
    replicas,
    isr: replicas,
    leader: replicas[0] as number,
    leaderEpoch: 0,
    partitionEpoch: 0,
    addingReplicas: [],
    removingReplicas: [],
  };
}

export function validatePartitionCount(partitionCount: number): void {
  if (!Number.isSafeInteger(partitionCount) || partitionCount < 1 || partitionCount > PARTITION_COUNT_PER_TOPIC_MAX) {
    throw new SamsaError(
      'INVALID_PARTITIONS',
      `partition count must be an integer in [1, ${PARTITION_COUNT_PER_TOPIC_MAX}], got ${partitionCount}`,
    );
  }
}

/**
 * Replica lists for `partitionCount` new partitions over the unfenced brokers, continuing
 * the cluster's leader rotation; INVALID_REPLICATION_FACTOR when there are too few brokers.
 */
export function replicaPlacementFor(image: MetadataImage, replicationFactor: number, partitionCount: number): number[][] {
  const brokers = image.unfencedBrokers();
  if (!Number.isSafeInteger(replicationFactor) || replicationFactor < 1) {
    throw new SamsaError('INVALID_REPLICATION_FACTOR', `replication factor must be at least 1, got ${replicationFactor}`);
  }
  if (replicationFactor > brokers.length) {
    throw new SamsaError(
      'INVALID_REPLICATION_FACTOR',
      `replication factor ${replicationFactor} is larger than the ${brokers.length} available (unfenced) brokers`,
    );
  }
  return placeReplicas(brokers, { partitionCount, replicationFactor, startIndex: image.allPartitions().length });
}
