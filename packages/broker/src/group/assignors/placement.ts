// The uniform assignor's working state: who holds which partition while it assigns, each
// member's count, and which of a member's partitions it already had in its previous target
// (moving those is a real move; moving one placed during this computation costs nothing).
import { assert } from '@samsa/protocol';
import { type Assignment, canonicalAssignment } from '../topic-partitions';
import { type AssignmentSpec, compareStrings } from './assignor';

/** A partition a member could hand on, and whether handing it on moves one it already had. */
export interface PartitionToGive {
  readonly partition: number;
  /** 1 when the member had it in its previous target (a real move), 0 when placed just now. */
  readonly moveCost: 0 | 1;
}

interface HeldPartitions {
  /** Partitions of the member's previous target it keeps so far. */
  readonly kept: Set<number>;
  /** Partitions placed on it during this computation. */
  readonly placed: Set<number>;
}

export class Placement {
  /** Member ids, sorted. */
  readonly memberIds: readonly string[];
  private readonly subscribersByTopic = new Map<string, string[]>();
  private readonly subscriptions = new Map<string, ReadonlySet<string>>();
  private readonly holdings = new Map<string, Map<string, HeldPartitions>>();
  private readonly loads = new Map<string, number>();
  private readonly holders = new Map<string, Map<number, string>>();

  constructor(spec: AssignmentSpec) {
    this.memberIds = spec.members.map((member) => member.memberId).sort(compareStrings);
    assert(new Set(this.memberIds).size === this.memberIds.length, 'member ids of an assignment spec are unique');
    for (const member of spec.members) {
      this.subscriptions.set(member.memberId, member.subscribedTopics);
      this.holdings.set(member.memberId, new Map());
      this.loads.set(member.memberId, 0);
    }
    for (const memberId of this.memberIds) {
      for (const topic of this.subscriptions.get(memberId)!) {
        if ((spec.partitionCounts.get(topic) ?? 0) === 0) continue;
        const subscribers = this.subscribersByTopic.get(topic) ?? [];
        subscribers.push(memberId);
        this.subscribersByTopic.set(topic, subscribers);
      }
    }
  }

  /** Members subscribed to `topic`, sorted by id. */
  subscribers(topic: string): readonly string[] {
    return this.subscribersByTopic.get(topic) ?? [];
  }

  isSubscribed(memberId: string, topic: string): boolean {
    return this.subscriptions.get(memberId)?.has(topic) ?? false;
  }

  load(memberId: string): number {
    return this.loads.get(memberId)!;
  }

  holderOf(topic: string, partition: number): string | undefined {
    return this.holders.get(topic)?.get(partition);
  }

  /** Topics of which `memberId` holds at least one partition, sorted. */
  topicsHeldBy(memberId: string): string[] {
    return [...this.holdings.get(memberId)!.keys()].sort(compareStrings);
  }

  /** Gives a free partition to a member; `kept` when it was in the member's previous target. */
  add(memberId: string, topic: string, partition: number, kept: boolean): void {
    assert(this.holderOf(topic, partition) === undefined, `${topic}-${partition} is placed twice`);
    assert(this.isSubscribed(memberId, topic), `${memberId} is not subscribed to ${topic}`);
    const byTopic = this.holdings.get(memberId)!;
    let held = byTopic.get(topic);
    if (held === undefined) {
      held = { kept: new Set(), placed: new Set() };
      byTopic.set(topic, held);
    }
    (kept ? held.kept : held.placed).add(partition);
    this.loads.set(memberId, this.load(memberId) + 1);
    let holders = this.holders.get(topic);
    if (holders === undefined) {
      holders = new Map();
      this.holders.set(topic, holders);
    }
    holders.set(partition, memberId);
  }

  private remove(memberId: string, topic: string, partition: number): void {
    assert(this.holderOf(topic, partition) === memberId, `${memberId} does not hold ${topic}-${partition}`);
    const byTopic = this.holdings.get(memberId)!;
    const held = byTopic.get(topic)!;
    held.kept.delete(partition);
    held.placed.delete(partition);
    if (held.kept.size + held.placed.size === 0) byTopic.delete(topic);
    this.loads.set(memberId, this.load(memberId) - 1);
    this.holders.get(topic)!.delete(partition);
  }

  /** Moves a partition between two members subscribed to its topic. */
  move(topic: string, partition: number, from: string, to: string): void {
    this.remove(from, topic, partition);
    this.add(to, topic, partition, false);
  }

  /** What `memberId` would hand on of `topic`: a partition placed during this computation first. */
  partitionToGive(memberId: string, topic: string): PartitionToGive | undefined {
    const held = this.holdings.get(memberId)!.get(topic);
    if (held === undefined) return undefined;
    for (const partition of held.placed) return { partition, moveCost: 0 };
    for (const partition of held.kept) return { partition, moveCost: 1 };
    return undefined;
  }

  result(): Map<string, Assignment> {
    const result = new Map<string, Assignment>();
    for (const memberId of this.memberIds) {
      const pairs: [string, number][] = [];
      for (const [topic, held] of this.holdings.get(memberId)!) {
        for (const partition of held.kept) pairs.push([topic, partition]);
        for (const partition of held.placed) pairs.push([topic, partition]);
      }
      result.set(memberId, canonicalAssignment(pairs));
    }
    return result;
  }
}
