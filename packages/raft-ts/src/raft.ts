import { assert } from './assert';
import { confChangeProblem, applyConfChange, decodeConfChange } from './conf-change';
import { resolveOptions, type RaftOptions, type ResolvedOptions } from './config';
import { InvalidRequestError, NotLeaderError, RequestDroppedError, UnavailableError } from './errors';
import { MembershipLog } from './membership-log';
import { isLeaderMessage, type Message, type OutgoingMessage, type PreVoteRequest, type VoteRequest } from './message';
import { randomBelow } from './prng';
import { ProgressTracker } from './progress-tracker';
import { RaftLog } from './raft-log';
import { ReadIndexQueue } from './read-index-queue';
import { bcastAppend, sendAppend } from './replication';
import { handleReadRequest } from './read-index';
import { SnapshotReceiver } from './snapshot-receiver';
import { stepCandidate } from './step-candidate';
import { stepFollower, tickElection } from './step-follower';
import { stepLeader, tickHeartbeat } from './step-leader';
import { NO_NODE, type Entry, type EntryType, type HardState, type NodeId, type ReadState, type Role, type Snapshot, type SoftState } from './types';

export type StepFunction = (raft: Raft, message: Message) => void;
export type TickFunction = (raft: Raft) => void;
export type CampaignKind = 'pre-vote' | 'vote' | 'transfer';

const EMPTY_DATA = new Uint8Array(0);

/**
 * The raft state machine. It performs no I/O and reads no clock: messages and ticks go in,
 * and outgoing messages, log changes and read states accumulate until RawNode hands them
 * out as a Ready. Role behaviour lives in the step and tick functions assigned by the
 * become* methods. Fields are public for the step modules; applications use RawNode.
 */
export class Raft {
  readonly id: NodeId;
  readonly options: ResolvedOptions;
  readonly log: RaftLog;
  readonly tracker: ProgressTracker;
  readonly membership: MembershipLog;
  readonly readIndexQueue: ReadIndexQueue;
  readonly snapshotReceiver = new SnapshotReceiver();
  term = 0;
  vote: NodeId = NO_NODE;
  lead: NodeId = NO_NODE;
  role: Role = 'follower';
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  /** The voter we are handing leadership to, or NO_NODE. */
  leadTransferee: NodeId = NO_NODE;
  /** No configuration change may be proposed until the commit index reaches this. */
  pendingConfIndex = 0;
  /** Payload bytes the leader appended that are not yet committed. */
  uncommittedBytes = 0;
  messages: Message[] = [];
  /** Confirmed reads, released to the application once it has applied their index. */
  readStates: ReadState[] = [];
  private stepRole: StepFunction = stepFollower;
  private tickRole: TickFunction = tickElection;

  constructor(options: RaftOptions) {
    this.options = resolveOptions(options);
    this.id = this.options.id;
    const { hardState, confState } = this.options.storage.initialState();
    this.log = new RaftLog(this.options.storage, this.options.maxApplyBytesPerReady);
    this.tracker = new ProgressTracker(this.options.maxInflightAppends);
    this.readIndexQueue = new ReadIndexQueue(this.options.maxReadIndexQueue);
    const snapshotIndex = this.log.firstIndex() - 1;
    this.membership = new MembershipLog(snapshotIndex, confState);
    this.log.commitTo(hardState.commit);
    this.log.appliedTo(this.options.appliedIndex ?? this.storageSnapshotIndex(snapshotIndex));
    this.term = hardState.term;
    this.vote = hardState.vote;
    // Configurations take effect at commit, so replay the committed suffix of the log.
    this.applyCommittedConfChanges(snapshotIndex);
    this.tracker.setConf(this.membership.current(), this.log.lastIndex());
    this.becomeFollower(this.term, NO_NODE);
  }

