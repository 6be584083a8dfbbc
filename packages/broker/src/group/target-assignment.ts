// Computing a group's target assignment when its epoch has moved past the last one: the
// assignor's input from the group's members and subscribed topics, and the records for the
// members whose target changed.
import { assert } from '@samsa/protocol';
import type { AssignmentMemberSpec } from './assignors/assignor';
import { assignorNamed, groupAssignorName } from './assignors/assignor-registry';
import type { ConsumerGroup, MembershipRecord } from './consumer-group';
import { resolveSubscription } from './subscriptions';
import { assignmentsEqual } from './topic-partitions';

/** The assignor the group uses now (the one most of its members name). */
export function assignorNameOf(group: ConsumerGroup): string {
  return groupAssignorName(group.memberIds().map((memberId) => group.member(memberId)!.metadata.serverAssignor));
}

/**
 * The records of a new target at the group's epoch: one per member whose target changed
 * (members are in member id order), then the target epoch. Every member takes part, static
 * members away (-2) included: they keep their place.
 */
export function targetAssignmentRecords(group: ConsumerGroup): MembershipRecord[] {
  assert(group.groupEpoch > group.assignmentEpoch, 'a new target only for a new group epoch');
  const topicNames = group.subscribedTopics.map((topic) => topic.name);
  const members = group.memberIds().map((memberId): AssignmentMemberSpec => {
    const { metadata, target } = group.member(memberId)!;
    return {
      memberId,
      instanceId: metadata.instanceId,
      rackId: metadata.rackId,
      subscribedTopics: resolveSubscription(metadata, topicNames),
      currentTarget: target,
    };
  });
  const partitionCounts = new Map(group.subscribedTopics.map((topic) => [topic.name, topic.partitionCount]));
  const targets = assignorNamed(assignorNameOf(group)).assign({ members, partitionCounts });
  const records: MembershipRecord[] = [];
  for (const { memberId } of members) {
    const target = targets.get(memberId);
    assert(target !== undefined, `the assignor left out ${memberId}`);
    if (assignmentsEqual(target, group.targetOf(memberId))) continue;
    records.push({ kind: 'target-assignment-member', groupId: group.groupId, memberId, value: { partitions: target } });
  }
  records.push({ kind: 'target-assignment-epoch', groupId: group.groupId, value: { assignmentEpoch: group.groupEpoch } });
  return records;
}
