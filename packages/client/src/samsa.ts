import { Admin } from './admin/admin';
import { Cluster } from './cluster/cluster';
import { listOffsets, type OffsetSpec } from './cluster/list-offsets';
import { ClosedError } from './errors/client-errors';
import { DEFAULT_RETRY, type RetryOptions } from './errors/retry';
import { addressOption, integerOption, numberOption, rejectUnknownOptions, stringOption } from './options/validate';
import { Consumer } from './consumer/consumer';
import type { ConsumerOptions } from './consumer/consumer-options';
import { Fetcher } from './fetcher/fetcher';
import { Producer } from './producer/producer';
import type { ProducerOptions } from './producer/producer-options';
import { PartitionReader, type ReaderOptions } from './reader/partition-reader';

export interface SamsaOptions {
  /** Brokers to ask first for metadata, as `host:port`. At least one. */
  readonly bootstrap: readonly string[];
  /** Names this application in broker logs. Default 'samsa-client'. */
  readonly clientId?: string;
  /** Deadline of one request to a broker. Default 30000. */
  readonly requestTimeoutMs?: number;
  /** Backoff and retry budget for metadata, admin, listOffsets and readers. */
  readonly retry?: Partial<RetryOptions>;
  /** Metadata older than this is refreshed when read. Default 300000. */
  readonly metadataMaxAgeMs?: number;
  /** Metadata refreshes are at least this far apart. Default 100. */
  readonly metadataRefreshMinIntervalMs?: number;
}

const KNOWN = ['bootstrap', 'clientId', 'requestTimeoutMs', 'retry', 'metadataMaxAgeMs', 'metadataRefreshMinIntervalMs'];

/**
 * The entry point: one per application and cluster. It owns one gRPC channel per broker
 * and the metadata cache that producers, readers and the admin client share.
 *
 *   const samsa = new Samsa({ bootstrap: ['127.0.0.1:9092'], clientId: 'app' });
 *   const producer = samsa.producer({ acks: 'all' });
 *   const [meta] = await producer.send('orders', [{ key: 'k1', value: 'v' }]);
 */
export class Samsa {
  readonly clientId: string;
  readonly requestTimeoutMs: number;
  readonly retry: RetryOptions;
  private readonly cluster: Cluster;
  private readonly producers = new Set<Producer>();
  private readonly readers = new Set<PartitionReader>();
  private readerFetcher: Fetcher | undefined;
  private readonly consumers = new Set<Consumer>();
  private closed = false;

  constructor(options: SamsaOptions) {
    if (options === null || typeof options !== 'object') throw new TypeError('Samsa options: expected an object');
    rejectUnknownOptions('Samsa', options, KNOWN);
    if (!Array.isArray(options.bootstrap) || options.bootstrap.length === 0) throw new TypeError('bootstrap: expected a non-empty array of "host:port"');
    const bootstrap = options.bootstrap.map((address, index) => addressOption(`bootstrap[${index}]`, address));
    this.clientId = stringOption('clientId', options.clientId, 'samsa-client');
    this.requestTimeoutMs = integerOption('requestTimeoutMs', options.requestTimeoutMs, 30_000, { min: 1 });
    this.retry = resolveRetry(options.retry);
    this.cluster = new Cluster({
      bootstrap,
      requestTimeoutMs: this.requestTimeoutMs,
      retry: this.retry,
      metadataMaxAgeMs: integerOption('metadataMaxAgeMs', options.metadataMaxAgeMs, 300_000, { min: 0 }),
      metadataRefreshMinIntervalMs: integerOption('metadataRefreshMinIntervalMs', options.metadataRefreshMinIntervalMs, 100, { min: 0 }),
    });
  }

  producer(options: ProducerOptions = {}): Producer {
    this.checkOpen();
    const producer: Producer = new Producer(options, {
      cluster: this.cluster,
      retry: this.retry,
      requestTimeoutMs: this.requestTimeoutMs,
      onClose: () => this.producers.delete(producer),
    });
    this.producers.add(producer);
    return producer;
  }

  /** A member of a consumer group; `subscribe()` joins it. */
  consumer(options: ConsumerOptions): Consumer {
    this.checkOpen();
    const consumer: Consumer = new Consumer(options, {
      cluster: this.cluster,
      retry: this.retry,
      requestTimeoutMs: this.requestTimeoutMs,
      clientId: this.clientId,
      onClose: () => this.consumers.delete(consumer),
    });
    this.consumers.add(consumer);
    return consumer;
  }

  /** Reads one partition from an offset, without a consumer group. */
  reader(options: ReaderOptions): PartitionReader {
    this.checkOpen();
    // One fetcher for every reader: partitions led by one broker share its Fetch requests;
    // each reader's maxWaitMs, minBytes and maxBytes apply to its partition.
    this.readerFetcher ??= new Fetcher(this.cluster, { maxWaitMs: 300_000, minBytes: 0x7fffffff, maxBytes: 64 * 1024 * 1024, bufferBytesMax: 64 * 1024 * 1024, retry: this.retry });
    const reader = new PartitionReader(options, this.cluster, this.retry, this.readerFetcher);
    this.readers.add(reader);
    return reader;
  }

  admin(): Admin {
    this.checkOpen();
    return new Admin(this.cluster, this.retry);
  }

  /** The earliest offset, the latest (the next offset to be written), or the first at or after a time in ms. */
  listOffsets(topic: string, partition: number, spec: OffsetSpec): Promise<bigint> {
    this.checkOpen();
    return listOffsets(this.cluster, this.retry, topic, partition, spec);
  }

  /** Fetches metadata now (for the topics given, or those in use) and returns the cached view. */
  async refreshMetadata(topics: readonly string[] = []): Promise<void> {
    this.checkOpen();
    this.cluster.watch(topics);
    await this.cluster.refreshMetadata();
  }

  /** The cached metadata (brokers, partitions with leader and leader epoch). */
  get metadata(): Cluster['metadata'] {
    return this.cluster.metadata;
  }

  /** Closes consumers (committing and leaving their groups), producers (flushing them), readers, then every channel. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.consumers].map((consumer) => consumer.close()));
    for (const reader of this.readers) reader.close();
    this.readerFetcher?.close();
    await Promise.allSettled([...this.producers].map((producer) => producer.close()));
    this.cluster.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new ClosedError('the Samsa client is closed');
  }
}

function resolveRetry(retry: Partial<RetryOptions> | undefined): RetryOptions {
  if (retry === undefined) return DEFAULT_RETRY;
  if (retry === null || typeof retry !== 'object') throw new TypeError('retry: expected an object');
  rejectUnknownOptions('retry', retry, Object.keys(DEFAULT_RETRY));
  const initialRetryTimeMs = integerOption('retry.initialRetryTimeMs', retry.initialRetryTimeMs, DEFAULT_RETRY.initialRetryTimeMs, { min: 0 });
  return {
    retries: integerOption('retry.retries', retry.retries, DEFAULT_RETRY.retries, { min: 0, allowInfinity: true }),
    initialRetryTimeMs,
    maxRetryTimeMs: integerOption('retry.maxRetryTimeMs', retry.maxRetryTimeMs, Math.max(DEFAULT_RETRY.maxRetryTimeMs, initialRetryTimeMs), { min: initialRetryTimeMs }),
    multiplier: numberOption('retry.multiplier', retry.multiplier, DEFAULT_RETRY.multiplier, { min: 1 }),
    jitter: numberOption('retry.jitter', retry.jitter, DEFAULT_RETRY.jitter, { min: 0, max: 1 }),
  };
}
