/**
 * @samsa/controller: the metadata quorum's pure core. Records and their codec, the
 * immutable `MetadataImage` they build, and the decision functions the controller leader
 * runs to turn requests into records. No I/O and no clock here: a driver at the edge feeds
 * requests, the monotonic time and committed records in, and appends what comes out.
 */
export * from './metadata/records';
export {
  METADATA_RECORD_FORMAT_VERSION,
  decodeMetadataRecord,
  decodeMetadataRecordBatch,
  encodeMetadataRecord,
  encodeMetadataRecordBatch,
} from './metadata/record-codec';
export { MetadataImage } from './metadata/metadata-image';
export type { BrokerRegistration, ConfigEntries, TopicImage } from './metadata/image-state';
export { applyPartitionChange, partitionChange, targetReplicas, isReassigning } from './metadata/partition-state';
export type { PartitionFields } from './metadata/partition-state';

export { type ControllerResult, imageAfter } from './controller-logic/controller-result';
export * from './controller-logic/defaults';
export { registerBroker, type RegisterBrokerRequest, type RegisterBrokerResponse } from './controller-logic/broker-registration';
export { unregisterBroker } from './controller-logic/broker-unregistration';
export { BrokerHeartbeatTracker } from './controller-logic/broker-heartbeat-tracker';
export {
  handleBrokerHeartbeat,
  fenceExpiredBrokers,
  type BrokerHeartbeatRequest,
  type BrokerHeartbeatResponse,
  type BrokerHeartbeatState,
  type HeartbeatSession,
} from './controller-logic/broker-heartbeat';
export { fenceBroker, fenceBrokers, unfenceBroker } from './controller-logic/broker-fencing';
export { electLeader, electionRules, type ElectionRules } from './controller-logic/leader-election';
export {
  createTopic,
  createTopics,
  type CreateTopicRequest,
  type CreateTopicResponse,
  type CreateTopicOutcome,
} from './controller-logic/topic-creation';
export { deleteTopic } from './controller-logic/topic-deletion';
export { createPartitions } from './controller-logic/partition-increase';
export { alterConfigs, type AlterConfigsRequest, type ConfigChange } from './controller-logic/alter-configs';
export { TOPIC_CONFIGS, validateTopicConfig, isUncleanLeaderElectionEnabled } from './controller-logic/topic-configs';
export { validateTopicName } from './controller-logic/topic-name';
export { placeReplicas, type PlacementBroker, type PlacementRequest } from './controller-logic/replica-placement';
export { alterPartition, type AlterPartitionRequest } from './controller-logic/alter-partition';
export {
  alterPartitionReassignment,
  listPartitionReassignments,
  type ReassignPartitionRequest,
  type OngoingReassignment,
} from './controller-logic/partition-reassignment';
export { electPreferredLeaders, type PreferredLeaderElected } from './controller-logic/preferred-leader-election';
export { allocateProducerIds, type ProducerIdBlock } from './controller-logic/producer-id-allocation';

// ---------------------------------------------------------------------------------------
// The controller gRPC client (src/client/): what brokers and the `samsa` CLI use to reach
// the controller quorum. The wire message types live under the `ControllerWire` namespace
// so they cannot clash with the pure core's request and response types above.
// ---------------------------------------------------------------------------------------
export {
  ControllerClient,
  ControllerUnavailableError,
  CONTROLLER_CHANNEL_OPTIONS,
  throwIfError,
  type ControllerClientOptions,
} from './client/controller-client';
export { controllerService } from './client/controller-proto';
export { backoffDelayMs, type BackoffPolicy } from './client/retry-backoff';
export type * as ControllerWire from './client/controller-messages';

// ---------------------------------------------------------------------------------------
// The controller server (src/server/): one member of the metadata quorum, as `samsa server`
// runs it.
// ---------------------------------------------------------------------------------------
export {
  startControllerServer,
  CONTROLLER_TICK_MS_DEFAULT,
  CONTROLLER_ELECTION_TICKS_DEFAULT,
  type ControllerServer,
  type ControllerServerOptions,
} from './server/controller-server';
export { MetadataStateMachine, type MetadataLogEntry } from './server/metadata-state-machine';
export { NotControllerError } from './server/quorum-controller';
