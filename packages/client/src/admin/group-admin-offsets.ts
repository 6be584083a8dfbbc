import type { Cluster } from '../cluster/cluster';
import { listOffsets, type OffsetSpec } from '../cluster/list-offsets';
import type { RetryOptions } from '../errors/retry';

/**
 * Partition counts of `topics` straight from a broker's metadata (not the cache): a topic
 * that does not exist is absent from the map. Admin answers must not retry on an unknown
 * topic the way produce does, so existence is settled here once.
 */
export async function partitionCounts(cluster: Cluster, topics: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (topics.length === 0) return counts;
  const response = await cluster.fetchMetadata([...new Set(topics)]);
  for (const topic of response.topics) if (topic.errorCode === 0) counts.set(topic.name, topic.partitions.length);
  return counts;
}

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** One ListOffsets answer per partition, asked in parallel, keyed by `partitionKey`. */
export async function offsetsOf(cluster: Cluster, retry: RetryOptions, partitions: readonly PartitionOffset[], spec: OffsetSpec): Promise<Map<string, bigint>> {
  const answers = await Promise.all(partitions.map(async ({ topic, partition }) => [partitionKey(topic, partition), await listOffsets(cluster, retry, topic, partition, spec)] as const));
  return new Map(answers);
}
