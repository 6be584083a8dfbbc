import { assert, type ErrorName } from '@samsa/protocol';
import { FollowerProgress, type FollowerProgressView, UNKNOWN_BROKER_EPOCH } from './follower-progress';
import { type IsrMemberEpoch, type IsrProposal, type PendingAlterPartition, maximalIsrOf } from './isr-proposal';
import { type PartitionAssignment, assertAssignment, isNewerAssignment } from './partition-assignment';

export interface LeaderReplicaStateOptions {
  /** This broker's id; `assignment.leader` must be it. */
  readonly localReplicaId: number;
  readonly assignment: PartitionAssignment;
  /** The local log's end offset and high watermark when leadership starts. */
  readonly logEndOffset: number;
  readonly highWatermark: number;
  readonly nowMs: number;
  /**
   * The topic's min.insync.replicas (1 when absent): the high watermark advances only while
   * the committed ISR holds that many (KIP-966's strict rule; see `setMinInsyncReplicas`).
   */
  readonly minInsyncReplicas?: number;
}

/** Where the high watermark stands after an input, and whether that input moved it. */
export interface HighWatermarkUpdate {
  readonly highWatermark: number;
  /** True when the driver must store it, wake delayed produces and fetches, and tell followers. */
  readonly advanced: boolean;
}

export interface FollowerFetch {
  readonly replicaId: number;
  /** The follower's log end offset: the offset it asked to read from. */
  readonly fetchOffset: number;
  readonly nowMs: number;
  /** The leader's log end offset when the fetch was read. */
  readonly leaderLogEndOffset: number;
  /** The follower's broker epoch, as its fetch request carries it (KIP-903); -1 before it registered. */
  readonly brokerEpoch: number;
}

export interface FollowerFetchOutcome extends HighWatermarkUpdate {
  /** False when the replica is not assigned to this partition; nothing was recorded. */
  readonly assignedReplica: boolean;
  /**
   * True when the fetch came from an older broker epoch than one already recorded for the
   * replica (a request of a process that has since restarted): nothing was recorded.
   */
  readonly staleBrokerEpoch: boolean;
  /** An expansion to send now (see `isrToExpand`), or null. */
  readonly isrExpansion: IsrProposal | null;
}

export interface MetadataOutcome extends HighWatermarkUpdate {
  /** False when the assignment was not newer than the one held, and was ignored. */
  readonly applied: boolean;
  /**
   * True when the leader epoch changed: the driver must call the log's
   * `beginLeaderEpoch(leaderEpoch)` before the next append, as Kafka does on becoming leader.
   */
  readonly newLeaderEpoch: boolean;
}

/** The controller's answer to an AlterPartition. */
export type AlterPartitionResult =
  | { readonly kind: 'committed'; readonly assignment: PartitionAssignment }
  | { readonly kind: 'failed'; readonly error: ErrorName };

/**
 * What the driver does after an AlterPartition answer:
 * - `applied`: the new ISR is committed here;
 * - `ignored`: the answer is to a proposal no longer pending (newer metadata replaced it);
 * - `retry`: the outcome is unknown (a timeout, no controller, an unexpected error): send the
 *   same pending proposal again after a backoff; it keeps counting in the maximal ISR;
 * - `await-metadata`: the controller knows a newer partition state; the proposal stays
 *   pending (it may even have been applied) until metadata newer than ours arrives;
 * - `reverted`: refused, so certainly not written (see `REFUSED_ERRORS`); the committed state
 *   is back and a new proposal may follow.
 */
export type AlterPartitionAction = 'applied' | 'ignored' | 'retry' | 'await-metadata' | 'reverted';

export interface AlterPartitionOutcome extends HighWatermarkUpdate {
  readonly action: AlterPartitionAction;
}

/** `canAcceptAcksAll`'s answer before an `acks=all` append. */
export type AcksAllAdmission = 'NONE' | 'NOT_ENOUGH_REPLICAS';

