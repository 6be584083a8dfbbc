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
