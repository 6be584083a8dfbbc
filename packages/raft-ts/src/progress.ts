import { assert } from './assert';
import { Inflights } from './inflights';
import type { Snapshot } from './types';

/**
 * How the leader talks to one follower:
 * - probe: one append at a time until we find where the logs match;
 * - replicate: logs match, so stream appends optimistically, up to the inflight limit;
 * - snapshot: the follower needs entries we compacted; send the snapshot in chunks.
 */
export type ProgressState = 'probe' | 'replicate' | 'snapshot';

/** An in-progress chunked snapshot transfer to one follower. */
export interface SnapshotTransfer {
  readonly snapshot: Snapshot;
  /** The byte offset the follower last said it expects. */
  nextOffset: number;
  /** The end of the last chunk sent; a response naming it lets us send the next chunk. */
  sentEnd: number;
}

/** The leader's view of one follower's log. Invariant: match < next. */
export class Progress {
  match = 0;
  next: number;
  state: ProgressState = 'probe';
  /** In probe state, an append is outstanding: wait for its response or a heartbeat. */
  probeSent = false;
  /** Heard from since the last check-quorum round. */
  recentActive = true;
  /** The highest read round this follower has confirmed in the current term. */
  readRound = 0;
  isLearner: boolean;
  readonly inflights: Inflights;
  transfer: SnapshotTransfer | undefined = undefined;

  constructor(options: { next: number; isLearner: boolean; maxInflight: number }) {
    this.next = options.next;
    this.isLearner = options.isLearner;
    this.inflights = new Inflights(options.maxInflight);
  }

  /** True when nothing more should be sent until a response arrives. */
  isPaused(): boolean {
    if (this.state === 'probe') return this.probeSent;
    if (this.state === 'replicate') return this.inflights.isFull();
    return true;
  }

  becomeProbe(): void {
    const snapshotIndex = this.transfer?.snapshot.metadata.index ?? 0;
    this.resetState('probe');
    this.next = Math.max(this.match + 1, snapshotIndex + 1);
  }

  becomeReplicate(): void {
    this.resetState('replicate');
    this.next = this.match + 1;
  }

  becomeSnapshot(snapshot: Snapshot): void {
    this.resetState('snapshot');
    this.transfer = { snapshot, nextOffset: 0, sentEnd: 0 };
  }

  /** Records an acknowledgment up to `index`; returns whether match moved forward. */
  maybeUpdate(index: number): boolean {
    const updated = index > this.match;
    if (updated) {
      this.match = index;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, index + 1);
    return updated;
  }

  /**
   * Handles a rejected append at `rejectedIndex`, moving next back towards `nextHint` and
   * falling back to probing. Returns false when the rejection is stale and is ignored.
   */
  maybeDecreaseTo(rejectedIndex: number, nextHint: number): boolean {
    if (this.state === 'snapshot') return false;
    if (this.state === 'replicate') {
      if (rejectedIndex <= this.match) return false;
      this.becomeProbe();
    } else if (this.next - 1 !== rejectedIndex) {
      return false;
    }
    this.next = Math.max(Math.min(rejectedIndex, nextHint), this.match + 1);
    this.probeSent = false;
    assert(this.next > this.match, 'next must stay above match');
    return true;
  }

  /** Book-keeping after sending an append whose entries end at `lastIndex`. */
  sentEntries(lastIndex: number | undefined): void {
    if (this.state === 'replicate' && lastIndex !== undefined) {
      this.next = lastIndex + 1;
      this.inflights.add(lastIndex);
    } else if (this.state === 'probe') {
      this.probeSent = true;
    }
  }

  private resetState(state: ProgressState): void {
    this.state = state;
    this.probeSent = false;
    this.transfer = undefined;
    this.inflights.reset();
  }
}
