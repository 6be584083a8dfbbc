import { performance } from 'node:perf_hooks';
import { type BatchHeader, SamsaError, checkBatchFrame, readBatchHeader } from '@samsa/protocol';
import type { PartitionLog } from '@samsa/storage';
import { FollowerFetchState } from '../partition/follower-fetch-state';
import { LeaderReplicaState } from '../partition/leader-replica-state';
import type { PartitionAssignment } from '../partition/partition-assignment';
import { ProducerStateManager } from '../producer-state/producer-state-manager';

export interface AppendOutcome {
  readonly baseOffset: number;
  /** The offset the high watermark must reach for acks=all: last offset + 1. */
  readonly requiredOffset: number;
  readonly duplicate: boolean;
}

/** Reads the headers of the batches in `records` without checking CRCs (the log does that). */
export function batchHeadersOf(records: Buffer): BatchHeader[] {
  const headers: BatchHeader[] = [];
  for (let position = 0; position < records.length; ) {
    const sizeBytes = checkBatchFrame(records, position, Number.MAX_SAFE_INTEGER, false);
    headers.push(readBatchHeader(records, position));
    position += sizeBytes;
  }
  if (headers.length === 0) throw new SamsaError('CORRUPT_MESSAGE', 'empty record set');
  return headers;
}

/**
 * One partition this broker hosts: its log, its idempotent-producer state, and either the
 * leader's replication state or the follower's fetch state. The pure state machines decide;
 * this class performs their decisions on the log.
 */
export class PartitionReplica {
  readonly key: string;
  leader: LeaderReplicaState | undefined;
  follower: FollowerFetchState | undefined;
  assignment: PartitionAssignment;
  readonly producers: ProducerStateManager;

  constructor(
    readonly topic: string,
    readonly topicId: string,
    readonly partition: number,
    readonly log: PartitionLog,
    assignment: PartitionAssignment,
  ) {
    this.key = `${topicId}:${partition}`;
    this.assignment = assignment;
    this.producers = new ProducerStateManager({ endOffset: log.logStartOffset });
    this.rebuildProducerState();
  }

  /** Replays every batch header in the log into the producer state (bounded by retention). */
  private rebuildProducerState(): void {
    const placed = [];
    for (let offset = this.log.logStartOffset; offset < this.log.logEndOffset; ) {
      const read = this.log.read(offset, { maxBytes: 4 * 1024 * 1024 });
      if (read.records.length === 0) break;
      for (const header of batchHeadersOf(read.records)) {
        placed.push({ ...header, baseOffset: Number(header.baseOffset), maxTimestampMs: Number(header.maxTimestamp) });
      }
      offset = read.lastOffset + 1;
    }
    this.producers.rebuildFrom(placed);
  }

  get isLeader(): boolean {
    return this.leader !== undefined;
  }

  /**
   * Appends a producer's batches as leader: producer-state checks first (a duplicate answers
   * with the original offsets and writes nothing), then the log validates and assigns offsets.
   */
  appendAsLeader(records: Buffer): AppendOutcome {
    const leader = this.leader;
    if (leader === undefined) throw new SamsaError('NOT_LEADER_OR_FOLLOWER', `this broker does not lead ${this.topic}-${this.partition}`);
    const headers = batchHeadersOf(records);
    const check = this.producers.checkAppends(headers);
    if (check.kind === 'duplicate') return { baseOffset: check.firstOffset, requiredOffset: check.lastOffset + 1, duplicate: true };
    if (check.kind === 'error') throw new SamsaError(check.error, check.message);
    const result = this.log.appendAsLeader(records, leader.leaderEpoch);
    this.recordAppended(headers, result.firstOffset);
    const update = leader.onLocalAppend(this.log.logEndOffset);
    if (update.advanced) this.log.updateHighWatermark(update.highWatermark);
    return { baseOffset: result.firstOffset, requiredOffset: result.lastOffset + 1, duplicate: false };
  }

  /** Appends batches fetched from the leader and adopts the leader's high watermark. */
  appendAsFollower(records: Buffer, leaderHighWatermark: number): void {
    if (records.length > 0) {
      const headers = batchHeadersOf(records);
      this.log.appendAsFollower(records);
      this.recordAppended(headers, Number(headers[0]!.baseOffset));
    }
    this.log.updateHighWatermark(Math.min(leaderHighWatermark, this.log.logEndOffset));
  }

  private recordAppended(headers: readonly BatchHeader[], firstOffset: number): void {
    let offset = firstOffset;
    for (const header of headers) {
      const lastOffset = offset + header.lastOffsetDelta;
      this.producers.onAppended(header, { firstOffset: offset, lastOffset, timestampMs: Number(header.maxTimestamp) });
      offset = lastOffset + 1;
    }
  }

  /** Removes a diverged tail; producer state is rebuilt from what remains. */
  truncateTo(offset: number): void {
    this.log.truncateTo(offset);
    this.producers.truncateFullyAndStartAt(this.log.logStartOffset);
    this.rebuildProducerState();
  }

  truncateFullyAndStartAt(offset: number): void {
    this.log.truncateFullyAndStartAt(offset);
    this.producers.truncateFullyAndStartAt(offset);
  }

  /** Takes or updates leadership per the controller's assignment. Returns true when newly leader. */
  becomeLeader(localId: number, assignment: PartitionAssignment): boolean {
    this.assignment = assignment;
    this.follower = undefined;
    const nowMs = performance.now();
    if (this.leader !== undefined && this.leader.leaderEpoch === assignment.leaderEpoch) {
      const outcome = this.leader.onMetadata(assignment, nowMs);
      if (outcome.advanced) this.log.updateHighWatermark(outcome.highWatermark);
      return false;
    }
    this.log.beginLeaderEpoch(assignment.leaderEpoch);
    this.leader = new LeaderReplicaState({
      localReplicaId: localId,
      assignment,
      logEndOffset: this.log.logEndOffset,
      highWatermark: this.log.highWatermark,
      nowMs,
    });
    return true;
  }

  /** Follows `assignment.leader` (or nobody, when offline). Returns true when the leader changed. */
  becomeFollower(assignment: PartitionAssignment): boolean {
    this.assignment = assignment;
    this.leader = undefined;
    if (assignment.leader < 0) {
      this.follower = undefined;
      return true;
    }
    if (this.follower === undefined) {
      this.follower = new FollowerFetchState({ leaderId: assignment.leader, leaderEpoch: assignment.leaderEpoch }, { fetchBackoffMs: 200 });
      return true;
    }
    return this.follower.onMetadata({ leaderId: assignment.leader, leaderEpoch: assignment.leaderEpoch });
  }
}
