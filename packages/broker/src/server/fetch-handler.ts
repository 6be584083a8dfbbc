import { type BrokerWire, ErrorCodes, type ErrorName, SamsaError } from '@samsa/protocol';
import type { ReplicaManager } from './replica-manager';
import type { PartitionSignals } from './partition-signals';
import type { BrokerMetrics } from './broker-metrics';
import type { Clock } from '../time/clock';
import { SYSTEM_CLOCK } from '../time/system-clock';

const EMPTY: Buffer = Buffer.alloc(0);

export interface FetchContext {
  readonly replicas: ReplicaManager;
  readonly signals: PartitionSignals;
  readonly metrics?: BrokerMetrics;
  /** Times the request and its max_wait_ms; the real clock unless a test passes a manual one. */
  readonly clock?: Clock;
}

/**
 * Consumer Fetch: whole batches from the leader's segment files, only below the high
 * watermark. When fewer than min_bytes are ready the request parks (no polling) until an
 * append or a high watermark move on one of its partitions, or max_wait_ms.
 */
export async function handleFetch(request: BrokerWire.FetchRequest__Output, context: FetchContext): Promise<BrokerWire.FetchResponse__Output> {
  const clock = context.clock ?? SYSTEM_CLOCK;
  const startedMs = clock.nowMs();
  const metrics = context.metrics;
  const answer = await readUntilReady(request, context, clock);
  if (metrics !== undefined) {
    // Per partition answered, never per record: the bytes are whole batches.
    for (const topic of answer.topics) {
      let bytes = 0;
      for (const partition of topic.partitions) bytes += partition.records.length;
      if (bytes > 0) metrics.topic(topic.name).bytesOut.inc(bytes);
    }
    metrics.fetchLatency.observe((clock.nowMs() - startedMs) / 1000);
  }
  return answer;
}

async function readUntilReady(request: BrokerWire.FetchRequest__Output, context: FetchContext, clock: Clock): Promise<BrokerWire.FetchResponse__Output> {
  const deadline = clock.nowMs() + Math.max(0, request.maxWaitMs);
  for (;;) {
    const answer = readAll(request, context.replicas);
    const remainingMs = deadline - clock.nowMs();
    if (answer.bytes >= Math.max(1, request.minBytes) || answer.errors > 0 || remainingMs <= 0) return { errorCode: 0, topics: answer.topics };
    const keys = answer.keys;
    if (!(await context.signals.wait(keys, remainingMs))) return { errorCode: 0, topics: readAll(request, context.replicas).topics };
  }
}

function readAll(request: BrokerWire.FetchRequest__Output, replicas: ReplicaManager) {
  let budget = request.maxBytes > 0 ? request.maxBytes : 64 * 1024 * 1024;
  let bytes = 0;
  let errors = 0;
  const keys: string[] = [];
  const topics: BrokerWire.FetchableTopicResponse__Output[] = request.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((wanted) => {
      const replica = replicas.byTopicPartition(topic.name, wanted.partition);
      const fail = (code: ErrorName, message: string, hint = false): BrokerWire.PartitionData__Output => {
        errors += 1;
        const currentLeader = hint && replica !== undefined ? { leaderId: replica.assignment.leader, leaderEpoch: replica.assignment.leaderEpoch } : null;
        return { partition: wanted.partition, errorCode: ErrorCodes[code].code, errorMessage: message, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: EMPTY, currentLeader };
      };
      const offline = replicas.offlineReason(topic.name, wanted.partition);
      if (offline !== undefined) return fail('KAFKA_STORAGE_ERROR', offline);
      if (replica === undefined) return fail('UNKNOWN_TOPIC_OR_PARTITION', `this broker does not host ${topic.name}-${wanted.partition}`);
      const leader = replica.leader;
      if (leader === undefined) return fail('NOT_LEADER_OR_FOLLOWER', `this broker is not the leader of ${topic.name}-${wanted.partition}`, true);
      if (wanted.currentLeaderEpoch >= 0 && wanted.currentLeaderEpoch < leader.leaderEpoch) return fail('FENCED_LEADER_EPOCH', `epoch ${wanted.currentLeaderEpoch} is older than ${leader.leaderEpoch}`, true);
      if (wanted.currentLeaderEpoch > leader.leaderEpoch) return fail('UNKNOWN_LEADER_EPOCH', `epoch ${wanted.currentLeaderEpoch} is newer than ${leader.leaderEpoch}`, true);
      keys.push(replica.key);
      const log = replica.log;
      const highWatermark = log.highWatermark;
      try {
        const maxBytes = Math.max(1, Math.min(wanted.partitionMaxBytes > 0 ? wanted.partitionMaxBytes : budget, budget));
        const read = budget > 0 ? log.read(wanted.fetchOffset, { maxBytes, maxOffsetExclusive: highWatermark }) : undefined;
        const records = read?.records ?? EMPTY;
        budget -= records.length;
        bytes += records.length;
        return { partition: wanted.partition, errorCode: 0, errorMessage: '', highWatermark, lastStableOffset: highWatermark, logStartOffset: log.logStartOffset, records, currentLeader: null };
      } catch (error) {
        if (replicas.onLogError(replica, error)) return fail('KAFKA_STORAGE_ERROR', replicas.offlineReason(topic.name, wanted.partition) ?? String(error));
        if (!(error instanceof SamsaError)) throw error;
        const answer = fail(error.code, error.message);
        // Like Kafka, an out-of-range answer carries the log's bounds, so a consumer can say
        // what is valid and reset to it.
        if (error.code === 'OFFSET_OUT_OF_RANGE') return { ...answer, highWatermark, lastStableOffset: highWatermark, logStartOffset: log.logStartOffset };
        return answer;
      }
    }),
  }));
  return { topics, bytes, errors, keys };
}
