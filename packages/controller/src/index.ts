/**
 * @samsa/controller: the metadata quorum. Its pure core is the decision functions the
 * controller leader runs to turn requests into metadata records; no I/O and no clock there:
 * a driver at the edge feeds requests, the monotonic time and committed records in, and
 * appends what comes out. The records, the `MetadataImage` they build and the controller
 * client live in @samsa/metadata, which brokers share without loading Raft.
 */
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
export { alterPartitions, type PartitionIsrChange, type PartitionIsrOutcome } from './controller-logic/alter-partitions';
export {
  alterPartitionReassignment,
  listPartitionReassignments,
  type ReassignPartitionRequest,
  type OngoingReassignment,
} from './controller-logic/partition-reassignment';
export { electPreferredLeaders, type PreferredLeaderElected } from './controller-logic/preferred-leader-election';
export { allocateProducerIds, type ProducerIdBlock } from './controller-logic/producer-id-allocation';

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
