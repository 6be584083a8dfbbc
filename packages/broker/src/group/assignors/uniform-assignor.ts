// The default assignor, `uniform` (KIP-848's UniformAssignor): sticky and as balanced as the
// subscriptions allow, for identical and for mixed subscriptions alike.
import { pairsOf, type Assignment } from '../topic-partitions';
import { type AssignmentSpec, type Assignor, compareStrings, subscribedTopicsOf } from './assignor';
import { balanceByCostReducingPaths } from './balancing-paths';
import { balanceIdenticalSubscriptions } from './balancing-quotas';
import { Placement } from './placement';

/**
 * Three passes:
 * 1. Keep: every member keeps each partition of its previous target that still exists and
 *    whose topic it still subscribes to (members in id order; a partition two previous
 *    targets claim, which the coordinator never produces, stays with the first).
 * 2. Place: every other partition goes to the subscribed member with the fewest partitions
 *    (then the smallest id), topics with the fewest subscribers first.
 * 3. Balance: when all members subscribe to the same topics, by quotas in one pass
 *    (balancing-quotas.ts); then, for any subscriptions, by cost-reducing paths
 *    (balancing-paths.ts) until none is left.
 *
 * Guarantees (tested in uniform-assignor.property.test.ts):
 * - Balance: no chain of hand-overs, each to a member subscribed to the partition's topic, can
 *   take a partition from a member with count c to one with count c - 2 or less. So the
 *   largest count is as small as any valid assignment's, the smallest as large, and members
 *   with the same subscription (in particular all members, when subscriptions are identical)
 *   have counts within 1 of each other. A member that holds a partition another member could
 *   take directly never has 2 or more above that member.
 * - Stickiness: with identical subscriptions the number of partitions that change owner is
 *   the least any balanced assignment needs; with mixed ones each path taken is the one
 *   moving the fewest previously held partitions. A previous target that is already valid
 *   and balanced comes back unchanged.
 * - Deterministic: the input order of members and partitions does not matter.
 */
export const uniformAssignor: Assignor = {
  name: 'uniform',
  assign(spec: AssignmentSpec): ReadonlyMap<string, Assignment> {
    if (spec.members.length === 0) return new Map();
    const placement = new Placement(spec);
    keepPreviousTargets(spec, placement);
    placeUnassigned(spec, placement);
    if (haveIdenticalSubscriptions(spec)) balanceIdenticalSubscriptions(placement);
    balanceByCostReducingPaths(placement);
    return placement.result();
  },
};

function keepPreviousTargets(spec: AssignmentSpec, placement: Placement): void {
  const members = [...spec.members].sort((a, b) => compareStrings(a.memberId, b.memberId));
  for (const member of members) {
    for (const [topic, partition] of pairsOf(member.currentTarget)) {
      const stillExists = partition < (spec.partitionCounts.get(topic) ?? 0);
      if (!stillExists || !member.subscribedTopics.has(topic)) continue;
      if (placement.holderOf(topic, partition) !== undefined) continue;
      placement.add(member.memberId, topic, partition, true);
    }
  }
}

function placeUnassigned(spec: AssignmentSpec, placement: Placement): void {
  const topics = subscribedTopicsOf(spec).sort(
    (a, b) => placement.subscribers(a).length - placement.subscribers(b).length || compareStrings(a, b),
  );
  for (const topic of topics) {
    const subscribers = placement.subscribers(topic);
    const partitionCount = spec.partitionCounts.get(topic)!;
    for (let partition = 0; partition < partitionCount; partition += 1) {
      if (placement.holderOf(topic, partition) !== undefined) continue;
      let leastLoaded = subscribers[0]!;
      for (const memberId of subscribers) if (placement.load(memberId) < placement.load(leastLoaded)) leastLoaded = memberId;
      placement.add(leastLoaded, topic, partition, false);
    }
  }
}

function haveIdenticalSubscriptions(spec: AssignmentSpec): boolean {
  const topicsOf = (index: number): string =>
    [...spec.members[index]!.subscribedTopics].filter((topic) => (spec.partitionCounts.get(topic) ?? 0) > 0).sort(compareStrings).join('\n');
  const first = topicsOf(0);
  return spec.members.every((_, index) => topicsOf(index) === first);
}
