export {};

// ---------------------------------------------------------------------------------------
// The pure core: partition replica state and idempotent producer state.
// No I/O, no clock: the server drives these (see README.md, "The pure core").
export type { PartitionAssignment } from './partition/partition-assignment';
export { isNewerAssignment } from './partition/partition-assignment';
export { FollowerProgress, UNKNOWN_OFFSET } from './partition/follower-progress';
export type { FollowerProgressView } from './partition/follower-progress';
export { maximalIsrOf } from './partition/isr-proposal';
export type { IsrProposal, PendingAlterPartition } from './partition/isr-proposal';
export { LeaderReplicaState } from './partition/leader-replica-state';
export type {
  AcksAllAdmission,
  AcksAllStatus,
  AlterPartitionAction,
  AlterPartitionOutcome,
  AlterPartitionResult,
  FollowerFetch,
  FollowerFetchOutcome,
  HighWatermarkUpdate,
  LeaderReplicaStateOptions,
  MetadataOutcome,
} from './partition/leader-replica-state';
export { answerLeaderFetch, NO_EPOCH } from './partition/leader-fetch-answer';
export type { EpochEndOffset, LeaderFetchAnswer, LeaderFetchQuestion, LeaderLogView } from './partition/leader-fetch-answer';
export { DEFAULT_FETCH_BACKOFF_MS, FollowerFetchState, truncationFor } from './partition/follower-fetch-state';
export type {
  FollowerFetchDecision,
  FollowerFetchStatus,
  FollowerLeader,
  FollowerLogView,
  ReplicaFetchPartitionRequest,
  ReplicaFetchPartitionResponse,
} from './partition/follower-fetch-state';
export {
  MAX_SEQUENCE,
  NO_PRODUCER_ID,
  addToSequence,
  isNextSequence,
  lastSequenceOf,
  placedBatchOf,
} from './producer-state/producer-batch';
export type { PlacedProducerBatch, ProducerBatch } from './producer-state/producer-batch';
export { BATCHES_REMEMBERED } from './producer-state/producer-state-entry';
export type { BatchMetadata, ProducerStateEntry } from './producer-state/producer-state-entry';
export { DEFAULT_PRODUCER_ID_EXPIRATION_MS, ProducerStateManager } from './producer-state/producer-state-manager';
export type { AppendCheck, AppendCheckError, AppendPlacement } from './producer-state/producer-state-manager';

// ---------------------------------------------------------------------------------------
// The group coordinator's pure core (src/group/, see its README.md): consumer-group
// membership, server-side assignment (KIP-848) and committed offsets, decided as records.
// ---------------------------------------------------------------------------------------
export { GroupCoordinatorCore } from './group/group-coordinator-core';
export type { GroupCoordinatorCoreOptions, GroupCoordinatorView, RemovedMember } from './group/group-coordinator-core';
export type {
  AlterOffsetsRequest,
  Decision,
  DescribedMember,
  FetchedOffset,
  GroupDescription,
  GroupListing,
  GroupResult,
  HeartbeatRequest,
  HeartbeatResponse,
  OffsetCommitPartition,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetCommitTopic,
  OffsetFetchRequest,
  OffsetFetchResponse,
  PartitionOffsets,
  PartitionResult,
  RequestContext,
  TopicImage,
  TopicMetadata,
  TopicResults,
} from './group/group-api';
export { DEFAULT_GROUP_COORDINATOR_CONFIG } from './group/group-config';
export type { GroupCoordinatorConfig } from './group/group-config';
export { JOINING_ASSIGNMENT, recordKey } from './group/group-records';
export type {
  CommittedOffset,
  GroupRecord,
  MemberCurrentAssignment,
  MemberMetadata,
  MemberState,
  SubscribedTopic,
} from './group/group-records';
export { GROUP_STATES } from './group/consumer-group';
export type { GroupState } from './group/consumer-group';
export { ASSIGNOR_NAMES, DEFAULT_ASSIGNOR_NAME } from './group/assignors/assignor-registry';
export { GROUP_ID_LENGTH_MAX, validateGroupId } from './group/group-id';
export type { Assignment, EpochedAssignment, EpochedTopicPartitions, TopicPartitions } from './group/topic-partitions';

// ---------------------------------------------------------------------------------------
// The driver's clock and timers (src/time/): real by default, manual in tests.
// ---------------------------------------------------------------------------------------
export type { Clock } from './time/clock';
export type { ScheduleOptions, ScheduledTask, Scheduler } from './time/scheduler';
export { SYSTEM_CLOCK, SystemClock } from './time/system-clock';
export { ManualClock } from './time/manual-clock';

// ---------------------------------------------------------------------------------------
// The broker server (src/server/, src/replication/): the I/O around the pure core.
// ---------------------------------------------------------------------------------------
export { startBrokerServer, BROKER_REPLICA_LAG_TIME_MAX_MS_DEFAULT, type BrokerServer, type BrokerServerOptions } from './server/broker-server';
