import type { GroupWire } from '@samsa/protocol';

/** One partition of one topic, as the consumer's API and listeners name it. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** The map key of a topic-partition (a topic name never holds NUL). */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** Wire groups (`TopicPartitions`) → a map by key, in topic then partition order. */
export function fromWire(groups: readonly GroupWire.TopicPartitions__Output[]): Map<string, TopicPartition> {
  const out = new Map<string, TopicPartition>();
  const sorted = [...groups].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  for (const group of sorted) for (const partition of [...group.partitions].sort((a, b) => a - b)) out.set(partitionKey(group.topic, partition), { topic: group.topic, partition });
  return out;
}

/** Partitions → wire groups, one per topic, with the topic ids the coordinator gave (or ''). */
export function toWire(partitions: Iterable<TopicPartition>, topicIds: ReadonlyMap<string, string>): GroupWire.TopicPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    let list = byTopic.get(topic);
    if (list === undefined) byTopic.set(topic, (list = []));
    list.push(partition);
  }
  return [...byTopic].map(([topic, list]) => ({ topic, topicId: topicIds.get(topic) ?? '', partitions: list.sort((a, b) => a - b) }));
}

/** Those of `from` whose key `minus` lacks. */
export function difference(from: ReadonlyMap<string, TopicPartition>, minus: ReadonlyMap<string, TopicPartition>): TopicPartition[] {
  const out: TopicPartition[] = [];
  for (const [key, value] of from) if (!minus.has(key)) out.push(value);
  return out;
}
