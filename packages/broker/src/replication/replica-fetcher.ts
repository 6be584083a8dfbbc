import * as grpc from '@grpc/grpc-js';
import type { Logger } from '@samsa/common';
import { type BrokerWire, SAMSA_CHANNEL_OPTIONS, errorNameOf, replicationService } from '@samsa/protocol';
import type { FollowerFetchDecision, ReplicaFetchPartitionRequest } from '../partition/follower-fetch-state';
import type { BrokerMetrics } from '../server/broker-metrics';
import type { PartitionReplica } from '../server/partition-replica';
import type { PartitionSignals } from '../server/partition-signals';
import type { ReplicaManager } from '../server/replica-manager';
import type { ScheduledTask, Scheduler } from '../time/scheduler';
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
      const nowMs = this.clock.nowMs();
      const requests: { replica: PartitionReplica; request: ReplicaFetchPartitionRequest }[] = [];
      for (const replica of this.options.replicas.followersOf(this.options.leaderId)) {
        const request = replica.follower?.nextRequest(replica.log, nowMs);
        if (request) requests.push({ replica, request });
      }
      if (requests.length === 0) {
        await this.options.signals.wait([fetcherKey(this.options.leaderId)], 100);
        continue;
      }
      const response = await this.send(requests);
      if (!this.running) return;
      if (response === undefined) {
        for (const { replica } of requests) replica.follower?.onRequestFailed(this.clock.nowMs());
        this.backoff = sleep(this.clock, backoffMs);
        await this.backoff.done;
        this.backoff = undefined;
        backoffMs = Math.min(1000, backoffMs * 2);
        continue;
      }
      backoffMs = 50;
      this.apply(requests, response.partitions);
    }
  }

  private send(requests: readonly { replica: PartitionReplica; request: ReplicaFetchPartitionRequest }[]): Promise<BrokerWire.ReplicaFetchResponse__Output | undefined> {
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
        maxBytes: 64 * 1024 * 1024,
        partitions: requests.map(({ replica, request }) => ({
          topicId: replica.topicId,
          partition: replica.partition,
          currentLeaderEpoch: request.currentLeaderEpoch,
          fetchOffset: request.fetchOffset,
          lastFetchedEpoch: request.lastFetchedEpoch,
          logStartOffset: request.logStartOffset,
          partitionMaxBytes: this.options.partitionMaxBytes ?? 8 * 1024 * 1024,
        })),
      });
    });
  }

  private open(): ReplicaFetchStream {
    const call = this.client.Fetch();
    this.call = call;
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

  private apply(requests: readonly { replica: PartitionReplica; request: ReplicaFetchPartitionRequest }[], partitions: readonly BrokerWire.ReplicaPartitionData__Output[]): void {
    const byKey = new Map(partitions.map((partition) => [`${partition.topicId}:${partition.partition}`, partition]));
    for (const { replica } of requests) {
      const response = byKey.get(replica.key);
      const follower = replica.follower;
      if (response === undefined || follower === undefined) continue;
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
