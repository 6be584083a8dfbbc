import { type BrokerWire, errorNameOf, type ErrorName, type SamsaError } from '@samsa/protocol';
import type { BrokerClient } from '../broker/broker-client';
import type { Cluster } from '../cluster/cluster';
import {
  BrokerError,
  DeliveryTimeoutError,
  ProducerInDoubtError,
  ProducerSequenceError,
  RetriesExhaustedError,
  isProgrammerError,
  refreshesMetadata,
  toSamsaError,
} from '../errors/client-errors';
import { backoffMs, type RetryOptions } from '../errors/retry';
import type { BufferPool } from './buffer-pool';
import type { ProducerBatch } from './producer-batch';
import type { ResolvedProducerOptions } from './producer-options';
import type { Clock, PartitionQueue, RecordAccumulator } from './record-accumulator';
import { incrementSequence } from './sequence';
import { ProducerIdentity } from './producer-identity';

/** Codes that mean the idempotence state of a partition is broken. */
const SEQUENCE_CODES: ReadonlySet<ErrorName> = new Set<ErrorName>(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'UNKNOWN_PRODUCER_ID']);

export interface SenderDependencies {
  readonly cluster: Cluster;
  readonly accumulator: RecordAccumulator;
  readonly pool: BufferPool;
  readonly options: ResolvedProducerOptions;
  readonly retry: RetryOptions;
  readonly clock: Clock;
}

/**
 * Moves ready batches to brokers. Each turn (scheduled by `wakeup`, never re-entrant) it
 * expires old batches, makes sure an idempotent producer has its producer id, asks the
 * accumulator which partitions are ready, and sends one Produce request per leader broker
 * carrying one batch for each of its ready partitions, with at most `maxInFlight` requests
 * per broker. Answers complete batches, or put them back for a retry after a backoff (and a
 * metadata refresh when the error says leadership moved), or fail them with a typed error.
 */
export class Sender {
  private readonly inFlightByBroker = new Map<number, number>();
  private readonly inFlightBatches = new Set<ProducerBatch>();
  private inFlightRequests = 0;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAtMs = Infinity;
  private urgentCount = 0;
  private refreshing = false;
  private stopped = false;
  private readonly identity: ProducerIdentity;

  constructor(private readonly deps: SenderDependencies) {
    this.identity = new ProducerIdentity(deps.cluster, deps.retry, () => this.stopped);
  }

  wakeup(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  }

  /** Sends every queued batch without waiting for linger, until the returned promise settles. */
  async flush(): Promise<void> {
    this.urgentCount += 1;
    try {
      this.wakeup();
      const batches = [...this.deps.accumulator.queuedBatches(), ...this.inFlightBatches];
      await Promise.all(batches.map((batch) => batch.settled));
    } finally {
      this.urgentCount -= 1;
    }
  }

  get hasWork(): boolean {
    return this.inFlightBatches.size > 0 || this.deps.accumulator.queuedBatches().length > 0;
  }

