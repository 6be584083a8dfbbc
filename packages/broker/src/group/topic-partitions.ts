// Sets of topic-partitions as the group coordinator keeps them: plain, canonical arrays
// (topics sorted, partitions sorted and unique, no empty topic) so that two equal sets are
// equal objects, records stay plain data, and replayed state compares with `toEqual`.
import { assert } from '@samsa/protocol';

/** The partitions of one topic, ascending and unique. */
export interface TopicPartitions {
  readonly topic: string;
  readonly partitions: readonly number[];
}

/** A set of topic-partitions in canonical form (see `canonicalAssignment`). */
export type Assignment = readonly TopicPartitions[];

/**
 * The partitions of one topic that a member holds, each with the member epoch at which it
 * was given to the member (KIP-1251's assignment epoch): a commit for a partition is valid
 * from that epoch up to the member's current epoch.
 */
export interface EpochedTopicPartitions {
  readonly topic: string;
  readonly partitions: readonly number[];
  /** Same length and order as `partitions`. */
  readonly assignmentEpochs: readonly number[];
}

export type EpochedAssignment = readonly EpochedTopicPartitions[];

export const EMPTY_ASSIGNMENT: Assignment = [];

/** Topic → partition → value, for building and looking up; converted back to canonical arrays. */
export class PartitionMap<V> {
  private readonly byTopic = new Map<string, Map<number, V>>();

  get size(): number {
    let size = 0;
    for (const partitions of this.byTopic.values()) size += partitions.size;
    return size;
  }

  get(topic: string, partition: number): V | undefined {
    return this.byTopic.get(topic)?.get(partition);
  }

  has(topic: string, partition: number): boolean {
    return this.byTopic.get(topic)?.has(partition) ?? false;
  }

  set(topic: string, partition: number, value: V): void {
    let partitions = this.byTopic.get(topic);
    if (partitions === undefined) {
      partitions = new Map();
      this.byTopic.set(topic, partitions);
    }
    partitions.set(partition, value);
  }

  delete(topic: string, partition: number): void {
    const partitions = this.byTopic.get(topic);
    if (partitions === undefined) return;
    partitions.delete(partition);
    if (partitions.size === 0) this.byTopic.delete(topic);
  }

  /** Every entry, topics sorted, partitions ascending. */
  *entries(): Generator<[string, number, V]> {
    for (const topic of [...this.byTopic.keys()].sort()) {
      const partitions = this.byTopic.get(topic)!;
      for (const partition of [...partitions.keys()].sort((a, b) => a - b)) yield [topic, partition, partitions.get(partition)!];
    }
  }

  toAssignment(): Assignment {
    return canonicalAssignment([...this.entries()].map(([topic, partition]) => [topic, partition]));
  }
}

/** The canonical form of any list of (topic, partition) pairs; duplicates collapse. */
export function canonicalAssignment(pairs: Iterable<readonly [string, number]>): Assignment {
  const byTopic = new Map<string, Set<number>>();
  for (const [topic, partition] of pairs) {
    assert(Number.isInteger(partition) && partition >= 0, `partition ${partition} of ${topic} is not a partition number`);
    let partitions = byTopic.get(topic);
    if (partitions === undefined) {
      partitions = new Set();
      byTopic.set(topic, partitions);
    }
    partitions.add(partition);
  }
  return [...byTopic.keys()]
    .sort()
    .map((topic) => ({ topic, partitions: [...byTopic.get(topic)!].sort((a, b) => a - b) }));
}

/** Canonicalizes a list that may be unsorted or hold duplicates and empty topics (a request's). */
export function normalizeAssignment(list: readonly TopicPartitions[]): Assignment {
  return canonicalAssignment(pairsOf(list));
}

export function* pairsOf(assignment: readonly TopicPartitions[]): Generator<[string, number]> {
  for (const { topic, partitions } of assignment) for (const partition of partitions) yield [topic, partition];
}

export function assignmentSize(assignment: readonly TopicPartitions[]): number {
  return assignment.reduce((sum, { partitions }) => sum + partitions.length, 0);
}

export function assignmentHas(assignment: readonly TopicPartitions[], topic: string, partition: number): boolean {
  return assignment.some((entry) => entry.topic === topic && entry.partitions.includes(partition));
}

function setOf(assignment: readonly TopicPartitions[]): PartitionMap<true> {
  const set = new PartitionMap<true>();
  for (const [topic, partition] of pairsOf(assignment)) set.set(topic, partition, true);
  return set;
}

export function assignmentsEqual(left: Assignment, right: Assignment): boolean {
  if (left.length !== right.length) return false;
  return left.every((entry, index) => {
    const other = right[index]!;
    return (
      entry.topic === other.topic &&
      entry.partitions.length === other.partitions.length &&
      entry.partitions.every((partition, at) => partition === other.partitions[at])
    );
  });
}

/** `left` without the partitions in `right`. */
export function assignmentMinus(left: readonly TopicPartitions[], right: readonly TopicPartitions[]): Assignment {
  const removed = setOf(right);
  return canonicalAssignment([...pairsOf(left)].filter(([topic, partition]) => !removed.has(topic, partition)));
}

export function assignmentIntersection(left: readonly TopicPartitions[], right: readonly TopicPartitions[]): Assignment {
  const kept = setOf(right);
  return canonicalAssignment([...pairsOf(left)].filter(([topic, partition]) => kept.has(topic, partition)));
}

export function assignmentUnion(left: readonly TopicPartitions[], right: readonly TopicPartitions[]): Assignment {
  return canonicalAssignment([...pairsOf(left), ...pairsOf(right)]);
}

/** True when every partition of `inner` is in `outer`. */
export function assignmentIsSubset(inner: readonly TopicPartitions[], outer: readonly TopicPartitions[]): boolean {
  return assignmentMinus(inner, outer).length === 0;
}

// ---------------------------------------------------------------------------------------
// Epoched assignments: what a member holds, with the epoch each partition was given at.

export const EMPTY_EPOCHED_ASSIGNMENT: EpochedAssignment = [];

export function* epochedEntriesOf(assignment: EpochedAssignment): Generator<[string, number, number]> {
  for (const { topic, partitions, assignmentEpochs } of assignment) {
    assert(partitions.length === assignmentEpochs.length, `assignment epochs of ${topic} do not match its partitions`);
    for (let index = 0; index < partitions.length; index += 1) yield [topic, partitions[index]!, assignmentEpochs[index]!];
  }
}

export function epochedMapOf(assignment: EpochedAssignment): PartitionMap<number> {
  const map = new PartitionMap<number>();
  for (const [topic, partition, epoch] of epochedEntriesOf(assignment)) map.set(topic, partition, epoch);
  return map;
}

/** The canonical epoched form of a map from partition to assignment epoch. */
export function epochedAssignmentOf(map: PartitionMap<number>): EpochedAssignment {
  const result: EpochedTopicPartitions[] = [];
  for (const [topic, partition, epoch] of map.entries()) {
    const last = result[result.length - 1];
    if (last !== undefined && last.topic === topic) {
      (last.partitions as number[]).push(partition);
      (last.assignmentEpochs as number[]).push(epoch);
    } else {
      result.push({ topic, partitions: [partition], assignmentEpochs: [epoch] });
    }
  }
  return result;
}

/** The partitions alone. */
export function withoutEpochs(assignment: EpochedAssignment): Assignment {
  return assignment.map(({ topic, partitions }) => ({ topic, partitions: [...partitions] }));
}