/** `acksAllStatus`'s answer for an appended `acks=all` batch. */
export type AcksAllStatus = 'waiting' | 'NONE' | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';

/**
 * Errors after which an AlterPartition proposal waits for metadata (Kafka keeps it in
 * flight): the controller holds a newer state of the partition, which may be this very
 * proposal committed by an earlier attempt whose answer was lost. Names, not `ErrorName`s,
 * so that codes the shared table gains later (INVALID_UPDATE_VERSION) can be listed now.
 */
const AWAIT_METADATA_ERRORS: ReadonlySet<string> = new Set<string>([
  'FENCED_LEADER_EPOCH',
  'INVALID_UPDATE_VERSION',
  'UNKNOWN_LEADER_EPOCH',
  'NOT_LEADER_OR_FOLLOWER',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'UNKNOWN_TOPIC_ID',
]);

/**
 * The only answers after which a proposal is dropped and the committed ISR restored (Kafka's
 * `handleAlterPartitionError`): the controller checked it against the very partition epoch
 * it was made from and refused it, so neither it nor an earlier attempt of it was written.
 * (A committed earlier attempt would have moved the partition epoch, and the controller
 * checks epochs first.) INVALID_REQUEST is what our controller answers for a fenced or
 * unregistered replica, Kafka's INELIGIBLE_REPLICA. Every other failure (a timeout, an
 * unreachable or changing controller, an error this broker does not know) leaves the
 * controller's state unknown: the proposal stays pending, so its new member keeps counting
 * for the high watermark, and is sent again.
 */
const REFUSED_ERRORS: ReadonlySet<string> = new Set<string>(['OPERATION_NOT_ATTEMPTED', 'INELIGIBLE_REPLICA', 'INVALID_REQUEST']);

/**
 * A leader's view of one partition: Kafka's `Partition` on the leader. It tracks each
 * follower's fetches, computes the high watermark, and decides when to propose ISR changes;
 * it does no I/O and reads no clock, so every input carries `nowMs`.
 *
 * Contract with the driver (single-threaded, one instance per led partition):
 * - Create it when metadata makes this broker the leader, with the local log's end offset
 *   and high watermark; call the log's `beginLeaderEpoch` (see `MetadataOutcome`).
 * - `onLocalAppend` after every append, `onFollowerFetch` for every follower fetch answered
 *   with records (not for fetches answered with a divergence or an error, as in Kafka).
 * - Whenever an output says the high watermark advanced, store it in the log
 *   (`updateHighWatermark`) before answering any consumer with data below it.
 * - Call `isrToShrink` periodically (Kafka: every `replica.lag.time.max.ms / 2`) and send
 *   each proposal it returns, or an `isrExpansion` from `onFollowerFetch`, after
 *   `beginAlterPartition`; report the answer to `onAlterPartitionResult`.
 * - `onMetadata` for every metadata change of this partition in which this broker still
 *   leads; when it no longer leads, drop this object.
 */
export class LeaderReplicaState {
  readonly localReplicaId: number;
  private assignment: PartitionAssignment;
  private followers = new Map<number, FollowerProgress>();
  private pending: PendingAlterPartition | null = null;
  private nextProposalId = 1;
  private leaderLogEndOffset: number;
  private highWatermarkOffset: number;
  private epochStartOffset: number;
  private minIsr: number;

