import { partitionForKey } from './murmur2';

/**
 * Where a record goes, Kafka's way: an explicit `partition` wins; a keyed record goes to
 * `toPositive(murmur2(key)) % partitionCount`, so the same key lands on the same partition
 * as with the Java client and kafkajs; a keyless record goes to the topic's sticky
 * partition (KIP-480), which changes only once the batch it was filling has closed or been
 * sent, so keyless traffic fills large batches instead of many small ones.
 */

export interface PartitionRequest {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly partitionCount: number;
  /** Partitions that currently have a leader (ascending); empty when none do. */
  readonly availablePartitions: readonly number[];
}

/** A custom partitioner: returns a partition in [0, partitionCount). */
export type PartitionerFunction = (request: PartitionRequest) => number;

/** Whether `partition` has an open batch that takes a record of `sizeBytes`. */
export type OpenBatchProbe = (partition: number, sizeBytes: number) => boolean;

/** Chooses, per topic, one partition for keyless records and keeps it while its batch is open. */
export class StickyPartitioner {
  private readonly sticky = new Map<string, { partition: number; fresh: boolean }>();

  constructor(private readonly random: () => number = Math.random) {}

  /**
   * `hasOpenBatch(p, sizeBytes)` says whether partition p still has a batch that takes a
   * record of `sizeBytes`. The choice stays until that batch closes; the first record after
   * a switch opens it.
   */
  partition(topic: string, partitionCount: number, availablePartitions: readonly number[], hasOpenBatch: OpenBatchProbe, sizeBytes = 0): number {
    const current = this.sticky.get(topic);
    if (current !== undefined && current.partition < partitionCount && (current.fresh || hasOpenBatch(current.partition, sizeBytes))) {
      current.fresh = false;
      return current.partition;
    }
    const partition = this.choose(partitionCount, availablePartitions, current?.partition);
    this.sticky.set(topic, { partition, fresh: false });
    return partition;
  }

  /** A different partition from `previous` when there is one, preferring those with leaders. */
  private choose(partitionCount: number, availablePartitions: readonly number[], previous: number | undefined): number {
    const pool = availablePartitions.length > 0 ? availablePartitions : Array.from({ length: partitionCount }, (_, index) => index);
    if (pool.length === 1) return pool[0] as number;
    const candidates = previous === undefined ? pool : pool.filter((partition) => partition !== previous);
    return candidates[Math.floor(this.random() * candidates.length)] as number;
  }
}

export class DefaultPartitioner {
  private readonly stickyPartitioner: StickyPartitioner;

  constructor(
    random: () => number = Math.random,
    private readonly custom?: PartitionerFunction,
  ) {
    this.stickyPartitioner = new StickyPartitioner(random);
  }

  partition(request: PartitionRequest, explicitPartition: number | undefined, hasOpenBatch: OpenBatchProbe, sizeBytes = 0): number {
    const { topic, partitionCount } = request;
    if (explicitPartition !== undefined) return checkPartition(topic, explicitPartition, partitionCount, 'record.partition');
    if (this.custom !== undefined) return checkPartition(topic, this.custom(request), partitionCount, 'the partitioner');
    if (request.key !== null) return partitionForKey(request.key, partitionCount);
    return this.stickyPartitioner.partition(topic, partitionCount, request.availablePartitions, hasOpenBatch, sizeBytes);
  }
}

export function checkPartition(topic: string, partition: number, partitionCount: number, source: string): number {
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitionCount) {
    throw new RangeError(`${source}: partition ${partition} of topic ${topic} is not in [0, ${partitionCount})`);
  }
  return partition;
}
