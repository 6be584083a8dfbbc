import { assert } from './assert';
import { encodeConfChange, type ConfChange } from './conf-change';
import type { RaftOptions } from './config';
import type { Message } from './message';
import { Raft } from './raft';
import { readIndex } from './read-index';
import type { Ready } from './ready';
import { isHardStateEqual, type ConfState, type HardState, type NodeId, type Role, type SoftState } from './types';

export interface ProposalResult {
  /** The log index the proposal was appended at; it is applied there if it commits. */
  readonly index: number;
  readonly term: number;
}

export interface Status {
  readonly id: NodeId;
  readonly term: number;
  readonly vote: NodeId;
  readonly leaderId: NodeId;
  readonly role: Role;
  readonly commitIndex: number;
  readonly appliedIndex: number;
  readonly firstIndex: number;
  readonly lastIndex: number;
  /** The configuration in force (as of the commit index). */
  readonly conf: ConfState;
}

/**
 * The single-threaded application interface to one raft node. Nothing here blocks or
 * does I/O. The application drives it with a loop:
 *
 * 1. Call `tick()` on a timer, `step(message)` for each message received, and
 *    `propose`, `proposeConfChange`, `transferLeadership` or `readIndex` as needed.
 * 2. When `hasReady()`, take `ready()` and persist its snapshot, entries and hard state.
 * 3. Send its messages, then apply its snapshot and committed entries and serve its reads.
 * 4. Call `advance(ready)`, then loop.
 *
 * Methods that cannot succeed here throw typed errors: NotLeaderError (with a leader
 * hint), RequestDroppedError (a limit or transient state: retry later) and
 * InvalidRequestError (the request is wrong).
 */
export class RawNode {
  private readonly raft: Raft;
  private previousHardState: HardState;
  private previousSoftState: SoftState;
  private readyOutstanding = false;

  constructor(options: RaftOptions) {
    this.raft = new Raft(options);
    this.previousHardState = this.raft.hardState();
    this.previousSoftState = this.raft.softState();
  }

  tick(): void {
    this.raft.tick();
  }

  step(message: Message): void {
    this.raft.step(message);
  }

  /** Starts an election now instead of waiting for the timeout (tests, single-node start). */
  campaign(): void {
    this.raft.campaign(this.raft.options.preVote ? 'pre-vote' : 'vote');
  }

  propose(data: Uint8Array): ProposalResult {
    return this.raft.propose(data, 'normal');
  }

  /**
   * Proposes several normal entries together (one replication round for all of them).
   * They get consecutive indexes starting at the returned `index`.
   */
  proposeBatch(datas: readonly Uint8Array[]): ProposalResult {
    const { firstIndex, term } = this.raft.proposeBatch(datas);
    return { index: firstIndex, term };
  }

  /** Proposes one membership change; only one may be in flight until it commits. */
  proposeConfChange(change: ConfChange): ProposalResult {
    return this.raft.propose(encodeConfChange(change), 'conf-change');
  }

  /** Asks the leader to hand leadership to `target` once its log has caught up. */
  transferLeadership(target: NodeId): void {
    this.raft.transferLeadership(target);
  }

  /**
   * Requests a linearizable read point; it comes back in a later Ready's readStates with
   * the same context. Reads can be lost with a leader change: retry after a timeout.
   */
  readIndex(context: Uint8Array): void {
    readIndex(this.raft, context);
  }

  hasReady(): boolean {
    const raft = this.raft;
    return (
      raft.messages.length > 0 ||
      raft.log.unstable.entries.length > 0 ||
      raft.log.unstable.snapshot !== undefined ||
      raft.log.hasNextCommittedEntries() ||
      raft.readStates.some((read) => read.index <= raft.log.applied) ||
      !isHardStateEqual(raft.hardState(), this.previousHardState) ||
      !isSoftStateEqual(raft.softState(), this.previousSoftState)
    );
  }

  ready(): Ready {
    assert(!this.readyOutstanding, 'advance the previous Ready before taking another');
    const raft = this.raft;
    const committedEntries = raft.log.nextCommittedEntries();
    const snapshot = raft.log.unstable.snapshot;
    const appliedAfter = committedEntries[committedEntries.length - 1]?.index ?? snapshot?.metadata.index ?? raft.log.applied;
    const ready: Ready = {
      entries: [...raft.log.unstable.entries],
      messages: raft.takeMessages(),
      committedEntries,
      readStates: raft.takeReadStates(appliedAfter),
    };
    if (snapshot !== undefined) ready.snapshot = snapshot;
    const hardState = raft.hardState();
    if (!isHardStateEqual(hardState, this.previousHardState)) ready.hardState = hardState;
    const softState = raft.softState();
    if (!isSoftStateEqual(softState, this.previousSoftState)) ready.softState = softState;
    this.previousHardState = hardState;
    this.previousSoftState = softState;
    this.readyOutstanding = true;
    return ready;
  }

  /** Tells the node that everything `ready` asked for has been done. */
  advance(ready: Ready): void {
    assert(this.readyOutstanding, 'advance without an outstanding Ready');
    this.readyOutstanding = false;
    const log = this.raft.log;
    const lastEntry = ready.entries[ready.entries.length - 1];
    if (lastEntry !== undefined) log.unstable.stableTo(lastEntry.index, lastEntry.term);
    if (ready.snapshot !== undefined) {
      log.unstable.stableSnapshotTo(ready.snapshot.metadata.index);
      log.appliedTo(ready.snapshot.metadata.index);
    }
    const lastCommitted = ready.committedEntries[ready.committedEntries.length - 1];
    if (lastCommitted !== undefined) log.appliedTo(lastCommitted.index);
    this.raft.membership.pruneTo(log.applied);
  }

  status(): Status {
    const raft = this.raft;
    return {
      id: raft.id,
      term: raft.term,
      vote: raft.vote,
      leaderId: raft.lead,
      role: raft.role,
      commitIndex: raft.log.committed,
      appliedIndex: raft.log.applied,
      firstIndex: raft.log.firstIndex(),
      lastIndex: raft.log.lastIndex(),
      conf: raft.tracker.conf,
    };
  }

  /** The configuration as of the applied index: what a snapshot taken now must record. */
  appliedConfState(): ConfState {
    return this.raft.membership.at(this.raft.log.applied);
  }
}

function isSoftStateEqual(a: SoftState, b: SoftState): boolean {
  return a.leaderId === b.leaderId && a.role === b.role;
}