  /** Stops sending; queued batches fail with `error`. */
  stop(error: unknown): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const batch of this.deps.accumulator.expire(Infinity, 0)) this.failBatch(batch, error);
  }

  private run(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const { accumulator, options } = this.deps;
    const nowMs = this.deps.clock.now();
    for (const batch of accumulator.expire(nowMs, options.deliveryTimeoutMs)) this.failBatch(batch, this.timeoutError(batch));
    if (options.idempotent && !this.identity.isReady) {
      if (this.inFlightRequests === 0) this.identity.ensure().then(() => this.onIdentityReady(), (error: unknown) => this.onIdentityFailed(error));
      this.armTimer(accumulator.nextExpiryMs(options.deliveryTimeoutMs));
      return;
    }
    const urgent = this.urgentCount > 0 || this.deps.pool.hasWaiters;
    const ready = accumulator.ready(nowMs, (topic, partition) => this.leaderOf(topic, partition), urgent);
    // A retry waiting for leadership to move looks again every metadataRefreshMinIntervalMs,
    // so it goes as soon as a new leader is known rather than after its backoff.
    if (ready.unknownLeader || ready.awaitingNewLeader) this.refreshThenWake();
    for (const [leader, queues] of ready.byLeader) {
      const client = this.deps.cluster.brokerClient(leader);
      if (client === undefined) {
        this.refreshThenWake();
        continue;
      }
      while ((this.inFlightByBroker.get(leader) ?? 0) < options.maxInFlight) {
        const batches = accumulator.drain(leader, queues, nowMs, options.maxRequestBytes, urgent);
        if (batches.length === 0) break;
        void this.sendBatches(leader, client, batches);
      }
    }
    this.armTimer(Math.min(ready.nextCheckMs, accumulator.nextExpiryMs(options.deliveryTimeoutMs)));
  }

  private leaderOf(topic: string, partition: number): number {
    const leader = this.deps.cluster.partition(topic, partition)?.leader ?? -1;
    return leader >= 0 && this.deps.cluster.broker(leader) !== undefined ? leader : -1;
  }

  private refreshThenWake(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    this.deps.cluster
      .refreshMetadata()
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = false;
        this.wakeup();
      });
  }

  private armTimer(atMs: number): void {
    if (this.stopped || !Number.isFinite(atMs)) return;
    if (this.timer !== undefined && this.timerAtMs <= atMs) return;
    clearTimeout(this.timer);
    this.timerAtMs = atMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAtMs = Infinity;
      this.wakeup();
    }, Math.max(0, atMs - this.deps.clock.now()));
  }

  private onIdentityReady(): void {
    const resetReason = this.identity.takeResetDone();
    if (resetReason !== undefined) this.afterReset(resetReason);
    this.wakeup();
  }

  /**
   * A new producer id: every partition's sequences restart at 0. The reset waited until no
   * request was in flight, so every batch drained under the old id and not acknowledged is
   * queued for a retry. Such a batch was sent at least once and may be in the log although
   * no answer said so; under the new id the broker could not recognise it as a duplicate, so
   * it is never resequenced (Kafka's rule too): it fails as in doubt. Batches never sent have
   * no sequence yet and get one under the new id when first drained.
   */
  private afterReset(reason: string): void {
    for (const queue of this.deps.accumulator.allQueues()) {
      queue.nextSequence = 0;
      queue.nextExpectedSequence = 0;
    }
    for (const batch of this.deps.accumulator.removeSent()) this.failBatch(batch, this.inDoubtError(batch, reason));
  }

  private onIdentityFailed(error: unknown): void {
    for (const batch of this.deps.accumulator.expire(Infinity, 0)) this.failBatch(batch, batch.attempts > 0 ? this.inDoubtError(batch, `InitProducerId failed: ${errorMessage(error)}`) : error);
    this.wakeup();
  }

  private async sendBatches(leader: number, client: BrokerClient, batches: ProducerBatch[]): Promise<void> {
    this.inFlightRequests += 1;
    this.inFlightByBroker.set(leader, (this.inFlightByBroker.get(leader) ?? 0) + 1);
    for (const batch of batches) this.prepare(batch);
    let responses: Map<string, BrokerWire.PartitionProduceResponse__Output> | undefined;
    let requestError: SamsaError | undefined;
    try {
      responses = await this.produce(client, batches);
    } catch (error: unknown) {
      if (isProgrammerError(error)) {
        for (const batch of batches) this.settleInFlight(batch, () => this.failBatch(batch, error));
        return;
      }
      requestError = toSamsaError(error);
    } finally {
      this.inFlightRequests -= 1;
      this.inFlightByBroker.set(leader, (this.inFlightByBroker.get(leader) ?? 1) - 1);
    }
    const nowMs = this.deps.clock.now();
    for (const batch of batches) {
      this.settleInFlight(batch, () => {
        if (this.deps.options.acks === 0) return this.completeBatch(batch, -1n);
        const result = responses?.get(partitionKey(batch.topic, batch.partition));
        if (requestError !== undefined) return this.onBatchError(batch, requestError, nowMs, leader);
        if (result === undefined) return this.onBatchError(batch, new BrokerError('UNKNOWN_SERVER_ERROR', `no Produce result for ${batch.topic}-${batch.partition}`, client.address), nowMs, leader);
        if (result.errorCode === 0 || errorNameOf(result.errorCode) === 'DUPLICATE_SEQUENCE_NUMBER') return this.completeBatch(batch, BigInt(result.baseOffset));
        this.deps.cluster.applyLeaderHint(batch.topic, batch.partition, result.currentLeader);
        const detail = `Produce to ${batch.topic}-${batch.partition} on ${client.address}${result.errorMessage ? ` (${result.errorMessage})` : ''}`;
        return this.onBatchError(batch, BrokerError.ofCode(result.errorCode, detail, client.address), nowMs, leader);
      });
    }
    this.wakeup();
  }

  /** Marks a batch in flight: stamps producer id and sequence the first time it is drained. */
  private prepare(batch: ProducerBatch): void {
    this.inFlightBatches.add(batch);
    batch.attempts += 1;
    batch.movedFromLeader = -1;
    if (!this.deps.options.idempotent) return;
    const queue = this.queueOf(batch);
    if (batch.baseSequence < 0) {
      batch.producerId = this.identity.producerId;
      batch.producerEpoch = this.identity.producerEpoch;
      batch.baseSequence = queue.nextSequence;
      queue.nextSequence = incrementSequence(queue.nextSequence, batch.recordCount);
    }
    batch.pipelined = batch.baseSequence !== queue.nextExpectedSequence;
  }

  private async produce(client: BrokerClient, batches: ProducerBatch[]): Promise<Map<string, BrokerWire.PartitionProduceResponse__Output>> {
    const encoded = await Promise.all(batches.map((batch) => this.encode(batch)));
    const topics = new Map<string, { partition: number; records: Buffer }[]>();
    batches.forEach((batch, index) => {
      let partitions = topics.get(batch.topic);
      if (partitions === undefined) topics.set(batch.topic, (partitions = []));
      partitions.push({ partition: batch.partition, records: encoded[index] as Buffer });
    });
    const request: BrokerWire.ProduceRequest = {
      acks: this.deps.options.acks,
      timeoutMs: this.deps.options.requestTimeoutMs,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    };
    const response = await client.produce(request);
    const results = new Map<string, BrokerWire.PartitionProduceResponse__Output>();
    for (const topic of response.topics) for (const partition of topic.partitions) results.set(partitionKey(topic.name, partition.partition), partition);
    return results;
  }

  private encode(batch: ProducerBatch): Promise<Buffer> {
    return batch.encode(this.deps.options.compression);
  }

  private settleInFlight(batch: ProducerBatch, action: () => void): void {
    this.inFlightBatches.delete(batch);
    this.queueOf(batch).inFlight -= 1;
    action();
  }

  private completeBatch(batch: ProducerBatch, baseOffset: bigint): void {
    const queue = this.queueOf(batch);
    if (batch.drainOrder > queue.lastAckedDrainOrder && batch.baseSequence >= 0) {
      queue.lastAckedDrainOrder = batch.drainOrder;
      queue.nextExpectedSequence = incrementSequence(batch.baseSequence, batch.recordCount);
    }
    this.deps.accumulator.settle(batch);
    this.deps.pool.release(batch.recordBytes);
    batch.complete(baseOffset);
  }

  private onBatchError(batch: ProducerBatch, error: SamsaError, nowMs: number, leader: number): void {
    const { options } = this.deps;
    batch.lastError = error;
    if (refreshesMetadata(error)) {
      batch.movedFromLeader = leader;
      this.refreshThenWake();
    }
    let retriable = error.retriable;
    // With several batches in flight, a later one can reach the broker first; its gap is not
    // a lost write, so it is retried once its predecessors are acknowledged.
    if (options.idempotent && error.code === 'OUT_OF_ORDER_SEQUENCE_NUMBER') retriable = batch.pipelined;
    const expired = nowMs - batch.createdMs >= options.deliveryTimeoutMs;
    if (retriable && !expired && batch.attempts <= options.retries) {
      batch.retryAtMs = nowMs + backoffMs(this.deps.retry, batch.attempts - 1);
      this.deps.accumulator.reenqueue(batch);
      return;
    }
    if (retriable && expired) return this.failBatch(batch, this.timeoutError(batch));
    if (retriable) return this.failBatch(batch, new RetriesExhaustedError(`${batch.topic}-${batch.partition}: gave up after ${batch.attempts} attempts: ${error.message}`, error));
    if (options.idempotent && SEQUENCE_CODES.has(error.code)) {
      return this.failBatch(batch, new ProducerSequenceError(error.code, `${batch.topic}-${batch.partition}: ${error.message}`, { cause: error }));
    }
    this.failBatch(batch, error);
  }

  private failBatch(batch: ProducerBatch, error: unknown): void {
    // A batch sequenced under the current id leaves a hole or an unknown in its partition's
    // sequence: later batches of the partition can only be written under a new producer id.
    // (A batch of an older id, failed by the reset itself, asks for nothing.)
    if (this.deps.options.idempotent && batch.baseSequence >= 0 && batch.producerId === this.identity.producerId) {
      this.identity.requestReset(`${batch.topic}-${batch.partition} failed: ${errorMessage(error)}`);
    }
    this.deps.accumulator.settle(batch);
    this.deps.pool.release(batch.recordBytes);
    batch.fail(error);
  }

  private inDoubtError(batch: ProducerBatch, reason: string): ProducerInDoubtError {
    const records = batch.recordCount === 1 ? '1 record' : `${batch.recordCount} records`;
    return new ProducerInDoubtError(
      `${batch.topic}-${batch.partition}: ${records} may or may not have been written: sent ${batch.attempts === 1 ? 'once' : `${batch.attempts} times`} without an acknowledgement ` +
        `when the producer had to take a new producer id (${reason}); not resent, since under the new id the broker could not recognise a duplicate`,
      batch.lastError === undefined ? {} : { cause: batch.lastError },
    );
  }

  private timeoutError(batch: ProducerBatch): DeliveryTimeoutError {
    const last = batch.lastError instanceof Error ? `; last error: ${batch.lastError.message}` : '';
    return new DeliveryTimeoutError(
      `${batch.recordCount} records for ${batch.topic}-${batch.partition} were not acknowledged within deliveryTimeoutMs ${this.deps.options.deliveryTimeoutMs}${last}`,
      batch.lastError === undefined ? {} : { cause: batch.lastError },
    );
  }

  private queueOf(batch: ProducerBatch): PartitionQueue {
    return this.deps.accumulator.queue(batch.topic, batch.partition);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
