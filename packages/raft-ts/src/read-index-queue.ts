import { assert } from './assert';
import type { NodeId } from './types';

/** A read waiting for the leader to confirm it still leads. */
export interface PendingRead {
  readonly round: number;
  readonly index: number;
  readonly context: Uint8Array;
  /** Who asked: the leader itself, or a follower that forwarded the read. */
  readonly from: NodeId;
}

/**
 * The leader's ReadIndex bookkeeping. Each read gets a round number; the next heartbeat
 * carries it, and once a majority has echoed a round >= r every read of round <= r is
 * confirmed, because those acknowledgments prove no newer leader existed when it began.
 * Reads that arrive before the leader committed an entry of its own term wait apart,
 * because until then the leader's commit index may lag the cluster's.
 */
export class ReadIndexQueue {
  round = 0;
  private pending: PendingRead[] = [];
  private waiting: Array<{ context: Uint8Array; from: NodeId }> = [];

  constructor(private readonly capacity: number) {
    assert(capacity > 0, 'read-index queue capacity must be positive');
  }

  size(): number {
    return this.pending.length + this.waiting.length;
  }

  isFull(): boolean {
    return this.size() >= this.capacity;
  }

  /** Parks a read until the leader commits an entry of its term. */
  wait(context: Uint8Array, from: NodeId): void {
    assert(!this.isFull(), 'read-index queue is full');
    this.waiting.push({ context, from });
  }

  takeWaiting(): Array<{ context: Uint8Array; from: NodeId }> {
    const waiting = this.waiting;
    this.waiting = [];
    return waiting;
  }

  /** Starts a new round for a read at commit index `index`; returns the round. */
  add(index: number, context: Uint8Array, from: NodeId): number {
    assert(this.pending.length < this.capacity, 'read-index queue is full');
    this.round += 1;
    this.pending.push({ round: this.round, index, context, from });
    return this.round;
  }

  /** Removes and returns the reads confirmed by a majority having echoed `round`. */
  confirm(round: number): PendingRead[] {
    let count = 0;
    while (count < this.pending.length && (this.pending[count]?.round ?? Infinity) <= round) count += 1;
    return this.pending.splice(0, count);
  }

  reset(): void {
    this.round = 0;
    this.pending = [];
    this.waiting = [];
  }
}
