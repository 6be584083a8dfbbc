import type { MetadataImage } from '@samsa/metadata';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { PartitionReplica } from './partition-replica';

/** Request latency buckets in seconds, 0.5 ms to 10 s (a long-poll fetch may wait its max_wait). */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One topic's counter children, resolved once and cached, so the hot path does no label lookups. */
export interface TopicMetrics {
  readonly bytesIn: Counter.Internal;
  readonly bytesOut: Counter.Internal;
  readonly messagesIn: Counter.Internal;
  readonly replicationBytesIn: Counter.Internal;
}

/** What the scrape-time gauges read; the broker passes its replica manager and metadata image. */
export interface BrokerMetricsSource {
  /** The partitions this broker hosts. */
  readonly replicas: () => Iterable<PartitionReplica>;
  /** The broker's latest metadata image, if any yet. */
  readonly image: () => MetadataImage | undefined;
}

/**
 * The broker's prom-client metrics, with Kafka-like meanings (Kafka's `BrokerTopicMetrics`,
 * `ReplicaManager` and `RequestMetrics`). Counters are incremented on the request path
 * through per-topic children cached here; gauges are computed only when scraped.
 *
 * A metric already registered under the same name (a broker restarted inside one process)
 * is replaced, so the newest broker owns it.
 */
export class BrokerMetrics {
  readonly produceLatency: Histogram;
  readonly fetchLatency: Histogram;
  /** Replica fetch requests answered as leader, and answers that carried records (Kafka's FetchFollower rate). */
  readonly replicaFetches: Counter.Internal;
  readonly replicaFetchesWithRecords: Counter.Internal;
  readonly isrShrinks: Counter;
  readonly isrExpands: Counter;
  private readonly bytesIn: Counter<'topic'>;
  private readonly bytesOut: Counter<'topic'>;
  private readonly messagesIn: Counter<'topic'>;
  private readonly replicationBytesIn: Counter<'topic'>;
  private readonly topics = new Map<string, TopicMetrics>();

  constructor(registry: Registry, source: BrokerMetricsSource) {
    const registers = [registry];
    const fresh = (name: string) => {
      if (registry.getSingleMetric(name) !== undefined) registry.removeSingleMetric(name);
      return name;
    };
    const perTopic = (name: string, help: string) => new Counter({ name: fresh(name), help, labelNames: ['topic'] as const, registers });
    this.bytesIn = perTopic('samsa_broker_bytes_in_total', 'Bytes of record batches appended by produce requests (leader appends; duplicates and failures not counted)');
    this.bytesOut = perTopic('samsa_broker_bytes_out_total', 'Bytes of record batches returned to consumer fetches');
    this.messagesIn = perTopic('samsa_broker_messages_in_total', 'Records appended by produce requests, counted from batch headers');
    this.replicationBytesIn = perTopic('samsa_broker_replication_bytes_in_total', 'Bytes of record batches appended by this broker as a follower');
    this.produceLatency = new Histogram({
      name: fresh('samsa_broker_produce_latency_seconds'),
      help: 'Produce request time, from receipt to answer (acks=all includes waiting for the ISR)',
      buckets: [...LATENCY_BUCKETS_SECONDS],
      registers,
    });
    this.fetchLatency = new Histogram({
      name: fresh('samsa_broker_fetch_latency_seconds'),
      help: 'Consumer fetch request time, from receipt to answer (includes long-poll waiting up to max_wait_ms)',
      buckets: [...LATENCY_BUCKETS_SECONDS],
      registers,
    });
    const replicaFetches = new Counter({ name: fresh('samsa_broker_replica_fetch_requests_total'), help: 'Replica fetch requests answered by this broker as leader, by whether the answer carried records', labelNames: ['records'] as const, registers });
    this.replicaFetches = replicaFetches.labels('none');
    this.replicaFetchesWithRecords = replicaFetches.labels('some');
    this.isrShrinks = new Counter({ name: fresh('samsa_broker_isr_shrinks_total'), help: 'ISR shrinks proposed by this broker as leader and committed by the controller', registers });
    this.isrExpands = new Counter({ name: fresh('samsa_broker_isr_expands_total'), help: 'ISR expansions proposed by this broker as leader and committed by the controller', registers });
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({
        name: fresh(name),
        help,
        registers,
        collect() {
          this.set(value());
        },
      });
    gauge('samsa_broker_under_replicated_partitions', 'Partitions this broker leads whose committed ISR is smaller than their replica set', () => {
      let count = 0;
      for (const replica of source.replicas()) {
        const leader = replica.leader;
        if (leader !== undefined && leader.isr.length < leader.replicas.length) count += 1;
      }
      return count;
    });
    gauge('samsa_broker_offline_partitions', 'Partitions without a leader (leader -1) in this broker\'s metadata image', () => {
      const image = source.image();
      if (image === undefined) return 0;
      let count = 0;
      for (const topic of image.topicsById.values()) for (const partition of topic.partitions) if (partition.leader < 0) count += 1;
      return count;
    });
    gauge('samsa_broker_leader_count', 'Partitions this broker leads', () => {
      let count = 0;
      for (const replica of source.replicas()) if (replica.leader !== undefined) count += 1;
      return count;
    });
    gauge('samsa_broker_partition_count', 'Partitions this broker hosts, as leader or follower', () => {
      let count = 0;
      for (const _ of source.replicas()) count += 1;
      return count;
    });
  }

  /** The topic's counter children, created on first use and then reused. */
  topic(name: string): TopicMetrics {
    let children = this.topics.get(name);
    if (children === undefined) {
      children = {
        bytesIn: this.bytesIn.labels(name),
        bytesOut: this.bytesOut.labels(name),
        messagesIn: this.messagesIn.labels(name),
        replicationBytesIn: this.replicationBytesIn.labels(name),
      };
      this.topics.set(name, children);
    }
    return children;
  }

  /** Drops a deleted topic's series (Kafka removes a topic's metrics on deletion too). */
  forgetTopic(name: string): void {
    if (!this.topics.delete(name)) return;
    for (const counter of [this.bytesIn, this.bytesOut, this.messagesIn, this.replicationBytesIn]) counter.remove(name);
  }
}
