import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '@samsa/common';
import type { ControllerClient, MetadataImage } from '@samsa/metadata';
import { type BrokerWire, type ControllerWire, ErrorCodes, SamsaError } from '@samsa/protocol';
import type { BrokerMetrics } from './broker-metrics';
import { handleFetch } from './fetch-handler';
import type { PartitionSignals } from './partition-signals';
import { handleProduce } from './produce-handler';
import { ProducerIdPool } from './producer-id-pool';
import type { ReplicaManager } from './replica-manager';
import type { Clock } from '../time/clock';

export interface BrokerServiceContext {
  readonly clusterId: string;
  readonly replicas: ReplicaManager;
  readonly signals: PartitionSignals;
  readonly controller: ControllerClient;
  readonly image: () => MetadataImage;
  readonly producerIds: ProducerIdPool;
  readonly logger: Logger;
  readonly metrics?: BrokerMetrics;
  /** Handed to the produce and fetch handlers; the real clock unless a test passes a manual one. */
  readonly clock?: Clock;
}

/** The request-wide error field of a response, from what a handler threw. */
function wireError(error: unknown, logger: Logger): ControllerWire.Error__Output {
  if (error instanceof SamsaError) return { code: error.errorCode, name: error.code, message: error.message, leader: null };
  logger.error({ err: error }, 'broker request failed unexpectedly');
  return { code: -1, name: 'UNKNOWN_SERVER_ERROR', message: error instanceof Error ? error.message : String(error), leader: null };
}

/**
 * The client-facing Broker service. Produce and Fetch carry RecordBatch bytes untouched;
 * Metadata and ListOffsets answer from this broker's image and logs; admin calls go to the
 * active controller through the controller client, which follows its leader.
 */
export function brokerHandlers(context: BrokerServiceContext): BrokerWire.BrokerHandlers {
  const { controller, logger } = context;
  /**
   * A unary method as an async function of its request; a throw answers INTERNAL. Request
   * and Response come from BrokerHandlers (the generated service), never from `handle`.
   */
  const unary =
    <Request, Response>(handle: (request: Request) => Promise<NoInfer<Response>>): grpc.handleUnaryCall<Request, Response> =>
    (call, callback) => {
      Promise.resolve()
        .then(() => handle(call.request))
        .then(
          (response) => callback(null, response),
          (error: unknown) => {
            logger.error({ err: error, method: call.getPath() }, 'broker handler failed');
            callback({ code: 13, message: error instanceof Error ? error.message : String(error) } as grpc.ServiceError, null);
          },
        );
    };
  /** An admin call, handed to the active controller; its failure is the response's `error`. */
  const forward =
    <Request, Response>(send: (request: Request) => Promise<Response>) =>
    async (request: Request): Promise<Response | { error: ControllerWire.Error__Output }> => {
      try {
        return await send(request);
      } catch (error) {
        return { error: wireError(error, logger) };
      }
    };
  return {
    Metadata: unary(async (request) => metadata(request.topics, context)),
    Produce: unary((request) => handleProduce(request, context)),
    Fetch: unary((request) => handleFetch(request, context)),
    ListOffsets: unary((request) => listOffsets(request, context)),
    InitProducerId: unary(async (): Promise<BrokerWire.InitProducerIdResponse> => {
      try {
        return { errorCode: 0, errorMessage: '', producerId: await context.producerIds.next(), producerEpoch: 0 };
      } catch (error) {
        const code = error instanceof SamsaError ? error.errorCode : ErrorCodes.UNKNOWN_SERVER_ERROR.code;
        return { errorCode: code, errorMessage: (error as Error).message, producerId: -1, producerEpoch: -1 };
      }
    }),
    CreateTopics: unary(forward((request) => controller.createTopics(request))),
    DeleteTopics: unary(forward((request) => controller.deleteTopics(request))),
    CreatePartitions: unary(forward((request) => controller.createPartitions(request))),
    AlterConfigs: unary(forward((request) => controller.alterConfigs(request))),
    AlterPartitionReassignments: unary(forward((request) => controller.alterPartitionReassignments(request))),
    ListPartitionReassignments: unary(forward(() => controller.listPartitionReassignments())),
    DescribeCluster: unary(forward(() => controller.describeCluster())),
    DescribeTopics: unary(forward((request) => controller.describeTopics(request))),
  };
}

function metadata(names: readonly string[], context: BrokerServiceContext): BrokerWire.MetadataResponse__Output {
  const image = context.image();
  const brokers = [...image.brokers.values()]
    .filter((broker) => !broker.fenced)
    .map((broker) => ({ id: broker.brokerId, host: broker.listeners[0]?.host ?? '', port: broker.listeners[0]?.port ?? 0, rack: broker.rack ?? '' }));
  const wanted = names.length === 0 ? image.topicNames() : names;
  const topics = wanted.map((name) => {
    const topic = image.topic(name);
    if (topic === undefined) return { errorCode: ErrorCodes.UNKNOWN_TOPIC_OR_PARTITION.code, name, topicId: '', partitions: [] };
    return {
      errorCode: 0,
      name,
      topicId: topic.topicId,
      partitions: topic.partitions.map((partition) => ({
        errorCode: partition.leader < 0 ? ErrorCodes.LEADER_NOT_AVAILABLE.code : 0,
        partition: partition.partition,
        leader: partition.leader,
        leaderEpoch: partition.leaderEpoch,
        replicas: [...partition.replicas],
        isr: [...partition.isr],
      })),
    };
  });
  return { clusterId: context.clusterId, controllerId: -1, brokers, topics };
}

async function listOffsets(request: BrokerWire.ListOffsetsRequest__Output, context: BrokerServiceContext): Promise<BrokerWire.ListOffsetsResponse__Output> {
  const topics: BrokerWire.ListOffsetsTopicResponse__Output[] = [];
  for (const topic of request.topics) {
    const partitions: BrokerWire.ListOffsetsPartitionResponse__Output[] = [];
    for (const wanted of topic.partitions) {
      const replica = context.replicas.byTopicPartition(topic.name, wanted.partition);
      const fail = (code: keyof typeof ErrorCodes, message: string) => ({ partition: wanted.partition, errorCode: ErrorCodes[code].code, errorMessage: message, timestamp: -1, offset: -1, leaderEpoch: -1 });
      const offline = context.replicas.offlineReason(topic.name, wanted.partition);
      if (offline !== undefined) {
        partitions.push(fail('KAFKA_STORAGE_ERROR', offline));
        continue;
      }
      if (replica === undefined) {
        partitions.push(fail('UNKNOWN_TOPIC_OR_PARTITION', `this broker does not host ${topic.name}-${wanted.partition}`));
        continue;
      }
      const leader = replica.leader;
      if (leader === undefined) {
        partitions.push(fail('NOT_LEADER_OR_FOLLOWER', `this broker is not the leader of ${topic.name}-${wanted.partition}`));
        continue;
      }
      const log = replica.log;
      const ok = (offset: number, timestamp: number) => ({ partition: wanted.partition, errorCode: 0, errorMessage: '', timestamp, offset, leaderEpoch: leader.leaderEpoch });
      if (wanted.timestamp === -1) partitions.push(ok(log.highWatermark, -1));
      else if (wanted.timestamp === -2) partitions.push(ok(log.logStartOffset, -1));
      else {
        const found = await log.offsetForTimestamp(wanted.timestamp);
        partitions.push(found === undefined || found.offset >= log.highWatermark ? ok(-1, -1) : ok(found.offset, found.timestampMs));
      }
    }
    topics.push({ name: topic.name, partitions });
  }
  return { topics };
}
