import type { RebalanceBroker } from './rebalance-plan';

/** A broker without a rack counts as a rack of its own, so racks never force two replicas together. */
export function rackOf(broker: RebalanceBroker): string {
  return broker.rack === null || broker.rack === '' ? `\u0000broker-${broker.id}` : `rack:${broker.rack}`;
}

/**
 * The most replicas of one partition that one rack may hold: the least `limit` for which
 * the racks can hold `replicationFactor` replicas at all. It is 1 (every replica on its own
 * rack) when there are at least as many racks as replicas, and otherwise spreads the
 * replicas as evenly as the racks' sizes allow, as Kafka's rack-aware placement does.
 */
export function rackLimit(replicationFactor: number, brokers: readonly RebalanceBroker[]): number {
  const sizes = new Map<string, number>();
  for (const broker of brokers) sizes.set(rackOf(broker), (sizes.get(rackOf(broker)) ?? 0) + 1);
  for (let limit = 1; limit < replicationFactor; limit += 1) {
    let room = 0;
    for (const size of sizes.values()) room += Math.min(size, limit);
    if (room >= replicationFactor) return limit;
  }
  return Math.max(1, replicationFactor);
}
