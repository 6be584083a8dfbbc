/**
 * The messages of proto/samsa/v1/broker.proto (and the controller.proto messages its admin
 * calls carry) as proto-loader hands them over: camelCase fields, int64 as numbers on the
 * way in, int64 as number or decimal string on the way out, every field present.
 */

export type Int64Out = number | string;

export interface LeaderHint {
  leaderId: number;
  leaderEpoch: number;
}

export interface MetadataRequest {
  topics: string[];
}
export interface BrokerNode {
  id: number;
  host: string;
  port: number;
  rack: string;
}
export interface PartitionMetadataWire {
  errorCode: number;
  partition: number;
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
}
export interface TopicMetadataWire {
  errorCode: number;
  name: string;
  topicId: string;
  partitions: PartitionMetadataWire[];
}
export interface MetadataResponse {
  clusterId: string;
  controllerId: number;
  brokers: BrokerNode[];
  topics: TopicMetadataWire[];
}

export interface ProduceRequest {
  acks: number;
  timeoutMs: number;
  topics: { name: string; partitions: { partition: number; records: Buffer }[] }[];
}
export interface PartitionProduceResponse {
  partition: number;
  errorCode: number;
  errorMessage: string;
  baseOffset: number;
  logAppendTimeMs: number;
  logStartOffset: number;
  currentLeader: LeaderHint | null;
}
export interface ProduceResponse {
  topics: { name: string; partitions: PartitionProduceResponse[] }[];
}

export interface FetchPartitionWire {
  partition: number;
  fetchOffset: Int64Out;
  partitionMaxBytes: number;
  currentLeaderEpoch: number;
}
export interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  topics: { name: string; partitions: FetchPartitionWire[] }[];
}
export interface PartitionDataWire {
  partition: number;
  errorCode: number;
  errorMessage: string;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  records: Buffer;
  currentLeader: LeaderHint | null;
}
export interface FetchResponse {
  errorCode: number;
  topics: { name: string; partitions: PartitionDataWire[] }[];
}

export interface ListOffsetsRequest {
  isolationLevel: number;
  topics: { name: string; partitions: { partition: number; timestamp: Int64Out; currentLeaderEpoch: number }[] }[];
}
export interface ListOffsetsPartitionResponse {
  partition: number;
  errorCode: number;
  errorMessage: string;
  timestamp: number;
  offset: number;
  leaderEpoch: number;
}
export interface ListOffsetsResponse {
  topics: { name: string; partitions: ListOffsetsPartitionResponse[] }[];
}

export interface InitProducerIdRequest {
  transactionalId: string;
  transactionTimeoutMs: number;
}
export interface InitProducerIdResponse {
  errorCode: number;
  errorMessage: string;
  producerId: number;
  producerEpoch: number;
}

// Admin (controller.proto messages).

export interface ControllerErrorWire {
  code: number;
  name: string;
  message: string;
  leader: { id: number; host: string; port: number } | null;
}
export interface TopicConfigWire {
  key: string;
  value: string;
}
export interface CreateTopicsRequest {
  topics: { name: string; partitions: number; replicationFactor: number; configs: TopicConfigWire[] }[];
}
export interface CreateTopicsResponse {
  error: ControllerErrorWire | null;
  topics: { name: string; topicId: string; error: ControllerErrorWire | null }[];
}
export interface DeleteTopicsRequest {
  names: string[];
}
export interface DeleteTopicsResponse {
  error: ControllerErrorWire | null;
  topics: { name: string; error: ControllerErrorWire | null }[];
}
export interface CreatePartitionsRequest {
  name: string;
  partitions: number;
}
export interface CreatePartitionsResponse {
  error: ControllerErrorWire | null;
}
export interface DescribeClusterResponse {
  error: ControllerErrorWire | null;
  clusterId: string;
  controllers: { id: number; address: string; leader: boolean }[];
  brokers: { id: number; address: string; rack: string; fenced: boolean; brokerEpoch: number }[];
  metadataOffset: number;
}
export interface PartitionStateWire {
  topic: string;
  topicId: string;
  partition: number;
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  replicas: number[];
  isr: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}
export interface DescribeTopicsResponse {
  error: ControllerErrorWire | null;
  topics: { name: string; topicId: string; partitions: PartitionStateWire[]; configs: TopicConfigWire[]; error: ControllerErrorWire | null }[];
}