  constructor(options: LeaderReplicaStateOptions) {
    const { assignment, logEndOffset, highWatermark } = options;
    assertAssignment(assignment);
    assert(assignment.leader === options.localReplicaId, `broker ${options.localReplicaId} does not lead`);
    assert(assignment.isr.includes(assignment.leader), 'the leader is always in its ISR');
    assert(Number.isSafeInteger(logEndOffset) && logEndOffset >= 0, `log end offset ${logEndOffset} is invalid`);
    assert(highWatermark >= 0 && highWatermark <= logEndOffset, `high watermark ${highWatermark} is outside the log`);
    this.localReplicaId = options.localReplicaId;
    this.assignment = assignment;
    this.leaderLogEndOffset = logEndOffset;
    this.highWatermarkOffset = highWatermark;
    this.epochStartOffset = logEndOffset;
    this.minIsr = checkedMinIsr(options.minInsyncReplicas ?? 1);
    this.resetFollowers(options.nowMs);
    // Kafka's `makeLeader` does the same: a leader alone in its ISR commits its whole log now.
    // The driver compares `highWatermark` with the log's and stores it when it moved.
    this.maybeAdvanceHighWatermark();
  }

  get highWatermark(): number {
    return this.highWatermarkOffset;
  }

  get logEndOffset(): number {
    return this.leaderLogEndOffset;
  }

  get leaderEpoch(): number {
    return this.assignment.leaderEpoch;
  }

  get partitionEpoch(): number {
    return this.assignment.partitionEpoch;
  }

  /** The log end offset when this leader epoch began; a joining follower must reach it. */
  get leaderEpochStartOffset(): number {
    return this.epochStartOffset;
  }

  get replicas(): readonly number[] {
    return this.assignment.replicas;
  }

  /** The ISR the controller committed: what `min.insync.replicas` is checked against. */
  get isr(): readonly number[] {
    return this.assignment.isr;
  }

  /** The ISR the high watermark waits for (see `maximalIsrOf`). */
  get maximalIsr(): readonly number[] {
    return maximalIsrOf(this.assignment.isr, this.pending);
  }

  get pendingAlterPartition(): PendingAlterPartition | null {
    return this.pending;
  }

  get isUnderReplicated(): boolean {
    return this.assignment.isr.length < this.assignment.replicas.length;
  }

  follower(replicaId: number): FollowerProgressView | undefined {
    return this.followers.get(replicaId)?.view();
  }

  /** After a local append: the leader's own end offset may be all the ISR waits for. */
  onLocalAppend(logEndOffset: number): HighWatermarkUpdate {
    assert(logEndOffset >= this.leaderLogEndOffset, `a leader's log end offset never moves back (${logEndOffset})`);
    this.leaderLogEndOffset = logEndOffset;
    return this.maybeAdvanceHighWatermark();
  }

  /** Kafka's `updateFollowerFetchState`: record the fetch, maybe expand, maybe advance. */
  onFollowerFetch(fetch: FollowerFetch): FollowerFetchOutcome {
    const follower = this.followers.get(fetch.replicaId);
    if (follower === undefined) {
      return { assignedReplica: false, staleBrokerEpoch: false, isrExpansion: null, highWatermark: this.highWatermarkOffset, advanced: false };
    }
    // The driver may have appended and not yet said so: the fetch's view is the newer one.
    assert(fetch.leaderLogEndOffset >= this.leaderLogEndOffset, 'a fetch cannot see an older log end offset');
    this.leaderLogEndOffset = fetch.leaderLogEndOffset;
    if (!follower.recordFetch(fetch.fetchOffset, fetch.nowMs, fetch.leaderLogEndOffset, fetch.brokerEpoch)) {
      // KIP-903: the replica's newer process has fetched already; this one's offsets are void.
      return { assignedReplica: true, staleBrokerEpoch: true, isrExpansion: null, ...this.maybeAdvanceHighWatermark() };
    }
    // The high watermark first, then the expansion: a proposal checked against a high
    // watermark that moves right after would let a member lacking committed offsets into
    // the maximal ISR. (Kafka expands first but marks the expansion pending at once.)
    const highWatermark = this.maybeAdvanceHighWatermark();
    return { assignedReplica: true, staleBrokerEpoch: false, isrExpansion: this.isrToExpand(fetch.replicaId), ...highWatermark };
  }

