import type { GroupWire } from '@samsa/protocol';
import type { GroupDescription, GroupMemberDescription, GroupState, TopicPartitions } from './group-admin-types';

/** The coordinator's state name, passed through as it came (a newer broker may add states). */
function groupState(state: string): GroupState {
  return state as GroupState;
}

export function topicPartitionsOf(wire: readonly GroupWire.TopicPartitions__Output[]): TopicPartitions[] {
  return wire
    .map((entry) => ({ topic: entry.topic, partitions: [...entry.partitions].sort((a, b) => a - b) }))
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

export function memberOf(wire: GroupWire.GroupMember__Output): GroupMemberDescription {
  return {
    memberId: wire.memberId,
    instanceId: wire.instanceId === '' ? null : wire.instanceId,
    clientId: wire.clientId,
    clientHost: wire.clientHost,
    rackId: wire.rackId === '' ? null : wire.rackId,
    memberEpoch: wire.memberEpoch,
    subscribedTopicNames: [...wire.subscribedTopicNames],
    subscribedTopicRegex: wire.subscribedTopicRegex === '' ? null : wire.subscribedTopicRegex,
    assignment: topicPartitionsOf(wire.assignment),
    targetAssignment: topicPartitionsOf(wire.targetAssignment),
  };
}

export function descriptionOf(wire: GroupWire.GroupDescription__Output, coordinator: number): GroupDescription {
  return {
    groupId: wire.groupId,
    state: groupState(wire.state),
    groupEpoch: wire.groupEpoch,
    assignmentEpoch: wire.assignmentEpoch,
    assignor: wire.assignor,
    coordinator,
    members: wire.members.map(memberOf).sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0)),
  };
}
