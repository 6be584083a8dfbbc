import type { Logger } from '@samsa/common';
import type { MetadataImage, PartitionState } from '@samsa/metadata';
import { type ControllerWire, SamsaError } from '@samsa/protocol';
import type { ControllerServiceContext } from './controller-service';
import { NO_ERROR, toWireError } from './wire-errors';

export function partitionToWire(topic: string, partition: PartitionState): ControllerWire.PartitionState__Output {
  return {
    topic,
    topicId: partition.topicId,
    partition: partition.partition,
    leader: partition.leader,
    leaderEpoch: partition.leaderEpoch,
    partitionEpoch: partition.partitionEpoch,
    replicas: [...partition.replicas],
    isr: [...partition.isr],
    addingReplicas: [...partition.addingReplicas],
    removingReplicas: [...partition.removingReplicas],
    elr: [...partition.elr],
    lastKnownElr: [...partition.lastKnownElr],
  };
}

/** Who the controllers and brokers are; any controller answers, from what it has applied. */
export function describeCluster(context: ControllerServiceContext): Omit<ControllerWire.DescribeClusterResponse__Output, 'error'> {
  const image = context.stateMachine.image;
  const leader = context.controller.leaderAddress();
  return {
    clusterId: context.clusterId,
    controllers: context.quorum.map((peer) => ({ id: peer.id, address: `${peer.host}:${peer.port}`, leader: peer.id === leader?.id })),
    brokers: [...image.brokers.values()]
      .sort((a, b) => a.brokerId - b.brokerId)
      .map((broker) => {
        const listener = broker.listeners[0];
        return { id: broker.brokerId, address: listener === undefined ? '' : `${listener.host}:${listener.port}`, rack: broker.rack ?? '', fenced: broker.fenced, brokerEpoch: broker.brokerEpoch };
      }),
    metadataOffset: image.lastAppliedOffset,
  };
}

/** Topics by name (every topic when `names` is empty), with partitions and configs. */
export function describeTopics(image: MetadataImage, names: readonly string[], logger: Logger): Omit<ControllerWire.DescribeTopicsResponse__Output, 'error'> {
  const wanted = names.length === 0 ? image.topicNames() : names;
  return {
    topics: wanted.map((name) => {
      const topic = image.topic(name);
      if (topic === undefined) {
        const error = toWireError(new SamsaError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} does not exist`), logger);
        return { name, topicId: '', partitions: [], configs: [], error };
      }
      const configs = [...(image.topicConfig(name) ?? new Map<string, string>()).entries()].map(([key, value]) => ({ key, value }));
      return { name, topicId: topic.topicId, partitions: topic.partitions.map((partition) => partitionToWire(name, partition)), configs, error: NO_ERROR };
    }),
  };
}
