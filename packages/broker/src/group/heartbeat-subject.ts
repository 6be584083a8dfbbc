// Who a heartbeat comes from and what it asks, decided before anything changes: joining,
// rejoining, replacing a static member, staying, leaving; or the error that refuses it
// (Kafka's fencing rules for the consumer protocol).
import { SamsaError } from '@samsa/protocol';
import { isKnownAssignor } from './assignors/assignor-registry';
import type { ConsumerGroup, GroupMember } from './consumer-group';
import type { GroupCoordinatorConfig } from './group-config';
import type { HeartbeatRequest } from './group-api';
import { validateGroupId } from './group-id';
import { compileTopicRegex } from './subscriptions';
import { assignmentIsSubset, normalizeAssignment, withoutEpochs } from './topic-partitions';

export const JOIN_EPOCH = 0;
export const LEAVE_EPOCH = -1;
export const STATIC_LEAVE_EPOCH = -2;

export type HeartbeatSubject =
  /** A member the group does not know, joining with epoch 0. */
  | { readonly kind: 'new'; readonly memberId: string }
  /** A known member: heartbeating at its epoch, or rejoining with 0 after losing its state. */
  | { readonly kind: 'known'; readonly member: GroupMember }
  /** A static member's new process taking the place its previous one left with -2. */
  | { readonly kind: 'replacing'; readonly memberId: string; readonly replaced: GroupMember }
  | { readonly kind: 'leaving'; readonly member: GroupMember }
  | { readonly kind: 'leaving-temporarily'; readonly member: GroupMember };

/** Throws INVALID_GROUP_ID, INVALID_REQUEST or UNSUPPORTED_ASSIGNOR for a malformed request. */
export function validateHeartbeatRequest(request: HeartbeatRequest): void {
  validateGroupId(request.groupId);
  const invalid = (message: string): never => {
    throw new SamsaError('INVALID_REQUEST', message);
  };
  if (!Number.isInteger(request.memberEpoch) || request.memberEpoch < STATIC_LEAVE_EPOCH) invalid(`member_epoch ${request.memberEpoch} is not an epoch`);
  if (request.memberEpoch !== JOIN_EPOCH && request.memberId === '') invalid('member_id is required except when joining');
  if (request.memberEpoch === STATIC_LEAVE_EPOCH && request.instanceId === '') invalid('member_epoch -2 is for static members (instance_id set)');
  if (!Number.isInteger(request.rebalanceTimeoutMs) || request.rebalanceTimeoutMs < 0) invalid('rebalance_timeout_ms is negative');
  if (request.subscribedTopicNames.some((topic) => topic === '')) invalid('subscribed_topic_names holds an empty name');
  if (request.subscribedTopicRegex !== '') compileTopicRegex(request.subscribedTopicRegex);
  for (const { topic, partitions } of request.owned) {
    if (topic === '' || partitions.some((partition) => !Number.isInteger(partition) || partition < 0)) invalid(`owned partitions of ${JSON.stringify(topic)} are not partitions`);
  }
  if (request.serverAssignor !== '' && !isKnownAssignor(request.serverAssignor)) {
    throw new SamsaError('UNSUPPORTED_ASSIGNOR', `the server assignor ${JSON.stringify(request.serverAssignor)} is not one of uniform, range, round-robin`);
  }
}

/**
 * Decides who the (valid) request comes from, throwing the error that refuses it:
 * - UNKNOWN_MEMBER_ID: a member id the group does not know (also a group that does not
 *   exist), or a static member's request whose instance id now belongs to another member;
 * - FENCED_MEMBER_EPOCH: an epoch other than the member's, except its previous epoch from a
 *   member owning no more than it is assigned (the answer that moved it on was lost); any
 *   epoch but 0 from a static member that left with -2;
 * - UNRELEASED_INSTANCE_ID: joining with an instance id another live member holds;
 * - GROUP_MAX_SIZE_REACHED: a new member for a full group;
 * - INVALID_REQUEST: a known member id joining under another instance id.
 */
export function subjectOf(
  group: ConsumerGroup | undefined,
  request: HeartbeatRequest,
  config: GroupCoordinatorConfig,
  newMemberId: () => string,
): HeartbeatSubject {
  const known = request.memberId === '' ? undefined : group?.member(request.memberId);
  if (request.memberEpoch === JOIN_EPOCH) return joiningSubject(group, known, request, config, newMemberId);
  if (known === undefined) throw unknownMember(request);
  if (known.metadata.instanceId !== request.instanceId) throw unknownMember(request);
  if (request.memberEpoch === LEAVE_EPOCH) return { kind: 'leaving', member: known };
  if (request.memberEpoch === STATIC_LEAVE_EPOCH) return { kind: 'leaving-temporarily', member: known };
  const { current } = known;
  const isPrevious =
    current.memberEpoch !== STATIC_LEAVE_EPOCH &&
    request.memberEpoch === current.previousMemberEpoch &&
    assignmentIsSubset(normalizeAssignment(request.owned), withoutEpochs(current.assigned));
  if (request.memberEpoch !== current.memberEpoch && !isPrevious) {
    throw new SamsaError(
      'FENCED_MEMBER_EPOCH',
      `member ${request.memberId} sent epoch ${request.memberEpoch}; its epoch is ${current.memberEpoch}: let go of every partition and join again`,
    );
  }
  return { kind: 'known', member: known };
}

function joiningSubject(
  group: ConsumerGroup | undefined,
  known: GroupMember | undefined,
  request: HeartbeatRequest,
  config: GroupCoordinatorConfig,
  newMemberId: () => string,
): HeartbeatSubject {
  if (known !== undefined) {
    if (known.metadata.instanceId !== request.instanceId) {
      const instances = `${JSON.stringify(known.metadata.instanceId)}, not ${JSON.stringify(request.instanceId)}`;
      throw new SamsaError('INVALID_REQUEST', `member ${known.memberId} joined with instance id ${instances}`);
    }
    return { kind: 'known', member: known };
  }
  const holder = request.instanceId === '' || group === undefined ? undefined : group.memberByInstanceId(request.instanceId);
  const memberId = request.memberId !== '' ? request.memberId : freshMemberId(group, newMemberId);
  if (holder !== undefined) {
    if (holder.current.memberEpoch !== STATIC_LEAVE_EPOCH) {
      throw new SamsaError('UNRELEASED_INSTANCE_ID', `instance id ${request.instanceId} is held by member ${holder.memberId}, which has not left`);
    }
    return { kind: 'replacing', memberId, replaced: holder };
  }
  if ((group?.memberCount ?? 0) >= config.groupSizeMax) {
    throw new SamsaError('GROUP_MAX_SIZE_REACHED', `group ${request.groupId} has ${config.groupSizeMax} members, its maximum`);
  }
  return { kind: 'new', memberId };
}

function freshMemberId(group: ConsumerGroup | undefined, newMemberId: () => string): string {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const memberId = newMemberId();
    if (memberId !== '' && !(group?.hasMember(memberId) ?? false)) return memberId;
  }
  throw new Error('the member id source keeps returning ids in use');
}

function unknownMember(request: HeartbeatRequest): SamsaError {
  const instance = request.instanceId === '' ? '' : ` with instance id ${request.instanceId}`;
  return new SamsaError('UNKNOWN_MEMBER_ID', `group ${request.groupId} has no member ${request.memberId}${instance}`);
}
