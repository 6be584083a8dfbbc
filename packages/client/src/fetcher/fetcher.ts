import { type BrokerWire, OffsetOutOfRangeError, assert } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { listOffsets } from '../cluster/list-offsets';
import { BrokerError, ClosedError, RetriesExhaustedError, isProgrammerError, isRetriable, refreshesMetadata, toSamsaError } from '../errors/client-errors';
import { backoffMs, type RetryOptions } from '../errors/retry';
import { type FetchItem, FetchPartition, type FetchStart, type PartitionFetchOptions } from './fetch-partition';
import { splitPartitionData } from './fetch-split';

export interface FetcherOptions {
  /** How long a broker holds a Fetch open waiting for minBytes. */
  readonly maxWaitMs: number;
  readonly minBytes: number;
  /** Bytes of one Fetch answer, all partitions together (a broker may exceed it by one batch). */
  readonly maxBytes: number;
  /** Fetched bytes not yet taken, all partitions together: no partition is fetched above it. */
  readonly bufferBytesMax: number;
  /** Backoff between retries of a partition (its retry count is per partition). */
  readonly retry: RetryOptions;
}

/** Partitions sent in one request, with what they were sent at, to match the answer. */
interface SentPartition {
  readonly fetchPartition: FetchPartition;
  readonly generation: number;
  readonly fetchOffset: bigint;
}

const MAX_GROWN_FETCH_BYTES = 64 * 1024 * 1024;

/**
 * Kafka's Fetcher: for every partition its owners read, one Fetch at a time to the
 * partition's leader, all partitions led by one broker in the same request. Answers are
 * split per partition into views of the answer's bytes (whole batches only) and queued on
 * the partition; its fetch position moves past them at once, so the next request goes out
 * while the owner still decodes. A partition is fetched again only while it holds less
 * than its `partitionMaxBytes` and the fetcher less than `bufferBytesMax`: that bounds
 * memory and lets a slow owner push back.
 *
 * Errors are per partition: NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH and other
 * retriable ones refresh metadata and retry that partition with backoff (it moves to its
 * new leader's request); OFFSET_OUT_OF_RANGE follows the partition's `offsetReset`; the
 * rest, and retries beyond the partition's budget, are queued as an error item for the
 * owner. Single-threaded: every decision happens in `dispatch`, run as a microtask after
 * anything that may make a partition fetchable.
 */
