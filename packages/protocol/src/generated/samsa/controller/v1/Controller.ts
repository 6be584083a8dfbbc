// Original file: proto/samsa/v1/controller.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AllocateProducerIdsRequest as _samsa_controller_v1_AllocateProducerIdsRequest, AllocateProducerIdsRequest__Output as _samsa_controller_v1_AllocateProducerIdsRequest__Output } from '../../../samsa/controller/v1/AllocateProducerIdsRequest';
import type { AllocateProducerIdsResponse as _samsa_controller_v1_AllocateProducerIdsResponse, AllocateProducerIdsResponse__Output as _samsa_controller_v1_AllocateProducerIdsResponse__Output } from '../../../samsa/controller/v1/AllocateProducerIdsResponse';
import type { AlterConfigsRequest as _samsa_controller_v1_AlterConfigsRequest, AlterConfigsRequest__Output as _samsa_controller_v1_AlterConfigsRequest__Output } from '../../../samsa/controller/v1/AlterConfigsRequest';
import type { AlterConfigsResponse as _samsa_controller_v1_AlterConfigsResponse, AlterConfigsResponse__Output as _samsa_controller_v1_AlterConfigsResponse__Output } from '../../../samsa/controller/v1/AlterConfigsResponse';
import type { AlterPartitionReassignmentsRequest as _samsa_controller_v1_AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsRequest__Output as _samsa_controller_v1_AlterPartitionReassignmentsRequest__Output } from '../../../samsa/controller/v1/AlterPartitionReassignmentsRequest';
import type { AlterPartitionReassignmentsResponse as _samsa_controller_v1_AlterPartitionReassignmentsResponse, AlterPartitionReassignmentsResponse__Output as _samsa_controller_v1_AlterPartitionReassignmentsResponse__Output } from '../../../samsa/controller/v1/AlterPartitionReassignmentsResponse';
import type { AlterPartitionRequest as _samsa_controller_v1_AlterPartitionRequest, AlterPartitionRequest__Output as _samsa_controller_v1_AlterPartitionRequest__Output } from '../../../samsa/controller/v1/AlterPartitionRequest';
import type { AlterPartitionResponse as _samsa_controller_v1_AlterPartitionResponse, AlterPartitionResponse__Output as _samsa_controller_v1_AlterPartitionResponse__Output } from '../../../samsa/controller/v1/AlterPartitionResponse';
import type { BrokerHeartbeatRequest as _samsa_controller_v1_BrokerHeartbeatRequest, BrokerHeartbeatRequest__Output as _samsa_controller_v1_BrokerHeartbeatRequest__Output } from '../../../samsa/controller/v1/BrokerHeartbeatRequest';
import type { BrokerHeartbeatResponse as _samsa_controller_v1_BrokerHeartbeatResponse, BrokerHeartbeatResponse__Output as _samsa_controller_v1_BrokerHeartbeatResponse__Output } from '../../../samsa/controller/v1/BrokerHeartbeatResponse';
import type { CreatePartitionsRequest as _samsa_controller_v1_CreatePartitionsRequest, CreatePartitionsRequest__Output as _samsa_controller_v1_CreatePartitionsRequest__Output } from '../../../samsa/controller/v1/CreatePartitionsRequest';
import type { CreatePartitionsResponse as _samsa_controller_v1_CreatePartitionsResponse, CreatePartitionsResponse__Output as _samsa_controller_v1_CreatePartitionsResponse__Output } from '../../../samsa/controller/v1/CreatePartitionsResponse';
import type { CreateTopicsRequest as _samsa_controller_v1_CreateTopicsRequest, CreateTopicsRequest__Output as _samsa_controller_v1_CreateTopicsRequest__Output } from '../../../samsa/controller/v1/CreateTopicsRequest';
import type { CreateTopicsResponse as _samsa_controller_v1_CreateTopicsResponse, CreateTopicsResponse__Output as _samsa_controller_v1_CreateTopicsResponse__Output } from '../../../samsa/controller/v1/CreateTopicsResponse';
import type { DeleteTopicsRequest as _samsa_controller_v1_DeleteTopicsRequest, DeleteTopicsRequest__Output as _samsa_controller_v1_DeleteTopicsRequest__Output } from '../../../samsa/controller/v1/DeleteTopicsRequest';
import type { DeleteTopicsResponse as _samsa_controller_v1_DeleteTopicsResponse, DeleteTopicsResponse__Output as _samsa_controller_v1_DeleteTopicsResponse__Output } from '../../../samsa/controller/v1/DeleteTopicsResponse';
import type { DescribeClusterRequest as _samsa_controller_v1_DescribeClusterRequest, DescribeClusterRequest__Output as _samsa_controller_v1_DescribeClusterRequest__Output } from '../../../samsa/controller/v1/DescribeClusterRequest';
import type { DescribeClusterResponse as _samsa_controller_v1_DescribeClusterResponse, DescribeClusterResponse__Output as _samsa_controller_v1_DescribeClusterResponse__Output } from '../../../samsa/controller/v1/DescribeClusterResponse';
import type { DescribeTopicsRequest as _samsa_controller_v1_DescribeTopicsRequest, DescribeTopicsRequest__Output as _samsa_controller_v1_DescribeTopicsRequest__Output } from '../../../samsa/controller/v1/DescribeTopicsRequest';
import type { DescribeTopicsResponse as _samsa_controller_v1_DescribeTopicsResponse, DescribeTopicsResponse__Output as _samsa_controller_v1_DescribeTopicsResponse__Output } from '../../../samsa/controller/v1/DescribeTopicsResponse';
import type { FetchMetadataRequest as _samsa_controller_v1_FetchMetadataRequest, FetchMetadataRequest__Output as _samsa_controller_v1_FetchMetadataRequest__Output } from '../../../samsa/controller/v1/FetchMetadataRequest';
import type { FetchMetadataResponse as _samsa_controller_v1_FetchMetadataResponse, FetchMetadataResponse__Output as _samsa_controller_v1_FetchMetadataResponse__Output } from '../../../samsa/controller/v1/FetchMetadataResponse';
import type { ListPartitionReassignmentsRequest as _samsa_controller_v1_ListPartitionReassignmentsRequest, ListPartitionReassignmentsRequest__Output as _samsa_controller_v1_ListPartitionReassignmentsRequest__Output } from '../../../samsa/controller/v1/ListPartitionReassignmentsRequest';
import type { ListPartitionReassignmentsResponse as _samsa_controller_v1_ListPartitionReassignmentsResponse, ListPartitionReassignmentsResponse__Output as _samsa_controller_v1_ListPartitionReassignmentsResponse__Output } from '../../../samsa/controller/v1/ListPartitionReassignmentsResponse';
import type { RegisterBrokerRequest as _samsa_controller_v1_RegisterBrokerRequest, RegisterBrokerRequest__Output as _samsa_controller_v1_RegisterBrokerRequest__Output } from '../../../samsa/controller/v1/RegisterBrokerRequest';
import type { RegisterBrokerResponse as _samsa_controller_v1_RegisterBrokerResponse, RegisterBrokerResponse__Output as _samsa_controller_v1_RegisterBrokerResponse__Output } from '../../../samsa/controller/v1/RegisterBrokerResponse';

