import type { RecordHeader } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { ClosedError } from '../errors/client-errors';
import type { RetryOptions } from '../errors/retry';
import type { FetchPartition } from '../fetcher/fetch-partition';
import { Fetcher } from '../fetcher/fetcher';
import { choiceOption, integerOption, rejectUnknownOptions } from '../options/validate';
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

/** The fetcher of a reader made without one (`new PartitionReader(options, cluster, retry)`). */
function ownFetcher(cluster: Cluster, retry: RetryOptions, maxWaitMs: number, minBytes: number, maxBytes: number): Fetcher {
  return new Fetcher(cluster, { maxWaitMs, minBytes, maxBytes, bufferBytesMax: 2 * maxBytes, retry });
}

/**
 * Reads one partition from an offset, without a consumer group. The partition is fetched by
 * a `Fetcher` (the Samsa client's, shared by all its readers, so partitions led by one broker
 * share one Fetch), which long-polls the leader and fetches ahead of the reader within its
 * byte limits; the records come out in offset order, each once. Leadership changes
 * (NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, an unreachable leader) refresh metadata and
 * retry with backoff; `retry.retries` consecutive failures end the reader with the last
 * error. OFFSET_OUT_OF_RANGE follows `offsetReset`.
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
  private readonly fetcher: Fetcher;
  private readonly ownsFetcher: boolean;
  private fetchPartition: FetchPartition | undefined;
  private closed = false;
  /** The partition's high watermark as of the last fetch (-1n before the first). */
  highWatermark = -1n;

  constructor(
    options: ReaderOptions,
    private readonly cluster: Cluster,
    private readonly retry: RetryOptions,
    fetcher?: Fetcher,
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
    this.ownsFetcher = fetcher === undefined;
    this.fetcher = fetcher ?? ownFetcher(cluster, retry, this.maxWaitMs, this.minBytes, this.maxBytes);
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
    if (this.fetchPartition !== undefined) this.fetcher.seek(this.fetchPartition, offset);
  }

  /** Every record from the position on, fetching as needed, until close() or an error. */
  [Symbol.asyncIterator](): AsyncIterator<ConsumedRecord> {
    return new RecordIterator({ fetch: () => this.fetch(), isClosed: () => this.closed });
  }

  /**
   * The records from the position on that the fetcher has, or, when it has none, those of
   * its next answer (possibly none after maxWaitMs). Retriable errors are retried by the
   * fetcher. Returns [] once the reader is closed.
   */
  async fetch(): Promise<ConsumedRecord[]> {
    if (this.closed) return [];
    if (this.cluster.isClosed) throw new ClosedError('the Samsa client is closed');
    const fetchPartition = (this.fetchPartition ??= this.fetcher.add(this.topic, this.partition, this.nextOffset ?? this.start, {
      offsetReset: this.offsetReset,
      retries: this.retry.retries,
      partitionMaxBytes: this.maxBytes,
      maxWaitMs: this.maxWaitMs,
      minBytes: this.minBytes,
    }));
    const answersBefore = fetchPartition.answers;
    for (;;) {
      if (this.closed) return [];
      const item = this.fetcher.take(fetchPartition);
      if (item?.kind === 'error') throw item.error;
      if (item?.kind === 'records') {
        const generation = fetchPartition.generation;
        const fetched = await fetchedRecordsOf(item.chunk.bytes, this.topic, this.partition, item.chunk.fetchOffset);
        if (this.closed || fetchPartition.generation !== generation) return []; // seek() or close() while decoding
        this.nextOffset = fetched.nextOffset;
        this.highWatermark = item.chunk.highWatermark;
        return fetched.records;
      }
      if (fetchPartition.answers !== answersBefore) {
        if (fetchPartition.highWatermark >= 0n) this.highWatermark = fetchPartition.highWatermark;
        return [];
      }
      await this.fetcher.changed();
    }
  }

  /** Ends iteration and stops fetching; records fetched ahead are dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fetchPartition !== undefined) this.fetcher.remove(this.fetchPartition);
    if (this.ownsFetcher) this.fetcher.close();
  }
}
