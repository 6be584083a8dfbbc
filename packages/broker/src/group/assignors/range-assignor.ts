// The range assignor (Kafka's RangeAssignor): per topic, contiguous ranges of partitions to
// the members subscribed to it, in a stable member order. Deterministic, not sticky.
import { canonicalAssignment, type Assignment } from '../topic-partitions';
import { type AssignmentSpec, type Assignor, membersInStableOrder, subscribedTopicsOf } from './assignor';

/**
 * For each topic with n partitions and the m members subscribed to it, ordered by instance id
 * (static members first) then member id: the first `n % m` members get `floor(n/m) + 1`
 * partitions and the rest `floor(n/m)`, as consecutive ranges in that order. Balanced per
 * topic only: a member that is first for several topics can get one extra of each. Members
 * that join or leave shift the ranges after them, so rebalances move more partitions than
 * with `uniform`; the incremental protocol still moves each one safely.
 */
export const rangeAssignor: Assignor = {
  name: 'range',
  assign(spec: AssignmentSpec): ReadonlyMap<string, Assignment> {
    const pairs = new Map<string, [string, number][]>(spec.members.map((member) => [member.memberId, []]));
    const ordered = membersInStableOrder(spec.members);
    for (const topic of subscribedTopicsOf(spec)) {
      const subscribers = ordered.filter((member) => member.subscribedTopics.has(topic));
      const partitionCount = spec.partitionCounts.get(topic)!;
      const quota = Math.floor(partitionCount / subscribers.length);
      const withExtra = partitionCount % subscribers.length;
      let next = 0;
      subscribers.forEach((member, index) => {
        const take = quota + (index < withExtra ? 1 : 0);
        for (let partition = next; partition < next + take; partition += 1) pairs.get(member.memberId)!.push([topic, partition]);
        next += take;
      });
    }
    return new Map([...pairs].map(([memberId, list]) => [memberId, canonicalAssignment(list)]));
  },
};
