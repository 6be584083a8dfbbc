import { BATCH_HEADER_BYTES } from '@samsa/protocol';
import { BatchMemory } from './batch-memory';
import { ProducerBatch, type BatchRecord, type PendingSend } from './producer-batch';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The batches waiting for one partition, oldest first, and the partition's idempotence
 * state. Batches are removed from `batches` while in flight and put back (in drain order)
 * when they must be retried.
 */
export class PartitionQueue {
  readonly batches: ProducerBatch[] = [];
  inFlight = 0;
  /** The sequence number the next new batch gets. */
  nextSequence = 0;
  /** The sequence after the last acknowledged batch: what the broker expects next. */
  nextExpectedSequence = 0;
  lastAckedDrainOrder = -1;
  nextDrainOrder = 0;
  /** Bytes the last drained batch was written in: the next batch starts with that much room. */
  lastBatchBytes = 0;
  /** Drained batches not yet acknowledged or failed, in drain order (in flight or waiting to retry). */
  readonly unacked: ProducerBatch[] = [];

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}
}

export interface AccumulatorOptions {
  readonly batchBytes: number;
  readonly lingerMs: number;
  /** Batches of one partition in flight at once (Kafka's limit with idempotence: 5). */
  readonly maxInFlightPerPartition: number;
  /** Buffers of settled batches kept for new ones (see BatchMemory); default none. */
  readonly freeBatchBuffersMax?: number;
}

export interface ReadyResult {
  /** Leader broker id → partitions led by it whose head batch may be sent now. */
  readonly byLeader: Map<number, PartitionQueue[]>;
  /** When a batch that is not ready yet becomes ready (linger, retry backoff); Infinity: never by itself. */
  readonly nextCheckMs: number;
  /** Some batch waits for a partition whose leader is unknown. */
  readonly unknownLeader: boolean;
  /** Some retry waits for the metadata to name a new leader (see `ProducerBatch.movedFromLeader`). */
  readonly awaitingNewLeader: boolean;
}

/**
 * Per-partition batching. `append` adds a record to the partition's open batch, closing it
 * and opening another when `batchBytes` would be exceeded. A partition's oldest batch is
 * ready when it is closed, when another batch queues behind it, when it has lingered
 * `lingerMs`, or when the caller says it is urgent (flush, close, a full buffer). Retried
 * batches go back to the front in their original order and wait until no batch of their
 * partition is in flight, so a partition's records are written in the order they were sent.
 */
export class RecordAccumulator {
  private readonly queues = new Map<string, Map<number, PartitionQueue>>();
  private readonly rotation = new Map<number, number>();
  private readonly memory: BatchMemory;

  constructor(
    readonly options: AccumulatorOptions,
    private readonly clock: Clock,
  ) {
    this.memory = new BatchMemory(options.batchBytes, options.freeBatchBuffersMax ?? 0);
  }

  queue(topic: string, partition: number): PartitionQueue {
    let byPartition = this.queues.get(topic);
    if (byPartition === undefined) this.queues.set(topic, (byPartition = new Map()));
    let queue = byPartition.get(partition);
    if (queue === undefined) byPartition.set(partition, (queue = new PartitionQueue(topic, partition)));
    return queue;
  }

  /**
   * Whether the partition's open batch would take a record of `sizeBytes` without filling
   * over. The sticky partitioner moves on when it would not: a keyless burst then spreads
   * over partitions batch by batch (Kafka's KIP-480), instead of piling into one.
   */
  hasOpenBatch(topic: string, partition: number, sizeBytes = 0): boolean {
    const batches = this.queues.get(topic)?.get(partition)?.batches;
    const tail = batches?.[batches.length - 1];
    if (tail === undefined || tail.closed) return false;
    return tail.recordCount === 0 || tail.sizeBytes + sizeBytes <= this.options.batchBytes;
  }