  /**
   * Where a restarted application resumes by default: its state machine was rebuilt from
   * the storage's snapshot, which may be newer than the compaction point.
   */
  private storageSnapshotIndex(fallback: number): number {
    try {
      return Math.min(Math.max(this.options.storage.snapshot().metadata.index, fallback), this.log.committed);
    } catch (error) {
      if (error instanceof UnavailableError) return fallback;
      throw error;
    }
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.log.committed };
  }

  softState(): SoftState {
    return { leaderId: this.lead, role: this.role };
  }

  send(message: OutgoingMessage): void {
    assert(message.to !== this.id, 'a node never messages itself');
    // Stamping in place avoids copying every message; outgoing messages are fresh literals.
    this.messages.push(Object.assign(message, { from: this.id, term: message.term ?? this.term }) as Message);
  }

  tick(): void {
    this.tickRole(this);
  }

  step(message: Message): void {
    assert(message.to === this.id, `message for ${message.to} stepped into ${this.id}`);
    if (message.term > this.term) {
      if (!this.acceptHigherTerm(message)) return;
    } else if (message.term < this.term) {
      this.answerStaleTerm(message);
      return;
    }
    if (message.kind === 'vote-request' || message.kind === 'pre-vote-request') {
      this.handleVoteRequest(message);
      return;
    }
    this.stepRole(this, message);
  }

  /** Returns false when a higher-term message must be ignored (leader lease). */
  private acceptHigherTerm(message: Message): boolean {
    if (message.kind === 'vote-request' || message.kind === 'pre-vote-request') {
      const forced = message.kind === 'vote-request' && message.transfer;
      // A follower that heard from a leader within the election timeout ignores campaigns:
      // a node that merely cannot hear the leader must not depose it.
      if (!forced && this.inLeaderLease()) return false;
    }
    // Pre-votes never move terms: the request's term is only a hypothetical campaign term.
    if (message.kind === 'pre-vote-request') return true;
    if (message.kind === 'pre-vote-response' && !message.reject) return true;
    this.becomeFollower(message.term, isLeaderMessage(message) ? message.from : NO_NODE);
    return true;
  }

  private answerStaleTerm(message: Message): void {
    const { checkQuorum, preVote } = this.options;
    if ((checkQuorum || preVote) && (message.kind === 'append' || message.kind === 'heartbeat')) {
      // A deposed leader that cannot win elections would never learn the new term
      // otherwise: with pre-vote nobody's term rises until its pre-votes succeed.
      this.send({ kind: 'append-response', to: message.from, reject: false, index: 0 });
    } else if (message.kind === 'pre-vote-request') {
      this.send({ kind: 'pre-vote-response', to: message.from, reject: true });
    }
  }

  inLeaderLease(): boolean {
    return this.options.checkQuorum && this.lead !== NO_NODE && this.electionElapsed < this.options.electionTicks;
  }

  private handleVoteRequest(message: VoteRequest | PreVoteRequest): void {
    const isPreVote = message.kind === 'pre-vote-request';
    const kind = isPreVote ? 'pre-vote-response' : 'vote-response';
    const canVote =
      this.vote === message.from ||
      (this.vote === NO_NODE && this.lead === NO_NODE) ||
      (isPreVote && message.term > this.term);
    if (canVote && this.log.isUpToDate(message.lastLogIndex, message.lastLogTerm)) {
      // A granted vote answers in the candidate's term so that it counts the vote.
      this.send({ kind, to: message.from, term: message.term, reject: false });
      if (!isPreVote) {
        this.electionElapsed = 0;
        this.vote = message.from;
      }
    } else {
      this.send({ kind, to: message.from, reject: true });
    }
  }

  /** Only a voter without a pending snapshot may campaign. */
  promotable(): boolean {
    return this.tracker.isVoter(this.id) && this.log.unstable.snapshot === undefined;
  }

  campaign(kind: CampaignKind): void {
    if (!this.promotable()) return;
    let voteTerm: number;
    if (kind === 'pre-vote') {
      this.becomePreCandidate();
      voteTerm = this.term + 1;
    } else {
      this.becomeCandidate();
      voteTerm = this.term;
    }
    this.tracker.recordVote(this.id, true);
    if (this.pollVotes()) return;
    const lastLogIndex = this.log.lastIndex();
    const lastLogTerm = this.log.lastTerm();
    for (const to of this.tracker.conf.voters) {
      if (to === this.id) continue;
      if (kind === 'pre-vote') this.send({ kind: 'pre-vote-request', to, term: voteTerm, lastLogIndex, lastLogTerm });
      else this.send({ kind: 'vote-request', to, lastLogIndex, lastLogTerm, transfer: kind === 'transfer' });
    }
  }

  /** Acts on the election outcome; returns true when it was decided. */
  pollVotes(): boolean {
    const outcome = this.tracker.voteOutcome();
    if (outcome === 'won') {
      if (this.role === 'pre-candidate') this.campaign('vote');
      else this.becomeLeader();
    } else if (outcome === 'lost') {
      this.becomeFollower(this.term, NO_NODE);
    }
    return outcome !== 'pending';
  }

  becomeFollower(term: number, lead: NodeId): void {
    this.stepRole = stepFollower;
    this.tickRole = tickElection;
    this.reset(term);
    this.lead = lead;
    this.role = 'follower';
  }

  becomePreCandidate(): void {
    assert(this.role !== 'leader', 'a leader cannot become a pre-candidate');
    this.stepRole = stepCandidate;
    this.tickRole = tickElection;
    this.tracker.resetVotes();
    this.lead = NO_NODE;
    this.role = 'pre-candidate';
  }

  becomeCandidate(): void {
    assert(this.role !== 'leader', 'a leader cannot become a candidate');
    this.stepRole = stepCandidate;
    this.tickRole = tickElection;
    this.reset(this.term + 1);
    this.vote = this.id;
    this.role = 'candidate';
  }

  becomeLeader(): void {
    assert(this.role === 'candidate', `only a candidate becomes leader, not a ${this.role}`);
    this.stepRole = stepLeader;
    this.tickRole = tickHeartbeat;
    this.reset(this.term);
    this.lead = this.id;
    this.role = 'leader';
    this.tracker.get(this.id)?.becomeReplicate();
    // An empty entry of our term commits everything before it; until it commits, our commit
    // index may lag the cluster's, so reads and configuration changes wait for it.
    this.appendEntries([{ type: 'normal', data: EMPTY_DATA }]);
    this.pendingConfIndex = this.log.lastIndex();
    bcastAppend(this);
  }

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = NO_NODE;
    }
    this.lead = NO_NODE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    const { electionTicks } = this.options;
    this.randomizedElectionTimeout = electionTicks + randomBelow(this.options.random, electionTicks);
    this.leadTransferee = NO_NODE;
    this.tracker.resetVotes();
    this.tracker.resetProgress(this.id, this.log.lastIndex());
    this.pendingConfIndex = 0;
    this.uncommittedBytes = 0;
    this.readIndexQueue.reset();
  }

  /** Appends entries of the current term to the leader's log; returns the last index. */
  appendEntries(drafts: ReadonlyArray<{ type: EntryType; data: Uint8Array }>): number {
    const bytes = drafts.reduce((sum, draft) => sum + draft.data.length, 0);
    if (bytes > 0 && this.uncommittedBytes > 0 && this.uncommittedBytes + bytes > this.options.maxUncommittedBytes) {
      throw new RequestDroppedError('uncommitted-bytes-limit');
    }
    let index = this.log.lastIndex();
    const entries: Entry[] = drafts.map((draft) => ({ term: this.term, index: (index += 1), type: draft.type, data: draft.data }));
    this.uncommittedBytes += bytes;
    this.log.append(entries);
    this.tracker.get(this.id)?.maybeUpdate(this.log.lastIndex());
    this.maybeCommit();
    return this.log.lastIndex();
  }

  propose(data: Uint8Array, type: EntryType): { index: number; term: number } {
    if (this.role !== 'leader') throw new NotLeaderError(this.leaderHint());
    if (this.leadTransferee !== NO_NODE) throw new RequestDroppedError('leadership-transfer-in-progress');
    if (type === 'conf-change') {
      if (this.pendingConfIndex > this.log.committed) throw new RequestDroppedError('conf-change-pending');
      const problem = confChangeProblem(this.tracker.conf, decodeConfChange(data));
      if (problem !== undefined) throw new InvalidRequestError(problem);
    }
    const index = this.appendEntries([{ type, data }]);
    if (type === 'conf-change') this.pendingConfIndex = index;
    const term = this.term;
    if (this.role === 'leader') bcastAppend(this);
    return { index, term };
  }

  /**
   * Appends several normal entries at once and replicates them with one message per
   * follower, instead of one per entry: what a driver uses when many proposals arrive
   * between two Readies. Returns the index of the first; the rest follow it.
   */
  proposeBatch(datas: readonly Uint8Array[]): { firstIndex: number; term: number } {
    if (this.role !== 'leader') throw new NotLeaderError(this.leaderHint());
    if (this.leadTransferee !== NO_NODE) throw new RequestDroppedError('leadership-transfer-in-progress');
    assert(datas.length > 0, 'proposeBatch needs at least one entry');
    const lastIndex = this.appendEntries(datas.map((data) => ({ type: 'normal', data })));
    const term = this.term;
    if (this.role === 'leader') bcastAppend(this);
    return { firstIndex: lastIndex - datas.length + 1, term };
  }

  leaderHint(): NodeId | undefined {
    return this.lead === NO_NODE ? undefined : this.lead;
  }

  /** Advances the commit index to what a quorum has replicated, if it is of our term. */
  maybeCommit(): boolean {
    if (this.tracker.conf.voters.length === 0) return false;
    const before = this.log.committed;
    if (!this.log.maybeCommit(this.tracker.committedIndex(), this.term)) return false;
    this.onCommitAdvanced(before);
    return true;
  }

  /** Everything that follows from entries in (before, committed] becoming committed. */
  onCommitAdvanced(before: number): void {
    const confChanged = this.applyCommittedConfChanges(before);
    if (this.role !== 'leader') return;
    if (!this.tracker.isVoter(this.id)) {
      // A leader removed from the voters steps down once the removal is committed.
      this.becomeFollower(this.term, NO_NODE);
      return;
    }
    if (this.log.termOrUndefined(this.log.committed) === this.term) {
      for (const read of this.readIndexQueue.takeWaiting()) handleReadRequest(this, read.context, read.from);
    }
    if (confChanged) this.maybeCommit();
  }

  /** Applies conf-change entries in (before, committed]; returns whether any applied. */
  private applyCommittedConfChanges(before: number): boolean {
    let changed = false;
    // Walk only what became committed; on a leader this also releases uncommitted bytes.
    for (const entry of this.log.slice(before + 1, this.log.committed + 1, Infinity)) {
      if (this.role === 'leader') this.uncommittedBytes = Math.max(0, this.uncommittedBytes - entry.data.length);
      if (entry.type !== 'conf-change') continue;
      const conf = applyConfChange(this.membership.current(), decodeConfChange(entry.data));
      this.membership.push(entry.index, conf);
      changed = true;
    }
    if (!changed) return false;
    this.tracker.setConf(this.membership.current(), this.log.lastIndex());
    if (this.leadTransferee !== NO_NODE && !this.tracker.isVoter(this.leadTransferee)) this.leadTransferee = NO_NODE;
    return true;
  }

  /** Installs a snapshot from the leader; returns false when it brings nothing new. */
  restore(snapshot: Snapshot): boolean {
    const { index, term, voters, learners } = snapshot.metadata;
    if (index <= this.log.committed) return false;
    assert(this.role === 'follower', 'only followers restore snapshots');
    if (this.log.matchTerm(index, term)) {
      // We already hold the snapshot's last entry: just learn that it is committed.
      const before = this.log.committed;
      this.log.commitTo(index);
      this.onCommitAdvanced(before);
      return false;
    }
    this.log.restore(snapshot);
    this.membership.reset(index, { voters, learners });
    this.tracker.setConf(this.membership.current(), this.log.lastIndex());
    return true;
  }

  transferLeadership(target: NodeId): void {
    if (this.role !== 'leader') throw new NotLeaderError(this.leaderHint());
    if (target === this.id || target === this.leadTransferee) return;
    if (!this.tracker.isVoter(target)) throw new InvalidRequestError(`transfer target ${target} is not a voter`);
    this.leadTransferee = target;
    // The transfer must finish within an election timeout or it is abandoned (see tick).
    this.electionElapsed = 0;
    if (this.tracker.get(target)?.match === this.log.lastIndex()) this.send({ kind: 'timeout-now', to: target });
    else sendAppend(this, target);
  }

  takeMessages(): Message[] {
    const messages = this.messages;
    this.messages = [];
    return messages;
  }

  /** Removes and returns the read states whose index is at most `appliedIndex`. */
  takeReadStates(appliedIndex: number): ReadState[] {
    const released = this.readStates.filter((read) => read.index <= appliedIndex);
    if (released.length > 0) this.readStates = this.readStates.filter((read) => read.index > appliedIndex);
    return released;
  }
}
