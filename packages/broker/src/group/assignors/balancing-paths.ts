// Balance for mixed subscriptions: shift partitions along chains of members until no chain
// can take one from a member with count c to a member with count c - 2 or less. With no such
// "cost-reducing path" the counts are as even as the subscriptions allow (see README.md).
import { assert } from '@samsa/protocol';
import type { Placement } from './placement';

/** One step of a path: `from` hands a partition of `topic` to `to`. */
interface PathStep {
  readonly from: string;
  readonly to: string;
  readonly topic: string;
  /** The partition's cost when the path was found (0: placed during this computation). */
  readonly moveCost: number;
}

interface TopicVisit {
  readonly cost: number;
  readonly fromMember: string;
  readonly moveCost: number;
}

interface MemberVisit {
  readonly cost: number;
  /** The topic node it was reached through; null for the source. */
  readonly viaTopic: string | null;
}

type QueuedNode = { readonly kind: 'member' | 'topic'; readonly id: string; readonly cost: number };

/**
 * Applies cost-reducing paths until none is left. A path goes from a member `u` to a member
 * `v` with `count(v) <= count(u) - 2`: `u` hands a partition of topic t1 to w1 (subscribed to
 * t1), w1 hands a partition of t2 to w2, ..., the last hands one to `v`; only the ends change
 * count. Each application lowers the sum of squared counts by at least 2, which bounds the
 * loop. Among paths, the one that moves the fewest partitions members held in their previous
 * target is taken (partitions placed during this computation move for free), then the one
 * ending at the smallest count, then the smallest member id: deterministic and sticky.
 */
export function balanceByCostReducingPaths(placement: Placement): void {
  const loads = placement.memberIds.map((id) => placement.load(id));
  const applicationsMax = loads.reduce((sum, load) => sum + load * load, 0) / 2 + 1;
  for (let applications = 0; ; applications += 1) {
    assert(applications <= applicationsMax, 'cost-reducing paths did not converge');
    if (!applyOnePath(placement)) return;
  }
}

function applyOnePath(placement: Placement): boolean {
  const loadMin = Math.min(...placement.memberIds.map((id) => placement.load(id)));
  const sources = [...placement.memberIds].sort((a, b) => placement.load(b) - placement.load(a) || (a < b ? -1 : 1));
  for (const source of sources) {
    if (placement.load(source) - loadMin < 2) return false;
    const path = cheapestPathFrom(placement, source);
    if (path === null) continue;
    applyRepeatedly(placement, path);
    return true;
  }
  return false;
}

/** 0-1 breadth-first search over member and topic nodes (Dijkstra with costs 0 and 1). */
function cheapestPathFrom(placement: Placement, source: string): PathStep[] | null {
  const members = new Map<string, MemberVisit>([[source, { cost: 0, viaTopic: null }]]);
  const topics = new Map<string, TopicVisit>();
  const settledMembers = new Set<string>();
  const settledTopics = new Set<string>();
  const buckets: QueuedNode[][] = [[{ kind: 'member', id: source, cost: 0 }]];
  for (let cost = 0; cost < buckets.length; cost += 1) {
    const bucket = buckets[cost]!;
    for (let index = 0; index < bucket.length; index += 1) {
      const node = bucket[index]!;
      const settled = node.kind === 'member' ? settledMembers : settledTopics;
      if (settled.has(node.id)) continue;
      settled.add(node.id);
      if (node.kind === 'member') {
        for (const topic of placement.topicsHeldBy(node.id)) {
          const give = placement.partitionToGive(node.id, topic)!;
          const reached = cost + give.moveCost;
          if ((topics.get(topic)?.cost ?? Infinity) <= reached) continue;
          topics.set(topic, { cost: reached, fromMember: node.id, moveCost: give.moveCost });
          (buckets[reached] ??= []).push({ kind: 'topic', id: topic, cost: reached });
        }
      } else {
        for (const memberId of placement.subscribers(node.id)) {
          if ((members.get(memberId)?.cost ?? Infinity) <= cost) continue;
          members.set(memberId, { cost, viaTopic: node.id });
          bucket.push({ kind: 'member', id: memberId, cost });
        }
      }
    }
  }
  const target = bestTarget(placement, source, members);
  return target === null ? null : pathTo(target, members, topics);
}

function bestTarget(placement: Placement, source: string, members: Map<string, MemberVisit>): string | null {
  const loadMax = placement.load(source) - 2;
  let best: string | null = null;
  for (const [memberId, visit] of members) {
    if (memberId === source || placement.load(memberId) > loadMax) continue;
    if (best === null) {
      best = memberId;
      continue;
    }
    const current = members.get(best)!;
    const better =
      visit.cost - current.cost || placement.load(memberId) - placement.load(best) || (memberId < best ? -1 : 1);
    if (better < 0) best = memberId;
  }
  return best;
}

function pathTo(target: string, members: Map<string, MemberVisit>, topics: Map<string, TopicVisit>): PathStep[] {
  const steps: PathStep[] = [];
  let memberId = target;
  for (let visit = members.get(memberId)!; visit.viaTopic !== null; visit = members.get(memberId)!) {
    const topic = topics.get(visit.viaTopic)!;
    steps.push({ from: topic.fromMember, to: memberId, topic: visit.viaTopic, moveCost: topic.moveCost });
    memberId = topic.fromMember;
    assert(steps.length <= members.size, 'a balancing path loops');
  }
  return steps.reverse();
}

/**
 * Moves one partition along every step, then again while the ends still differ by 2 or more,
 * the source still has the largest count and the target the smallest, and every step still
 * has a partition to hand on at no greater cost than when found. (Taking more from a source
 * no longer the largest, or giving more to a target no longer the smallest, would make a
 * later path move a partition back the other way: a needless move.)
 */
function applyRepeatedly(placement: Placement, path: readonly PathStep[]): void {
  const source = path[0]!.from;
  const target = path[path.length - 1]!.to;
  do {
    const partitions = path.map((step) => placement.partitionToGive(step.from, step.topic)!.partition);
    path.forEach((step, index) => placement.move(step.topic, partitions[index]!, step.from, step.to));
  } while (
    placement.load(source) - placement.load(target) >= 2 &&
    placement.memberIds.every((memberId) => placement.load(memberId) <= placement.load(source)) &&
    placement.memberIds.every((memberId) => placement.load(memberId) >= placement.load(target)) &&
    path.every((step) => {
      const give = placement.partitionToGive(step.from, step.topic);
      return give !== undefined && give.moveCost <= step.moveCost;
    })
  );
}