  /**
   * Applies a newer committed assignment (stale ones are ignored). A new leader epoch
   * resets every follower as Kafka's `makeLeader` does: their end offsets become unknown,
   * so the high watermark waits for each ISR member's first fetch. Any pending proposal is
   * dropped: the committed state now says what the ISR is.
   */
  onMetadata(assignment: PartitionAssignment, nowMs: number): MetadataOutcome {
    assertAssignment(assignment);
    assert(assignment.leader === this.localReplicaId, 'metadata in which this broker does not lead ends the leader state');
    assert(assignment.isr.includes(assignment.leader), 'the leader is always in its ISR');
    if (!isNewerAssignment(this.assignment, assignment)) {
      return { applied: false, newLeaderEpoch: false, highWatermark: this.highWatermarkOffset, advanced: false };
    }
    const newLeaderEpoch = assignment.leaderEpoch !== this.assignment.leaderEpoch;
    this.assignment = assignment;
    this.pending = null;
    if (newLeaderEpoch) {
      this.epochStartOffset = this.leaderLogEndOffset;
      this.resetFollowers(nowMs);
    } else {
      this.syncFollowersWithReplicas(nowMs);
    }
    return { applied: true, newLeaderEpoch, ...this.maybeAdvanceHighWatermark() };
  }

  /**
   * Kafka's `getOutOfSyncReplicas` + `maybeShrinkIsr`: the committed ISR without the
   * followers not caught up within `replicaLagTimeMaxMs`; null when nothing is to remove
   * or a proposal is already in flight. The leader itself is never removed.
   */
  isrToShrink(nowMs: number, replicaLagTimeMaxMs: number): IsrProposal | null {
    assert(replicaLagTimeMaxMs > 0, `replicaLagTimeMaxMs ${replicaLagTimeMaxMs} must be positive`);
    if (this.pending !== null) return null;
    const lagging = this.assignment.isr.filter((id) => {
      if (id === this.localReplicaId) return false;
      const follower = this.followers.get(id);
      assert(follower !== undefined, `ISR member ${id} has no progress record`);
      return !follower.isCaughtUp(this.leaderLogEndOffset, nowMs, replicaLagTimeMaxMs);
    });
    if (lagging.length === 0) return null;
    return this.proposal('shrink', this.assignment.isr.filter((id) => !lagging.includes(id)), lagging);
  }

  /**
   * Kafka's `maybeExpandIsr`: a replica outside the ISR joins once its log end offset has
   * reached both the high watermark (it holds everything committed) and the start of this
   * leader epoch (it has truncated any divergent tail and holds this leader's history).
   * Null when it does not qualify or a proposal is in flight. A replica whose fetches did
   * not say which registration of its broker made them (broker epoch -1) does not qualify:
   * the controller could not check that it has not restarted since (KIP-903). Whether the
   * broker is fenced or shutting down (Kafka's eligibility check) is the driver's to check
   * from metadata.
   */
  isrToExpand(replicaId: number): IsrProposal | null {
    return this.pending === null ? this.isrToExpandWithoutPending(replicaId) : null;
  }

  private isrToExpandWithoutPending(replicaId: number): IsrProposal | null {
    if (this.assignment.isr.includes(replicaId)) return null;
    const follower = this.followers.get(replicaId);
    if (follower === undefined || follower.brokerEpoch === UNKNOWN_BROKER_EPOCH) return null;
    const endOffset = follower.logEndOffset;
    if (endOffset < this.highWatermarkOffset || endOffset < this.epochStartOffset) return null;
    return this.proposal('expand', [...this.assignment.isr, replicaId], [replicaId]);
  }

  /**
   * Marks `proposal` as in flight; at most one is (Kafka's `isInflight`). Returns null, and
   * changes nothing, when the proposal no longer holds: made under other epochs, or an
   * expansion whose replica fell below a high watermark that advanced since. Counting such
   * a replica in the maximal ISR would let the high watermark's promise be broken.
   */
  beginAlterPartition(proposal: IsrProposal): PendingAlterPartition | null {
    assert(this.pending === null, 'an AlterPartition is already in flight');
    if (!this.stillHolds(proposal)) return null;
    this.pending = { ...proposal, proposalId: this.nextProposalId };
    this.nextProposalId += 1;
    return this.pending;
  }