export interface ControllerClient extends grpc.Client {
  AllocateProducerIds(argument: _samsa_controller_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _samsa_controller_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _samsa_controller_v1_AllocateProducerIdsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _samsa_controller_v1_AllocateProducerIdsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _samsa_controller_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _samsa_controller_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _samsa_controller_v1_AllocateProducerIdsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _samsa_controller_v1_AllocateProducerIdsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  
  AlterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  AlterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  AlterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  AlterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  alterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  alterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  alterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  alterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  
  AlterPartition(argument: _samsa_controller_v1_AlterPartitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _samsa_controller_v1_AlterPartitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _samsa_controller_v1_AlterPartitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _samsa_controller_v1_AlterPartitionRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _samsa_controller_v1_AlterPartitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _samsa_controller_v1_AlterPartitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _samsa_controller_v1_AlterPartitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _samsa_controller_v1_AlterPartitionRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  
  AlterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  
  BrokerHeartbeat(argument: _samsa_controller_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _samsa_controller_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _samsa_controller_v1_BrokerHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _samsa_controller_v1_BrokerHeartbeatRequest, callback: grpc.requestCallback<_samsa_controller_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _samsa_controller_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _samsa_controller_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _samsa_controller_v1_BrokerHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _samsa_controller_v1_BrokerHeartbeatRequest, callback: grpc.requestCallback<_samsa_controller_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  CreatePartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  
  CreateTopics(argument: _samsa_controller_v1_CreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _samsa_controller_v1_CreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _samsa_controller_v1_CreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _samsa_controller_v1_CreateTopicsRequest, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _samsa_controller_v1_CreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _samsa_controller_v1_CreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _samsa_controller_v1_CreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _samsa_controller_v1_CreateTopicsRequest, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteTopics(argument: _samsa_controller_v1_DeleteTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _samsa_controller_v1_DeleteTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _samsa_controller_v1_DeleteTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _samsa_controller_v1_DeleteTopicsRequest, callback: grpc.requestCallback<_samsa_controller_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _samsa_controller_v1_DeleteTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _samsa_controller_v1_DeleteTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _samsa_controller_v1_DeleteTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _samsa_controller_v1_DeleteTopicsRequest, callback: grpc.requestCallback<_samsa_controller_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeCluster(argument: _samsa_controller_v1_DescribeClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _samsa_controller_v1_DescribeClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _samsa_controller_v1_DescribeClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _samsa_controller_v1_DescribeClusterRequest, callback: grpc.requestCallback<_samsa_controller_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _samsa_controller_v1_DescribeClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _samsa_controller_v1_DescribeClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _samsa_controller_v1_DescribeClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _samsa_controller_v1_DescribeClusterRequest, callback: grpc.requestCallback<_samsa_controller_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeTopics(argument: _samsa_controller_v1_DescribeTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DescribeTopicsResponse__Output>): grpc.ClientUnaryCall;
  DescribeTopics(argument: _samsa_controller_v1_DescribeTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_DescribeTopicsResponse__Output>): grpc.ClientUnaryCall;
  DescribeTopics(argument: _samsa_controller_v1_DescribeTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DescribeTopicsResponse__Output>): grpc.ClientUnaryCall;
  DescribeTopics(argument: _samsa_controller_v1_DescribeTopicsRequest, callback: grpc.requestCallback<_samsa_controller_v1_DescribeTopicsResponse__Output>): grpc.ClientUnaryCall;
  describeTopics(argument: _samsa_controller_v1_DescribeTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DescribeTopicsResponse__Output>): grpc.ClientUnaryCall;
  describeTopics(argument: _samsa_controller_v1_DescribeTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_DescribeTopicsResponse__Output>): grpc.ClientUnaryCall;
  describeTopics(argument: _samsa_controller_v1_DescribeTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_DescribeTopicsResponse__Output>): grpc.ClientUnaryCall;
  describeTopics(argument: _samsa_controller_v1_DescribeTopicsRequest, callback: grpc.requestCallback<_samsa_controller_v1_DescribeTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Committed metadata records from `from_offset` on, as they commit; a snapshot first when
   * the log no longer holds that offset (or the caller asks for one with from_offset 0).
   * Served by the active controller only: any other answers one message with NOT_CONTROLLER
   * and ends, and the active one ends its streams the same way when it loses leadership.
   */
  FetchMetadata(argument: _samsa_controller_v1_FetchMetadataRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_samsa_controller_v1_FetchMetadataResponse__Output>;
  FetchMetadata(argument: _samsa_controller_v1_FetchMetadataRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_samsa_controller_v1_FetchMetadataResponse__Output>;
  /**
   * Committed metadata records from `from_offset` on, as they commit; a snapshot first when
   * the log no longer holds that offset (or the caller asks for one with from_offset 0).
   * Served by the active controller only: any other answers one message with NOT_CONTROLLER
   * and ends, and the active one ends its streams the same way when it loses leadership.
   */
  fetchMetadata(argument: _samsa_controller_v1_FetchMetadataRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_samsa_controller_v1_FetchMetadataResponse__Output>;
  fetchMetadata(argument: _samsa_controller_v1_FetchMetadataRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_samsa_controller_v1_FetchMetadataResponse__Output>;
  
  ListPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterBroker(argument: _samsa_controller_v1_RegisterBrokerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _samsa_controller_v1_RegisterBrokerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _samsa_controller_v1_RegisterBrokerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _samsa_controller_v1_RegisterBrokerRequest, callback: grpc.requestCallback<_samsa_controller_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _samsa_controller_v1_RegisterBrokerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _samsa_controller_v1_RegisterBrokerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _samsa_controller_v1_RegisterBrokerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _samsa_controller_v1_RegisterBrokerRequest, callback: grpc.requestCallback<_samsa_controller_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ControllerHandlers extends grpc.UntypedServiceImplementation {
  AllocateProducerIds: grpc.handleUnaryCall<_samsa_controller_v1_AllocateProducerIdsRequest__Output, _samsa_controller_v1_AllocateProducerIdsResponse>;
  
  AlterConfigs: grpc.handleUnaryCall<_samsa_controller_v1_AlterConfigsRequest__Output, _samsa_controller_v1_AlterConfigsResponse>;
  
  AlterPartition: grpc.handleUnaryCall<_samsa_controller_v1_AlterPartitionRequest__Output, _samsa_controller_v1_AlterPartitionResponse>;
  
  AlterPartitionReassignments: grpc.handleUnaryCall<_samsa_controller_v1_AlterPartitionReassignmentsRequest__Output, _samsa_controller_v1_AlterPartitionReassignmentsResponse>;
  
  BrokerHeartbeat: grpc.handleUnaryCall<_samsa_controller_v1_BrokerHeartbeatRequest__Output, _samsa_controller_v1_BrokerHeartbeatResponse>;
  
  CreatePartitions: grpc.handleUnaryCall<_samsa_controller_v1_CreatePartitionsRequest__Output, _samsa_controller_v1_CreatePartitionsResponse>;
  
  CreateTopics: grpc.handleUnaryCall<_samsa_controller_v1_CreateTopicsRequest__Output, _samsa_controller_v1_CreateTopicsResponse>;
  
  DeleteTopics: grpc.handleUnaryCall<_samsa_controller_v1_DeleteTopicsRequest__Output, _samsa_controller_v1_DeleteTopicsResponse>;
  
  DescribeCluster: grpc.handleUnaryCall<_samsa_controller_v1_DescribeClusterRequest__Output, _samsa_controller_v1_DescribeClusterResponse>;
  
  DescribeTopics: grpc.handleUnaryCall<_samsa_controller_v1_DescribeTopicsRequest__Output, _samsa_controller_v1_DescribeTopicsResponse>;
  
  /**
   * Committed metadata records from `from_offset` on, as they commit; a snapshot first when
   * the log no longer holds that offset (or the caller asks for one with from_offset 0).
   * Served by the active controller only: any other answers one message with NOT_CONTROLLER
   * and ends, and the active one ends its streams the same way when it loses leadership.
   */
  FetchMetadata: grpc.handleServerStreamingCall<_samsa_controller_v1_FetchMetadataRequest__Output, _samsa_controller_v1_FetchMetadataResponse>;
  
  ListPartitionReassignments: grpc.handleUnaryCall<_samsa_controller_v1_ListPartitionReassignmentsRequest__Output, _samsa_controller_v1_ListPartitionReassignmentsResponse>;
  
  RegisterBroker: grpc.handleUnaryCall<_samsa_controller_v1_RegisterBrokerRequest__Output, _samsa_controller_v1_RegisterBrokerResponse>;
  
}

export interface ControllerDefinition extends grpc.ServiceDefinition {
  AllocateProducerIds: MethodDefinition<_samsa_controller_v1_AllocateProducerIdsRequest, _samsa_controller_v1_AllocateProducerIdsResponse, _samsa_controller_v1_AllocateProducerIdsRequest__Output, _samsa_controller_v1_AllocateProducerIdsResponse__Output>
  AlterConfigs: MethodDefinition<_samsa_controller_v1_AlterConfigsRequest, _samsa_controller_v1_AlterConfigsResponse, _samsa_controller_v1_AlterConfigsRequest__Output, _samsa_controller_v1_AlterConfigsResponse__Output>
  AlterPartition: MethodDefinition<_samsa_controller_v1_AlterPartitionRequest, _samsa_controller_v1_AlterPartitionResponse, _samsa_controller_v1_AlterPartitionRequest__Output, _samsa_controller_v1_AlterPartitionResponse__Output>
  AlterPartitionReassignments: MethodDefinition<_samsa_controller_v1_AlterPartitionReassignmentsRequest, _samsa_controller_v1_AlterPartitionReassignmentsResponse, _samsa_controller_v1_AlterPartitionReassignmentsRequest__Output, _samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>
  BrokerHeartbeat: MethodDefinition<_samsa_controller_v1_BrokerHeartbeatRequest, _samsa_controller_v1_BrokerHeartbeatResponse, _samsa_controller_v1_BrokerHeartbeatRequest__Output, _samsa_controller_v1_BrokerHeartbeatResponse__Output>
  CreatePartitions: MethodDefinition<_samsa_controller_v1_CreatePartitionsRequest, _samsa_controller_v1_CreatePartitionsResponse, _samsa_controller_v1_CreatePartitionsRequest__Output, _samsa_controller_v1_CreatePartitionsResponse__Output>
  CreateTopics: MethodDefinition<_samsa_controller_v1_CreateTopicsRequest, _samsa_controller_v1_CreateTopicsResponse, _samsa_controller_v1_CreateTopicsRequest__Output, _samsa_controller_v1_CreateTopicsResponse__Output>
  DeleteTopics: MethodDefinition<_samsa_controller_v1_DeleteTopicsRequest, _samsa_controller_v1_DeleteTopicsResponse, _samsa_controller_v1_DeleteTopicsRequest__Output, _samsa_controller_v1_DeleteTopicsResponse__Output>
  DescribeCluster: MethodDefinition<_samsa_controller_v1_DescribeClusterRequest, _samsa_controller_v1_DescribeClusterResponse, _samsa_controller_v1_DescribeClusterRequest__Output, _samsa_controller_v1_DescribeClusterResponse__Output>
  DescribeTopics: MethodDefinition<_samsa_controller_v1_DescribeTopicsRequest, _samsa_controller_v1_DescribeTopicsResponse, _samsa_controller_v1_DescribeTopicsRequest__Output, _samsa_controller_v1_DescribeTopicsResponse__Output>
  FetchMetadata: MethodDefinition<_samsa_controller_v1_FetchMetadataRequest, _samsa_controller_v1_FetchMetadataResponse, _samsa_controller_v1_FetchMetadataRequest__Output, _samsa_controller_v1_FetchMetadataResponse__Output>
  ListPartitionReassignments: MethodDefinition<_samsa_controller_v1_ListPartitionReassignmentsRequest, _samsa_controller_v1_ListPartitionReassignmentsResponse, _samsa_controller_v1_ListPartitionReassignmentsRequest__Output, _samsa_controller_v1_ListPartitionReassignmentsResponse__Output>
  RegisterBroker: MethodDefinition<_samsa_controller_v1_RegisterBrokerRequest, _samsa_controller_v1_RegisterBrokerResponse, _samsa_controller_v1_RegisterBrokerRequest__Output, _samsa_controller_v1_RegisterBrokerResponse__Output>
}
