// ListGroups, DescribeGroups and DeleteGroups over the coordinator's groups: what an
// operator sees and may remove.
import type { ConsumerGroup, GroupState } from './consumer-group';
import type { DescribedMember, GroupDescription, GroupListing, GroupResult } from './group-api';
import { type GroupEntry, groupExists } from './group-entry';
import type { GroupRecord } from './group-records';
import { groupIdError } from './group-id';
import { assignorNameOf } from './target-assignment';
import { assignmentUnion, withoutEpochs } from './topic-partitions';

/** The state of an existing group: its membership's, or empty for a group of offsets alone. */
export function stateOf(entry: GroupEntry): GroupState {
  return entry.group.state();
}

export function listingOf(entry: GroupEntry): GroupListing {
  return { groupId: entry.group.groupId, state: stateOf(entry), members: entry.group.memberCount };
}

/** GROUP_ID_NOT_FOUND (state dead) for a group that does not exist, INVALID_GROUP_ID for a bad id. */
export function describeGroup(groupId: string, entry: GroupEntry | undefined): GroupDescription {
  const refused = groupIdError(groupId);
  if (refused !== null || entry === undefined || !groupExists(entry)) {
    const error = refused ?? { error: 'GROUP_ID_NOT_FOUND' as const, errorMessage: `group ${groupId} does not exist` };
    return { groupId, ...error, state: 'dead', groupEpoch: 0, assignmentEpoch: 0, assignor: '', members: [] };
  }
  const { group } = entry;
  return {
    groupId,
    error: 'NONE',
    errorMessage: '',
    state: stateOf(entry),
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    assignor: assignorNameOf(group),
    members: group.memberIds().map((memberId) => describeMember(group, memberId)),
  };
}

function describeMember(group: ConsumerGroup, memberId: string): DescribedMember {
  const { metadata, target, current } = group.member(memberId)!;
  return {
    memberId,
    instanceId: metadata.instanceId,
    clientId: metadata.clientId,
    clientHost: metadata.clientHost,
    rackId: metadata.rackId,
    memberEpoch: current.memberEpoch,
    subscribedTopicNames: metadata.subscribedTopicNames,
    subscribedTopicRegex: metadata.subscribedTopicRegex,
    assignment: assignmentUnion(withoutEpochs(current.assigned), withoutEpochs(current.pendingRevocation)),
    targetAssignment: target,
  };
}

/**
 * The tombstones that delete a group with no members: its committed offsets, then its
 * target epoch, subscribed topics and group epoch. Errors: INVALID_GROUP_ID,
 * GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP (members, static members away included).
 */
export function deletionOf(groupId: string, entry: GroupEntry | undefined): { result: GroupResult; records: GroupRecord[] } {
  const refused = groupIdError(groupId);
  if (refused !== null) return { result: { groupId, ...refused }, records: [] };
  if (entry === undefined || !groupExists(entry)) {
    return { result: { groupId, error: 'GROUP_ID_NOT_FOUND', errorMessage: `group ${groupId} does not exist` }, records: [] };
  }
  if (entry.group.memberCount > 0) {
    return { result: { groupId, error: 'NON_EMPTY_GROUP', errorMessage: `group ${groupId} has ${entry.group.memberCount} members` }, records: [] };
  }
  const records: GroupRecord[] = entry.offsets
    .entries()
    .map(([topic, partition]) => ({ kind: 'offset-commit', groupId, topic, partition, value: null }));
  records.push(
    { kind: 'target-assignment-epoch', groupId, value: null },
    { kind: 'subscribed-topics', groupId, value: null },
    { kind: 'group-epoch', groupId, value: null },
  );
  return { result: { groupId, error: 'NONE', errorMessage: '' }, records };
}
