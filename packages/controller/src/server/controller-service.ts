import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '@samsa/common';
import type { ConfigResourceType } from '@samsa/metadata';
import { type ControllerWire, SamsaError } from '@samsa/protocol';
import type { PeerAddress } from 'raft-ts';
import { alterConfigs } from '../controller-logic/alter-configs';
import { alterPartitions } from '../controller-logic/alter-partitions';
import { registerBroker } from '../controller-logic/broker-registration';
import { createPartitions } from '../controller-logic/partition-increase';
import { alterPartitionReassignment, listPartitionReassignments } from '../controller-logic/partition-reassignment';
import { allocateProducerIds } from '../controller-logic/producer-id-allocation';
import { createTopics } from '../controller-logic/topic-creation';
import { deleteTopic } from '../controller-logic/topic-deletion';
import { describeCluster, describeTopics, partitionToWire } from './describe';
import { serveFetchMetadata } from './metadata-stream';
import type { MetadataStateMachine } from './metadata-state-machine';
import type { QuorumController } from './quorum-controller';
import { NO_ERROR, toWireError } from './wire-errors';

export interface ControllerServiceContext {
  readonly controller: QuorumController;
  readonly stateMachine: MetadataStateMachine;
  readonly clusterId: string;
  readonly quorum: readonly PeerAddress[];
  readonly logger: Logger;
}

/**
 * The Controller service's handlers: each maps its request onto a decision function run by
 * the QuorumController and its answer (or typed error) back onto the response message.
 * Errors travel inside responses, never as gRPC statuses, so clients read one shape.
 */
