import { type BrokerWire, SamsaError } from '@samsa/protocol';
import { BrokerClient } from '../broker/broker-client';
import { BrokerError, ClosedError, ConnectionError, isProgrammerError } from '../errors/client-errors';
import { sleep, withRetry, type RetryOptions } from '../errors/retry';
import { ChannelPool } from '../network/channel-pool';
import { MetadataCache, type BrokerInfo, type PartitionInfo, type TopicInfo } from './metadata-cache';

export interface ClusterOptions {
  readonly bootstrap: readonly string[];
  readonly requestTimeoutMs: number;
  readonly retry: RetryOptions;
  /** Refreshes are at least this far apart, however many errors ask for one. */
  readonly metadataRefreshMinIntervalMs: number;
  /** Cached metadata older than this is refreshed in the background when read. */
  readonly metadataMaxAgeMs: number;
}

/**
 * The broker pool and the metadata cache together. One `BrokerClient` per address over one
 * channel each; metadata is fetched from any reachable broker (the last one that answered,
 * then the bootstrap list, then every known broker), refreshed on demand, on errors that
 * mean it is stale, and when older than `metadataMaxAgeMs`. Concurrent refresh requests
 * share one call, and calls are at least `metadataRefreshMinIntervalMs` apart.
 */
export class Cluster {
  readonly metadata = new MetadataCache();
  private readonly pool = new ChannelPool();
  private readonly brokerClients = new Map<string, BrokerClient>();
  private readonly interestingTopics = new Set<string>();
  private lastGoodAddress: string | undefined;
  private lastRefreshStartMs = 0;
  private currentRefresh: Promise<void> | undefined;
  private nextRefresh: Promise<void> | undefined;
  private closed = false;

  constructor(readonly options: ClusterOptions) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** The client for one broker address (its channel is created on first use). */
  client(address: string): BrokerClient {
    if (this.closed) throw new ClosedError('the Samsa client is closed');
    let client = this.brokerClients.get(address);
    if (client === undefined) {
      client = new BrokerClient(address, this.pool.get(address), this.options.requestTimeoutMs);
      this.brokerClients.set(address, client);
    }
    return client;
  }

  /** The client for a broker id from metadata, or undefined when the id is unknown. */
  brokerClient(brokerId: number): BrokerClient | undefined {
    const broker = this.metadata.broker(brokerId);
    return broker === undefined ? undefined : this.client(broker.address);
  }

  broker(brokerId: number): BrokerInfo | undefined {
    return this.metadata.broker(brokerId);
  }

  partition(topic: string, partition: number): PartitionInfo | undefined {
    this.refreshIfOld();
    return this.metadata.partition(topic, partition);
  }

  topic(name: string): TopicInfo | undefined {
    this.refreshIfOld();
    return this.metadata.topic(name);
  }

  /** Adds topics to those every refresh asks about. */
  watch(topics: Iterable<string>): void {
    for (const topic of topics) this.interestingTopics.add(topic);
  }

  applyLeaderHint(topic: string, partition: number, hint: BrokerWire.LeaderHint__Output | null): void {
    if (hint !== null) this.metadata.applyLeaderHint(topic, partition, hint);
  }

  /**
   * Refreshes metadata now, or joins the refresh in flight, or (when one is in flight) the
   * one after it, so that a caller who saw an error always gets an answer fetched after it.
   */
  refreshMetadata(): Promise<void> {
    if (this.closed) return Promise.reject(new ClosedError('the Samsa client is closed'));
    if (this.nextRefresh !== undefined) return this.nextRefresh;
    if (this.currentRefresh === undefined) return this.startRefresh();
    this.nextRefresh = this.currentRefresh
      .catch(() => undefined)
      .then(() => {
        this.nextRefresh = undefined;
        return this.startRefresh();
      });
    return this.nextRefresh;
  }

  /** A refresh whose failure nobody waits for (the next request will see the old view). */
  requestRefresh(): void {
    if (!this.closed) this.refreshMetadata().catch(() => undefined);
  }

