// The contract every server-side assignor meets (KIP-848's `ConsumerGroupPartitionAssignor`):
// members and topic sizes in, one target assignment per member out. Pure and deterministic.
import type { Assignment } from '../topic-partitions';

/** One member as an assignor sees it. */
export interface AssignmentMemberSpec {
  readonly memberId: string;
  /** Static membership's instance id, '' for none. Orders members where order matters. */
  readonly instanceId: string;
  /** '' for none. */
  readonly rackId: string;
  /** The topics the member subscribes to (names and regex already resolved), all in `topics`. */
  readonly subscribedTopics: ReadonlySet<string>;
  /** The member's target from the previous assignment (stickiness starts from it). */
  readonly currentTarget: Assignment;
}

export interface AssignmentSpec {
  /** Every member of the group, in any order; member ids unique. */
  readonly members: readonly AssignmentMemberSpec[];
  /** Partition count of every topic some member subscribes to. */
  readonly partitionCounts: ReadonlyMap<string, number>;
}

/**
 * Contract: `assign` returns an entry for every member of the spec (empty when it gets
 * nothing); each partition `0 <= p < partitionCounts(t)` of a topic `t` that at least one
 * member subscribes to goes to exactly one member subscribed to `t`, and nothing else is
 * assigned. The same spec always gives the same result (no randomness, no iteration-order
 * dependence on the input's order of members).
 */
export interface Assignor {
  readonly name: string;
  assign(spec: AssignmentSpec): ReadonlyMap<string, Assignment>;
}

/** Members in the order the order-sensitive assignors use: instance id when static, else member id. */
export function membersInStableOrder(members: readonly AssignmentMemberSpec[]): AssignmentMemberSpec[] {
  const keyOf = (member: AssignmentMemberSpec): string => (member.instanceId !== '' ? `0${member.instanceId}` : `1${member.memberId}`);
  return [...members].sort((a, b) => compareStrings(keyOf(a), keyOf(b)) || compareStrings(a.memberId, b.memberId));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The topics of the spec that some member subscribes to, sorted by name. */
export function subscribedTopicsOf(spec: AssignmentSpec): string[] {
  const topics = new Set<string>();
  for (const member of spec.members) for (const topic of member.subscribedTopics) topics.add(topic);
  return [...topics].filter((topic) => (spec.partitionCounts.get(topic) ?? 0) > 0).sort(compareStrings);
}