export class Fetcher {
  private readonly partitions = new Set<FetchPartition>();
  private readonly brokersInFlight = new Set<number>();
  private readonly ready: FetchPartition[] = [];
  private bufferedBytes = 0;
  private waiters: (() => void)[] = [];
  private dispatchQueued = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAtMs = Infinity;
  private closed = false;
  /** Fetch requests sent, for tests and metrics. */
  requests = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: FetcherOptions,
  ) {}

  /** Starts fetching a partition for an owner; several owners may read the same partition. */
  add(topic: string, partition: number, start: FetchStart, options: PartitionFetchOptions): FetchPartition {
    if (this.closed) throw new ClosedError('the fetcher is closed');
    const fetchPartition = new FetchPartition(topic, partition, start, options);
    this.partitions.add(fetchPartition);
    this.cluster.watch([topic]);
    this.schedule();
    return fetchPartition;
  }

  /** Stops fetching; what was buffered is dropped and an answer in flight is ignored. */
  remove(fetchPartition: FetchPartition): void {
    if (fetchPartition.removed) return;
    fetchPartition.removed = true;
    this.drop(fetchPartition);
    this.partitions.delete(fetchPartition);
    this.wake();
  }

  /** The next fetch starts at `offset`; buffered items and answers in flight are dropped. */
  seek(fetchPartition: FetchPartition, offset: bigint): void {
    assert(offset >= 0n, 'seek: negative offset');
    this.drop(fetchPartition);
    fetchPartition.generation += 1;
    fetchPartition.position = offset;
    fetchPartition.start = undefined;
    fetchPartition.failures = 0;
    fetchPartition.retryAtMs = 0;
    this.schedule();
  }

  pause(fetchPartition: FetchPartition): void {
    fetchPartition.paused = true;
  }

  resume(fetchPartition: FetchPartition): void {
    if (!fetchPartition.paused) return;
    fetchPartition.paused = false;
    if (fetchPartition.items.length > 0) this.enqueue(fetchPartition);
    this.schedule();
    this.wake();
  }

  /** The oldest item of one partition, or undefined. */
  take(fetchPartition: FetchPartition): FetchItem | undefined {
    const item = fetchPartition.items.shift();
    if (item?.kind === 'records') this.release(fetchPartition, item.chunk.bytes.length);
    if (item !== undefined && fetchPartition.items.length === 0) this.schedule();
    return item;
  }

  /** The oldest item of the next partition with one, round robin, paused partitions skipped. */
  takeAny(): { fetchPartition: FetchPartition; item: FetchItem } | undefined {
    while (this.ready.length > 0) {
      const fetchPartition = this.ready.shift() as FetchPartition;
      fetchPartition.queued = false;
      if (fetchPartition.removed || fetchPartition.paused) continue;
      const item = this.take(fetchPartition);
      if (item === undefined) continue;
      if (fetchPartition.items.length > 0) this.enqueue(fetchPartition);
      return { fetchPartition, item };
    }
    return undefined;
  }

  /** Resolves at the next answer, item, removal or close (or wake()): then look again. */
  changed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Wakes everyone waiting in changed(). */
  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Partitions being fetched, for tests. */
  get size(): number {
    return this.partitions.size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const fetchPartition of this.partitions) this.remove(fetchPartition);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.wake();
  }

  private drop(fetchPartition: FetchPartition): void {
    for (const item of fetchPartition.items) if (item.kind === 'records') this.release(fetchPartition, item.chunk.bytes.length);
    fetchPartition.items.length = 0;
  }

  private release(fetchPartition: FetchPartition, bytes: number): void {
    fetchPartition.bufferedBytes -= bytes;
    this.bufferedBytes -= bytes;
    assert(fetchPartition.bufferedBytes >= 0 && this.bufferedBytes >= 0, 'fetcher: buffered bytes went negative');
    this.schedule();
  }

  private enqueue(fetchPartition: FetchPartition): void {
    if (fetchPartition.queued) return;
    fetchPartition.queued = true;
    this.ready.push(fetchPartition);
  }

  private push(fetchPartition: FetchPartition, item: FetchItem): void {
    fetchPartition.items.push(item);
    if (item.kind === 'records') {
      fetchPartition.bufferedBytes += item.chunk.bytes.length;
      this.bufferedBytes += item.chunk.bytes.length;
    }
    if (!fetchPartition.paused) this.enqueue(fetchPartition);
    this.wake();
  }

  private schedule(): void {
    if (this.dispatchQueued || this.closed) return;
    this.dispatchQueued = true;
    queueMicrotask(() => {
      this.dispatchQueued = false;
      if (!this.closed) this.dispatch();
    });
  }

  /** Sends a request to every broker without one in flight that leads a fetchable partition. */
  private dispatch(): void {
    const nowMs = Date.now();
    const byBroker = new Map<number, FetchPartition[]>();
    let retryAtMs = Infinity;
    for (const fetchPartition of this.partitions) {
      if (fetchPartition.inFlight || fetchPartition.paused || fetchPartition.resolving || fetchPartition.hasError) continue;
      if (fetchPartition.retryAtMs > nowMs) {
        retryAtMs = Math.min(retryAtMs, fetchPartition.retryAtMs);
        continue;
      }
      if (fetchPartition.bufferedBytes >= fetchPartition.options.partitionMaxBytes || this.bufferedBytes >= this.options.bufferBytesMax) continue;
      if (fetchPartition.position === undefined) {
        this.resolveStart(fetchPartition);
        continue;
      }
      const info = this.cluster.partition(fetchPartition.topic, fetchPartition.partition);
      if (info === undefined || info.leader < 0) {
        this.lookUp(fetchPartition);
        continue;
      }
      if (this.brokersInFlight.has(info.leader)) continue;
      let list = byBroker.get(info.leader);
      if (list === undefined) byBroker.set(info.leader, (list = []));
      // One entry per topic-partition in a request: a second owner of it waits for the next.
      if (!list.some((other) => other.key === fetchPartition.key)) list.push(fetchPartition);
    }
    for (const [brokerId, list] of byBroker) this.send(brokerId, list);
    this.armTimer(retryAtMs, nowMs);
  }

  private armTimer(atMs: number, nowMs: number): void {
    if (atMs === Infinity || atMs >= this.timerAtMs) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAtMs = atMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAtMs = Infinity;
      this.schedule();
    }, Math.max(1, atMs - nowMs));
    this.timer.unref?.();
  }

  private send(brokerId: number, list: FetchPartition[]): void {
    const client = this.cluster.brokerClient(brokerId);
    if (client === undefined) {
      for (const fetchPartition of list) this.onRetriable(fetchPartition, new BrokerError('LEADER_NOT_AVAILABLE', `broker ${brokerId} is not in the metadata`, ''));
      return;
    }
    const sent: SentPartition[] = [];
    const topics = new Map<string, BrokerWire.FetchPartition[]>();
    let maxWaitMs = this.options.maxWaitMs;
    let minBytes = this.options.minBytes;
    for (const fetchPartition of list) {
      const fetchOffset = fetchPartition.position as bigint;
      const info = this.cluster.partition(fetchPartition.topic, fetchPartition.partition);
      fetchPartition.inFlight = true;
      // To the back of the order: another owner of the same topic-partition goes first next time.
      this.partitions.delete(fetchPartition);
      this.partitions.add(fetchPartition);
      sent.push({ fetchPartition, generation: fetchPartition.generation, fetchOffset });
      let partitions = topics.get(fetchPartition.topic);
      if (partitions === undefined) topics.set(fetchPartition.topic, (partitions = []));
      partitions.push({ partition: fetchPartition.partition, fetchOffset: fetchOffset.toString(), partitionMaxBytes: fetchPartition.fetchBytes, currentLeaderEpoch: info?.leaderEpoch ?? -1 });
      maxWaitMs = Math.min(maxWaitMs, fetchPartition.options.maxWaitMs ?? maxWaitMs);
      minBytes = Math.min(minBytes, fetchPartition.options.minBytes ?? minBytes);
    }
    this.brokersInFlight.add(brokerId);
    this.requests += 1;
    const request: BrokerWire.FetchRequest = {
      maxWaitMs,
      minBytes,
      maxBytes: this.options.maxBytes,
      isolationLevel: 0,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    };
    client.fetch(request).then(
      (response) => this.onAnswer(sent, response, client.address),
      (error: unknown) => this.onFailure(sent, error),
    ).finally(() => {
      this.brokersInFlight.delete(brokerId);
      this.schedule();
    });
  }

  private onAnswer(sent: readonly SentPartition[], response: BrokerWire.FetchResponse__Output, address: string): void {
    if (response.errorCode !== 0) {
      this.onFailure(sent, BrokerError.ofCode(response.errorCode, `Fetch on ${address}`, address));
      return;
    }
    const byKey = new Map<string, BrokerWire.PartitionData__Output>();
    for (const topic of response.topics) for (const data of topic.partitions) byKey.set(`${topic.name}\u0000${data.partition}`, data);
    for (const entry of sent) {
      const fetchPartition = entry.fetchPartition;
      fetchPartition.inFlight = false;
      if (!this.isCurrent(entry)) continue;
      fetchPartition.answers += 1;
      const data = byKey.get(fetchPartition.key);
      if (data === undefined) this.onRetriable(fetchPartition, new BrokerError('UNKNOWN_SERVER_ERROR', `Fetch on ${address} gave no data for ${fetchPartition.topic}-${fetchPartition.partition}`, address, { retriable: true }));
      else if (data.errorCode !== 0) this.onPartitionError(entry, data, address);
      else this.onData(entry, data);
      this.wake();
    }
  }

  private isCurrent(entry: SentPartition): boolean {
    const fetchPartition = entry.fetchPartition;
    return !this.closed && !fetchPartition.removed && fetchPartition.generation === entry.generation && fetchPartition.position === entry.fetchOffset;
  }

  private onData(entry: SentPartition, data: BrokerWire.PartitionData__Output): void {
    const fetchPartition = entry.fetchPartition;
    fetchPartition.highWatermark = BigInt(data.highWatermark);
    fetchPartition.logStartOffset = BigInt(data.logStartOffset);
    let split;
    try {
      split = splitPartitionData(data.records, entry.fetchOffset, fetchPartition.highWatermark);
    } catch (error: unknown) {
      this.push(fetchPartition, { kind: 'error', error: error as Error });
      return;
    }
    fetchPartition.failures = 0;
    if (split === undefined) {
      // One batch is larger than what we asked for: ask for more next time (KIP-74 brokers
      // send it whole anyway).
      if (data.records.length > 0) fetchPartition.fetchBytes = Math.min(fetchPartition.fetchBytes * 2, MAX_GROWN_FETCH_BYTES);
      return;
    }
    fetchPartition.fetchBytes = fetchPartition.options.partitionMaxBytes;
    fetchPartition.position = split.nextOffset;
    this.push(fetchPartition, { kind: 'records', chunk: split });
  }

  private onPartitionError(entry: SentPartition, data: BrokerWire.PartitionData__Output, address: string): void {
    const fetchPartition = entry.fetchPartition;
    const { topic, partition } = fetchPartition;
    this.cluster.applyLeaderHint(topic, partition, data.currentLeader);
    const error = BrokerError.ofCode(data.errorCode, `Fetch ${topic}-${partition} at offset ${entry.fetchOffset} on ${address}${data.errorMessage ? ` (${data.errorMessage})` : ''}`, address);
    if (error.code === 'OFFSET_OUT_OF_RANGE') {
      if (fetchPartition.options.offsetReset === 'none') {
        this.push(fetchPartition, { kind: 'error', error: new OffsetOutOfRangeError(entry.fetchOffset, BigInt(data.logStartOffset), BigInt(data.highWatermark)) });
      } else {
        fetchPartition.position = undefined;
        fetchPartition.start = fetchPartition.options.offsetReset;
      }
      return;
    }
    if (isRetriable(error)) this.onRetriable(fetchPartition, error);
    else this.push(fetchPartition, { kind: 'error', error });
  }

  private onFailure(sent: readonly SentPartition[], error: unknown): void {
    for (const entry of sent) {
      entry.fetchPartition.inFlight = false;
      if (!this.isCurrent(entry)) continue;
      entry.fetchPartition.answers += 1;
      if (!isProgrammerError(error) && isRetriable(error)) this.onRetriable(entry.fetchPartition, error);
      else this.push(entry.fetchPartition, { kind: 'error', error: error instanceof Error ? error : toSamsaError(error) });
    }
    this.wake();
  }

  /** Backs off; past the partition's retry budget the error goes to its owner. */
  private onRetriable(fetchPartition: FetchPartition, error: unknown): void {
    fetchPartition.failures += 1;
    if (fetchPartition.failures > fetchPartition.options.retries) {
      const last = toSamsaError(error);
      fetchPartition.failures = 0;
      this.push(fetchPartition, { kind: 'error', error: new RetriesExhaustedError(`reading ${fetchPartition.topic}-${fetchPartition.partition}: gave up after ${fetchPartition.options.retries + 1} attempts: ${last.message}`, last) });
      return;
    }
    if (refreshesMetadata(error)) this.cluster.requestRefresh();
    fetchPartition.retryAtMs = Date.now() + backoffMs(this.options.retry, Math.min(fetchPartition.failures - 1, 30));
    this.schedule();
  }

  /** Turns 'earliest' / 'latest' into an offset with ListOffsets (its own retries). */
  private resolveStart(fetchPartition: FetchPartition): void {
    const spec = fetchPartition.start;
    assert(spec !== undefined, 'fetcher: a partition without position or start');
    const generation = fetchPartition.generation;
    fetchPartition.resolving = true;
    listOffsets(this.cluster, this.options.retry, fetchPartition.topic, fetchPartition.partition, spec)
      .then(
        (offset) => {
          if (fetchPartition.removed || fetchPartition.generation !== generation || fetchPartition.position !== undefined) return;
          fetchPartition.position = offset;
          fetchPartition.start = undefined;
        },
        (error: unknown) => {
          if (fetchPartition.removed || this.closed || this.cluster.isClosed) return;
          if (isRetriable(error)) this.onRetriable(fetchPartition, error);
          else this.push(fetchPartition, { kind: 'error', error: error as Error });
        },
      )
      .finally(() => {
        fetchPartition.resolving = false;
        this.schedule();
      });
  }

  /** The partition's leader is unknown: fetch metadata (the topic may be new to the client). */
  private lookUp(fetchPartition: FetchPartition): void {
    fetchPartition.resolving = true;
    this.cluster
      .ensureTopic(fetchPartition.topic, { ...this.options.retry, retries: 0 })
      .then((topic) => {
        const info = topic.partitions[fetchPartition.partition];
        if (info === undefined) throw new BrokerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${fetchPartition.topic} has no partition ${fetchPartition.partition} (it has ${topic.partitions.length})`, '');
        if (info.leader < 0) throw new BrokerError('LEADER_NOT_AVAILABLE', `${fetchPartition.topic}-${fetchPartition.partition} has no known leader`, '');
      })
      .catch((error: unknown) => {
        if (fetchPartition.removed || this.closed || this.cluster.isClosed) return;
        const cause = error instanceof RetriesExhaustedError ? error.lastError : error;
        if (isRetriable(cause)) this.onRetriable(fetchPartition, cause);
        else this.push(fetchPartition, { kind: 'error', error: cause as Error });
      })
      .finally(() => {
        fetchPartition.resolving = false;
        this.schedule();
      });
  }
}
