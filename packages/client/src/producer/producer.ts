import { BATCH_HEADER_BYTES } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import type { TopicInfo } from '../cluster/metadata-cache';
import { ClosedError, DeliveryTimeoutError, RecordTooLargeError } from '../errors/client-errors';
import type { RetryOptions } from '../errors/retry';
import { BufferPool } from './buffer-pool';
import { DefaultPartitioner, checkPartition, type OpenBatchProbe, type PartitionRequest } from './partitioner';
import { PendingSend } from './producer-batch';
import { resolveProducerOptions, type ProducerOptions, type ResolvedProducerOptions } from './producer-options';
import { checkRecord, copyRecord, recordSizeBytes, type CheckedRecord, type ProducerRecord, type RecordMetadata } from './producer-record';
import { RecordAccumulator, systemClock, type Clock } from './record-accumulator';
import { Sender } from './sender';

/** Settled batches' buffers kept for new batches: 4 MiB with the default 128 KiB batches. */
const FREE_BATCH_BUFFERS_MAX = 32;

interface AppendJob {
  readonly topic: string;
  /** The caller's records, or copies where they needed converting (all copies once queued). */
  readonly records: readonly CheckedRecord[];
  readonly totalBytes: number;
  /** The highest explicit partition among the records, or -1. */
  readonly highestPartition: number;
  readonly startMs: number;
  readonly pending: PendingSend;
  /** With acks 0: where each record went, for the immediate answer. */
  readonly placed: RecordMetadata[];
}

/**
 * What partitioning needs for one topic, worked out once per metadata object: the cluster
 * hands out the same `TopicInfo` until the topic's metadata changes.
 */