  /**
   * The metadata of `name`, refreshing until the topic exists and every partition is
   * known; retriable errors (the topic is being created, no leader yet) are retried with
   * the client's backoff.
   */
  async ensureTopic(name: string, retry: RetryOptions = this.options.retry, isCancelled: () => boolean = () => false): Promise<TopicInfo> {
    this.watch([name]);
    const cached = this.metadata.topic(name);
    if (cached !== undefined && cached.errorCode === 0 && cached.partitions.length > 0) return cached;
    return withRetry(
      async () => {
        await this.refreshMetadata();
        const topic = this.metadata.topic(name);
        if (topic === undefined) throw new BrokerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} is not in the metadata`, this.lastGoodAddress ?? '');
        if (topic.errorCode !== 0) throw BrokerError.ofCode(topic.errorCode, `metadata for topic ${name}`, this.lastGoodAddress ?? '');
        if (topic.partitions.length === 0) throw new BrokerError('LEADER_NOT_AVAILABLE', `topic ${name} has no partitions yet`, this.lastGoodAddress ?? '');
        return topic;
      },
      retry,
      { isCancelled: () => this.closed || isCancelled() },
    );
  }

  /** A client for some live broker (spreading load), for calls any broker can answer. */
  async anyBrokerClient(): Promise<BrokerClient> {
    if (this.metadata.allBrokers().length === 0) await this.refreshMetadata();
    const brokers = this.metadata.allBrokers();
    const chosen = brokers[Math.floor(Math.random() * brokers.length)];
    return this.client(chosen?.address ?? this.lastGoodAddress ?? (this.options.bootstrap[0] as string));
  }

  /** Metadata for `topics` (empty: every topic) straight from a broker, without caching. */
  async fetchMetadata(topics: string[]): Promise<BrokerWire.MetadataResponse__Output> {
    const errors: string[] = [];
    for (const address of this.candidateAddresses()) {
      if (this.closed) throw new ClosedError('the Samsa client is closed');
      try {
        const response = await this.client(address).metadata({ topics });
        this.lastGoodAddress = address;
        return response;
      } catch (error: unknown) {
        if (isProgrammerError(error) || !(error instanceof SamsaError)) throw error;
        errors.push(`${address}: ${error.message}`);
      }
    }
    throw new ConnectionError(`no broker answered Metadata (${errors.join('; ')})`, this.lastGoodAddress ?? '');
  }

  close(): void {
    this.closed = true;
    this.pool.close();
    this.brokerClients.clear();
  }

  private startRefresh(): Promise<void> {
    const waitMs = Math.max(0, this.lastRefreshStartMs + this.options.metadataRefreshMinIntervalMs - Date.now());
    const refresh = (async () => {
      if (waitMs > 0) await sleep(waitMs);
      this.lastRefreshStartMs = Date.now();
      const response = await this.fetchMetadata([...this.interestingTopics]);
      if (!this.closed) this.metadata.apply(response, Date.now());
    })();
    this.currentRefresh = refresh;
    const clear = (): void => {
      if (this.currentRefresh === refresh) this.currentRefresh = undefined;
    };
    refresh.then(clear, clear);
    return refresh;
  }

  private refreshIfOld(): void {
    const updatedAtMs = this.metadata.updatedAtMs;
    if (updatedAtMs > 0 && Date.now() - updatedAtMs > this.options.metadataMaxAgeMs && this.currentRefresh === undefined) this.requestRefresh();
  }

  /** The last broker that answered, then the bootstrap list, then every known broker. */
  private candidateAddresses(): string[] {
    const addresses = new Set<string>();
    if (this.lastGoodAddress !== undefined) addresses.add(this.lastGoodAddress);
    for (const address of this.options.bootstrap) addresses.add(address);
    for (const broker of this.metadata.allBrokers()) addresses.add(broker.address);
    return [...addresses];
  }
}
