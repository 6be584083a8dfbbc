// Consumer-group gauges of the groups this broker coordinates, computed when scraped
// (Redpanda's kafka_consumer_group_* series): members, committed offsets, and lag where this
// broker hosts the partition and so knows its high watermark.
import { Gauge, type Registry } from 'prom-client';
import type { ReplicaManager } from '../server/replica-manager';
import type { GroupCoordinator } from './group-coordinator';

export function registerGroupMetrics(registry: Registry, coordinator: GroupCoordinator, replicas: ReplicaManager): void {
  const registers = [registry];
  const fresh = (name: string) => {
    if (registry.getSingleMetric(name) !== undefined) registry.removeSingleMetric(name);
    return name;
  };
  /** One pass over the shards per scrape, shared by the three gauges. */
  const groupsNow = () => coordinator.activeShards().flatMap((shard) => shard.groupsNow());
  new Gauge({
    name: fresh('samsa_consumer_group_members'),
    help: 'Members of each consumer group this broker coordinates',
    labelNames: ['group'] as const,
    registers,
    collect() {
      this.reset();
      for (const group of groupsNow()) this.labels(group.groupId).set(group.members);
    },
  });
  new Gauge({
    name: fresh('samsa_consumer_group_committed_offset'),
    help: 'The committed offset (next record to consume) of each partition, for the groups this broker coordinates',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers,
    collect() {
      this.reset();
      for (const group of groupsNow()) for (const { topic, partition, offset } of group.offsets) this.labels(group.groupId, topic, String(partition)).set(Number(offset));
    },
  });
  new Gauge({
    name: fresh('samsa_consumer_group_lag'),
    help: "Records between a partition's high watermark and the committed offset, for the groups this broker coordinates and the partitions it hosts",
    labelNames: ['group', 'topic', 'partition'] as const,
    registers,
    collect() {
      this.reset();
      for (const group of groupsNow()) {
        for (const { topic, partition, offset } of group.offsets) {
          const replica = replicas.byTopicPartition(topic, partition);
          if (replica !== undefined) this.labels(group.groupId, topic, String(partition)).set(Math.max(0, replica.log.highWatermark - Number(offset)));
        }
      }
    },
  });
}