  /**
   * Appends one record (its bytes are copied, the object is not kept); returns the batch it
   * went into. `sizeBytes` is the record's estimated size, as reserved from the buffer pool.
   */
  append(topic: string, partition: number, record: BatchRecord, sizeBytes: number, send: PendingSend, sendIndex: number): ProducerBatch {
    const queue = this.queue(topic, partition);
    let tail = queue.batches[queue.batches.length - 1];
    if (tail !== undefined && !tail.closed && tail.recordCount > 0 && (tail.sizeBytes + sizeBytes > this.options.batchBytes || !tail.accepts(record, send))) tail.closed = true;
    if (tail === undefined || tail.closed) {
      tail = new ProducerBatch(topic, partition, this.clock.now(), BATCH_HEADER_BYTES, this.memory.forBatch(queue.lastBatchBytes));
      queue.batches.push(tail);
    }
    tail.append(record, sizeBytes, send, sendIndex);
    if (tail.sizeBytes >= this.options.batchBytes) tail.closed = true;
    return tail;
  }

  /** Which partitions can send now, grouped by leader. */
  ready(nowMs: number, leaderOf: (topic: string, partition: number) => number, urgent: boolean): ReadyResult {
    const byLeader = new Map<number, PartitionQueue[]>();
    let nextCheckMs = Infinity;
    let unknownLeader = false;
    let awaitingNewLeader = false;
    for (const byPartition of this.queues.values()) {
      for (const queue of byPartition.values()) {
        const head = queue.batches[0];
        if (head === undefined) continue;
        // The leader is looked up before readiness only for a retry waiting for it to move.
        let leader = head.movedFromLeader >= 0 ? leaderOf(queue.topic, queue.partition) : undefined;
        if (leader !== undefined && (leader < 0 || leader === head.movedFromLeader)) awaitingNewLeader = true;
        const readyAtMs = this.readyAtMs(queue, nowMs, urgent, leader ?? -1);
        if (readyAtMs > nowMs) {
          nextCheckMs = Math.min(nextCheckMs, readyAtMs);
          continue;
        }
        leader ??= leaderOf(queue.topic, queue.partition);
        if (leader < 0) {
          unknownLeader = true;
          continue;
        }
        let list = byLeader.get(leader);
        if (list === undefined) byLeader.set(leader, (list = []));
        list.push(queue);
      }
    }
    return { byLeader, nextCheckMs, unknownLeader, awaitingNewLeader };
  }

  /**
   * Takes the head batch of each ready partition in `queues` (one batch per partition), up
   * to `maxRequestBytes` in total (always at least one batch), starting where the last
   * drain for this leader stopped so that no partition starves.
   */
  drain(leader: number, queues: readonly PartitionQueue[], nowMs: number, maxRequestBytes: number, urgent: boolean): ProducerBatch[] {
    const drained: ProducerBatch[] = [];
    if (queues.length === 0) return drained;
    const start = (this.rotation.get(leader) ?? 0) % queues.length;
    let totalBytes = 0;
    for (let step = 0; step < queues.length; step++) {
      const queue = queues[(start + step) % queues.length] as PartitionQueue;
      const head = queue.batches[0];
      if (head === undefined || this.readyAtMs(queue, nowMs, urgent, leader) > nowMs) continue;
      if (drained.length > 0 && totalBytes + head.sizeBytes > maxRequestBytes) {
        this.rotation.set(leader, (start + step) % queues.length);
        return drained;
      }
      queue.batches.shift();
      head.closed = true;
      if (head.drainOrder < 0) {
        head.drainOrder = queue.nextDrainOrder++;
        queue.unacked.push(head);
        queue.lastBatchBytes = head.writtenBytes;
      }
      queue.inFlight += 1;
      totalBytes += head.sizeBytes;
      drained.push(head);
    }
    this.rotation.set(leader, start + 1);
    return drained;
  }

