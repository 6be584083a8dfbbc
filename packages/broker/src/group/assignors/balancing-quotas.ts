// Balance for identical subscriptions, in one pass: each member gets a quota (the average,
// rounded up for those already holding the most) and members above theirs hand partitions
// to members below theirs. Linear in the partitions; the chains of balancing-paths.ts then
// find nothing left to do.
import { assert } from '@samsa/protocol';
import { compareStrings } from './assignor';
import type { Placement } from './placement';

/**
 * Precondition: every member subscribes to the same topics. Quotas: with `total` partitions
 * over `n` members, `floor(total / n)` each and one more for the `total % n` members holding
 * the most now (then smaller id), so those shed the least. Then partitions flow from members
 * above quota to members below it, each donor handing on partitions placed during this
 * computation before partitions of its previous target: the fewest partitions change owner.
 */
export function balanceIdenticalSubscriptions(placement: Placement): void {
  const members = [...placement.memberIds].sort(
    (a, b) => placement.load(b) - placement.load(a) || compareStrings(a, b),
  );
  const total = members.reduce((sum, memberId) => sum + placement.load(memberId), 0);
  const floor = Math.floor(total / members.length);
  const withExtra = total - floor * members.length;
  const quota = new Map(members.map((memberId, index) => [memberId, floor + (index < withExtra ? 1 : 0)]));
  const receivers = members.filter((memberId) => placement.load(memberId) < quota.get(memberId)!).reverse();
  let receiverIndex = 0;
  for (const donor of members) {
    while (placement.load(donor) > quota.get(donor)!) {
      const receiver = receivers[receiverIndex];
      assert(receiver !== undefined, 'quotas add up to the partitions placed');
      const give = cheapestToGive(placement, donor);
      placement.move(give.topic, give.partition, donor, receiver);
      if (placement.load(receiver) === quota.get(receiver)!) receiverIndex += 1;
    }
  }
}

function cheapestToGive(placement: Placement, memberId: string): { topic: string; partition: number } {
  let kept: { topic: string; partition: number } | null = null;
  for (const topic of placement.topicsHeldBy(memberId)) {
    const give = placement.partitionToGive(memberId, topic)!;
    if (give.moveCost === 0) return { topic, partition: give.partition };
    kept ??= { topic, partition: give.partition };
  }
  assert(kept !== null, `${memberId} holds nothing to give`);
  return kept;
}
