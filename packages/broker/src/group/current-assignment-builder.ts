// How a member's current assignment moves toward its target, one heartbeat at a time
// (Kafka's `CurrentAssignmentBuilder`): revoke first, then take what nobody else holds.
import { assert } from '@samsa/protocol';
import type { MemberCurrentAssignment } from './group-records';
import {
  type Assignment,
  assignmentHas,
  epochedAssignmentOf,
  type EpochedAssignment,
  epochedEntriesOf,
  PartitionMap,
  type TopicPartitions,
} from './topic-partitions';

export interface ReconcileInput {
  readonly memberId: string;
  /** The member's current assignment; never a static member's -2 (restored before). */
  readonly current: MemberCurrentAssignment;
  readonly target: Assignment;
  readonly targetEpoch: number;
  /** What the member says it owns, in this heartbeat. */
  readonly owned: readonly TopicPartitions[];
  /** The member holding a partition now (assigned or pending revocation), if any. */
  readonly ownerOf: (topic: string, partition: number) => string | undefined;
}

/**
 * The member's next current assignment. Rules:
 * - A member still owing revocations (`unrevoked-partitions`) changes nothing until it
 *   reports none of them owned; then it moves on as below.
 * - A member behind the target epoch, or waiting for partitions (`unreleased-partitions`):
 *   it keeps the partitions of its current assignment that are in the target. If it holds
 *   others, it is told to let go of them and stays at its epoch (`unrevoked-partitions`),
 *   keeping the rest. Otherwise it moves to the target's epoch and also gets each target
 *   partition no other member holds (given at that epoch); `stable` once it holds the whole
 *   target, else `unreleased-partitions`.
 * - A stable member at the target epoch stays as it is.
 * So a partition is never held by two members, and a partition a member keeps is never
 * taken from it on the way.
 */
export function reconcile(input: ReconcileInput): MemberCurrentAssignment {
  const { current, targetEpoch } = input;
  assert(current.memberEpoch >= 0, `reconciling ${input.memberId} at epoch ${current.memberEpoch}`);
  assert(current.memberEpoch <= targetEpoch, `${input.memberId} is ahead of the target epoch`);
  switch (current.state) {
    case 'unrevoked-partitions':
      if (stillOwnsAny(input.owned, current.pendingRevocation)) return current;
      return nextAssignment(input);
    case 'unreleased-partitions':
      return nextAssignment(input);
    case 'stable':
      return current.memberEpoch === targetEpoch ? current : nextAssignment(input);
  }
}

function stillOwnsAny(owned: readonly TopicPartitions[], pending: MemberCurrentAssignment['pendingRevocation']): boolean {
  for (const [topic, partition] of epochedEntriesOf(pending)) if (assignmentHas(owned, topic, partition)) return true;
  return false;
}

function nextAssignment(input: ReconcileInput): MemberCurrentAssignment {
  const { current, target, targetEpoch, memberId } = input;
  const kept = new PartitionMap<number>();
  const revoked = new PartitionMap<number>();
  for (const [topic, partition, epoch] of epochedEntriesOf(current.assigned)) {
    (assignmentHas(target, topic, partition) ? kept : revoked).set(topic, partition, epoch);
  }
  if (revoked.size > 0) {
    return {
      memberEpoch: current.memberEpoch,
      previousMemberEpoch: current.previousMemberEpoch,
      state: 'unrevoked-partitions',
      assigned: epochedAssignmentOf(kept),
      pendingRevocation: epochedAssignmentOf(revoked),
    };
  }
  let complete = true;
  for (const { topic, partitions } of target) {
    for (const partition of partitions) {
      if (kept.has(topic, partition)) continue;
      const owner = input.ownerOf(topic, partition);
      if (owner === undefined || owner === memberId) kept.set(topic, partition, targetEpoch);
      else complete = false;
    }
  }
  return {
    memberEpoch: targetEpoch,
    previousMemberEpoch: current.memberEpoch === targetEpoch ? current.previousMemberEpoch : current.memberEpoch,
    state: complete ? 'stable' : 'unreleased-partitions',
    assigned: epochedAssignmentOf(kept),
    pendingRevocation: [],
  };
}

export function currentAssignmentsEqual(left: MemberCurrentAssignment, right: MemberCurrentAssignment): boolean {
  return (
    left.memberEpoch === right.memberEpoch &&
    left.previousMemberEpoch === right.previousMemberEpoch &&
    left.state === right.state &&
    epochedAssignmentsEqual(left.assigned, right.assigned) &&
    epochedAssignmentsEqual(left.pendingRevocation, right.pendingRevocation)
  );
}

function epochedAssignmentsEqual(left: EpochedAssignment, right: EpochedAssignment): boolean {
  const leftEntries = [...epochedEntriesOf(left)];
  const rightEntries = [...epochedEntriesOf(right)];
  return (
    leftEntries.length === rightEntries.length &&
    leftEntries.every(([topic, partition, epoch], index) => {
      const [otherTopic, otherPartition, otherEpoch] = rightEntries[index]!;
      return topic === otherTopic && partition === otherPartition && epoch === otherEpoch;
    })
  );
}