  /** The controller answered the proposal `proposalId` (see `AlterPartitionAction`). */
  onAlterPartitionResult(proposalId: number, result: AlterPartitionResult, nowMs: number): AlterPartitionOutcome {
    const unchanged = { highWatermark: this.highWatermarkOffset, advanced: false };
    if (this.pending === null || this.pending.proposalId !== proposalId) return { action: 'ignored', ...unchanged };
    if (result.kind === 'committed') {
      const outcome = this.onMetadata(result.assignment, nowMs);
      if (outcome.applied) return { action: 'applied', highWatermark: outcome.highWatermark, advanced: outcome.advanced };
      // Not newer than what we hold: the controller changed nothing; go back to committed.
      this.pending = null;
      return { action: 'reverted', ...unchanged };
    }
    if (AWAIT_METADATA_ERRORS.has(result.error)) return { action: 'await-metadata', ...unchanged };
    if (!REFUSED_ERRORS.has(result.error)) return { action: 'retry', ...unchanged };
    this.pending = null;
    return { action: 'reverted', ...unchanged };
  }

  /**
   * The topic's min.insync.replicas changed (metadata). KIP-966's strict rule: the high
   * watermark advances only while the committed ISR holds at least that many members, so
   * that a replica that left a smaller ISR (an eligible leader replica, which the controller
   * may elect when this leader is gone) holds every committed record. Lowering it may let the
   * high watermark advance at once.
   */
  setMinInsyncReplicas(minInsyncReplicas: number): HighWatermarkUpdate {
    this.minIsr = checkedMinIsr(minInsyncReplicas);
    return this.maybeAdvanceHighWatermark();
  }

  /**
   * Before an `acks=all` append (Kafka's `appendRecordsToLeader`): refused when the
   * committed ISR is smaller than `min.insync.replicas`. A pending expansion does not count
   * yet, since the controller has not confirmed it.
   */
  canAcceptAcksAll(minInsyncReplicas: number): AcksAllAdmission {
    assert(Number.isInteger(minInsyncReplicas) && minInsyncReplicas >= 1, `minInsyncReplicas ${minInsyncReplicas} is invalid`);
    return this.assignment.isr.length < minInsyncReplicas ? 'NOT_ENOUGH_REPLICAS' : 'NONE';
  }

  /**
   * For an `acks=all` append whose last offset is `requiredOffset - 1` (Kafka's
   * `checkEnoughReplicasReachOffset`): waiting until the high watermark covers it; then
   * `NONE`, or `NOT_ENOUGH_REPLICAS_AFTER_APPEND` when the ISR that acknowledged it (the
   * maximal ISR) was smaller than `min.insync.replicas`. Also
   * `NOT_ENOUGH_REPLICAS_AFTER_APPEND` while the high watermark is short of it but the
   * committed ISR has fallen below `min.insync.replicas`: under the strict rule the high
   * watermark will not move until the ISR grows back, so the producer hears now, not at its
   * timeout (it retries; an idempotent retry is answered as the duplicate it is).
   */
  acksAllStatus(requiredOffset: number, minInsyncReplicas: number): AcksAllStatus {
    if (this.highWatermarkOffset < requiredOffset) return this.assignment.isr.length < minInsyncReplicas ? 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' : 'waiting';
    return this.maximalIsr.length < minInsyncReplicas ? 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' : 'NONE';
  }

