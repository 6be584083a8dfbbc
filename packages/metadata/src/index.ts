/**
 * @samsa/metadata: what brokers and controllers share about the cluster (Kafka's `metadata`
 * module). The metadata records and their codec, the immutable `MetadataImage` they build and
 * its snapshots, the controller gRPC client, and the follower of the committed metadata log.
 * It depends on @samsa/protocol alone, so a broker that loads it never loads Raft.
 */
export * from './records';
export {
  METADATA_RECORD_FORMAT_VERSION,
  decodeMetadataRecord,
  decodeMetadataRecordBatch,
  encodeMetadataRecord,
  encodeMetadataRecordBatch,
} from './record-codec';
export { MetadataImage } from './metadata-image';
export type { BrokerRegistration, ConfigEntries, TopicImage } from './image-state';
export {
  applyPartitionChange,
  awaitsRecoveryElection,
  isDistinct,
  isReassigning,
  isSubset,
  partitionChange,
  sameList,
  targetReplicas,
} from './partition-state';
export type { PartitionFields } from './partition-state';

// ---------------------------------------------------------------------------------------
// The controller gRPC client (src/client/): what brokers and the `samsa` CLI use to reach
// the controller quorum. Its wire messages are @samsa/protocol's generated `ControllerWire`
// types (import them from there).
// ---------------------------------------------------------------------------------------
export {
  ControllerClient,
  ControllerUnavailableError,
  CONTROLLER_CHANNEL_OPTIONS,
  throwIfError,
  type ControllerClientOptions,
} from './client/controller-client';
export { backoffDelayMs, type BackoffPolicy } from './client/retry-backoff';
export { MetadataFollower, type MetadataFollowerLogger, type MetadataFollowerOptions } from './client/metadata-follower';
