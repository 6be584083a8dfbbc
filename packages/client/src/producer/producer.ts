import { BATCH_HEADER_BYTES } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { ClosedError, DeliveryTimeoutError, RecordTooLargeError } from '../errors/client-errors';
import type { RetryOptions } from '../errors/retry';
import { BufferPool } from './buffer-pool';
import { DefaultPartitioner } from './partitioner';
import { PendingSend } from './producer-batch';
import { resolveProducerOptions, type ProducerOptions, type ResolvedProducerOptions } from './producer-options';
import { normalizeRecord, type NormalizedRecord, type ProducerRecord, type RecordMetadata } from './producer-record';
import { RecordAccumulator, systemClock, type Clock } from './record-accumulator';
import { Sender } from './sender';

interface AppendJob {
  readonly topic: string;
  readonly records: readonly NormalizedRecord[];
  readonly totalBytes: number;
  readonly startMs: number;
  readonly pending: PendingSend;
  /** With acks 0: where each record went, for the immediate answer. */
  readonly placed: RecordMetadata[];
}

export interface ProducerDependencies {
  readonly cluster: Cluster;
  readonly retry: RetryOptions;
  readonly requestTimeoutMs: number;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Called once the producer has closed, so the client forgets it. */
  readonly onClose?: () => void;
}

/**
 * Sends records to topics. `send` partitions each record, appends it to its partition's
 * batch and returns a promise for the offsets; batches travel when full or after
 * `lingerMs`, many partitions per request. Records of one partition are written in the
 * order `send` was called. `send` waits (it does not throw) while the producer holds
 * `bufferBytes` of unacknowledged records, up to `deliveryTimeoutMs`.
 */
