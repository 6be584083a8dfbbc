import type { ControllerWire } from '@samsa/protocol';
import { formatIdList, renderTable } from './table';

/** `samsa topic describe --json`, the shape DESIGN.md promises scripts. */
export interface TopicDescriptionJson {
  readonly name: string;
  readonly partitions: readonly {
    readonly partition: number;
    readonly leader: number;
    readonly leaderEpoch: number;
    readonly replicas: readonly number[];
    readonly isr: readonly number[];
  }[];
  readonly configs: Readonly<Record<string, string>>;
}

/** `samsa topic list --json`: one object per topic, sorted by name. */
export interface TopicListEntryJson {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** Partitions sorted by index, configs as an object with sorted keys; leader -1 = offline. */
export function topicDescriptionJson(topic: ControllerWire.TopicDescription__Output): TopicDescriptionJson {
  return {
    name: topic.name,
    partitions: [...topic.partitions]
      .sort((left, right) => left.partition - right.partition)
      .map((partition) => ({ partition: partition.partition, leader: partition.leader, leaderEpoch: partition.leaderEpoch, replicas: [...partition.replicas], isr: [...partition.isr] })),
    configs: Object.fromEntries([...topic.configs].sort((left, right) => left.key.localeCompare(right.key)).map((config) => [config.key, config.value])),
  };
}

export function formatTopicDescription(topic: ControllerWire.TopicDescription__Output): string {
  const json = topicDescriptionJson(topic);
  const configs = Object.entries(json.configs);
  const lines = [
    `TOPIC ${topic.name}  (id ${topic.topicId}, ${json.partitions.length} partitions, replication factor ${replicationFactor(topic)})`,
    `CONFIGS ${configs.length === 0 ? '(defaults)' : configs.map(([key, value]) => `${key}=${value}`).join(' ')}`,
    '',
    renderTable(
      ['partition', 'leader', 'leader-epoch', 'replicas', 'isr'],
      json.partitions.map((partition) => [partition.partition, partition.leader < 0 ? 'none' : partition.leader, partition.leaderEpoch, formatIdList(partition.replicas), formatIdList(partition.isr)]),
    ),
  ];
  return lines.join('\n');
}

export function topicListJson(topics: readonly ControllerWire.TopicDescription__Output[]): TopicListEntryJson[] {
  return [...topics].sort((left, right) => left.name.localeCompare(right.name)).map((topic) => ({ name: topic.name, partitions: topic.partitions.length, replicationFactor: replicationFactor(topic) }));
}

export function formatTopicList(topics: readonly ControllerWire.TopicDescription__Output[]): string {
  const entries = topicListJson(topics);
  if (entries.length === 0) return 'no topics\n';
  return renderTable(['name', 'partitions', 'replicas'], entries.map((entry) => [entry.name, entry.partitions, entry.replicationFactor]));
}

/** The target replica count: the first partition's, ignoring replicas joining a reassignment. */
function replicationFactor(topic: ControllerWire.TopicDescription__Output): number {
  const first = topic.partitions.find((partition) => partition.partition === 0) ?? topic.partitions[0];
  if (first === undefined) return 0;
  return first.replicas.length - first.addingReplicas.length;
}
