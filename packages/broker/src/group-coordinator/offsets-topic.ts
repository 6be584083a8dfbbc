// The internal topic that holds every group's membership and committed offsets (Kafka's
// __consumer_offsets). A group lives in one partition, picked by a hash of its id, and that
// partition's leader is the group's coordinator.
import type { ControllerWire } from '@samsa/protocol';

export const OFFSETS_TOPIC = '__consumer_offsets';

/**
 * Partitions of the topic when a broker creates it (Redpanda's default; Kafka's is 50). It
 * bounds how far group coordination spreads over brokers; more partitions only cost idle
 * replicas here.
 */
export const OFFSETS_TOPIC_PARTITIONS_DEFAULT = 16;

/**
 * The partition of `groupId`: Java's String.hashCode of the id, made non-negative as Kafka's
 * `Utils.abs` does, modulo the partition count. The same id maps to the same partition as
 * long as the topic keeps its partition count (it is never grown by Samsa).
 */
export function partitionForGroup(groupId: string, partitionCount: number): number {
  let hash = 0;
  for (let index = 0; index < groupId.length; index++) hash = (Math.imul(hash, 31) + groupId.charCodeAt(index)) | 0;
  return (hash & 0x7fffffff) % partitionCount;
}

/**
 * The topic as a broker asks the controller to create it on first use, replicated on
 * min(3, live brokers), kept forever (retention would drop committed offsets; the coordinator
 * bounds the log itself, see coordinator-shard.ts), and committed by two replicas where there
 * are three, so an acknowledged commit survives the loss of any one broker.
 */
export function offsetsTopicCreation(partitions: number, replicationFactor: number): ControllerWire.CreateTopicsRequest {
  return {
    topics: [
      {
        name: OFFSETS_TOPIC,
        partitions,
        replicationFactor,
        configs: [
          { key: 'retention.ms', value: '-1' },
          { key: 'retention.bytes', value: '-1' },
          { key: 'min.insync.replicas', value: String(Math.min(2, replicationFactor)) },
        ],
      },
    ],
  };
}
