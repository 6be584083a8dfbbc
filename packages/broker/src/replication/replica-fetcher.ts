import * as grpc from '@grpc/grpc-js';
import type { Logger } from '@samsa/common';
import { type BrokerWire, SAMSA_CHANNEL_OPTIONS, errorNameOf, replicationService } from '@samsa/protocol';
import type { FollowerFetchDecision, ReplicaFetchPartitionRequest } from '../partition/follower-fetch-state';
import type { BrokerMetrics } from '../server/broker-metrics';
import type { PartitionReplica } from '../server/partition-replica';
import type { PartitionSignals } from '../server/partition-signals';
import type { ReplicaManager } from '../server/replica-manager';
import type { ScheduledTask, Scheduler } from '../time/scheduler';
import { REPLICA_FETCH_RESPONSE_MAX_BYTES } from './replication-service';
import { type Sleep, sleep } from '../time/sleep';
import { SYSTEM_CLOCK } from '../time/system-clock';

export interface ReplicaFetcherOptions {
  readonly brokerId: number;
  readonly leaderId: number;
  readonly address: string;
  readonly replicas: ReplicaManager;
  readonly signals: PartitionSignals;
  readonly brokerEpoch: () => number;
  readonly logger: Logger;
  readonly maxWaitMs?: number;
  readonly partitionMaxBytes?: number;
  readonly metrics?: BrokerMetrics;
  /** The real clock unless a test passes a manual one. */
  readonly clock?: Scheduler;
}

/** A partition named in the next request, with the fetch state it sends. */
interface Mention {
  readonly replica: PartitionReplica;
  readonly request: ReplicaFetchPartitionRequest;
}

/** A partition of the session: what the leader last heard of it, and whether it waits to hear again. */
interface SessionEntry {
  readonly replica: PartitionReplica;
  request: ReplicaFetchPartitionRequest;
  leaderAwaits: boolean;
}

function sameFetchState(a: ReplicaFetchPartitionRequest, b: ReplicaFetchPartitionRequest): boolean {
  return a.fetchOffset === b.fetchOffset && a.lastFetchedEpoch === b.lastFetchedEpoch && a.currentLeaderEpoch === b.currentLeaderEpoch && a.logStartOffset === b.logStartOffset;
}

type ReplicaFetchStream = grpc.ClientDuplexStream<BrokerWire.ReplicaFetchRequest, BrokerWire.ReplicaFetchResponse__Output>;

/** The key a fetcher waits on when it has nothing to fetch (a new follower partition wakes it). */
export function fetcherKey(leaderId: number): string {
  return `fetcher:${leaderId}`;
}

/**
 * One follower-to-leader replication stream (Kafka's ReplicaFetcherThread, on the event
 * loop): every request carries all partitions this broker follows on that leader, the
 * leader answers each once (long-polling), and the answers are applied to the local logs:
 * append and adopt the high watermark, truncate on divergence, back off on errors.
 */
export class ReplicaFetcher {
  private running = true;
  private call: ReplicaFetchStream | undefined;
  private readonly client: BrokerWire.ReplicationClient;
  /** The fetch session of the current stream, by partition key. */
  private readonly session = new Map<string, SessionEntry>();
  private pending: ((response: BrokerWire.ReplicaFetchResponse__Output | undefined) => void) | undefined;
  private readonly clock: Scheduler;
  /** The give-up timer of the request in flight. */
  private responseTimeout: ScheduledTask | undefined;
  /** The backoff after a failed request. */
  private backoff: Sleep | undefined;

