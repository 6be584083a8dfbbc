// A heartbeat's effect on its group once `subjectOf` has accepted it (Kafka's
// `consumerGroupHeartbeat`): member metadata, a new group epoch when the assignment's
// inputs changed, a new target when the epoch moved, then this member's reconciliation.
import { currentAssignmentsEqual, reconcile } from './current-assignment-builder';
import type { GroupCoordinatorConfig } from './group-config';
import type { HeartbeatRequest, HeartbeatResponse, TopicImage } from './group-api';
import type { GroupChanges } from './group-changes';
import type { MemberCurrentAssignment, MemberMetadata } from './group-records';
import { type HeartbeatSubject, LEAVE_EPOCH, STATIC_LEAVE_EPOCH } from './heartbeat-subject';
import type { MemberSessions } from './member-sessions';
import { changesAssignment, memberMetadataEqual } from './subscriptions';
import { normalizeAssignment, withoutEpochs } from './topic-partitions';

export interface HeartbeatScope {
  readonly changes: GroupChanges;
  readonly sessions: MemberSessions;
  readonly config: GroupCoordinatorConfig;
  readonly nowMs: number;
  readonly topics: TopicImage;
}

/** Performs an accepted heartbeat: writes its records through `scope.changes`, returns the answer. */
export function performHeartbeat(scope: HeartbeatScope, subject: HeartbeatSubject, request: HeartbeatRequest): HeartbeatResponse {
  switch (subject.kind) {
    case 'leaving':
      scope.changes.removeMember(subject.member.memberId);
      return answer(scope, subject.member.memberId, LEAVE_EPOCH, []);
    case 'leaving-temporarily':
      return leaveTemporarily(scope, subject.member.memberId);
    case 'new':
    case 'known':
    case 'replacing':
      return stay(scope, subject, request);
  }
}

/**
 * A static member going away for a while (-2): it keeps its partitions and target, so no one
 * else gets them, until its session times out or its next process joins with its instance id.
 */
function leaveTemporarily(scope: HeartbeatScope, memberId: string): HeartbeatResponse {
  const { group } = scope.changes;
  const current = group.currentOf(memberId);
  if (current.memberEpoch !== STATIC_LEAVE_EPOCH) {
    const away: MemberCurrentAssignment = { ...current, memberEpoch: STATIC_LEAVE_EPOCH, previousMemberEpoch: current.memberEpoch };
    scope.changes.write({ kind: 'current-assignment', groupId: group.groupId, memberId, value: away });
  }
  scope.sessions.heartbeat(memberId, scope.nowMs, group.currentOf(memberId), group.member(memberId)!.metadata.rebalanceTimeoutMs);
  return answer(scope, memberId, STATIC_LEAVE_EPOCH, []);
}

function stay(scope: HeartbeatScope, subject: Exclude<HeartbeatSubject, { kind: 'leaving' | 'leaving-temporarily' }>, request: HeartbeatRequest): HeartbeatResponse {
  const { changes } = scope;
  const { group } = changes;
  const metadata = metadataOf(request, scope.config);
  let newEpochDue = false;
  if (subject.kind === 'replacing') {
    replaceStaticMember(changes, subject.replaced.memberId, subject.memberId, metadata);
    scope.sessions.remove(subject.replaced.memberId);
    newEpochDue = changesAssignment(subject.replaced.metadata, metadata);
  } else {
    const memberId = subject.kind === 'new' ? subject.memberId : subject.member.memberId;
    const previous = subject.kind === 'new' ? null : subject.member.metadata;
    if (previous === null || !memberMetadataEqual(previous, metadata)) {
      changes.write({ kind: 'member-metadata', groupId: group.groupId, memberId, value: metadata });
    }
    newEpochDue = previous === null || changesAssignment(previous, metadata);
    if (subject.kind === 'known' && subject.member.current.memberEpoch === STATIC_LEAVE_EPOCH) returnFromAway(changes, memberId);
  }
  const memberId = subject.kind === 'known' ? subject.member.memberId : subject.memberId;
  if (changes.refreshSubscribedTopics(scope.topics)) newEpochDue = true;
  if (newEpochDue) changes.bumpGroupEpoch();
  changes.updateTargetIfBehind();

  const current = group.currentOf(memberId);
  const next = reconcile({
    memberId,
    current,
    target: group.targetOf(memberId),
    targetEpoch: group.assignmentEpoch,
    owned: normalizeAssignment(request.owned),
    ownerOf: (topic, partition) => group.ownerOf(topic, partition),
  });
  if (subject.kind === 'new' || !currentAssignmentsEqual(next, current)) {
    changes.write({ kind: 'current-assignment', groupId: group.groupId, memberId, value: next });
  }
  scope.sessions.heartbeat(memberId, scope.nowMs, next, metadata.rebalanceTimeoutMs);
  return answer(scope, memberId, next.memberEpoch, withoutEpochs(next.assigned));
}

/**
 * The new process of a static member takes over what the old one left with -2: its target,
 * its partitions (pending revocations included: the new process owns none of them, and says
 * so in this heartbeat), and the epoch it had. No new group epoch unless its subscription
 * differs.
 */
function replaceStaticMember(changes: GroupChanges, replacedId: string, memberId: string, metadata: MemberMetadata): void {
  const { group } = changes;
  const replaced = group.member(replacedId)!;
  const { groupId } = group;
  changes.write({ kind: 'current-assignment', groupId, memberId: replacedId, value: null });
  changes.write({ kind: 'target-assignment-member', groupId, memberId: replacedId, value: null });
  changes.write({ kind: 'member-metadata', groupId, memberId: replacedId, value: null });
  changes.write({ kind: 'member-metadata', groupId, memberId, value: metadata });
  if (replaced.target.length > 0) {
    changes.write({ kind: 'target-assignment-member', groupId, memberId, value: { partitions: replaced.target } });
  }
  const back: MemberCurrentAssignment = { ...replaced.current, memberEpoch: replaced.current.previousMemberEpoch };
  changes.write({ kind: 'current-assignment', groupId, memberId, value: back });
}

/** A static member rejoining under its own member id after leaving with -2. */
function returnFromAway(changes: GroupChanges, memberId: string): void {
  const current = changes.group.currentOf(memberId);
  const back: MemberCurrentAssignment = { ...current, memberEpoch: current.previousMemberEpoch };
  changes.write({ kind: 'current-assignment', groupId: changes.group.groupId, memberId, value: back });
}

function metadataOf(request: HeartbeatRequest, config: GroupCoordinatorConfig): MemberMetadata {
  return {
    instanceId: request.instanceId,
    rackId: request.rackId,
    clientId: request.clientId,
    clientHost: request.clientHost,
    subscribedTopicNames: [...new Set(request.subscribedTopicNames)].sort(),
    subscribedTopicRegex: request.subscribedTopicRegex,
    serverAssignor: request.serverAssignor,
    rebalanceTimeoutMs: request.rebalanceTimeoutMs === 0 ? config.rebalanceTimeoutMsDefault : request.rebalanceTimeoutMs,
  };
}

function answer(scope: HeartbeatScope, memberId: string, memberEpoch: number, assignment: HeartbeatResponse['assignment']): HeartbeatResponse {
  return { error: 'NONE', errorMessage: '', memberId, memberEpoch, heartbeatIntervalMs: scope.config.heartbeatIntervalMs, assignment };
}
