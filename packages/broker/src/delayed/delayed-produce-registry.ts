import { assert } from '@samsa/common';
import { DeadlineQueue, type Registration } from './deadline-queue';

/** Kafka has no such limit; ours bounds memory under a flood of `acks=all` requests. */
export const DEFAULT_MAX_DELAYED_OPERATIONS = 10_000;

/** One partition of an `acks=all` produce: done when the high watermark reaches `requiredOffset`. */
export interface ProduceWait {
  /** The driver's partition key, e.g. `${topicId}:${partition}`. */
  readonly partition: string;
  /** The appended batches' last offset + 1. */
  readonly requiredOffset: number;
}

export interface DelayedProduce {
  /** The driver's id for the request; unique among registered operations. */
  readonly id: number;
  readonly deadlineMs: number;
  readonly waits: readonly ProduceWait[];
}

/** A finished operation: every partition is either acknowledged or listed as failed. */
export interface DelayedProduceResult {
  readonly id: number;
  /** Partitions that lost leadership while waiting (answer `NOT_LEADER_OR_FOLLOWER`). */
  readonly failedPartitions: readonly string[];
  /** Partitions still waiting at the deadline (answer `REQUEST_TIMED_OUT`); empty unless expired. */
  readonly timedOutPartitions: readonly string[];
}

interface Operation extends Registration {
  readonly deadlineMs: number;
  readonly remaining: Set<string>;
  readonly failed: string[];
}

interface Waiter {
  readonly requiredOffset: number;
  readonly id: number;
}

/**
 * `acks=all` produces waiting for the high watermark: the bookkeeping half of Kafka's
 * produce purgatory, without timers. The driver registers an operation after appending
 * (when the high watermark does not already cover it), reports each high watermark move,
 * and calls `expire` from its own timer; each returns the operations that just finished,
 * each exactly once. At most `maxOperations` wait at a time; `register` refuses past that.
 */
export class DelayedProduceRegistry {
  private readonly operations = new Map<number, Operation>();
  /** Per partition, waiters sorted by required offset, so a move pops a prefix. */
  private readonly waitersByPartition = new Map<string, Waiter[]>();
  private readonly deadlines = new DeadlineQueue();
  private nextSerial = 1;

  constructor(private readonly maxOperations = DEFAULT_MAX_DELAYED_OPERATIONS) {
    assert(Number.isInteger(maxOperations) && maxOperations > 0, `maxOperations ${maxOperations} must be positive`);
  }

  get size(): number {
    return this.operations.size;
  }

  /** False when full; the driver then answers at once (Kafka would not refuse). */
  register(produce: DelayedProduce): boolean {
    assert(!this.operations.has(produce.id), `operation ${produce.id} is already registered`);
    const partitions = new Set(produce.waits.map((wait) => wait.partition));
    assert(partitions.size === produce.waits.length && partitions.size > 0, 'one wait per partition, at least one');
    if (this.operations.size >= this.maxOperations) return false;
    this.deadlines.compact(this.operations.size, (registration) => this.isLive(registration));
    const operation: Operation = { id: produce.id, serial: this.nextSerial, deadlineMs: produce.deadlineMs, remaining: partitions, failed: [] };
    this.nextSerial += 1;
    this.operations.set(produce.id, operation);
    for (const wait of produce.waits) insertSorted(this.waitersFor(wait.partition), { requiredOffset: wait.requiredOffset, id: produce.id });
    this.deadlines.push(operation, produce.deadlineMs);
    return true;
  }

  /** The partition's high watermark moved: waits it now covers are done. */
  onHighWatermark(partition: string, highWatermark: number): DelayedProduceResult[] {
    const waiters = this.waitersByPartition.get(partition);
    if (waiters === undefined) return [];
    let covered = 0;
    while (covered < waiters.length && waiters[covered]!.requiredOffset <= highWatermark) covered += 1;
    const done = waiters.splice(0, covered);
    if (waiters.length === 0) this.waitersByPartition.delete(partition);
    return this.settle(partition, done, false);
  }

  /** This broker stopped leading `partition`: every wait on it fails now. */
  failPartition(partition: string): DelayedProduceResult[] {
    const waiters = this.waitersByPartition.get(partition) ?? [];
    this.waitersByPartition.delete(partition);
    return this.settle(partition, waiters, true);
  }

  /** Operations whose deadline passed, with the partitions they still waited for. */
  expire(nowMs: number): DelayedProduceResult[] {
    const expired = this.deadlines.popExpired(nowMs, (registration) => this.isLive(registration));
    const results = expired.map((registration) => {
      const operation = this.operations.get(registration.id)!;
      const timedOut = [...operation.remaining];
      this.remove(operation);
      return { id: operation.id, failedPartitions: operation.failed, timedOutPartitions: timedOut };
    });
    this.deadlines.compact(this.operations.size, (registration) => this.isLive(registration));
    return results;
  }

  /** Forgets an operation (its client went away); false when it was not registered. */
  cancel(id: number): boolean {
    const operation = this.operations.get(id);
    if (operation === undefined) return false;
    this.remove(operation);
    return true;
  }

  private settle(partition: string, waiters: readonly Waiter[], failed: boolean): DelayedProduceResult[] {
    const results: DelayedProduceResult[] = [];
    for (const waiter of waiters) {
      const operation = this.operations.get(waiter.id);
      assert(operation !== undefined && operation.remaining.has(partition), `stale waiter ${waiter.id} on ${partition}`);
      operation.remaining.delete(partition);
      if (failed) operation.failed.push(partition);
      if (operation.remaining.size > 0) continue;
      this.operations.delete(operation.id);
      results.push({ id: operation.id, failedPartitions: operation.failed, timedOutPartitions: [] });
    }
    return results;
  }

  private remove(operation: Operation): void {
    this.operations.delete(operation.id);
    for (const partition of operation.remaining) {
      const waiters = this.waitersByPartition.get(partition);
      if (waiters === undefined) continue;
      const kept = waiters.filter((waiter) => waiter.id !== operation.id);
      if (kept.length === 0) this.waitersByPartition.delete(partition);
      else this.waitersByPartition.set(partition, kept);
    }
  }

  private isLive(registration: Registration): boolean {
    return this.operations.get(registration.id)?.serial === registration.serial;
  }

  private waitersFor(partition: string): Waiter[] {
    let waiters = this.waitersByPartition.get(partition);
    if (waiters === undefined) {
      waiters = [];
      this.waitersByPartition.set(partition, waiters);
    }
    return waiters;
  }
}

/** Inserts after every waiter with a required offset <= this one (appends are the common case). */
function insertSorted(waiters: Waiter[], waiter: Waiter): void {
  let low = 0;
  let high = waiters.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (waiters[middle]!.requiredOffset <= waiter.requiredOffset) low = middle + 1;
    else high = middle;
  }
  waiters.splice(low, 0, waiter);
}
