import type { BrokerWire } from '@samsa/protocol';
import type { LeaderReplicaState } from '../partition/leader-replica-state';
import type { PartitionReplica } from '../server/partition-replica';

/** What the session needs of the replica manager. */
export interface SessionReplicas {
  get(key: string): PartitionReplica | undefined;
  offlineReasonOf(key: string): string | undefined;
}

/** One partition of a fetch session, as the leader last heard and answered it. */
interface SessionPartition {
  readonly key: string;
  request: BrokerWire.ReplicaFetchPartition__Output;
  /** Mentioned by the latest request and not yet answered in full (divergence and errors included). */
  fresh: boolean;
  /** Records, an error or a divergence were sent: nothing more until the follower says where it is. */
  awaitingFollower: boolean;
  /** The high watermark and log start the follower last heard; -1 before the first answer. */
  sentHighWatermark: number;
  sentLogStartOffset: number;
  /** The leadership the last full check was made under; another one is checked in full again. */
  checkedUnder: LeaderReplicaState | undefined;
}

/**
 * The leader's side of one replication stream as a fetch session (Kafka's incremental fetch
 * sessions, KIP-227, with the stream as the session): the first request names every partition
 * the follower replicates from this leader, later ones only the partitions whose fetch state
 * changed, or that the leader must hear from again, plus the ones to forget. The session
 * remembers the rest, and an answer carries only partitions with something to say: records,
 * a new high watermark or log start, an error, a divergence. An idle follower of ten thousand
 * partitions therefore sends and receives a few bytes per long poll, not ten thousand entries.
 */
export class ReplicaFetchSession {
  private readonly partitions = new Map<string, SessionPartition>();
  /** Where the next answer starts looking, so that a size-capped answer is fair across partitions. */
  private rotation = 0;

  get size(): number {
    return this.partitions.size;
  }

  /** Applies a request's changes; returns the partitions it mentioned (their fetches to record). */
  update(request: BrokerWire.ReplicaFetchRequest__Output): BrokerWire.ReplicaFetchPartition__Output[] {
    for (const gone of request.forgotten) this.partitions.delete(`${gone.topicId}:${gone.partition}`);
    for (const partition of request.partitions) {
      const key = `${partition.topicId}:${partition.partition}`;
      const known = this.partitions.get(key);
      if (known === undefined) {
        this.partitions.set(key, { key, request: partition, fresh: true, awaitingFollower: false, sentHighWatermark: -1, sentLogStartOffset: -1, checkedUnder: undefined });
      } else {
        known.request = partition;
        known.fresh = true;
        known.awaitingFollower = false;
      }
    }
    return request.partitions;
  }

  /** Every partition of the session: what a parked answer waits on. */
  keys(): IterableIterator<string> {
    return this.partitions.keys();
  }

  /**
   * The partitions with something to say, built by `answerOne` (the full per-partition check),
   * up to `maxBytes` of records (always at least one partition's). Partitions that have
   * nothing new since the follower last heard are skipped without reading their logs.
   */
  collect(
    replicas: SessionReplicas,
    maxBytes: number,
    answerOne: (request: BrokerWire.ReplicaFetchPartition__Output, recordFetch: boolean) => BrokerWire.ReplicaPartitionData__Output,
  ): BrokerWire.ReplicaPartitionData__Output[] {
    const answers: BrokerWire.ReplicaPartitionData__Output[] = [];
    const entries = [...this.partitions.values()];
    let bytes = 0;
    const start = entries.length === 0 ? 0 : this.rotation % entries.length;
    for (let i = 0; i < entries.length; i += 1) {
      const entry = entries[(start + i) % entries.length]!;
      if (entry.awaitingFollower || this.quiet(entry, replicas)) continue;
      if (bytes >= maxBytes && answers.some((answer) => answer.records.length > 0)) {
        // Full: the rest waits for the next answer, which starts here.
        this.rotation = (start + i) % entries.length;
        return answers;
      }
      const answer = answerOne(entry.request, entry.fresh);
      entry.fresh = false;
      entry.checkedUnder = replicas.get(entry.key)?.leader;
      const news = answer.errorCode !== 0 || answer.divergingEpoch !== null || answer.records.length > 0;
      if (!news && answer.highWatermark === entry.sentHighWatermark && answer.logStartOffset === entry.sentLogStartOffset) continue;
      entry.awaitingFollower = news;
      entry.sentHighWatermark = answer.highWatermark;
      entry.sentLogStartOffset = answer.logStartOffset;
      bytes += answer.records.length;
      answers.push(answer);
    }
    this.rotation = start + 1;
    return answers;
  }

  /**
   * Nothing to tell without a full check: checked in full since its last mention, under the
   * same leadership, the follower holds the whole log, and the high watermark and log start
   * are the ones it last heard. (The leader's log only grows while it leads.)
   */
  private quiet(entry: SessionPartition, replicas: SessionReplicas): boolean {
    if (entry.fresh) return false;
    const replica = replicas.get(entry.key);
    if (replica === undefined || replica.leader === undefined || replica.leader !== entry.checkedUnder) return false;
    if (replicas.offlineReasonOf(entry.key) !== undefined) return false;
    const log = replica.log;
    return entry.request.fetchOffset >= log.logEndOffset && log.highWatermark === entry.sentHighWatermark && log.logStartOffset === entry.sentLogStartOffset;
  }
}
