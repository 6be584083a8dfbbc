/** What the group half of `Admin` returns. Offsets are `bigint`, as everywhere in the client. */

/** A group's state as the coordinator names it (group.proto's `GroupListing.state`). */
export type GroupState = 'empty' | 'assigning' | 'reconciling' | 'stable' | 'dead';

export interface GroupListing {
  readonly groupId: string;
  readonly state: GroupState;
  readonly members: number;
  /** The broker that coordinates the group. */
  readonly coordinator: number;
}

export interface TopicPartitions {
  readonly topic: string;
  /** Ascending. */
  readonly partitions: readonly number[];
}

export interface GroupMemberDescription {
  readonly memberId: string;
  readonly instanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly rackId: string | null;
  readonly memberEpoch: number;
  readonly subscribedTopicNames: readonly string[];
  readonly subscribedTopicRegex: string | null;
  /** What the member owns now. */
  readonly assignment: readonly TopicPartitions[];
  /** What the coordinator means it to own once reconciled. */
  readonly targetAssignment: readonly TopicPartitions[];
}

export interface GroupDescription {
  readonly groupId: string;
  readonly state: GroupState;
  readonly groupEpoch: number;
  readonly assignmentEpoch: number;
  readonly assignor: string;
  readonly coordinator: number;
  readonly members: readonly GroupMemberDescription[];
}

export interface CommittedOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset the group will consume. */
  readonly offset: bigint;
  readonly leaderEpoch: number;
  readonly metadata: string;
}

/**
 * One partition of `describeGroupOffsets`, as kafka-consumer-groups shows it: `committed`
 * null when the group has committed nothing there (the partition is only assigned), `end`
 * null when the topic no longer exists, and `lag` (= end - committed) null when either is.
 */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly committed: bigint | null;
  /** The high watermark: the offset the next record will get. */
  readonly end: bigint | null;
  readonly lag: bigint | null;
  /** The member that owns the partition now, if any. */
  readonly memberId: string | null;
}

export interface GroupOffsetsDescription {
  readonly group: GroupDescription;
  /** Sorted by topic, then partition. */
  readonly offsets: readonly PartitionLag[];
}

/**
 * Where `resetOffsets` moves the committed offsets: the log start, the log end, the first
 * offset at or after a time (ms; the log end when there is none, as Kafka does), an
 * absolute offset (must lie within [log start, log end]), or a shift of the committed offset
 * (clamped to [log start, log end], as Kafka does; refused where nothing is committed).
 */
export type ResetTarget =
  | 'earliest'
  | 'latest'
  | { readonly timestamp: number }
  | { readonly offset: bigint | number }
  | { readonly shiftBy: bigint | number };

export interface ResetOffsetsOptions {
  readonly topic: string;
  /** Default: every partition of the topic. */
  readonly partitions?: readonly number[];
  readonly to: ResetTarget;
  /** Compute and return the new offsets without committing them. */
  readonly dryRun?: boolean;
}

export interface OffsetReset {
  readonly topic: string;
  readonly partition: number;
  readonly previous: bigint | null;
  readonly offset: bigint;
}