export class Producer {
  readonly options: ResolvedProducerOptions;
  private readonly accumulator: RecordAccumulator;
  private readonly pool: BufferPool;
  private readonly sender: Sender;
  private readonly partitioner: DefaultPartitioner;
  private readonly clock: Clock;
  /** Sends waiting for metadata or buffer space, in call order; later sends queue behind them. */
  private readonly appendQueue: AppendJob[] = [];
  private draining: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    options: ProducerOptions,
    private readonly deps: ProducerDependencies,
  ) {
    this.options = resolveProducerOptions(options, deps.requestTimeoutMs);
    this.clock = deps.clock ?? systemClock;
    this.pool = new BufferPool(this.options.bufferBytes);
    this.accumulator = new RecordAccumulator(
      { batchBytes: this.options.batchBytes, lingerMs: this.options.lingerMs, maxInFlightPerPartition: this.options.idempotent ? this.options.maxInFlight : Infinity },
      this.clock,
    );
    this.partitioner = new DefaultPartitioner(deps.random, this.options.partitioner);
    this.sender = new Sender({ cluster: deps.cluster, accumulator: this.accumulator, pool: this.pool, options: this.options, retry: deps.retry, clock: this.clock });
  }

  /**
   * Sends `records` to `topic`; resolves with one `{ topic, partition, offset }` per record,
   * in the order given, once all are acknowledged (with `acks: 0`, once they are queued,
   * with offset -1n). Rejects with the first failure; the call's other records may still be
   * written. Records reach their partitions in the order of `send` calls: a call that must
   * wait (for the topic's metadata, for buffer space) holds back the calls after it.
   */
  async send(topic: string, records: readonly ProducerRecord[]): Promise<RecordMetadata[]> {
    if (this.closing !== undefined) throw new ClosedError('the producer is closed');
    if (typeof topic !== 'string' || topic.length === 0) throw new TypeError(`send: topic must be a non-empty string, got ${typeof topic}`);
    if (!Array.isArray(records)) throw new TypeError('send: records must be an array');
    if (records.length === 0) return [];
    const defaultTimestamp = BigInt(Date.now());
    const normalized = records.map((record, index) => normalizeRecord(record, index, defaultTimestamp));
    let totalBytes = 0;
    for (const [index, record] of normalized.entries()) {
      if (record.sizeBytes + BATCH_HEADER_BYTES > this.options.maxRequestBytes) {
        throw new RecordTooLargeError(`records[${index}] is about ${record.sizeBytes} bytes, above maxRequestBytes ${this.options.maxRequestBytes}`);
      }
      totalBytes += record.sizeBytes;
    }
    const job: AppendJob = { topic, records: normalized, totalBytes, startMs: this.clock.now(), pending: new PendingSend(normalized.length), placed: [] };
    if (!(this.appendQueue.length === 0 && this.tryAppendNow(job))) {
      this.appendQueue.push(job);
      this.drainAppendQueue();
    }
    return job.pending.promise;
  }

  /** The fast path: the topic is known and the whole call fits in the buffer now. */
  private tryAppendNow(job: AppendJob): boolean {
    const info = this.deps.cluster.topic(job.topic);
    if (info === undefined || info.errorCode !== 0 || info.partitions.length === 0) return false;
    if (!this.pool.tryReserve(job.totalBytes)) return false;
    for (let index = 0; index < job.records.length; index++) this.appendOne(job, index);
    this.finishAppend(job);
    return true;
  }

  /** The slow path, one call at a time in call order: wait for metadata, then for buffer space record by record. */
  private drainAppendQueue(): void {
    if (this.draining !== undefined) return;
    this.draining = (async () => {
      while (this.appendQueue.length > 0) {
        const job = this.appendQueue[0] as AppendJob;
        try {
          const known = this.deps.cluster.topic(job.topic);
          if (known === undefined || known.errorCode !== 0 || known.partitions.length === 0) await this.awaitTopic(job.topic, job.startMs);
          for (let index = 0; index < job.records.length; index++) {
            const sizeBytes = (job.records[index] as NormalizedRecord).sizeBytes;
            if (!this.pool.tryReserve(sizeBytes)) {
              this.sender.wakeup();
              await this.pool.reserve(sizeBytes, job.startMs + this.options.deliveryTimeoutMs - this.clock.now());
            }
            this.appendOne(job, index);
          }
          this.finishAppend(job);
        } catch (error: unknown) {
          job.pending.fail(error);
          this.sender.wakeup();
        }
        this.appendQueue.shift();
      }
    })().finally(() => {
      this.draining = undefined;
    });
  }

  private appendOne(job: AppendJob, index: number): void {
    const record = job.records[index] as NormalizedRecord;
    const partitions = this.deps.cluster.topic(job.topic)?.partitions ?? [];
    const partition = this.partitioner.partition(
      { topic: job.topic, key: record.record.key, partitionCount: partitions.length, availablePartitions: partitions.filter((p) => p.leader >= 0).map((p) => p.partition) },
      record.partition,
      (candidate) => this.accumulator.hasOpenBatch(job.topic, candidate, record.sizeBytes),
    );
    this.accumulator.append(job.topic, partition, record.record, record.sizeBytes, job.pending, index);
    if (this.options.acks === 0) job.placed.push({ topic: job.topic, partition, offset: -1n });
  }

  private finishAppend(job: AppendJob): void {
    this.sender.wakeup();
    if (this.options.acks === 0) job.pending.resolveWith(job.placed);
  }

  /**
   * Resolves once every record sent before the call is acknowledged or has failed: sends
   * still waiting for metadata or buffer space are waited for first, then every batch is
   * sent without waiting for its linger.
   */
  async flush(): Promise<void> {
    if (this.draining !== undefined) await this.draining;
    await this.sender.flush();
  }

  /** Flushes, then stops: later sends throw `ClosedError`. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      do await this.flush();
      while (this.appendQueue.length > 0 || this.sender.hasWork);
      this.sender.stop(new ClosedError('the producer is closed'));
      this.pool.failWaiters(new ClosedError('the producer is closed'));
      this.deps.onClose?.();
    })();
    return this.closing;
  }

  /** Waits for the topic's metadata, retrying until deliveryTimeoutMs after the send began. */
  private async awaitTopic(topic: string, startMs: number): Promise<void> {
    const deadlineMs = startMs + this.options.deliveryTimeoutMs;
    try {
      await this.deps.cluster.ensureTopic(topic, { ...this.deps.retry, retries: Infinity }, () => this.clock.now() >= deadlineMs);
    } catch (error: unknown) {
      if (this.clock.now() < deadlineMs) throw error;
      throw new DeliveryTimeoutError(`metadata for topic ${topic} not available within deliveryTimeoutMs ${this.options.deliveryTimeoutMs}`, { cause: error });
    }
  }
}
