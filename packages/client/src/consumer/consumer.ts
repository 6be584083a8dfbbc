import { type ErrorName, type GroupWire, SamsaError } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { BrokerError, ClosedError, SamsaClientError, isProgrammerError, toSamsaError } from '../errors/client-errors';
import { backoffMs, sleep, type RetryOptions } from '../errors/retry';
import { Fetcher } from '../fetcher/fetcher';
import type { FetchPartition, FetchStart } from '../fetcher/fetch-partition';
import { ChunkReader } from '../reader/chunk-reader';
import type { ConsumedRecord } from '../reader/partition-reader';
import { type ConsumerOptions, type ResolvedConsumerOptions, resolveConsumerOptions } from './consumer-options';
import { type Batch, type BatchSource, ConsumerIterator } from './consumer-iterator';
import { CoordinatorLink } from './coordinator-link';
import { COORDINATOR_ERRORS, type OffsetToCommit, fetchCommitted } from './group-offsets';
import { Membership, type MembershipStep, type Subscription } from './membership';
import { OffsetCommitter } from './offset-committer';
import { OwnedPartition } from './owned-partition';
import { type TopicPartition, partitionKey } from './topic-partitions';

/** Called around rebalances; each is awaited before the consumer goes on. */
export interface RebalanceListener {
  /** New partitions, before they are fetched: seek() here to start elsewhere than the committed offset. */
  readonly onPartitionsAssigned?: (partitions: TopicPartition[]) => void | Promise<void>;
  /** Partitions being let go of, after their positions were committed (auto-commit) and before release. commit() still works here. */
  readonly onPartitionsRevoked?: (partitions: TopicPartition[]) => void | Promise<void>;
  /** Partitions taken away without a chance to commit (the member was fenced or timed out). */
  readonly onPartitionsLost?: (partitions: TopicPartition[]) => void | Promise<void>;
}

/** One eachBatch call: records of one partition in offset order. */
export interface EachBatchPayload {
  readonly topic: string;
  readonly partition: number;
  readonly records: ConsumedRecord[];
  readonly highWatermark: bigint;
}

export interface RunOptions {
  /** Called for each batch, one at a time; once it resolves, its records count as taken. */
  readonly eachBatch: (payload: EachBatchPayload) => Promise<void> | void;
}

export interface ConsumerContext {
  readonly cluster: Cluster;
  readonly retry: RetryOptions;
  readonly requestTimeoutMs: number;
  readonly clientId: string;
  readonly onClose: () => void;
}

/**
 * A member of a consumer group (KIP-848: the coordinator assigns, incrementally). It owns a
 * `Membership` (the pure protocol state), a `Fetcher` for the partitions it owns, and a link
 * to the coordinator; this class is the driver that performs what they decide. Records come
 * out through `for await` or `run({ eachBatch })`, one reader at a time.
 *
 * At-least-once: a commit (auto every `autoCommitIntervalMs`, on revocation and on close, or
 * `commit()`) sends the offset after the records the application has taken: for the
 * iterator, records after which it asked for the next; for eachBatch, batches whose call
 * resolved. Commits are sent one at a time, in order, so a committed offset never goes back
 * by a reordering of ours.
 */