interface TopicRoute {
  readonly info: TopicInfo;
  readonly availablePartitions: readonly number[];
  /** Shared by every keyless record while no custom partitioner could keep it. */
  readonly keylessRequest: PartitionRequest;
  readonly hasOpenBatch: OpenBatchProbe;
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
  private readonly routes = new Map<string, TopicRoute>();
  /** The largest record a batch of one record can carry within maxRequestBytes. */
  private readonly recordBytesMax: number;
  private draining: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    options: ProducerOptions,
    private readonly deps: ProducerDependencies,
  ) {
    this.options = resolveProducerOptions(options, deps.requestTimeoutMs);
    this.clock = deps.clock ?? systemClock;
    this.recordBytesMax = this.options.maxRequestBytes - BATCH_HEADER_BYTES;
    this.pool = new BufferPool(this.options.bufferBytes);
    this.accumulator = new RecordAccumulator(
      {
        batchBytes: this.options.batchBytes,
        lingerMs: this.options.lingerMs,
        maxInFlightPerPartition: this.options.idempotent ? this.options.maxInFlight : Infinity,
        // Recycled batch buffers stay within a quarter of the producer's buffer.
        freeBatchBuffersMax: Math.min(FREE_BATCH_BUFFERS_MAX, Math.floor(this.options.bufferBytes / 4 / this.options.batchBytes)),
      },
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
    const job = this.checkJob(topic, records);
    if (!(this.appendQueue.length === 0 && this.tryAppendNow(job))) {
      // Appended later: copies, so the caller may reuse its objects once `send` returns.
      this.appendQueue.push({ ...job, records: job.records.map(copyRecord) });
      this.drainAppendQueue();
    }
    return job.pending.promise;
  }

  /** Checks every record before any is appended: a bad record fails the whole call. */
  private checkJob(topic: string, records: readonly ProducerRecord[]): AppendJob {
    const checked = new Array<CheckedRecord>(records.length);
    let totalBytes = 0;
    let highestPartition = -1;
    let tooLarge = -1;
    for (let index = 0; index < records.length; index++) {
      const record = checkRecord(records[index] as ProducerRecord, index);
      const sizeBytes = recordSizeBytes(record);
      checked[index] = record;
      totalBytes += sizeBytes;
      if (record.partition !== undefined && record.partition > highestPartition) highestPartition = record.partition;
      if (tooLarge < 0 && sizeBytes > this.recordBytesMax) tooLarge = index;
    }
    if (tooLarge >= 0) {
      const sizeBytes = recordSizeBytes(checked[tooLarge] as CheckedRecord);
      throw new RecordTooLargeError(`records[${tooLarge}] is about ${sizeBytes} bytes, above maxRequestBytes ${this.options.maxRequestBytes}`);
    }
    return { topic, records: checked, totalBytes, highestPartition, startMs: this.clock.now(), pending: new PendingSend(records.length), placed: [] };
  }

  /** The fast path: the topic is known and the whole call fits in the buffer now. */
  private tryAppendNow(job: AppendJob): boolean {
    const info = this.deps.cluster.topic(job.topic);
    if (!isUsable(info)) return false;
    checkExplicitPartitions(job, info);
    if (!this.pool.tryReserve(job.totalBytes)) return false;
    const route = this.route(job.topic, info);
    let index = 0;
    try {
      for (; index < job.records.length; index++) this.appendOne(job, route, index);
    } catch (error: unknown) {
      // A custom partitioner threw: the records not appended give their reservation back.
      for (; index < job.records.length; index++) this.pool.release(recordSizeBytes(job.records[index] as CheckedRecord));
      throw error;
    }
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
          let info = this.deps.cluster.topic(job.topic);
          if (!isUsable(info)) info = await this.awaitTopic(job.topic, job.startMs);
          checkExplicitPartitions(job, info);
          for (let index = 0; index < job.records.length; index++) {
            const sizeBytes = recordSizeBytes(job.records[index] as CheckedRecord);
            if (!this.pool.tryReserve(sizeBytes)) {
              this.sender.wakeup();
              await this.pool.reserve(sizeBytes, job.startMs + this.options.deliveryTimeoutMs - this.clock.now());
              const latest = this.deps.cluster.topic(job.topic);
              if (isUsable(latest)) info = latest;
            }
            try {
              this.appendOne(job, this.route(job.topic, info), index);
            } catch (error: unknown) {
              this.pool.release(sizeBytes);
              throw error;
            }
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

  private appendOne(job: AppendJob, route: TopicRoute, index: number): void {
    const record = job.records[index] as CheckedRecord;
    const sizeBytes = recordSizeBytes(record);
    // Explicit partitions were checked against the topic before the first append.
    const partition = record.partition ?? this.partitioner.partition(this.partitionRequest(job.topic, route, record.key ?? null), undefined, route.hasOpenBatch, sizeBytes);
    this.accumulator.append(job.topic, partition, record, sizeBytes, job.pending, index);
    if (this.options.acks === 0) job.placed.push({ topic: job.topic, partition, offset: -1n });
  }

  /** A custom partitioner gets a request of its own; the default one shares one for keyless records. */
  private partitionRequest(topic: string, route: TopicRoute, key: Buffer | null): PartitionRequest {
    if (key === null && this.options.partitioner === undefined) return route.keylessRequest;
    return { topic, key, partitionCount: route.info.partitions.length, availablePartitions: route.availablePartitions };
  }

  private route(topic: string, info: TopicInfo): TopicRoute {
    const known = this.routes.get(topic);
    if (known?.info === info) return known;
    const availablePartitions = info.partitions.filter((partition) => partition.leader >= 0).map((partition) => partition.partition);
    const route: TopicRoute = {
      info,
      availablePartitions,
      keylessRequest: { topic, key: null, partitionCount: info.partitions.length, availablePartitions },
      hasOpenBatch: known?.hasOpenBatch ?? ((partition, sizeBytes) => this.accumulator.hasOpenBatch(topic, partition, sizeBytes)),
    };
    this.routes.set(topic, route);
    return route;
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
  private async awaitTopic(topic: string, startMs: number): Promise<TopicInfo> {
    const deadlineMs = startMs + this.options.deliveryTimeoutMs;
    try {
      return await this.deps.cluster.ensureTopic(topic, { ...this.deps.retry, retries: Infinity }, () => this.clock.now() >= deadlineMs);
    } catch (error: unknown) {
      if (this.clock.now() < deadlineMs) throw error;
      throw new DeliveryTimeoutError(`metadata for topic ${topic} not available within deliveryTimeoutMs ${this.options.deliveryTimeoutMs}`, { cause: error });
    }
  }
}

function isUsable(info: TopicInfo | undefined): info is TopicInfo {
  return info !== undefined && info.errorCode === 0 && info.partitions.length > 0;
}

/** An explicit partition outside the topic fails the whole call before anything is appended. */
function checkExplicitPartitions(job: AppendJob, info: TopicInfo): void {
  if (job.highestPartition < info.partitions.length) return;
  for (const record of job.records) if (record.partition !== undefined) checkPartition(job.topic, record.partition, info.partitions.length, 'record.partition');
}
