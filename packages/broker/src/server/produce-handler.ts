import { type BrokerWire, ErrorCodes, type ErrorName, SamsaError } from '@samsa/protocol';
import type { MetadataImage } from '@samsa/metadata';
import type { PartitionReplica } from './partition-replica';
import type { PartitionSignals } from './partition-signals';
import type { ReplicaManager } from './replica-manager';
import { minInsyncReplicas } from './topic-config';
import type { BrokerMetrics } from './broker-metrics';
import type { Clock } from '../time/clock';
import { SYSTEM_CLOCK } from '../time/system-clock';

/** One partition's answer, every field set (acks=all answers are rewritten in place). */
type PartitionResult = BrokerWire.PartitionProduceResponse__Output;

interface Waiting {
  readonly result: PartitionResult;
  readonly replica: PartitionReplica;
  readonly requiredOffset: number;
  readonly minIsr: number;
}

export interface ProduceContext {
  readonly replicas: ReplicaManager;
  readonly signals: PartitionSignals;
  readonly image: () => MetadataImage;
  readonly metrics?: BrokerMetrics;
  /** Times the request and its acks=all timeout; the real clock unless a test passes a manual one. */
  readonly clock?: Clock;
}

function failure(partition: number, code: ErrorName, message: string, leader?: BrokerWire.LeaderHint__Output): PartitionResult {
  return { partition, errorCode: ErrorCodes[code].code, errorMessage: message, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, currentLeader: leader ?? null };
}

/**
 * Produce: each partition's batches are appended by its leader (validated, offsets
 * assigned, never re-encoded). acks=0 and acks=1 answer after the local append; acks=all
 * (-1) answers once the high watermark covers the batch, or with NOT_ENOUGH_REPLICAS when
 * the ISR is below min.insync.replicas before the append (nothing written) or
 * NOT_ENOUGH_REPLICAS_AFTER_APPEND after it, or REQUEST_TIMED_OUT at the request's timeout.
 */
export async function handleProduce(request: BrokerWire.ProduceRequest__Output, context: ProduceContext): Promise<BrokerWire.ProduceResponse__Output> {
  const clock = context.clock ?? SYSTEM_CLOCK;
  const startedMs = clock.nowMs();
  try {
    return await produce(request, context, clock);
  } finally {
    context.metrics?.produceLatency.observe((clock.nowMs() - startedMs) / 1000);
  }
}

async function produce(request: BrokerWire.ProduceRequest__Output, context: ProduceContext, clock: Clock): Promise<BrokerWire.ProduceResponse__Output> {
  const acks = request.acks;
  const image = context.image();
  const waiting: Waiting[] = [];
  const topics = request.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((data) => {
      if (acks !== 0 && acks !== 1 && acks !== -1) return failure(data.partition, 'INVALID_REQUIRED_ACKS', `acks must be 0, 1 or -1, got ${acks}`);
      const offline = context.replicas.offlineReason(topic.name, data.partition);
      if (offline !== undefined) return failure(data.partition, 'KAFKA_STORAGE_ERROR', offline);
      const replica = context.replicas.byTopicPartition(topic.name, data.partition);
      if (replica === undefined) {
        const known = image.topic(topic.name)?.partitions[data.partition];
        if (known === undefined) return failure(data.partition, 'UNKNOWN_TOPIC_OR_PARTITION', `${topic.name}-${data.partition} does not exist`);
        return failure(data.partition, 'NOT_LEADER_OR_FOLLOWER', `this broker does not host ${topic.name}-${data.partition}`, { leaderId: known.leader, leaderEpoch: known.leaderEpoch });
      }
      const leader = replica.leader;
      const hint = { leaderId: replica.assignment.leader, leaderEpoch: replica.assignment.leaderEpoch };
      if (leader === undefined) return failure(data.partition, 'NOT_LEADER_OR_FOLLOWER', `this broker is not the leader of ${topic.name}-${data.partition}`, hint);
      const minIsr = minInsyncReplicas(image, topic.name);
      if (acks === -1 && leader.canAcceptAcksAll(minIsr) === 'NOT_ENOUGH_REPLICAS') {
        return failure(data.partition, 'NOT_ENOUGH_REPLICAS', `${leader.isr.length} in-sync replicas, min.insync.replicas is ${minIsr}`);
      }
      try {
        const outcome = replica.appendAsLeader(data.records);
        context.signals.notify(replica.logEndKey);
        if (outcome.highWatermarkAdvanced) context.signals.notify(replica.key);
        // Only appended batches count (not duplicates or failures); one cached child per topic.
        if (context.metrics !== undefined && !outcome.duplicate) {
          const counters = context.metrics.topic(topic.name);
          counters.bytesIn.inc(outcome.sizeBytes);
          counters.messagesIn.inc(outcome.recordCount);
        }
        const result: PartitionResult = { partition: data.partition, errorCode: 0, errorMessage: '', baseOffset: outcome.baseOffset, logAppendTimeMs: -1, logStartOffset: replica.log.logStartOffset, currentLeader: null };
        if (acks === -1) waiting.push({ result, replica, requiredOffset: outcome.requiredOffset, minIsr });
        return result;
      } catch (error) {
        // A failed write or fsync: the partition goes offline here and another replica takes over.
        if (context.replicas.onLogError(replica, error)) return failure(data.partition, 'KAFKA_STORAGE_ERROR', context.replicas.offlineReason(topic.name, data.partition) ?? String(error));
        if (error instanceof SamsaError) return failure(data.partition, error.code, error.message);
        throw error;
      }
    }),
  }));
  if (waiting.length > 0) await awaitReplication(waiting, request.timeoutMs > 0 ? request.timeoutMs : 30_000, context.signals, clock);
  return { topics };
}

/** Parks until every waiting partition's high watermark covers its batch, or the deadline. */
async function awaitReplication(waiting: readonly Waiting[], timeoutMs: number, signals: PartitionSignals, clock: Clock): Promise<void> {
  const deadline = clock.nowMs() + timeoutMs;
  let open = [...waiting];
  for (;;) {
    open = open.filter((item) => !settle(item));
    const remainingMs = deadline - clock.nowMs();
    if (open.length === 0) return;
    if (remainingMs <= 0) break;
    await signals.wait(open.map((item) => item.replica.key), remainingMs);
  }
  for (const item of open) Object.assign(item.result, failure(item.result.partition, 'REQUEST_TIMED_OUT', `not replicated to the ISR within ${timeoutMs} ms`));
}

/** Returns true when the partition's answer is final, writing it into the result. */
function settle(item: Waiting): boolean {
  const leader = item.replica.leader;
  if (leader === undefined) {
    const hint = { leaderId: item.replica.assignment.leader, leaderEpoch: item.replica.assignment.leaderEpoch };
    Object.assign(item.result, failure(item.result.partition, 'NOT_LEADER_OR_FOLLOWER', 'leadership moved before the batch was replicated', hint));
    return true;
  }
  const status = leader.acksAllStatus(item.requiredOffset, item.minIsr);
  if (status === 'waiting') return false;
  if (status === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND') {
    Object.assign(item.result, failure(item.result.partition, status, `written, but fewer than ${item.minIsr} in-sync replicas hold it`));
  }
  return true;
}
