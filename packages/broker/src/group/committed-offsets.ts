// One group's committed offsets (Kafka's `OffsetMetadataManager` for a group) and the rules
// for accepting a commit: who may commit which partition, and which offsets are acceptable.
import type { ErrorName } from '@samsa/protocol';
import type { ConsumerGroup, GroupMember } from './consumer-group';
import type { OffsetCommitPartition, RequestContext } from './group-api';
import type { CommittedOffset, GroupRecord } from './group-records';
import { epochedEntriesOf, PartitionMap } from './topic-partitions';

export type OffsetRecord = Extract<GroupRecord, { kind: 'offset-commit' }>;

export class CommittedOffsets {
  private readonly offsets = new PartitionMap<CommittedOffset>();

  get size(): number {
    return this.offsets.size;
  }

  get(topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(topic, partition);
  }

  /** Every committed offset, topics sorted, partitions ascending. */
  entries(): [string, number, CommittedOffset][] {
    return [...this.offsets.entries()];
  }

  apply(record: OffsetRecord): void {
    if (record.value === null) this.offsets.delete(record.topic, record.partition);
    else this.offsets.set(record.topic, record.partition, record.value);
  }
}

/** Who is committing: a member (with the epoch it states), or nobody (an operator, a reset). */
export type Committer = { readonly kind: 'member'; readonly member: GroupMember; readonly memberEpoch: number } | { readonly kind: 'nobody' };

/**
 * The committer of a request, or the error every partition of it gets:
 * - no member id: allowed only while the group has no members (UNKNOWN_MEMBER_ID otherwise,
 *   as Kafka answers a commit without membership to a consumer group with members);
 * - an unknown member: UNKNOWN_MEMBER_ID;
 * - an epoch newer than the member's (or any epoch from a static member away with -2):
 *   FENCED_MEMBER_EPOCH.
 */
export function committerOf(group: ConsumerGroup | undefined, memberId: string, memberEpoch: number): Committer | ErrorName {
  if (memberId === '') return (group?.memberCount ?? 0) === 0 ? { kind: 'nobody' } : 'UNKNOWN_MEMBER_ID';
  const member = group?.member(memberId);
  if (member === undefined) return 'UNKNOWN_MEMBER_ID';
  if (memberEpoch > member.current.memberEpoch) return 'FENCED_MEMBER_EPOCH';
  return { kind: 'member', member, memberEpoch };
}

/**
 * KIP-1251's rule for one partition: the member must hold it (assigned, or pending
 * revocation: a member commits before letting go) and the epoch it states must be at least
 * the epoch the partition was given to it at. Otherwise STALE_MEMBER_EPOCH: a commit from a
 * view the member has since moved past, or for a partition it does not have.
 */
export function ownershipError(committer: Committer, topic: string, partition: number): ErrorName | null {
  if (committer.kind === 'nobody') return null;
  const { current } = committer.member;
  for (const held of [current.assigned, current.pendingRevocation]) {
    for (const [heldTopic, heldPartition, assignmentEpoch] of epochedEntriesOf(held)) {
      if (heldTopic === topic && heldPartition === partition) return committer.memberEpoch >= assignmentEpoch ? null : 'STALE_MEMBER_EPOCH';
    }
  }
  return 'STALE_MEMBER_EPOCH';
}

/**
 * Whether the topic and partition exist, the metadata fits, and the offset lies within the
 * log: UNKNOWN_TOPIC_OR_PARTITION, OFFSET_METADATA_TOO_LARGE, OFFSET_OUT_OF_RANGE (negative,
 * or beyond the log end when the driver knows it; below the log start is allowed, as in
 * Kafka: retention may have passed a consumer, which then resets).
 */
export function offsetError(
  context: RequestContext,
  topic: string,
  commit: OffsetCommitPartition,
  offsetMetadataBytesMax: number,
): ErrorName | null {
  const partitionCount = context.topics.get(topic)?.partitionCount ?? 0;
  if (!Number.isInteger(commit.partition) || commit.partition < 0 || commit.partition >= partitionCount) return 'UNKNOWN_TOPIC_OR_PARTITION';
  if (Buffer.byteLength(commit.metadata, 'utf8') > offsetMetadataBytesMax) return 'OFFSET_METADATA_TOO_LARGE';
  if (commit.offset < 0n) return 'OFFSET_OUT_OF_RANGE';
  const offsets = context.offsetsOf?.(topic, commit.partition);
  if (offsets !== undefined && commit.offset > offsets.logEndOffset) return 'OFFSET_OUT_OF_RANGE';
  return null;
}
