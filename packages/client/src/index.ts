export { Samsa, type SamsaOptions } from './samsa';
export { Producer } from './producer/producer';
export type { ProducerOptions, Acks, CompressionName } from './producer/producer-options';
export { PRODUCER_DEFAULTS } from './producer/producer-options';
export type { ProducerRecord, RecordMetadata } from './producer/producer-record';
export type { PartitionerFunction, PartitionRequest } from './producer/partitioner';
export { murmur2, toPositive, partitionForKey } from './producer/murmur2';
export { PartitionReader, type ReaderOptions, type ConsumedRecord, type OffsetResetPolicy } from './reader/partition-reader';
export { Consumer, type RebalanceListener, type EachBatchPayload, type RunOptions } from './consumer/consumer';
export type { ConsumerOptions, AssignorName } from './consumer/consumer-options';
export type { TopicPartition } from './consumer/topic-partitions';
export type { OffsetToCommit } from './consumer/group-offsets';
export { Admin, type CreateTopicOptions, type TopicDescription, type ClusterDescription } from './admin/admin';
export type { PartitionReassignment, OngoingReassignment } from './admin/reassignments';
export { planRebalance, countPerBroker, type RebalanceBroker, type PartitionAssignment, type PartitionMove, type RebalancePlan } from './admin/rebalance-plan';
export type { ClusterRebalancePlan, BrokerLoad, RebalanceOptions } from './admin/rebalance-cluster';
export { REBALANCE_MAX_MOVES_DEFAULT, type RebalanceRunOptions, type RebalanceProgress, type RebalanceOutcome } from './admin/rebalance-run';
export type {
  GroupState,
  GroupListing,
  GroupDescription,
  GroupMemberDescription,
  TopicPartitions,
  CommittedOffset,
  PartitionLag,
  GroupOffsetsDescription,
  ResetTarget,
  ResetOffsetsOptions,
  OffsetReset,
} from './admin/group-admin-types';
export type { ConfigChanges } from './admin/config-admin';
export type { OffsetSpec } from './cluster/list-offsets';
export type { BrokerInfo, PartitionInfo, TopicInfo } from './cluster/metadata-cache';
export {
  SamsaClientError,
  BrokerError,
  ConnectionError,
  RequestTimeoutError,
  DeliveryTimeoutError,
  RecordTooLargeError,
  ProducerSequenceError,
  ProducerInDoubtError,
  RetriesExhaustedError,
  ClosedError,
  isRetriable,
} from './errors/client-errors';
export { DEFAULT_RETRY, type RetryOptions } from './errors/retry';
export { SamsaError, OffsetOutOfRangeError, isSamsaError, type ErrorName } from '@samsa/protocol';