  constructor(private readonly options: ReplicaFetcherOptions) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    const Replication = replicationService();
    this.client = new Replication(options.address, grpc.credentials.createInsecure(), SAMSA_CHANNEL_OPTIONS);
    void this.loop();
  }

  get leaderId(): number {
    return this.options.leaderId;
  }

  get address(): string {
    return this.options.address;
  }

  stop(): void {
    this.running = false;
    this.options.signals.notify(fetcherKey(this.options.leaderId));
    this.call?.cancel();
    this.pending?.(undefined);
    this.responseTimeout?.cancel();
    this.backoff?.wake();
    this.client.close();
  }

  private async loop(): Promise<void> {
    let backoffMs = 50;
    while (this.running) {
      if (this.call === undefined && this.session.size > 0) {
        // The stream closed between requests: the next one starts a new session, naming all.
        for (const entry of this.session.values()) entry.replica.follower?.onSessionLost();
        this.session.clear();
      }
      const { mentions, forgotten } = this.changes(this.clock.nowMs());
      if (this.session.size === 0) {
        // Nothing to fetch here (yet): a new follower partition wakes us.
        await this.options.signals.wait([fetcherKey(this.options.leaderId)], 100);
        continue;
      }
      const response = await this.send(mentions, forgotten);
      if (!this.running) return;
      if (response === undefined) {
        // The stream is gone, and the session with it: the next stream starts a new one.
        const nowMs = this.clock.nowMs();
        for (const entry of this.session.values()) entry.replica.follower?.onRequestFailed(nowMs);
        this.session.clear();
        this.backoff = sleep(this.clock, backoffMs);
        await this.backoff.done;
        this.backoff = undefined;
        backoffMs = Math.min(1000, backoffMs * 2);
        continue;
      }
      backoffMs = 50;
      this.apply(response.partitions);
    }
  }

  /**
   * What the next request of the session says: the partitions whose fetch state differs from
   * what the leader last heard, or that it answered with records, an error or a divergence
   * (it waits to hear from them again), and the partitions no longer fetched from it.
   * Partitions in flight, backing off or waiting for metadata are not named.
   */
  private changes(nowMs: number): { mentions: Mention[]; forgotten: { topicId: string; partition: number }[] } {
    const mentions: Mention[] = [];
    const current = new Set<string>();
    for (const replica of this.options.replicas.followersOf(this.options.leaderId)) {
      current.add(replica.key);
      const request = replica.follower?.nextRequest(replica.log, nowMs);
      if (request === null || request === undefined) continue;
      const known = this.session.get(replica.key);
      this.session.set(replica.key, { replica, request, leaderAwaits: false });
      if (known !== undefined && known.replica === replica && !known.leaderAwaits && sameFetchState(known.request, request)) continue;
      mentions.push({ replica, request });
    }
    const forgotten: { topicId: string; partition: number }[] = [];
    for (const [key, entry] of this.session) {
      if (current.has(key)) continue;
      this.session.delete(key);
      forgotten.push({ topicId: entry.replica.topicId, partition: entry.replica.partition });
    }
    return { mentions, forgotten };
  }

  private send(mentions: readonly Mention[], forgotten: readonly { topicId: string; partition: number }[]): Promise<BrokerWire.ReplicaFetchResponse__Output | undefined> {
    const maxWaitMs = this.options.maxWaitMs ?? 500;
    const call = this.call ?? this.open();
    return new Promise((resolve) => {
      const timeout = this.clock.schedule(maxWaitMs + 10_000, () => {
        this.pending = undefined;
        this.responseTimeout = undefined;
        this.call?.cancel();
        this.call = undefined;
        resolve(undefined);
      });
      this.responseTimeout = timeout;
      this.pending = (response) => {
        timeout.cancel();
        if (this.responseTimeout === timeout) this.responseTimeout = undefined;
        this.pending = undefined;
        resolve(response);
      };
      call.write({
        replicaId: this.options.brokerId,
        brokerEpoch: this.options.brokerEpoch(),
        maxWaitMs,
        minBytes: 1,
        maxBytes: REPLICA_FETCH_RESPONSE_MAX_BYTES,
        partitions: mentions.map(({ replica, request }) => ({
          topicId: replica.topicId,
          partition: replica.partition,
          currentLeaderEpoch: request.currentLeaderEpoch,
          fetchOffset: request.fetchOffset,
          lastFetchedEpoch: request.lastFetchedEpoch,
          logStartOffset: request.logStartOffset,
          partitionMaxBytes: this.options.partitionMaxBytes ?? 8 * 1024 * 1024,
        })),
        forgotten: [...forgotten],
      });
    });
  }

  private open(): ReplicaFetchStream {
    const call = this.client.Fetch();
    this.call = call;
    // The loop clears the session whenever the stream is gone, so a new stream starts with
    // every partition named; one opened with partitions still remembered would leave them unnamed.
    call.on('data', (response: BrokerWire.ReplicaFetchResponse__Output) => this.pending?.(response));
    const broken = () => {
      if (this.call === call) this.call = undefined;
      this.pending?.(undefined);
    };
    call.on('error', (error: Error) => {
      this.options.logger.debug({ leader: this.options.leaderId, err: error.message }, 'replication stream broke');
      broken();
    });
    call.on('end', broken);
    return call;
  }

  private apply(partitions: readonly BrokerWire.ReplicaPartitionData__Output[]): void {
    for (const response of partitions) {
      const entry = this.session.get(`${response.topicId}:${response.partition}`);
      const replica = entry?.replica;
      const follower = replica?.follower;
      if (entry === undefined || replica === undefined || follower === undefined) continue;
      // The leader's rule (ReplicaFetchSession): after these it waits to hear from us again.
      entry.leaderAwaits = response.errorCode !== 0 || response.divergingEpoch !== null || response.records.length > 0;
      const decision = follower.onResponse(
        {
          error: errorNameOf(response.errorCode),
          highWatermark: response.highWatermark,
          logStartOffset: response.logStartOffset,
          divergingEpoch: response.divergingEpoch ?? null,
          records: response.records,
        },
        replica.log,
        this.clock.nowMs(),
      );
      try {
        this.perform(replica, decision);
      } catch (error) {
        // A storage failure takes the partition offline here: it stops following.
        if (this.options.replicas.onLogError(replica, error)) continue;
        this.options.logger.error({ err: error, partition: `${replica.topic}-${replica.partition}` }, 'applying fetched data failed');
        follower.onRequestFailed(this.clock.nowMs());
      }
    }
  }

  private perform(replica: PartitionReplica, decision: FollowerFetchDecision): void {
    switch (decision.kind) {
      case 'append':
        replica.appendAsFollower(decision.records, decision.highWatermark);
        if (decision.records.length > 0) {
          this.options.signals.notify(replica.key);
          this.options.metrics?.topic(replica.topic).replicationBytesIn.inc(decision.records.length);
        }
        return;
      case 'truncate':
        this.options.logger.info({ partition: `${replica.topic}-${replica.partition}`, offset: decision.offset }, 'truncating a diverged tail');
        replica.truncateTo(decision.offset);
        return;
      case 'truncate-fully':
        this.options.logger.info({ partition: `${replica.topic}-${replica.partition}`, startOffset: decision.startOffset }, 'restarting the log at the leader\'s log start');
        replica.truncateFullyAndStartAt(decision.startOffset);
        return;
      case 'backoff':
      case 'await-metadata':
        this.options.logger.debug({ partition: `${replica.topic}-${replica.partition}`, error: decision.error }, 'replica fetch refused');
        return;
      case 'stale':
        return;
    }
  }
}
