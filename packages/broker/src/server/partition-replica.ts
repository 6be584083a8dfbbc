import { type Logger, silentLogger } from '@samsa/common';
import { type BatchHeader, SamsaError, checkBatchFrame, readBatchHeader } from '@samsa/protocol';
import type { PartitionLog } from '@samsa/storage';
import { FollowerFetchState } from '../partition/follower-fetch-state';
import { LeaderReplicaState } from '../partition/leader-replica-state';
import type { PartitionAssignment } from '../partition/partition-assignment';
import { type PlacedProducerBatch, placedBatchOf } from '../producer-state/producer-batch';
import { ProducerStateManager } from '../producer-state/producer-state-manager';
import type { Clock } from '../time/clock';
import { SYSTEM_CLOCK } from '../time/system-clock';
import { deleteProducerSnapshotFile, readProducerSnapshotFile, writeProducerSnapshotFile } from './producer-snapshot-file';

export interface AppendOutcome {
  readonly baseOffset: number;
  /** The offset the high watermark must reach for acks=all: last offset + 1. */
  readonly requiredOffset: number;
  readonly duplicate: boolean;
  /** Records and bytes written (from the batch headers); 0 for a duplicate. */
  readonly recordCount: number;
  readonly sizeBytes: number;
  /** The append moved the high watermark (an ISR of the leader alone). */
  readonly highWatermarkAdvanced: boolean;
}

