// Test helpers for assignors: build specs tersely, and check a result against the assignor
// contract and the balance condition with code independent of the assignors'.
import type { AssignmentMemberSpec, AssignmentSpec } from '../assignors/assignor';
import { canonicalAssignment, pairsOf, type Assignment } from '../topic-partitions';

export interface MemberSketch {
  readonly id: string;
  readonly topics: readonly string[];
  /** The previous target as `topic-partition` strings, e.g. `['a-0', 'b-2']`. */
  readonly target?: readonly string[];
  readonly instanceId?: string;
}

export function specOf(members: readonly MemberSketch[], partitionCounts: Record<string, number>): AssignmentSpec {
  return {
    members: members.map(
      (member): AssignmentMemberSpec => ({
        memberId: member.id,
        instanceId: member.instanceId ?? '',
        rackId: '',
        subscribedTopics: new Set(member.topics.filter((topic) => topic in partitionCounts)),
        currentTarget: assignmentOf(member.target ?? []),
      }),
    ),
    partitionCounts: new Map(Object.entries(partitionCounts)),
  };
}

/** `['a-0', 'a-1', 'b-3']` → canonical assignment. */
export function assignmentOf(names: readonly string[]): Assignment {
  return canonicalAssignment(
    names.map((name) => {
      const at = name.lastIndexOf('-');
      return [name.slice(0, at), Number(name.slice(at + 1))] as const;
    }),
  );
}

/** The assignment as `topic-partition` strings, sorted as canonical order gives them. */
export function namesOf(assignment: Assignment): string[] {
  return [...pairsOf(assignment)].map(([topic, partition]) => `${topic}-${partition}`);
}

/** Throws unless the result meets the `Assignor` contract for the spec. */
export function expectValidAssignment(spec: AssignmentSpec, result: ReadonlyMap<string, Assignment>): void {
  const owners = new Map<string, string>();
  expect([...result.keys()].sort()).toEqual(spec.members.map((member) => member.memberId).sort());
  for (const member of spec.members) {
    for (const [topic, partition] of pairsOf(result.get(member.memberId)!)) {
      const name = `${topic}-${partition}`;
      if (!member.subscribedTopics.has(topic)) throw new Error(`${member.memberId} got ${name} without subscribing to ${topic}`);
      if (partition >= (spec.partitionCounts.get(topic) ?? 0)) throw new Error(`${name} does not exist`);
      if (owners.has(name)) throw new Error(`${name} went to ${owners.get(name)} and ${member.memberId}`);
      owners.set(name, member.memberId);
    }
  }
  for (const [topic, count] of spec.partitionCounts) {
    if (!spec.members.some((member) => member.subscribedTopics.has(topic))) continue;
    for (let partition = 0; partition < count; partition += 1) {
      if (!owners.has(`${topic}-${partition}`)) throw new Error(`${topic}-${partition} went to nobody`);
    }
  }
}

/**
 * A chain of hand-overs (each to a member subscribed to the partition's topic) from a member
 * with count c to one with count c - 2 or less, if any; null when the result is balanced.
 * Plain breadth-first search over members, ignoring stickiness.
 */
export function findImbalance(spec: AssignmentSpec, result: ReadonlyMap<string, Assignment>): string | null {
  const count = (id: string): number => [...pairsOf(result.get(id)!)].length;
  for (const source of spec.members) {
    const reached = new Set([source.memberId]);
    const queue = [source.memberId];
    while (queue.length > 0) {
      const holder = queue.shift()!;
      const topicsHeld = new Set(result.get(holder)!.map((entry) => entry.topic));
      for (const member of spec.members) {
        if (reached.has(member.memberId)) continue;
        if (![...topicsHeld].some((topic) => member.subscribedTopics.has(topic))) continue;
        if (count(member.memberId) <= count(source.memberId) - 2) {
          return `${source.memberId} (${count(source.memberId)}) can pass a partition to ${member.memberId} (${count(member.memberId)})`;
        }
        reached.add(member.memberId);
        queue.push(member.memberId);
      }
    }
  }
  return null;
}

/** How many partitions of the previous targets changed owner (those still valid and kept nowhere else). */
export function movesOf(spec: AssignmentSpec, result: ReadonlyMap<string, Assignment>): number {
  let moves = 0;
  for (const member of spec.members) {
    const now = new Set(namesOf(result.get(member.memberId)!));
    for (const [topic, partition] of pairsOf(member.currentTarget)) {
      const valid = member.subscribedTopics.has(topic) && partition < (spec.partitionCounts.get(topic) ?? 0);
      if (valid && !now.has(`${topic}-${partition}`)) moves += 1;
    }
  }
  return moves;
}
