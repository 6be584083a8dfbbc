import type { BrokerClient } from '../broker/broker-client';
import { BrokerError } from '../errors/client-errors';
import type { Cluster } from './cluster';
import type { PartitionInfo } from './metadata-cache';

export interface PartitionLeader {
  readonly client: BrokerClient;
  readonly info: PartitionInfo;
}

/**
 * The client of a partition's leader, from cached metadata (fetched first if the topic is
 * unknown). A partition without a known leader is `LEADER_NOT_AVAILABLE`, retriable: the
 * caller refreshes metadata and tries again.
 */
export async function partitionLeader(cluster: Cluster, topic: string, partition: number): Promise<PartitionLeader> {
  const topicInfo = await cluster.ensureTopic(topic);
  const info = topicInfo.partitions[partition];
  if (info === undefined) throw new BrokerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${topic} has no partition ${partition} (it has ${topicInfo.partitions.length})`, '');
  const client = info.leader >= 0 ? cluster.brokerClient(info.leader) : undefined;
  if (client === undefined) throw new BrokerError('LEADER_NOT_AVAILABLE', `${topic}-${partition} has no known leader`, '');
  return { client, info };
}