export function controllerHandlers(context: ControllerServiceContext): ControllerWire.ControllerHandlers {
  const { controller, logger } = context;
  /**
   * A unary method as an async function of its request. Whatever it throws, synchronously
   * too (NOT_CONTROLLER), becomes the response's `error`; success answers `error` unset.
   * Request and Response come from ControllerHandlers (the generated service), never from `handle`.
   */
  const unary =
    <Request, Response extends object>(handle: (request: Request) => Promise<NoInfer<Response>>): grpc.handleUnaryCall<Request, Response | { error: ControllerWire.Error__Output }> =>
    (call, callback) => {
      Promise.resolve()
        .then(() => handle(call.request))
        .then(
          (response) => callback(null, { error: NO_ERROR, ...response }),
          (error: unknown) => callback(null, { error: toWireError(error, logger) }),
        );
    };
  return {
    RegisterBroker: unary((request) =>
      controller.write((image) =>
        registerBroker(image, {
          brokerId: request.brokerId,
          incarnationId: request.incarnationId,
          listeners: request.listeners.map((listener) => ({ name: listener.name, host: listener.host, port: listener.port })),
          rack: request.rack === '' ? null : request.rack,
          previousBrokerEpoch: request.previousBrokerEpoch,
        }),
      ),
    ),
    BrokerHeartbeat: unary((request) =>
      controller.brokerHeartbeat({
        brokerId: request.brokerId,
        brokerEpoch: request.brokerEpoch,
        currentMetadataOffset: request.currentMetadataOffset,
        wantShutdown: request.wantShutdown,
        // Absent only from a hand-made request (tests); the wire always has the list.
        recoveringReplicas: (request.recoveringReplicas ?? []).map((log) => ({ topicId: log.topicId, partition: log.partition, lastEpoch: log.lastEpoch, logEndOffset: log.logEndOffset })),
      }),
    ),
    CreateTopics: unary(async (request) => {
      const outcomes = await controller.write((image) =>
        createTopics(
          image,
          request.topics.map((topic) => ({
            name: topic.name,
            partitionCount: topic.partitions,
            replicationFactor: topic.replicationFactor,
            configs: Object.fromEntries(topic.configs.map((config) => [config.key, config.value])),
          })),
        ),
      );
      return {
        topics: outcomes.map((outcome) =>
          'error' in outcome
            ? { name: outcome.name, topicId: '', error: toWireError(outcome.error, logger) }
            : { name: outcome.name, topicId: outcome.topicId, error: NO_ERROR },
        ),
      };
    }),
    DeleteTopics: unary(async (request) => {
      const topics: ControllerWire.TopicResult__Output[] = [];
      for (const name of request.names) {
        try {
          await controller.write((image) => deleteTopic(image, name));
          topics.push({ name, error: NO_ERROR });
        } catch (error) {
          if (error instanceof SamsaError && error.code === 'NOT_CONTROLLER') throw error;
          topics.push({ name, error: toWireError(error, logger) });
        }
      }
      return { topics };
    }),
    CreatePartitions: unary(async (request) => {
      await controller.write((image) => createPartitions(image, { name: request.name, partitionCount: request.partitions }));
      return {};
    }),
    AlterConfigs: unary(async (request) => {
      const resourceType = request.resourceType as ConfigResourceType;
      if (resourceType !== 'topic' && resourceType !== 'broker') {
        throw new SamsaError('INVALID_REQUEST', `resource type must be topic or broker, got "${request.resourceType}"`);
      }
      const changes = request.changes.map((change) => ({ key: change.key, value: change.hasValue ? change.value : null }));
      await controller.write((image) => alterConfigs(image, { resourceType, name: request.name, changes }));
      return {};
    }),
    AlterPartition: unary(async (request) => {
      const outcomes = await controller.write((image) =>
        alterPartitions(image, {
          brokerId: request.brokerId,
          brokerEpoch: request.brokerEpoch,
          partitions: request.partitions.map((change) => ({
            topicId: change.topicId,
            partition: change.partition,
            leaderEpoch: change.leaderEpoch,
            partitionEpoch: change.partitionEpoch,
            newIsr: change.newIsr,
            newIsrWithEpochs: change.newIsrWithEpochs.map((member) => ({ brokerId: member.brokerId, brokerEpoch: member.brokerEpoch })),
          })),
        }),
      );
      return {
        partitions: outcomes.map((outcome) =>
          'error' in outcome
            ? { topicId: outcome.topicId, partition: outcome.partition, error: toWireError(outcome.error, logger), state: null }
            : { topicId: outcome.topicId, partition: outcome.partition, error: NO_ERROR, state: partitionToWire(controller.image.topicById(outcome.topicId)?.name ?? '', outcome.state) },
        ),
      };
    }),
    AlterPartitionReassignments: unary(async (request) => {
      const partitions: ControllerWire.ReassignmentResult__Output[] = [];
      for (const item of request.partitions) {
        try {
          await controller.write((image) =>
            alterPartitionReassignment(image, { topicName: item.topic, partition: item.partition, targetReplicas: item.replicas.length === 0 ? null : item.replicas }),
          );
          partitions.push({ topic: item.topic, partition: item.partition, error: NO_ERROR });
        } catch (error) {
          if (error instanceof SamsaError && error.code === 'NOT_CONTROLLER') throw error;
          partitions.push({ topic: item.topic, partition: item.partition, error: toWireError(error, logger) });
        }
      }
      return { partitions };
    }),
    ListPartitionReassignments: unary(async () => {
      const ongoing = await controller.read((image) => listPartitionReassignments(image));
      return { reassignments: ongoing.map((item) => ({ topic: item.topicName, partition: item.partition, replicas: [...item.replicas], addingReplicas: [...item.addingReplicas], removingReplicas: [...item.removingReplicas] })) };
    }),
    AllocateProducerIds: unary(async (request) => {
      const block = await controller.write((image) => allocateProducerIds(image, { brokerId: request.brokerId, brokerEpoch: request.brokerEpoch }));
      return { producerIdStart: Number(block.firstProducerId), producerIdCount: block.size };
    }),
    DescribeCluster: unary(async () => describeCluster(context)),
    DescribeTopics: unary(async (request) => controller.read((image) => describeTopics(image, request.names, logger))),
    FetchMetadata: (call) => serveFetchMetadata(call, context.stateMachine, controller, logger),
  };
}
