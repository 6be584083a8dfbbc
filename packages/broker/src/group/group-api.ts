// The coordinator core's requests and answers: proto/samsa/v1/group.proto's messages with
// camelCase fields, error names instead of numbers (the driver maps them with ErrorCodes),
// offsets as bigint, and nothing the core does not decide (topic ids in answers are the
// driver's to fill from metadata). Strings follow proto3: '' means none.
import type { ErrorName } from '@samsa/protocol';
import type { GroupState } from './consumer-group';
import type { GroupRecord } from './group-records';
import type { Assignment, TopicPartitions } from './topic-partitions';

/** A topic as the coordinator needs it from the broker's metadata image. */
export interface TopicMetadata {
  readonly topicId: string;
  readonly partitionCount: number;
}

/** Every topic of the cluster by name (the driver builds it from its `MetadataImage`). */
export type TopicImage = ReadonlyMap<string, TopicMetadata>;

/** Where a log's offsets stand, for refusing commits beyond the end. */
export interface PartitionOffsets {
  readonly logStartOffset: bigint;
  readonly logEndOffset: bigint;
}

/**
 * What the driver passes with each request: the time (monotonic milliseconds) and the
 * topics. `offsetsOf` answers for partitions whose log end the driver knows (undefined:
 * not known here, no range check).
 */
export interface RequestContext {
  readonly nowMs: number;
  readonly topics: TopicImage;
  readonly offsetsOf?: (topic: string, partition: number) => PartitionOffsets | undefined;
}

/**
 * An answer and the records that make it true. The core has already applied `records` to
 * its state. Contract for the driver: append `records`, in order, to the coordinator's
 * __consumer_offsets partition, and send `response` only once everything appended up to
 * and including them is committed; a decision with no records waits likewise for what was
 * appended before it, because it may depend on it. If an append fails, answer an error
 * (NOT_COORDINATOR) to every decision waiting on it and rebuild the core from the log
 * (`GroupCoordinatorCore.replay`): its state holds records that may never commit.
 */
export interface Decision<Response> {
  readonly response: Response;
  readonly records: readonly GroupRecord[];
}

export interface HeartbeatRequest {
  readonly groupId: string;
  readonly memberId: string;
  /** 0: join. -1: leave. -2: a static member leaving for a while. Else the epoch it holds. */
  readonly memberEpoch: number;
  readonly instanceId: string;
  readonly rackId: string;
  readonly clientId: string;
  /** The peer address, from the driver. */
  readonly clientHost: string;
  /** 0: the coordinator's default. */
  readonly rebalanceTimeoutMs: number;
  readonly subscribedTopicNames: readonly string[];
  readonly subscribedTopicRegex: string;
  readonly serverAssignor: string;
  /** What the member owns now, after letting go of what it was asked to. */
  readonly owned: readonly TopicPartitions[];
}

export interface HeartbeatResponse {
  readonly error: ErrorName;
  readonly errorMessage: string;
  readonly memberId: string;
  readonly memberEpoch: number;
  readonly heartbeatIntervalMs: number;
  /** What the member may own now; a partition it owns and does not find here, it lets go of. */
  readonly assignment: Assignment;
}

export interface OffsetCommitPartition {
  readonly partition: number;
  readonly offset: bigint;
  readonly leaderEpoch: number;
  readonly metadata: string;
}

export interface OffsetCommitTopic {
  readonly topic: string;
  readonly partitions: readonly OffsetCommitPartition[];
}

export interface OffsetCommitRequest {
  readonly groupId: string;
  /** '' with epoch -1: a commit by no member (an operator), allowed only while the group is empty. */
  readonly memberId: string;
  readonly memberEpoch: number;
  readonly topics: readonly OffsetCommitTopic[];
}

export interface PartitionResult {
  readonly partition: number;
  readonly error: ErrorName;
  readonly errorMessage: string;
}

export interface TopicResults {
  readonly topic: string;
  readonly partitions: readonly PartitionResult[];
}

/** OffsetCommit's and AlterOffsets' answer: `error` for the whole request, else per partition. */
export interface OffsetCommitResponse {
  readonly error: ErrorName;
  readonly errorMessage: string;
  readonly topics: readonly TopicResults[];
}

export interface AlterOffsetsRequest {
  readonly groupId: string;
  readonly topics: readonly OffsetCommitTopic[];
}

export interface OffsetFetchRequest {
  readonly groupId: string;
  /** Empty: every committed partition. A topic with no partitions listed: all of its committed ones. */
  readonly topics: readonly TopicPartitions[];
}

export interface FetchedOffset {
  readonly partition: number;
  /** -1 when nothing is committed. */
  readonly offset: bigint;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly error: ErrorName;
}

export interface OffsetFetchResponse {
  readonly error: ErrorName;
  readonly errorMessage: string;
  readonly topics: readonly { readonly topic: string; readonly partitions: readonly FetchedOffset[] }[];
}

export interface GroupListing {
  readonly groupId: string;
  readonly state: GroupState;
  readonly members: number;
}

export interface DescribedMember {
  readonly memberId: string;
  readonly instanceId: string;
  readonly clientId: string;
  readonly clientHost: string;
  readonly rackId: string;
  readonly memberEpoch: number;
  readonly subscribedTopicNames: readonly string[];
  readonly subscribedTopicRegex: string;
  /** What it owns now (pending revocations included), and what it is to own when reconciled. */
  readonly assignment: Assignment;
  readonly targetAssignment: Assignment;
}

export interface GroupDescription {
  readonly groupId: string;
  readonly error: ErrorName;
  readonly errorMessage: string;
  readonly state: GroupState;
  readonly groupEpoch: number;
  readonly assignmentEpoch: number;
  readonly assignor: string;
  readonly members: readonly DescribedMember[];
}

export interface GroupResult {
  readonly groupId: string;
  readonly error: ErrorName;
  readonly errorMessage: string;
}
