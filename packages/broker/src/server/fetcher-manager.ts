import type { Logger } from '@samsa/common';
import type { MetadataImage } from '@samsa/metadata';
import { ReplicaFetcher, fetcherKey } from '../replication/replica-fetcher';
import type { PartitionSignals } from './partition-signals';
import type { BrokerMetrics } from './broker-metrics';
import type { ReplicaManager } from './replica-manager';
import type { Scheduler } from '../time/scheduler';

/**
 * Keeps one ReplicaFetcher per broker this broker follows partitions on (Kafka's
 * ReplicaFetcherManager): started when the first partition follows that leader, restarted
 * when its address changes, stopped when nothing follows it any more.
 */
export class FetcherManager {
  private readonly fetchers = new Map<number, ReplicaFetcher>();

  constructor(
    private readonly options: {
      readonly brokerId: number;
      readonly replicas: ReplicaManager;
      readonly signals: PartitionSignals;
      readonly brokerEpoch: () => number;
      readonly logger: Logger;
      readonly metrics?: BrokerMetrics;
      /** Handed to every fetcher; the real clock unless a test passes a manual one. */
      readonly clock?: Scheduler;
    },
  ) {}

  update(image: MetadataImage): void {
    const leaders = new Set<number>();
    for (const replica of this.options.replicas.all()) {
      if (replica.follower !== undefined) leaders.add(replica.follower.leaderId);
    }
    for (const [leaderId, fetcher] of this.fetchers) {
      const listener = image.broker(leaderId)?.listeners[0];
      const address = listener === undefined ? undefined : `${listener.host}:${listener.port}`;
      if (!leaders.has(leaderId) || address !== fetcher.address) {
        fetcher.stop();
        this.fetchers.delete(leaderId);
      }
    }
    for (const leaderId of leaders) {
      if (!this.fetchers.has(leaderId)) {
        const listener = image.broker(leaderId)?.listeners[0];
        if (listener === undefined) continue;
        this.fetchers.set(leaderId, new ReplicaFetcher({ ...this.options, leaderId, address: `${listener.host}:${listener.port}` }));
      }
      this.options.signals.notify(fetcherKey(leaderId));
    }
  }

  stop(): void {
    for (const fetcher of this.fetchers.values()) fetcher.stop();
    this.fetchers.clear();
  }
}
