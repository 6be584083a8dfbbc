// The round-robin assignor (Kafka's RoundRobinAssignor): every partition in turn to the next
// member, in a stable member order, skipping members not subscribed to its topic.
import { canonicalAssignment, type Assignment } from '../topic-partitions';
import { type AssignmentSpec, type Assignor, membersInStableOrder, subscribedTopicsOf } from './assignor';

/**
 * Partitions ordered by topic name then number; members ordered by instance id (static
 * members first) then member id; one cursor goes round the members and gives each partition
 * to the next member subscribed to its topic. With identical subscriptions every member's
 * count is within 1 of every other's; with mixed subscriptions there is no such bound.
 * Deterministic, not sticky.
 */
export const roundRobinAssignor: Assignor = {
  name: 'round-robin',
  assign(spec: AssignmentSpec): ReadonlyMap<string, Assignment> {
    const pairs = new Map<string, [string, number][]>(spec.members.map((member) => [member.memberId, []]));
    const ordered = membersInStableOrder(spec.members);
    let cursor = 0;
    for (const topic of subscribedTopicsOf(spec)) {
      const partitionCount = spec.partitionCounts.get(topic)!;
      for (let partition = 0; partition < partitionCount; partition += 1) {
        // A subscriber exists (subscribedTopicsOf), so this finds one within a full turn.
        while (!ordered[cursor % ordered.length]!.subscribedTopics.has(topic)) cursor += 1;
        pairs.get(ordered[cursor % ordered.length]!.memberId)!.push([topic, partition]);
        cursor += 1;
      }
    }
    return new Map([...pairs].map(([memberId, list]) => [memberId, canonicalAssignment(list)]));
  },
};
