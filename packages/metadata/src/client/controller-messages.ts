/**
 * The messages of `proto/samsa/v1/controller.proto` as the proto loader hands them over:
 * camelCase field names, int64 as `number`, bytes as `Buffer`. Responses always carry every
 * field (the loader fills defaults); a message-typed field the sender left unset is `null`.
 * Requests may leave out fields, which then take proto3 defaults on the wire.
 */

export interface NodeAddress {
  readonly id: number;
  readonly host: string;
  readonly port: number;
}

/** Code 0 (NONE) is success; codes are the protocol package's table (Kafka's numbers). */
export interface ResponseError {
  readonly code: number;
  readonly name: string;
  readonly message: string;
  /** Set with NOT_CONTROLLER when the answering controller knows the Raft leader. */
  readonly leader: NodeAddress | null;
}

export interface Listener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

export interface RegisterBrokerRequest {
  readonly brokerId: number;
  readonly incarnationId: string;
  readonly listeners: readonly Listener[];
  readonly rack?: string;
}

export interface RegisterBrokerResponse {
  readonly error: ResponseError | null;
  readonly brokerEpoch: number;
}

export interface BrokerHeartbeatRequest {
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly currentMetadataOffset: number;
  readonly wantShutdown?: boolean;
}

export interface BrokerHeartbeatResponse {
  readonly error: ResponseError | null;
  /** "fenced", "unfenced" or "shutdown". */
  readonly state: string;
  readonly isCaughtUp: boolean;
}

export interface TopicConfig {
  readonly key: string;
  readonly value: string;
}

export interface CreatableTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs?: readonly TopicConfig[];
}

export interface CreateTopicsRequest {
  readonly topics: readonly CreatableTopic[];
}

export interface CreateTopicResult {
  readonly name: string;
  readonly topicId: string;
  readonly error: ResponseError | null;
}

export interface CreateTopicsResponse {
  readonly error: ResponseError | null;
  readonly topics: readonly CreateTopicResult[];
}

export interface DeleteTopicsRequest {
  readonly names: readonly string[];
}

export interface TopicResult {
  readonly name: string;
  readonly error: ResponseError | null;
}

export interface DeleteTopicsResponse {
  readonly error: ResponseError | null;
  readonly topics: readonly TopicResult[];
}

export interface CreatePartitionsRequest {
  readonly name: string;
  readonly partitions: number;
}

export interface CreatePartitionsResponse {
  readonly error: ResponseError | null;
}

export interface ConfigChange {
  readonly key: string;
  /** False deletes the key. */
  readonly hasValue: boolean;
  readonly value?: string;
}

export interface AlterConfigsRequest {
  /** "topic" or "broker". */
  readonly resourceType: string;
  readonly name: string;
  readonly changes: readonly ConfigChange[];
}

export interface AlterConfigsResponse {
  readonly error: ResponseError | null;
}

export interface PartitionState {
  readonly topic: string;
  readonly topicId: string;
  readonly partition: number;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly addingReplicas: readonly number[];
  readonly removingReplicas: readonly number[];
}

export interface AlterPartitionRequest {
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly topicId: string;
  readonly partition: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly newIsr: readonly number[];
}

export interface AlterPartitionResponse {
  readonly error: ResponseError | null;
  readonly partition: PartitionState | null;
}

export interface ReassignablePartition {
  readonly topic: string;
  readonly partition: number;
  /** Empty cancels an ongoing reassignment. */
  readonly replicas: readonly number[];
}

export interface AlterPartitionReassignmentsRequest {
  readonly partitions: readonly ReassignablePartition[];
}

export interface ReassignmentResult {
  readonly topic: string;
  readonly partition: number;
  readonly error: ResponseError | null;
}

export interface AlterPartitionReassignmentsResponse {
  readonly error: ResponseError | null;
  readonly partitions: readonly ReassignmentResult[];
}

export type ListPartitionReassignmentsRequest = Record<string, never>;

export interface OngoingReassignment {
  readonly topic: string;
  readonly partition: number;
  readonly replicas: readonly number[];
  readonly addingReplicas: readonly number[];
  readonly removingReplicas: readonly number[];
}

export interface ListPartitionReassignmentsResponse {
  readonly error: ResponseError | null;
  readonly reassignments: readonly OngoingReassignment[];
}

export interface AllocateProducerIdsRequest {
  readonly brokerId: number;
  readonly brokerEpoch: number;
}

export interface AllocateProducerIdsResponse {
  readonly error: ResponseError | null;
  readonly producerIdStart: number;
  readonly producerIdCount: number;
}

export type DescribeClusterRequest = Record<string, never>;

export interface ControllerInfo {
  readonly id: number;
  readonly address: string;
  readonly leader: boolean;
}

export interface BrokerInfo {
  readonly id: number;
  readonly address: string;
  readonly rack: string;
  readonly fenced: boolean;
  readonly brokerEpoch: number;
}

export interface DescribeClusterResponse {
  readonly error: ResponseError | null;
  readonly clusterId: string;
  readonly controllers: readonly ControllerInfo[];
  readonly brokers: readonly BrokerInfo[];
  readonly metadataOffset: number;
}

export interface DescribeTopicsRequest {
  /** Empty: every topic. */
  readonly names: readonly string[];
}

export interface TopicDescription {
  readonly name: string;
  readonly topicId: string;
  readonly partitions: readonly PartitionState[];
  readonly configs: readonly TopicConfig[];
  readonly error: ResponseError | null;
}

export interface DescribeTopicsResponse {
  readonly error: ResponseError | null;
  readonly topics: readonly TopicDescription[];
}

export interface FetchMetadataRequest {
  readonly brokerId: number;
  readonly fromOffset: number;
}

export interface MetadataEntry {
  readonly offset: number;
  readonly records: Buffer;
}

export interface FetchMetadataResponse {
  /** Non-empty when this message starts with a snapshot of the image at `snapshotOffset`. */
  readonly snapshot: Buffer;
  readonly snapshotOffset: number;
  readonly entries: readonly MetadataEntry[];
}