  /** The batch was acknowledged or failed for good: it leaves the partition, its memory is reused. */
  settle(batch: ProducerBatch): void {
    const unacked = this.queue(batch.topic, batch.partition).unacked;
    const index = unacked.indexOf(batch);
    if (index >= 0) unacked.splice(index, 1);
    const memory = batch.releaseMemory();
    if (memory !== undefined) this.memory.recycle(memory);
  }

  /** Puts a batch that must be retried back in its partition, in drain order. */
  reenqueue(batch: ProducerBatch): void {
    const queue = this.queue(batch.topic, batch.partition);
    let index = 0;
    while (index < queue.batches.length) {
      const other = queue.batches[index] as ProducerBatch;
      if (other.drainOrder < 0 || other.drainOrder > batch.drainOrder) break;
      index++;
    }
    queue.batches.splice(index, 0, batch);
  }

  /**
   * Removes and returns queued batches older than `deliveryTimeoutMs`. A partition's
   * batches are queued oldest first (retries go back in front of younger batches), so only
   * the heads need looking at.
   */
  expire(nowMs: number, deliveryTimeoutMs: number): ProducerBatch[] {
    const expired: ProducerBatch[] = [];
    for (const queue of this.allQueues()) {
      while (queue.batches.length > 0 && nowMs - (queue.batches[0] as ProducerBatch).createdMs >= deliveryTimeoutMs) {
        expired.push(queue.batches.shift() as ProducerBatch);
      }
    }
    return expired;
  }

  /**
   * Removes and returns every queued batch that was sent at least once (retries waiting for
   * their turn), partition by partition in drain order; batches never sent stay queued.
   */
  removeSent(): ProducerBatch[] {
    const sent: ProducerBatch[] = [];
    for (const queue of this.allQueues()) {
      for (let index = 0; index < queue.batches.length; ) {
        const batch = queue.batches[index] as ProducerBatch;
        if (batch.attempts === 0) {
          index += 1;
          continue;
        }
        queue.batches.splice(index, 1);
        sent.push(batch);
      }
    }
    return sent;
  }

  /** The earliest time a queued batch expires, or Infinity. */
  nextExpiryMs(deliveryTimeoutMs: number): number {
    let earliest = Infinity;
    for (const queue of this.allQueues()) {
      const head = queue.batches[0];
      if (head !== undefined) earliest = Math.min(earliest, head.createdMs + deliveryTimeoutMs);
    }
    return earliest;
  }

  queuedBatches(): ProducerBatch[] {
    const batches: ProducerBatch[] = [];
    for (const queue of this.allQueues()) batches.push(...queue.batches);
    return batches;
  }

  *allQueues(): IterableIterator<PartitionQueue> {
    for (const byPartition of this.queues.values()) yield* byPartition.values();
  }

  /** When the head batch of `queue` may be sent: now (or earlier) means ready. */
  private readyAtMs(queue: PartitionQueue, nowMs: number, urgent: boolean, leader: number): number {
    const head = queue.batches[0];
    if (head === undefined) return Infinity;
    if (head.attempts > 0) {
      if (queue.inFlight > 0) return Infinity;
      const leaderMoved = head.movedFromLeader >= 0 && leader >= 0 && leader !== head.movedFromLeader;
      return leaderMoved ? Math.min(nowMs, head.retryAtMs) : head.retryAtMs;
    }
    if (queue.inFlight >= this.options.maxInFlightPerPartition) return Infinity;
    // Responses over gRPC can arrive in any order, so "in flight" is not enough: a new batch
    // must stay within maxInFlightPerPartition of the oldest unacknowledged one, or the
    // broker's five-batch duplicate window could forget that one before its retry arrives.
    const oldest = queue.unacked[0];
    if (oldest !== undefined && queue.nextDrainOrder - oldest.drainOrder >= this.options.maxInFlightPerPartition) return Infinity;
    if (head.closed || queue.batches.length > 1 || urgent) return nowMs;
    return head.createdMs + this.options.lingerMs;
  }
}
