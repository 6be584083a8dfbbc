import { assert } from '@samsa/protocol';

/** A broker as placement sees it. */
export interface PlacementBroker {
  readonly brokerId: number;
  readonly rack: string | null;
}

export interface PlacementRequest {
  readonly partitionCount: number;
  readonly replicationFactor: number;
  /**
   * Where in the broker ring the first partition's leader goes. Callers pass the number of
   * partitions already in the cluster, so successive topics continue the rotation instead
   * of all starting on the same broker.
   */
  readonly startIndex: number;
}

/**
 * Rack-aware replica placement in the manner of Kafka's: brokers are arranged in a ring
 * that alternates racks (rack A's first broker, rack B's first, ..., rack A's second, ...);
 * partition p's leader is the ring's broker at p, so leaders go round-robin; followers
 * are taken at a shift after the leader that grows each time the ring wraps, so followers
 * spread too; a follower is skipped while its rack already holds a replica and some rack
 * does not. Brokers without a rack count as one rack of their own. Deterministic: the
 * same brokers and request always give the same assignment.
 *
 * Returns one replica list per partition, the leader first. Needs replicationFactor ≤
 * brokers (the caller checks and answers INVALID_REPLICATION_FACTOR).
 */
export function placeReplicas(brokers: readonly PlacementBroker[], request: PlacementRequest): number[][] {
  assert(request.replicationFactor >= 1 && request.replicationFactor <= brokers.length, 'replication factor out of range');
  const ring = rackAlternatedRing(brokers);
  const rackOf = new Map(brokers.map((broker) => [broker.brokerId, broker.rack ?? '']));
  const rackCount = new Set(rackOf.values()).size;
  const assignments: number[][] = [];
  for (let index = 0; index < request.partitionCount; index += 1) {
    const position = request.startIndex + index;
    const shift = Math.floor(position / ring.length) * rackCount;
    assignments.push(placePartition(ring, rackOf, rackCount, position % ring.length, shift, request.replicationFactor));
  }
  return assignments;
}

function placePartition(
  ring: readonly number[],
  rackOf: ReadonlyMap<number, string>,
  rackCount: number,
  first: number,
  shift: number,
  replicationFactor: number,
): number[] {
  const leader = ring[first] as number;
  const replicas = [leader];
  const racksUsed = new Set([rackOf.get(leader)]);
  // Each follower is found within one sweep of the ring, so this bounds the whole loop.
  const stepMax = replicationFactor * ring.length;
  for (let step = 0; replicas.length < replicationFactor; step += 1) {
    assert(step < stepMax, 'placement did not converge');
    const offset = 1 + ((shift + step) % (ring.length - 1));
    const candidate = ring[(first + offset) % ring.length] as number;
    const rack = rackOf.get(candidate);
    const rackAllowed = !racksUsed.has(rack) || racksUsed.size === rackCount;
    if (rackAllowed && !replicas.includes(candidate)) {
      replicas.push(candidate);
      racksUsed.add(rack);
    }
  }
  return replicas;
}

/** Brokers ordered so that consecutive ones are in different racks where possible. */
export function rackAlternatedRing(brokers: readonly PlacementBroker[]): number[] {
  const byRack = new Map<string, number[]>();
  for (const broker of [...brokers].sort((a, b) => a.brokerId - b.brokerId)) {
    const rack = broker.rack ?? '';
    byRack.set(rack, [...(byRack.get(rack) ?? []), broker.brokerId]);
  }
  const racks = [...byRack.keys()].sort();
  const ring: number[] = [];
  for (let round = 0; ring.length < brokers.length; round += 1) {
    for (const rack of racks) {
      const brokerId = byRack.get(rack)?.[round];
      if (brokerId !== undefined) ring.push(brokerId);
    }
  }
  return ring;
}
