import { type BrokerWire, OffsetOutOfRangeError, type RecordHeader } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { listOffsets } from '../cluster/list-offsets';
import { partitionLeader } from '../cluster/partition-leader';
import { BrokerError, ClosedError, RetriesExhaustedError, isProgrammerError, isRetriable, refreshesMetadata, toSamsaError } from '../errors/client-errors';
import { backoffMs, sleep, type RetryOptions } from '../errors/retry';
import { choiceOption, integerOption, rejectUnknownOptions } from '../options/validate';
import { completeBatchesBytes } from './batch-framing';
import { fetchedRecordsOf } from './fetched-records';
import { RecordIterator } from './record-iterator';

export type OffsetResetPolicy = 'earliest' | 'latest' | 'none';

export interface ReaderOptions {
  readonly topic: string;
  readonly partition: number;
  /** Where to start: an offset, or the log start ('earliest'), or the end ('latest'). */
  readonly offset: bigint | 'earliest' | 'latest';
  /** How long the broker holds a fetch open waiting for minBytes. Default 500. */
  readonly maxWaitMs?: number;
  /** The broker answers as soon as this many bytes are ready. Default 1. */
  readonly minBytes?: number;
  /** Bytes per fetch (grown for one fetch when a single batch is larger). Default 1048576. */
  readonly maxBytes?: number;
  /** What OFFSET_OUT_OF_RANGE does: jump to 'earliest' or 'latest', or 'none': throw. Default 'none'. */
  readonly offsetReset?: OffsetResetPolicy;
}

/** One record read from a partition. Keys, values and header values are Buffers. */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  /** Milliseconds since the epoch (CreateTime, or LogAppendTime when the topic uses it). */
  readonly timestamp: bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** In the order written; keys may repeat. */
  readonly headers: readonly RecordHeader[];
}

const MAX_GROWN_FETCH_BYTES = 64 * 1024 * 1024;

/**
 * Reads one partition from an offset, without a consumer group: Fetch long-polls on the
 * partition's leader, and the records come out in offset order, each once. Leadership
 * changes (NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, an unreachable leader) refresh
 * metadata and retry with backoff; `retry.retries` consecutive failures end the reader
 * with the last error. OFFSET_OUT_OF_RANGE follows `offsetReset`.
 */
export class PartitionReader implements AsyncIterable<ConsumedRecord> {
  readonly topic: string;
  readonly partition: number;
  private nextOffset: bigint | undefined;
  private readonly start: bigint | 'earliest' | 'latest';
  private readonly maxWaitMs: number;
  private readonly minBytes: number;
  private readonly maxBytes: number;
  private readonly offsetReset: OffsetResetPolicy;
  private fetchBytes: number;
  private closed = false;
  /** The partition's high watermark as of the last fetch (-1n before the first). */
  highWatermark = -1n;

  constructor(
    options: ReaderOptions,
    private readonly cluster: Cluster,
    private readonly retry: RetryOptions,
  ) {
    if (options === null || typeof options !== 'object') throw new TypeError('reader options: expected an object');
    rejectUnknownOptions('reader', options, ['topic', 'partition', 'offset', 'maxWaitMs', 'minBytes', 'maxBytes', 'offsetReset']);
    if (typeof options.topic !== 'string' || options.topic.length === 0) throw new TypeError('reader.topic: expected a non-empty string');
    this.topic = options.topic;
    this.partition = integerOption('reader.partition', options.partition, -1, { min: 0 });
    if (options.partition === undefined) throw new TypeError('reader.partition: required');
    const offset = options.offset;
    if (typeof offset === 'bigint') {
      if (offset < 0n) throw new RangeError(`reader.offset: ${offset} is negative`);
    } else if (offset !== 'earliest' && offset !== 'latest') {
      throw new TypeError(`reader.offset: expected a bigint, 'earliest' or 'latest', got ${typeof offset === 'string' ? JSON.stringify(offset) : typeof offset}`);
    }
    this.start = offset;
    this.nextOffset = typeof offset === 'bigint' ? offset : undefined;
    this.maxWaitMs = integerOption('reader.maxWaitMs', options.maxWaitMs, 500, { min: 0, max: 300_000 });
    this.minBytes = integerOption('reader.minBytes', options.minBytes, 1, { min: 0 });
    this.maxBytes = integerOption('reader.maxBytes', options.maxBytes, 1024 * 1024, { min: 1, max: 0x7fffffff });
    this.offsetReset = choiceOption<OffsetResetPolicy>('reader.offsetReset', options.offsetReset, 'none', ['earliest', 'latest', 'none']);
    this.fetchBytes = this.maxBytes;
    cluster.watch([this.topic]);
  }

  /** The offset of the next record this reader returns (undefined until resolved). */
  get position(): bigint | undefined {
    return this.nextOffset;
  }