export class Consumer implements AsyncIterable<ConsumedRecord>, BatchSource {
  readonly options: ResolvedConsumerOptions;
  private readonly membership: Membership;
  private readonly fetcher: Fetcher;
  private readonly link: CoordinatorLink;
  private readonly owned = new Map<string, OwnedPartition>();
  private readonly ownerOf = new Map<FetchPartition, OwnedPartition>();
  private listener: RebalanceListener = {};
  private iterator: ConsumerIterator | undefined;
  private running = false;
  private batchInFlight: { owner: OwnedPartition; done: Promise<unknown> } | undefined;
  /** The fetched chunk being handed out in slices, and the offset after the last slice. */
  private chunk: { reader: ChunkReader; owner: OwnedPartition; fetchPartition: FetchPartition; generation: number; highWatermark: bigint; resumeAt: bigint } | undefined;
  private stepInFlight: Promise<void> | undefined;
  private readonly committer: OffsetCommitter;
  private readonly errors: Error[] = [];
  private fatal: Error | undefined;
  private heartbeatWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAtMs = Infinity;
  private autoCommitTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    options: ConsumerOptions,
    private readonly context: ConsumerContext,
  ) {
    this.options = resolveConsumerOptions(options);
    this.membership = new Membership({
      groupId: this.options.groupId,
      groupInstanceId: this.options.groupInstanceId,
      clientId: context.clientId,
      rebalanceTimeoutMs: this.options.rebalanceTimeoutMs,
      sessionTimeoutMs: this.options.sessionTimeoutMs,
      assignor: this.options.assignor,
      retryBackoffMs: context.retry.initialRetryTimeMs,
      retryBackoffMaxMs: context.retry.maxRetryTimeMs,
    });
    this.fetcher = new Fetcher(context.cluster, {
      maxWaitMs: this.options.maxWaitMs,
      minBytes: this.options.minBytes,
      maxBytes: this.options.maxBytes,
      bufferBytesMax: this.options.bufferBytesMax,
      retry: context.retry,
    });
    this.link = new CoordinatorLink(context.cluster, this.options.groupId, context.requestTimeoutMs);
    this.committer = new OffsetCommitter({
      groupId: this.options.groupId,
      link: this.link,
      retry: context.retry,
      member: () => ({ memberId: this.membership.memberId, memberEpoch: this.membership.memberEpoch }),
      owner: (topic, partition) => this.owned.get(partitionKey(topic, partition)),
      nextHeartbeat: () => this.nextHeartbeat(),
      isStopped: () => this.stopped,
    });
  }

  /**
   * Joins the group (or changes the subscription): topic names, or a RegExp matched by the
   * coordinator against whole topic names (RE2-like: no flags). Resolves at once; partitions
   * arrive through the listener and the records.
   */
  async subscribe(topics: readonly string[] | RegExp, listener: RebalanceListener = {}): Promise<void> {
    this.checkOpen();
    this.listener = listener;
    this.membership.subscribe(subscriptionOf(topics), Date.now());
    if (this.options.enableAutoCommit && this.autoCommitTimer === undefined) {
      this.autoCommitTimer = setInterval(() => void this.commit().catch(() => undefined), this.options.autoCommitIntervalMs);
      this.autoCommitTimer.unref?.();
    }
    this.pump();
  }

  /** Every record of the owned partitions, partitions interleaved, each in offset order, until close(). */
  [Symbol.asyncIterator](): AsyncIterableIterator<ConsumedRecord> {
    this.checkOpen();
    this.claimReading();
    this.iterator = new ConsumerIterator(this);
    return this.iterator;
  }

  /** Calls eachBatch for every fetched batch until close(); rejects with eachBatch's error or the consumer's. */
  async run(options: RunOptions): Promise<void> {
    this.checkOpen();
    if (options === null || typeof options !== 'object' || typeof options.eachBatch !== 'function') throw new TypeError('run: expected { eachBatch: async (batch) => {} }');
    this.claimReading();
    try {
      for (;;) {
        const batch = await this.nextBatch();
        if (batch === undefined) return;
        if (batch.records.length > 0) {
          const done = Promise.resolve(options.eachBatch({ topic: batch.owner.topic, partition: batch.owner.partition, records: batch.records, highWatermark: batch.highWatermark }));
          this.batchInFlight = { owner: batch.owner, done: done.catch(() => undefined) };
          try {
            await done;
          } finally {
            this.batchInFlight = undefined;
          }
        }
        if (batch.owner.active) batch.owner.taken = batch.nextOffset;
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Commits the positions of what the application has taken (no argument), or the offsets
   * given (each the next offset to consume). Resolves once the coordinator accepted them.
   */
  commit(offsets?: readonly OffsetToCommit[]): Promise<void> {
    try {
      if (offsets !== undefined) validateOffsets(offsets);
      this.checkOpenOrClosing();
    } catch (error: unknown) {
      return Promise.reject(error);
    }
    return this.committer.enqueue(() => {
      this.iterator?.settle();
      return offsets ?? commitsOf([...this.owned.values()].filter((owner) => owner.active));
    });
  }

  /** The next record of the partition will be at `offset` (also moves what the next commit sends). */
  seek(topic: string, partition: number, offset: bigint): void {
    if (typeof offset !== 'bigint' || offset < 0n) throw new RangeError(`seek: expected a non-negative bigint offset, got ${String(offset)}`);
    const owner = this.ownedOrThrow(topic, partition, 'seek');
    this.iterator?.invalidate(owner);
    this.dropChunk(owner);
    owner.taken = offset;
    if (owner.fetch === undefined) owner.seekTo = offset;
    else this.fetcher.seek(owner.fetch, offset);
  }

  /** Stops handing out (and fetching) these partitions until resume(); they stay owned. */
  pause(partitions: readonly TopicPartition[]): void {
    for (const { topic, partition } of partitions) {
      const owner = this.ownedOrThrow(topic, partition, 'pause');
      if (owner.paused) continue;
      const fromIterator = this.iterator?.invalidate(owner);
      const rest = fromIterator ?? this.dropChunk(owner);
      if (fromIterator !== undefined) this.dropChunk(owner);
      owner.paused = true;
      if (owner.fetch === undefined) continue;
      this.fetcher.pause(owner.fetch);
      if (rest !== undefined) this.fetcher.seek(owner.fetch, rest); // the unread rest comes again after resume
    }
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const { topic, partition } of partitions) {
      const owner = this.ownedOrThrow(topic, partition, 'resume');
      owner.paused = false;
      if (owner.fetch !== undefined) this.fetcher.resume(owner.fetch);
    }
  }

  /** The partitions owned now (revocations in progress excluded). */
  assignment(): TopicPartition[] {
    return [...this.owned.values()].filter((owner) => owner.active).map(({ topic, partition }) => ({ topic, partition }));
  }

  /** The member id the coordinator gave ('' before joining) and the epoch held. */
  get member(): { readonly memberId: string; readonly memberEpoch: number } {
    return { memberId: this.membership.memberId, memberEpoch: this.membership.memberEpoch };
  }

  /** Commits (with auto-commit), calls onPartitionsRevoked for what it owns, leaves the group, stops. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  // ---- batches -----------------------------------------------------------------------

  /**
   * The next slice (at most maxPollRecords) of decoded records of one partition; undefined
   * once closing. Rejects with pending errors. Chunks are decoded a slice at a time, so the
   * records handed out die young.
   */
  async nextBatch(): Promise<Batch | undefined> {
    for (;;) {
      this.throwPendingError();
      if (this.stopped || this.closing !== undefined) return undefined;
      const current = this.chunk;
      if (current !== undefined) {
        const records = await current.reader.read(this.options.maxPollRecords);
        const { owner } = current;
        if (this.chunk !== current || !owner.active || current.fetchPartition.generation !== current.generation) continue; // dropped meanwhile
        const last = records[records.length - 1];
        const nextOffset = current.reader.done ? current.reader.nextOffset : (last as ConsumedRecord).offset + 1n;
        current.resumeAt = nextOffset;
        if (current.reader.done) this.chunk = undefined;
        return { owner, records, nextOffset, highWatermark: current.highWatermark };
      }
      const taken = this.fetcher.takeAny();
      if (taken === undefined) {
        await this.fetcher.changed();
        continue;
      }
      const owner = this.ownerOf.get(taken.fetchPartition);
      if (owner === undefined || !owner.active) continue;
      if (taken.item.kind === 'error') throw taken.item.error;
      const { chunk } = taken.item;
      if (owner.taken === undefined) owner.taken = chunk.fetchOffset;
      const reader = new ChunkReader(chunk.bytes, owner.topic, owner.partition, chunk.fetchOffset);
      this.chunk = { reader, owner, fetchPartition: taken.fetchPartition, generation: taken.fetchPartition.generation, highWatermark: chunk.highWatermark, resumeAt: chunk.fetchOffset };
    }
  }

  /** Forgets the chunk being sliced if it is `owner`'s; returns the offset its unread rest starts at. */
  private dropChunk(owner: OwnedPartition): bigint | undefined {
    const current = this.chunk;
    if (current === undefined || current.owner !== owner) return undefined;
    this.chunk = undefined;
    return current.resumeAt;
  }

  released(iterator: ConsumerIterator): void {
    if (this.iterator === iterator) {
      this.iterator = undefined;
      this.running = false;
    }
  }

  // ---- the driver ---------------------------------------------------------------------

  /** Runs what the membership asks for now and sleeps until it next needs us. */
  private pump(): void {
    if (this.stopped) return;
    const nowMs = Date.now();
    // Once closing, no new step: close() commits and lets go of what is owned itself.
    const step = this.closing === undefined ? this.membership.nextStep(nowMs) : undefined;
    if (step !== undefined) this.startStep(step);
    const request = this.membership.heartbeatRequest(nowMs);
    if (request !== undefined) void this.heartbeat(request);
    this.arm(this.membership.nextWakeMs());
  }

  private arm(atMs: number): void {
    if (atMs === Infinity || (this.timer !== undefined && atMs >= this.timerAtMs)) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAtMs = atMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAtMs = Infinity;
      this.pump();
    }, Math.max(0, atMs - Date.now()));
  }

  private async heartbeat(request: GroupWire.HeartbeatRequest): Promise<void> {
    try {
      const client = await this.link.current();
      const answer = await client.heartbeat(request);
      const outcome = this.membership.onHeartbeatAnswer(answer, Date.now());
      if (outcome.findCoordinator) this.link.forget();
      if (outcome.fatal !== undefined) this.fail(new BrokerError(outcome.fatal.code, `group ${this.options.groupId}: ${outcome.fatal.message}`, client.address));
    } catch (error: unknown) {
      if (isProgrammerError(error) && !(error instanceof ClosedError)) {
        // A bug of ours or a bad request: surface it to the reader rather than as an unhandled rejection.
        this.membership.onHeartbeatFailure('UNKNOWN_SERVER_ERROR', Date.now());
        this.fail(error as Error);
        return;
      }
      const code: ErrorName = error instanceof SamsaError ? error.code : 'NETWORK_EXCEPTION';
      const outcome = this.membership.onHeartbeatFailure(code, Date.now());
      if (outcome.findCoordinator || COORDINATOR_ERRORS.has(code)) this.link.forget();
    } finally {
      const waiters = this.heartbeatWaiters;
      this.heartbeatWaiters = [];
      for (const resolve of waiters) resolve();
      this.pump();
    }
  }

  private startStep(step: MembershipStep): void {
    const run = (async () => {
      try {
        if (step.kind === 'assign') await this.assign(step.partitions);
        else if (step.kind === 'revoke') await this.revoke(step.partitions);
        else await this.lose(step.partitions);
      } catch (error: unknown) {
        this.errors.push(error instanceof Error ? error : toSamsaError(error));
        this.fetcher.wake();
      } finally {
        this.membership.stepDone(step, Date.now());
        this.stepInFlight = undefined;
        this.pump();
      }
    })();
    this.stepInFlight = run;
  }

  private async assign(partitions: readonly TopicPartition[]): Promise<void> {
    const committed = await this.untilClosed(() => fetchCommitted(this.link, this.options.groupId, partitions));
    if (committed === undefined) return; // closing: the member leaves anyway
    const owners = partitions.map(({ topic, partition }) => {
      const owner = new OwnedPartition(topic, partition);
      const offset = committed.get(owner.key) ?? -1n;
      if (offset >= 0n) owner.taken = owner.committed = offset;
      this.owned.set(owner.key, owner);
      return owner;
    });
    await this.callListener('onPartitionsAssigned', partitions);
    for (const owner of owners) {
      if (!owner.active) continue;
      const start: FetchStart | undefined = owner.seekTo ?? owner.committed ?? (this.options.autoOffsetReset === 'none' ? undefined : this.options.autoOffsetReset);
      if (start === undefined) {
        this.errors.push(new SamsaClientError('OFFSET_OUT_OF_RANGE', `group ${this.options.groupId} has no committed offset for ${owner.topic}-${owner.partition} and autoOffsetReset is 'none'`, { retriable: false }));
        continue;
      }
      owner.fetch = this.fetcher.add(owner.topic, owner.partition, start, { offsetReset: this.options.autoOffsetReset, retries: Infinity, partitionMaxBytes: this.options.maxPartitionBytes });
      this.ownerOf.set(owner.fetch, owner);
      if (owner.paused) this.fetcher.pause(owner.fetch);
    }
    this.fetcher.wake();
  }

  private async revoke(partitions: readonly TopicPartition[]): Promise<void> {
    const owners = this.stopFetching(partitions);
    const batch = this.batchInFlight;
    if (batch !== undefined && owners.includes(batch.owner)) await batch.done;
    if (this.options.enableAutoCommit) await this.commit(commitsOf(owners)).catch((error: unknown) => this.errors.push(error as Error));
    await this.callListener('onPartitionsRevoked', partitions);
    for (const owner of owners) this.owned.delete(owner.key);
  }

  private async lose(partitions: readonly TopicPartition[]): Promise<void> {
    const owners = this.stopFetching(partitions);
    await this.callListener('onPartitionsLost', partitions);
    for (const owner of owners) this.owned.delete(owner.key);
  }

  /** Marks the partitions inactive (their records stop at once) and removes them from the fetcher. */
  private stopFetching(partitions: readonly TopicPartition[]): OwnedPartition[] {
    const owners: OwnedPartition[] = [];
    for (const { topic, partition } of partitions) {
      const owner = this.owned.get(partitionKey(topic, partition));
      if (owner === undefined) continue;
      this.iterator?.invalidate(owner);
      this.dropChunk(owner);
      owner.active = false;
      if (owner.fetch !== undefined) {
        this.fetcher.remove(owner.fetch);
        this.ownerOf.delete(owner.fetch);
      }
      owners.push(owner);
    }
    return owners;
  }

  private async callListener(name: keyof RebalanceListener, partitions: readonly TopicPartition[]): Promise<void> {
    const callback = this.listener[name];
    if (callback === undefined || partitions.length === 0) return;
    try {
      await callback(partitions.map(({ topic, partition }) => ({ topic, partition })));
    } catch (error: unknown) {
      this.errors.push(error instanceof Error ? error : new Error(String(error)));
    }
  }

  // ---- commits ------------------------------------------------------------------------

  private nextHeartbeat(): Promise<void> {
    return new Promise((resolve) => {
      this.heartbeatWaiters.push(resolve);
      this.pump();
    });
  }

  /** Repeats a coordinator call with backoff until it succeeds, fails for good, or the consumer closes (undefined). */
  private async untilClosed<T>(call: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      if (this.stopped || this.closing !== undefined) return undefined;
      try {
        return await call();
      } catch (error: unknown) {
        if (!(error instanceof SamsaError) || !error.retriable) throw error;
        if (COORDINATOR_ERRORS.has(error.code) || error.code === 'NETWORK_EXCEPTION') this.link.forget();
        await sleep(backoffMs(this.context.retry, Math.min(attempt, 30)));
      }
    }
  }

  // ---- closing ------------------------------------------------------------------------

  private async shutDown(): Promise<void> {
    if (this.autoCommitTimer !== undefined) clearInterval(this.autoCommitTimer);
    this.fetcher.wake(); // readers see closing and end
    if (this.batchInFlight !== undefined) await this.batchInFlight.done;
    while (this.stepInFlight !== undefined) await this.stepInFlight;
    const owners = [...this.owned.values()].filter((owner) => owner.active);
    if (this.options.enableAutoCommit && this.membership.memberId !== '' && owners.length > 0) {
      await this.commit().catch((error: unknown) => this.errors.push(error as Error));
    }
    const partitions = this.stopFetching(owners.map(({ topic, partition }) => ({ topic, partition })));
    await this.callListener('onPartitionsRevoked', partitions);
    this.membership.leave(Date.now());
    const deadline = Date.now() + this.context.requestTimeoutMs;
    while (this.membership.phase === 'leaving' && Date.now() < deadline) await this.nextHeartbeat();
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.fetcher.close();
    this.link.close();
    this.context.onClose();
  }

  private fail(error: Error): void {
    this.fatal ??= error;
    this.fetcher.wake();
  }

  private throwPendingError(): void {
    if (this.fatal !== undefined) throw this.fatal;
    const error = this.errors.shift();
    if (error !== undefined) throw error;
  }

  private claimReading(): void {
    if (this.running) throw new Error('consumer: already being read (one for-await loop or run() at a time)');
    this.running = true;
  }

  /** Commits still go out while closing (close() commits); only a stopped consumer refuses. */
  private checkOpenOrClosing(): void {
    if (this.stopped) throw new ClosedError('the consumer is closed');
  }

  private checkOpen(): void {
    if (this.closing !== undefined || this.stopped) throw new ClosedError('the consumer is closed');
    if (this.context.cluster.isClosed) throw new ClosedError('the Samsa client is closed');
  }

  private ownedOrThrow(topic: string, partition: number, what: string): OwnedPartition {
    const owner = this.owned.get(partitionKey(topic, partition));
    if (owner === undefined || !owner.active) throw new RangeError(`${what}: the consumer does not own ${topic}-${partition}`);
    return owner;
  }
}