  /**
   * The high watermark is the smallest log end offset in the maximal ISR, the leader's own
   * included. A member whose end offset is unknown (no fetch yet in this epoch) holds it
   * where it is. It only ever moves forward: a lower minimum (a follower that truncated, a
   * new epoch) leaves it in place, as Kafka's `maybeIncrementHighWatermark` does. It stays
   * where it is while the committed ISR is smaller than min.insync.replicas (KIP-966).
   */
  private maybeAdvanceHighWatermark(): HighWatermarkUpdate {
    if (this.assignment.isr.length < this.minIsr) return { highWatermark: this.highWatermarkOffset, advanced: false };
    let candidate = this.leaderLogEndOffset;
    for (const id of this.maximalIsr) {
      if (id === this.localReplicaId) continue;
      const follower = this.followers.get(id);
      assert(follower !== undefined, `ISR member ${id} has no progress record`);
      candidate = Math.min(candidate, follower.logEndOffset);
    }
    if (candidate <= this.highWatermarkOffset) return { highWatermark: this.highWatermarkOffset, advanced: false };
    assert(candidate <= this.leaderLogEndOffset, 'the high watermark never passes the leader log end offset');
    this.highWatermarkOffset = candidate;
    return { highWatermark: candidate, advanced: true };
  }

  private stillHolds(proposal: IsrProposal): boolean {
    const { leaderEpoch, partitionEpoch, isr } = this.assignment;
    if (proposal.leaderEpoch !== leaderEpoch || proposal.partitionEpoch !== partitionEpoch) return false;
    if (proposal.kind === 'shrink') return proposal.changedReplicaIds.every((id) => isr.includes(id));
    // Still qualified, and still the same registration of its broker as when proposed.
    const epochOf = (id: number) => proposal.newIsrWithEpochs.find((member) => member.brokerId === id)?.brokerEpoch;
    return proposal.changedReplicaIds.every((id) => this.isrToExpandWithoutPending(id) !== null && epochOf(id) === this.followers.get(id)?.brokerEpoch);
  }

  private proposal(kind: IsrProposal['kind'], newIsr: readonly number[], changedReplicaIds: readonly number[]): IsrProposal {
    assert(newIsr.includes(this.localReplicaId), 'a proposed ISR always holds the leader');
    const { leaderEpoch, partitionEpoch } = this.assignment;
    return { kind, newIsr, newIsrWithEpochs: newIsr.map((id) => this.memberEpoch(id)), changedReplicaIds, leaderEpoch, partitionEpoch };
  }

  /** Kafka's `addBrokerEpochToIsr`: -1 for the leader (the driver knows its own) and for a member not heard from. */
  private memberEpoch(brokerId: number): IsrMemberEpoch {
    const brokerEpoch = brokerId === this.localReplicaId ? UNKNOWN_BROKER_EPOCH : (this.followers.get(brokerId)?.brokerEpoch ?? UNKNOWN_BROKER_EPOCH);
    return { brokerId, brokerEpoch };
  }

  private resetFollowers(nowMs: number): void {
    this.followers = new Map();
    for (const id of this.assignment.replicas) {
      if (id === this.localReplicaId) continue;
      this.followers.set(id, new FollowerProgress(id, { nowMs, inSync: this.assignment.isr.includes(id) }));
    }
  }

  /** Same epoch, new replica set (a reassignment): new replicas start unknown, removed ones go. */
  private syncFollowersWithReplicas(nowMs: number): void {
    const replicas = this.assignment.replicas;
    for (const id of [...this.followers.keys()]) if (!replicas.includes(id)) this.followers.delete(id);
    for (const id of replicas) {
      if (id === this.localReplicaId || this.followers.has(id)) continue;
      this.followers.set(id, new FollowerProgress(id, { nowMs, inSync: false }));
    }
  }
}

function checkedMinIsr(minInsyncReplicas: number): number {
  assert(Number.isSafeInteger(minInsyncReplicas) && minInsyncReplicas >= 1, `minInsyncReplicas ${minInsyncReplicas} is invalid`);
  return minInsyncReplicas;
}
