import { performance } from 'node:perf_hooks';
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '@samsa/common';
import { type BrokerWire, ErrorCodes, OffsetOutOfRangeError, SamsaError } from '@samsa/protocol';
import { answerLeaderFetch } from '../partition/leader-fetch-answer';
import { ReplicaFetchSession } from './replica-fetch-session';
import type { BrokerMetrics } from '../server/broker-metrics';
import type { PartitionSignals } from '../server/partition-signals';
import { logEndKeyOf, type PartitionReplica } from '../server/partition-replica';
import type { ReplicaManager } from '../server/replica-manager';

const EMPTY: Buffer = Buffer.alloc(0);

/** Kafka's `replica.fetch.response.max.bytes`: records in one answer, across its partitions. */
export const REPLICA_FETCH_RESPONSE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The leader's side of replication: a follower's stream of fetch requests, each answered
 * exactly once, in order, as one fetch session (see ReplicaFetchSession). A partition's
 * answer is records from the follower's offset (the leader's whole log, not only below the
 * high watermark), the divergence point when the follower's last epoch does not match the
 * leader's log, a new high watermark or log start, or an error. A request that finds nothing
 * to say waits (up to max_wait_ms) for an append to any partition of the session.
 */
export function replicationHandlers(context: { replicas: ReplicaManager; signals: PartitionSignals; logger: Logger; metrics?: BrokerMetrics }): BrokerWire.ReplicationHandlers {
  return {
    Fetch: (call: grpc.ServerDuplexStream<BrokerWire.ReplicaFetchRequest__Output, BrokerWire.ReplicaFetchResponse>) => {
      const session = new ReplicaFetchSession();
      let queue = Promise.resolve();
      call.on('data', (request: BrokerWire.ReplicaFetchRequest__Output) => {
        queue = queue
          .then(() => answer(request, session, context, () => call.cancelled))
          .then((response) => {
            const metrics = context.metrics;
            if (metrics !== undefined) (response.partitions.some((partition) => partition.records.length > 0) ? metrics.replicaFetchesWithRecords : metrics.replicaFetches).inc();
            if (!call.cancelled) call.write(response);
          })
          .catch((error: unknown) => {
            context.logger.error({ err: error }, 'answering a replica fetch failed');
            call.destroy(error as Error);
          });
      });
      call.on('end', () => void queue.then(() => call.end()));
      call.on('error', () => undefined);
    },
  };
}

async function answer(
  request: BrokerWire.ReplicaFetchRequest__Output,
  session: ReplicaFetchSession,
  context: { replicas: ReplicaManager; signals: PartitionSignals },
  cancelled: () => boolean,
): Promise<BrokerWire.ReplicaFetchResponse__Output> {
  session.update(request);
  const maxBytes = request.maxBytes > 0 ? Math.min(request.maxBytes, REPLICA_FETCH_RESPONSE_MAX_BYTES) : REPLICA_FETCH_RESPONSE_MAX_BYTES;
  const answerOne = (partition: BrokerWire.ReplicaFetchPartition__Output, recordFetch: boolean) => answerPartition(request, partition, context.replicas, recordFetch);
  let partitions = session.collect(context.replicas, maxBytes, answerOne);
  const deadline = performance.now() + request.maxWaitMs;
  while (partitions.length === 0 && session.size > 0 && !cancelled()) {
    // Woken by an append or a leadership change, not by a high watermark move: the follower
    // learns the new high watermark from its next answer (Kafka's DelayedFetch does the same).
    // An append to a partition whose follower has not caught up with the last answer yet
    // has nothing to say either: wait on until the deadline.
    const remainingMs = Math.ceil(deadline - performance.now());
    if (remainingMs <= 0) break;
    const keys = [...session.keys()].map(logEndKeyOf);
    if (!(await context.signals.wait(keys, remainingMs))) break;
    partitions = session.collect(context.replicas, maxBytes, answerOne);
  }
  return { errorCode: 0, partitions };
}

/** `follower`: who fetches, and which registration of that broker (KIP-903's broker epoch). */
function answerPartition(
  follower: { readonly replicaId: number; readonly brokerEpoch: number },
  request: BrokerWire.ReplicaFetchPartition__Output,
  replicas: ReplicaManager,
  recordFetch: boolean,
): BrokerWire.ReplicaPartitionData__Output {
  const base = { topicId: request.topicId, partition: request.partition };
  const replica = replicas.get(`${request.topicId}:${request.partition}`);
  const leader = replica?.leader;
  if (replicas.offlineReasonOf(`${request.topicId}:${request.partition}`) !== undefined) {
    return { ...base, errorCode: ErrorCodes.KAFKA_STORAGE_ERROR.code, highWatermark: -1, logStartOffset: -1, divergingEpoch: null, records: EMPTY };
  }
  if (replica === undefined || leader === undefined) {
    return { ...base, errorCode: replica === undefined ? ErrorCodes.UNKNOWN_TOPIC_OR_PARTITION.code : ErrorCodes.NOT_LEADER_OR_FOLLOWER.code, highWatermark: -1, logStartOffset: -1, divergingEpoch: null, records: EMPTY };
  }
  const log = replica.log;
  const decision = answerLeaderFetch(
    { fetchOffset: request.fetchOffset, lastFetchedEpoch: request.lastFetchedEpoch, currentLeaderEpoch: request.currentLeaderEpoch },
    { leaderEpoch: leader.leaderEpoch, logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, endOffsetForEpoch: (epoch) => log.endOffsetForEpoch(epoch) },
  );
  if (decision.kind === 'error') return errorAnswer(base, replica, ErrorCodes[decision.error].code);
  if (decision.kind === 'diverging') {
    return { ...base, errorCode: 0, highWatermark: log.highWatermark, logStartOffset: log.logStartOffset, divergingEpoch: decision.divergingEpoch, records: EMPTY };
  }
  if (recordFetch) replicas.onFollowerFetch(replica, follower.replicaId, request.fetchOffset, follower.brokerEpoch);
  let records: Buffer = EMPTY;
  try {
    records = log.read(request.fetchOffset, { maxBytes: Math.max(1, request.partitionMaxBytes) }).records;
  } catch (error) {
    if (replicas.onLogError(replica, error)) return { ...base, errorCode: ErrorCodes.KAFKA_STORAGE_ERROR.code, highWatermark: -1, logStartOffset: -1, divergingEpoch: null, records: EMPTY };
    if (error instanceof OffsetOutOfRangeError) return errorAnswer(base, replica, ErrorCodes.OFFSET_OUT_OF_RANGE.code);
    if (error instanceof SamsaError) return errorAnswer(base, replica, error.errorCode);
    throw error;
  }
  return { ...base, errorCode: 0, highWatermark: log.highWatermark, logStartOffset: log.logStartOffset, divergingEpoch: null, records };
}

function errorAnswer(base: { topicId: string; partition: number }, replica: PartitionReplica, errorCode: number): BrokerWire.ReplicaPartitionData__Output {
  return { ...base, errorCode, highWatermark: replica.log.highWatermark, logStartOffset: replica.log.logStartOffset, divergingEpoch: null, records: EMPTY };
}