  /** Moves the reader; the next fetch starts at `offset`. */
  seek(offset: bigint): void {
    if (typeof offset !== 'bigint' || offset < 0n) throw new RangeError(`seek: expected a non-negative bigint, got ${String(offset)}`);
    this.nextOffset = offset;
  }

  /** Every record from the position on, fetching as needed, until close() or an error. */
  [Symbol.asyncIterator](): AsyncIterator<ConsumedRecord> {
    return new RecordIterator({ fetch: () => this.fetch(), isClosed: () => this.closed });
  }

  /**
   * One long-poll: the records from the position on (possibly none after maxWaitMs),
   * retrying retriable errors. Returns [] once the reader is closed.
   */
  async fetch(): Promise<ConsumedRecord[]> {
    for (let failures = 0; ; failures++) {
      if (this.closed) return [];
      try {
        return await this.fetchOnce();
      } catch (error: unknown) {
        if (this.closed) return [];
        if (isProgrammerError(error) || !isRetriable(error)) throw error;
        if (failures >= this.retry.retries) throw new RetriesExhaustedError(`reading ${this.topic}-${this.partition}: gave up after ${failures + 1} attempts`, toSamsaError(error));
        if (refreshesMetadata(error)) await this.cluster.refreshMetadata().catch(() => undefined);
        await sleep(backoffMs(this.retry, failures));
      }
    }
  }

  /** Ends iteration; a fetch in flight finishes on its own and its records are dropped. */
  close(): void {
    this.closed = true;
  }

  private async fetchOnce(): Promise<ConsumedRecord[]> {
    if (this.cluster.isClosed) throw new ClosedError('the Samsa client is closed');
    const fetchOffset = (this.nextOffset ??= await listOffsets(this.cluster, this.retry, this.topic, this.partition, this.start as 'earliest' | 'latest'));
    const { client, info } = await partitionLeader(this.cluster, this.topic, this.partition);
    const response = await client.fetch({
      maxWaitMs: this.maxWaitMs,
      minBytes: this.minBytes,
      maxBytes: this.fetchBytes,
      isolationLevel: 0,
      topics: [{ name: this.topic, partitions: [{ partition: this.partition, fetchOffset: fetchOffset.toString(), partitionMaxBytes: this.fetchBytes, currentLeaderEpoch: info.leaderEpoch }] }],
    });
    if (response.errorCode !== 0) throw BrokerError.ofCode(response.errorCode, `Fetch on ${client.address}`, client.address);
    const data = response.topics.find((topic) => topic.name === this.topic)?.partitions.find((partition) => partition.partition === this.partition);
    if (data === undefined) throw new BrokerError('UNKNOWN_SERVER_ERROR', `Fetch on ${client.address} gave no data for ${this.topic}-${this.partition}`, client.address);
    if (data.errorCode !== 0) return this.onPartitionError(data, fetchOffset, client.address);
    if (this.closed || this.nextOffset !== fetchOffset) return []; // seek() or close() while fetching
    this.highWatermark = BigInt(data.highWatermark);
    return this.decode(data.records, fetchOffset);
  }

  private async decode(records: Buffer, fetchOffset: bigint): Promise<ConsumedRecord[]> {
    const wholeBytes = completeBatchesBytes(records);
    if (wholeBytes === 0) {
      // One batch is larger than what we asked for: ask for more next time (KIP-74 brokers
      // send it whole anyway).
      if (records.length > 0) this.fetchBytes = Math.min(this.fetchBytes * 2, MAX_GROWN_FETCH_BYTES);
      return [];
    }
    this.fetchBytes = this.maxBytes;
    const fetched = await fetchedRecordsOf(wholeBytes === records.length ? records : records.subarray(0, wholeBytes), this.topic, this.partition, fetchOffset);
    this.nextOffset = fetched.nextOffset;
    return fetched.records;
  }

  private async onPartitionError(data: BrokerWire.PartitionData__Output, fetchOffset: bigint, address: string): Promise<ConsumedRecord[]> {
    this.cluster.applyLeaderHint(this.topic, this.partition, data.currentLeader);
    const error = BrokerError.ofCode(data.errorCode, `Fetch ${this.topic}-${this.partition} at offset ${fetchOffset} on ${address}${data.errorMessage ? ` (${data.errorMessage})` : ''}`, address);
    if (error.code !== 'OFFSET_OUT_OF_RANGE') throw error;
    if (this.offsetReset === 'none') throw new OffsetOutOfRangeError(fetchOffset, BigInt(data.logStartOffset), BigInt(data.highWatermark));
    this.nextOffset = await listOffsets(this.cluster, this.retry, this.topic, this.partition, this.offsetReset);
    return [];
  }
}
