// The records the coordinator persists in its __consumer_offsets partition (Kafka's
// ConsumerGroup*Record and OffsetCommit record kinds), as plain typed data. Each has a key
// (kind, group, and member or partition) and a value; a null value is a tombstone. Values
// are whole, never deltas, so the last record of each key alone rebuilds the state: the log
// may be compacted.
import type { Assignment, EpochedAssignment } from './topic-partitions';

/**
 * Where a member stands in reconciling its current assignment with its target (Kafka's
 * `MemberState`):
 * - `stable`: it owns exactly its target at the target's epoch;
 * - `unrevoked-partitions`: it must first let go of `pendingRevocation` (it keeps consuming
 *   the rest); its epoch moves on only once it reports them gone;
 * - `unreleased-partitions`: it is at the target's epoch but part of its target is still
 *   owned by other members; it gets each partition as soon as the owner lets go.
 */
export type MemberState = 'stable' | 'unrevoked-partitions' | 'unreleased-partitions';

/** What a member says about itself; '' means none for the string fields. */
export interface MemberMetadata {
  readonly instanceId: string;
  readonly rackId: string;
  readonly clientId: string;
  readonly clientHost: string;
  /** Sorted, unique. */
  readonly subscribedTopicNames: readonly string[];
  readonly subscribedTopicRegex: string;
  readonly serverAssignor: string;
  readonly rebalanceTimeoutMs: number;
}

/** A topic some member subscribes to, as the group last saw it in the metadata. */
export interface SubscribedTopic {
  readonly name: string;
  readonly topicId: string;
  readonly partitionCount: number;
}

/**
 * What a member may own now. `memberEpoch` is -2 while a static member is away (it left
 * with -2); `previousMemberEpoch` is the epoch before the last change, accepted once more
 * from a member whose last answer was lost (and the epoch to return to after -2).
 */
export interface MemberCurrentAssignment {
  readonly memberEpoch: number;
  readonly previousMemberEpoch: number;
  readonly state: MemberState;
  readonly assigned: EpochedAssignment;
  /** Partitions it still owns and must let go of; nobody else gets them meanwhile. */
  readonly pendingRevocation: EpochedAssignment;
}

export interface CommittedOffset {
  /** The next offset to consume. */
  readonly offset: bigint;
  /** The leader epoch of the record before `offset`, -1 if unknown (KIP-320). */
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestampMs: number;
}

export type GroupRecord =
  | { readonly kind: 'group-epoch'; readonly groupId: string; readonly value: { readonly groupEpoch: number } | null }
  | {
      readonly kind: 'subscribed-topics';
      readonly groupId: string;
      readonly value: { readonly topics: readonly SubscribedTopic[] } | null;
    }
  | { readonly kind: 'member-metadata'; readonly groupId: string; readonly memberId: string; readonly value: MemberMetadata | null }
  | {
      readonly kind: 'target-assignment-member';
      readonly groupId: string;
      readonly memberId: string;
      readonly value: { readonly partitions: Assignment } | null;
    }
  | {
      readonly kind: 'target-assignment-epoch';
      readonly groupId: string;
      readonly value: { readonly assignmentEpoch: number } | null;
    }
  | {
      readonly kind: 'current-assignment';
      readonly groupId: string;
      readonly memberId: string;
      readonly value: MemberCurrentAssignment | null;
    }
  | {
      readonly kind: 'offset-commit';
      readonly groupId: string;
      readonly topic: string;
      readonly partition: number;
      readonly value: CommittedOffset | null;
    };

/** The compaction key: two records with the same key, the later replaces the earlier. */
export function recordKey(record: GroupRecord): string {
  switch (record.kind) {
    case 'group-epoch':
    case 'subscribed-topics':
    case 'target-assignment-epoch':
      return JSON.stringify([record.kind, record.groupId]);
    case 'member-metadata':
    case 'target-assignment-member':
    case 'current-assignment':
      return JSON.stringify([record.kind, record.groupId, record.memberId]);
    case 'offset-commit':
      return JSON.stringify([record.kind, record.groupId, record.topic, record.partition]);
  }
}

/** The current assignment of a member no record has described yet: joining, nothing owned. */
export const JOINING_ASSIGNMENT: MemberCurrentAssignment = {
  memberEpoch: 0,
  previousMemberEpoch: -1,
  state: 'stable',
  assigned: [],
  pendingRevocation: [],
};
