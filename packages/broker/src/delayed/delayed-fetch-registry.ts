import { assert } from '@samsa/common';
import { DeadlineQueue, type Registration } from './deadline-queue';
import { DEFAULT_MAX_DELAYED_OPERATIONS } from './delayed-produce-registry';

export interface DelayedFetch {
  /** The driver's id for the request; unique among registered operations. */
  readonly id: number;
  readonly deadlineMs: number;
  /** Answer as soon as this many bytes are readable across the partitions. */
  readonly minBytes: number;
  /** The driver's partition keys, e.g. `${topicId}:${partition}`. */
  readonly partitions: readonly string[];
  /** Bytes already readable when the fetch was parked (fewer than `minBytes`). */
  readonly bytesAvailable: number;
}

interface Operation extends Registration {
  readonly minBytes: number;
  readonly partitions: readonly string[];
  bytesAvailable: number;
}

/**
 * Long-polling fetches (consumer `max_wait_ms`/`min_bytes`, and replica fetch streams):
 * the bookkeeping half of Kafka's fetch purgatory, without timers. The driver parks a
 * fetch that found fewer than `minBytes`, reports bytes that become readable, and wakes
 * partitions on events that change the answer without adding bytes; each call returns the
 * ids to answer now (by reading again), each exactly once. At most `maxOperations` wait at
 * a time; `register` refuses past that and the driver answers at once with what it has.
 *
 * "Bytes readable" depends on who reads: for a consumer, bytes the high watermark newly
 * covers; for a follower, bytes appended. The driver keeps the two kinds in separate
 * registries (or separate partition keys) and reports each its own kind. Counting is
 * approximate in the same way as Kafka's: a reported byte counts for every waiter on the
 * partition whatever its fetch offset, which may answer a fetch a little early, never late.
 */
export class DelayedFetchRegistry {
  private readonly operations = new Map<number, Operation>();
  private readonly idsByPartition = new Map<string, Set<number>>();
  private readonly deadlines = new DeadlineQueue();
  private nextSerial = 1;

  constructor(private readonly maxOperations = DEFAULT_MAX_DELAYED_OPERATIONS) {
    assert(Number.isInteger(maxOperations) && maxOperations > 0, `maxOperations ${maxOperations} must be positive`);
  }

  get size(): number {
    return this.operations.size;
  }

  /** False when full. A fetch that already has `minBytes` should be answered, not parked. */
  register(fetch: DelayedFetch): boolean {
    assert(!this.operations.has(fetch.id), `operation ${fetch.id} is already registered`);
    assert(new Set(fetch.partitions).size === fetch.partitions.length && fetch.partitions.length > 0, 'distinct partitions, at least one');
    assert(fetch.bytesAvailable >= 0 && fetch.bytesAvailable < fetch.minBytes, 'a parked fetch is short of minBytes');
    if (this.operations.size >= this.maxOperations) return false;
    this.deadlines.compact(this.operations.size, (registration) => this.isLive(registration));
    const operation: Operation = {
      id: fetch.id,
      serial: this.nextSerial,
      minBytes: fetch.minBytes,
      partitions: fetch.partitions,
      bytesAvailable: fetch.bytesAvailable,
    };
    this.nextSerial += 1;
    this.operations.set(fetch.id, operation);
    for (const partition of fetch.partitions) this.idsFor(partition).add(fetch.id);
    this.deadlines.push(operation, fetch.deadlineMs);
    return true;
  }

  /** `bytes` more became readable on `partition`: the ids that now reach `minBytes`. */
  onDataAvailable(partition: string, bytes: number): number[] {
    assert(bytes >= 0, `bytes ${bytes} is negative`);
    const ids = this.idsByPartition.get(partition);
    if (ids === undefined || bytes === 0) return [];
    const satisfied: number[] = [];
    for (const id of ids) {
      const operation = this.operations.get(id)!;
      operation.bytesAvailable += bytes;
      if (operation.bytesAvailable >= operation.minBytes) satisfied.push(id);
    }
    for (const id of satisfied) this.remove(this.operations.get(id)!);
    return satisfied;
  }

  /**
   * Every waiter on `partition`, now: for events that change the answer without adding
   * bytes (a high watermark move a follower must learn, a leader change, a truncation,
   * an error on the partition).
   */
  wakePartition(partition: string): number[] {
    const ids = [...(this.idsByPartition.get(partition) ?? [])];
    for (const id of ids) this.remove(this.operations.get(id)!);
    return ids;
  }

  /** Ids whose deadline passed (answer them with whatever is readable). */
  expire(nowMs: number): number[] {
    const expired = this.deadlines.popExpired(nowMs, (registration) => this.isLive(registration));
    for (const registration of expired) this.remove(this.operations.get(registration.id)!);
    this.deadlines.compact(this.operations.size, (registration) => this.isLive(registration));
    return expired.map((registration) => registration.id);
  }

  cancel(id: number): boolean {
    const operation = this.operations.get(id);
    if (operation === undefined) return false;
    this.remove(operation);
    return true;
  }

  private remove(operation: Operation): void {
    this.operations.delete(operation.id);
    for (const partition of operation.partitions) {
      const ids = this.idsByPartition.get(partition);
      ids?.delete(operation.id);
      if (ids?.size === 0) this.idsByPartition.delete(partition);
    }
  }

  private isLive(registration: Registration): boolean {
    return this.operations.get(registration.id)?.serial === registration.serial;
  }

  private idsFor(partition: string): Set<number> {
    let ids = this.idsByPartition.get(partition);
    if (ids === undefined) {
      ids = new Set();
      this.idsByPartition.set(partition, ids);
    }
    return ids;
  }
}
