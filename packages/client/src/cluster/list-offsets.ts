import { BrokerError, refreshesMetadata } from '../errors/client-errors';
import { withRetry, type RetryOptions } from '../errors/retry';
import type { Cluster } from './cluster';
import { partitionLeader } from './partition-leader';

/** 'earliest' (log start), 'latest' (high watermark: the next offset), or a time in ms. */
export type OffsetSpec = 'earliest' | 'latest' | number;

const LATEST_TIMESTAMP = -1;
const EARLIEST_TIMESTAMP = -2;

/**
 * Asks the partition's leader for an offset: the earliest, the latest (the offset the next
 * record will get), or the first offset whose timestamp is at or after `spec` ms (-1n when
 * there is none). Retries retriable errors with a metadata refresh between attempts.
 */
export function listOffsets(cluster: Cluster, retry: RetryOptions, topic: string, partition: number, spec: OffsetSpec): Promise<bigint> {
  const timestamp = spec === 'earliest' ? EARLIEST_TIMESTAMP : spec === 'latest' ? LATEST_TIMESTAMP : spec;
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || (timestamp < 0 && typeof spec === 'number')) {
    throw new RangeError(`listOffsets: expected 'earliest', 'latest' or a timestamp in ms, got ${String(spec)}`);
  }
  if (!Number.isInteger(partition) || partition < 0) throw new RangeError(`listOffsets: partition must be a non-negative integer, got ${partition}`);
  return withRetry(
    async () => {
      const { client, info } = await partitionLeader(cluster, topic, partition);
      const response = await client.listOffsets({
        isolationLevel: 0,
        topics: [{ name: topic, partitions: [{ partition, timestamp: String(timestamp), currentLeaderEpoch: info.leaderEpoch }] }],
      });
      const result = response.topics.find((entry) => entry.name === topic)?.partitions.find((entry) => entry.partition === partition);
      if (result === undefined) throw new BrokerError('UNKNOWN_SERVER_ERROR', `ListOffsets on ${client.address} gave no result for ${topic}-${partition}`, client.address);
      if (result.errorCode !== 0) throw BrokerError.ofCode(result.errorCode, `ListOffsets ${topic}-${partition} on ${client.address}`, client.address);
      return BigInt(result.offset);
    },
    retry,
    {
      isCancelled: () => cluster.isClosed,
      onRetry: async (error) => {
        if (refreshesMetadata(error)) await cluster.refreshMetadata().catch(() => undefined);
      },
    },
  );
}