function subscriptionOf(topics: readonly string[] | RegExp): Subscription {
  if (topics instanceof RegExp) {
    if (topics.flags.replace(/[gyd]/g, '') !== '') throw new TypeError(`subscribe: a pattern is matched by the coordinator against whole topic names; flags ${JSON.stringify(topics.flags)} cannot be honoured`);
    return { regex: topics.source };
  }
  if (!Array.isArray(topics) || topics.length === 0) throw new TypeError('subscribe: expected a non-empty array of topic names or a RegExp');
  for (const topic of topics) if (typeof topic !== 'string' || topic.length === 0) throw new TypeError(`subscribe: expected topic names, got ${JSON.stringify(topic)}`);
  return { topics: [...new Set(topics)] };
}

function commitsOf(owners: readonly OwnedPartition[]): OffsetToCommit[] {
  const out: OffsetToCommit[] = [];
  for (const owner of owners) if (owner.taken !== undefined && owner.taken !== owner.committed) out.push({ topic: owner.topic, partition: owner.partition, offset: owner.taken });
  return out;
}

function validateOffsets(offsets: readonly OffsetToCommit[]): void {
  if (!Array.isArray(offsets)) throw new TypeError('commit: expected an array of { topic, partition, offset }');
  for (const entry of offsets) {
    if (entry === null || typeof entry !== 'object' || typeof entry.topic !== 'string' || entry.topic === '') throw new TypeError('commit: each offset needs a topic');
    if (!Number.isInteger(entry.partition) || entry.partition < 0) throw new RangeError(`commit: bad partition ${String(entry.partition)}`);
    if (typeof entry.offset !== 'bigint' || entry.offset < 0n) throw new RangeError(`commit: offset must be a non-negative bigint, got ${String(entry.offset)}`);
  }
}