/** The signal key a partition's follower fetches wait on, from its `topicId:partition` key. */
export function logEndKeyOf(partitionKey: string): string {
  return `${partitionKey}:end`;
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
  /** Signal key of what consumers and acks=all produces wait for: the high watermark, leadership. */
  readonly key: string;
  /**
   * Signal key of what follower fetches wait for: the log end (and leadership). Kept apart so
   * that a high watermark move does not wake every parked follower fetch, as in Kafka.
   */
  readonly logEndKey: string;
  leader: LeaderReplicaState | undefined;
  follower: FollowerFetchState | undefined;
  assignment: PartitionAssignment;
  private producerState: ProducerStateManager;
  /** The end offset of the producer snapshot on disk (loaded or written); undefined when none. */
  private snapshotEndOffset: number | undefined;

  constructor(
    readonly topic: string,
    readonly topicId: string,
    readonly partition: number,
    readonly log: PartitionLog,
    assignment: PartitionAssignment,
    private readonly logger: Logger = silentLogger,
    /** Read when leadership changes (the followers' lag budget starts then). */
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {
    this.key = `${topicId}:${partition}`;
    this.logEndKey = logEndKeyOf(this.key);
    this.assignment = assignment;
    this.producerState = this.recoverProducerState();
  }

  get producers(): ProducerStateManager {
    return this.producerState;
  }

  /**
   * Producer state from disk (Kafka's `loadProducerState`): the snapshot beside the log when
   * it decodes and its end offset lies within [log start, log end], then the batch headers
   * after it; otherwise every batch header from the log start. An unusable snapshot is
   * deleted (the next checkpoint writes a fresh one).
   */
  private recoverProducerState(): ProducerStateManager {
    const { directory, logStartOffset, logEndOffset } = this.log;
    let state: ProducerStateManager | undefined;
    const bytes = readProducerSnapshotFile(directory);
    if (bytes !== undefined) {
      let problem: string | undefined;
      try {
        state = ProducerStateManager.fromSnapshot(bytes);
        if (state.endOffset < logStartOffset || state.endOffset > logEndOffset) {
          problem = `it covers offsets below ${state.endOffset}, outside the log's [${logStartOffset}, ${logEndOffset}]`;
          state = undefined;
        }
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (problem !== undefined) {
        this.logger.warn({ partition: `${this.topic}-${this.partition}`, problem }, 'producer state snapshot not usable; rebuilding from the log');
        deleteProducerSnapshotFile(directory);
      }
    }
    this.snapshotEndOffset = state?.endOffset;
    state ??= new ProducerStateManager({ endOffset: logStartOffset });
    state.rebuildFrom(this.storedBatchesFrom(state.endOffset));
    return state;
  }

  /** The producer fields of every stored batch from `from` to the log end (headers only). */
  private *storedBatchesFrom(from: number): Generator<PlacedProducerBatch> {
    for (let offset = from; offset < this.log.logEndOffset; ) {
      const read = this.log.read(offset, { maxBytes: 4 * 1024 * 1024 });
      if (read.records.length === 0) break;
      for (const header of batchHeadersOf(read.records)) yield placedBatchOf(header);
      offset = read.lastOffset + 1;
    }
  }

  /**
   * Writes the producer state snapshot beside the log (temp file, fsync, rename), unless the
   * one there covers the same end offset already. The log manager calls it with every
   * checkpoint and before closing the log cleanly.
   */
  writeProducerSnapshot(): void {
    const endOffset = this.producerState.endOffset;
    if (endOffset === this.snapshotEndOffset) return;
    // No snapshot says the same as an empty one at the log start: a rebuild has nothing to
    // scan. (Thousands of new, empty partitions would otherwise each fsync one.)
    if (this.snapshotEndOffset === undefined && this.producerState.producerCount === 0 && endOffset <= this.log.logStartOffset) return;
    if (endOffset < this.log.logStartOffset || endOffset > this.log.logEndOffset) return;
    writeProducerSnapshotFile(this.log.directory, this.producerState.toSnapshot());
    this.snapshotEndOffset = endOffset;
  }

  private deleteProducerSnapshot(): void {
    deleteProducerSnapshotFile(this.log.directory);
    this.snapshotEndOffset = undefined;
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
    const check = this.producerState.checkAppends(headers);
    if (check.kind === 'duplicate') return { baseOffset: check.firstOffset, requiredOffset: check.lastOffset + 1, duplicate: true, recordCount: 0, sizeBytes: 0, highWatermarkAdvanced: false };
    if (check.kind === 'error') throw new SamsaError(check.error, check.message);
    const result = this.log.appendAsLeader(records, leader.leaderEpoch);
    this.recordAppended(headers, result.firstOffset);
    const update = leader.onLocalAppend(this.log.logEndOffset);
    if (update.advanced) this.log.updateHighWatermark(update.highWatermark);
    return { baseOffset: result.firstOffset, requiredOffset: result.lastOffset + 1, duplicate: false, recordCount: result.recordCount, sizeBytes: result.sizeBytes, highWatermarkAdvanced: update.advanced };
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
      this.producerState.onAppended(header, { firstOffset: offset, lastOffset, timestampMs: Number(header.maxTimestamp) });
      offset = lastOffset + 1;
    }
  }

  /**
   * Removes a diverged tail. A snapshot covering removed offsets is deleted; producer state
   * is reloaded from a snapshot still inside the log, or rebuilt from the log start
   * (Kafka's `truncateAndReload`).
   */
  truncateTo(offset: number): void {
    const endBefore = this.log.logEndOffset;
    if (this.snapshotEndOffset !== undefined && this.snapshotEndOffset > offset) this.deleteProducerSnapshot();
    this.log.truncateTo(offset);
    if (this.log.logEndOffset === endBefore) return;
    this.producerState = this.recoverProducerState();
  }

  truncateFullyAndStartAt(offset: number): void {
    this.deleteProducerSnapshot();
    this.log.truncateFullyAndStartAt(offset);
    this.producerState.truncateFullyAndStartAt(offset);
  }

  /**
   * Takes or updates leadership per the controller's assignment and the topic's
   * min.insync.replicas (the high watermark's strict rule). Returns true when newly leader.
   */
  becomeLeader(localId: number, assignment: PartitionAssignment, minInsyncReplicas = 1): boolean {
    this.assignment = assignment;
    this.follower = undefined;
    const nowMs = this.clock.nowMs();
    if (this.leader !== undefined && this.leader.leaderEpoch === assignment.leaderEpoch) {
      const outcome = this.leader.onMetadata(assignment, nowMs);
      if (outcome.advanced) this.log.updateHighWatermark(outcome.highWatermark);
      const lowered = this.leader.setMinInsyncReplicas(minInsyncReplicas);
      if (lowered.advanced) this.log.updateHighWatermark(lowered.highWatermark);
      return false;
    }
    this.log.beginLeaderEpoch(assignment.leaderEpoch);
    this.leader = new LeaderReplicaState({
      localReplicaId: localId,
      assignment,
      logEndOffset: this.log.logEndOffset,
      highWatermark: this.log.highWatermark,
      nowMs,
      minInsyncReplicas,
    });
    // A leader alone in its ISR commits its whole log at once (Kafka's `makeLeader`): store it,
    // or readers wait for the next append (a leader elected from the ELR may have none).
    if (this.leader.highWatermark > this.log.highWatermark) this.log.updateHighWatermark(this.leader.highWatermark);
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
