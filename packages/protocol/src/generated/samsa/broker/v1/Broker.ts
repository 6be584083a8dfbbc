// Original file: proto/samsa/v1/broker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AlterConfigsRequest as _samsa_controller_v1_AlterConfigsRequest, AlterConfigsRequest__Output as _samsa_controller_v1_AlterConfigsRequest__Output } from '../../../samsa/controller/v1/AlterConfigsRequest';
import type { AlterConfigsResponse as _samsa_controller_v1_AlterConfigsResponse, AlterConfigsResponse__Output as _samsa_controller_v1_AlterConfigsResponse__Output } from '../../../samsa/controller/v1/AlterConfigsResponse';
import type { AlterPartitionReassignmentsRequest as _samsa_controller_v1_AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsRequest__Output as _samsa_controller_v1_AlterPartitionReassignmentsRequest__Output } from '../../../samsa/controller/v1/AlterPartitionReassignmentsRequest';
import type { AlterPartitionReassignmentsResponse as _samsa_controller_v1_AlterPartitionReassignmentsResponse, AlterPartitionReassignmentsResponse__Output as _samsa_controller_v1_AlterPartitionReassignmentsResponse__Output } from '../../../samsa/controller/v1/AlterPartitionReassignmentsResponse';
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
import type { FetchRequest as _samsa_broker_v1_FetchRequest, FetchRequest__Output as _samsa_broker_v1_FetchRequest__Output } from '../../../samsa/broker/v1/FetchRequest';
import type { FetchResponse as _samsa_broker_v1_FetchResponse, FetchResponse__Output as _samsa_broker_v1_FetchResponse__Output } from '../../../samsa/broker/v1/FetchResponse';
import type { InitProducerIdRequest as _samsa_broker_v1_InitProducerIdRequest, InitProducerIdRequest__Output as _samsa_broker_v1_InitProducerIdRequest__Output } from '../../../samsa/broker/v1/InitProducerIdRequest';
import type { InitProducerIdResponse as _samsa_broker_v1_InitProducerIdResponse, InitProducerIdResponse__Output as _samsa_broker_v1_InitProducerIdResponse__Output } from '../../../samsa/broker/v1/InitProducerIdResponse';
import type { ListOffsetsRequest as _samsa_broker_v1_ListOffsetsRequest, ListOffsetsRequest__Output as _samsa_broker_v1_ListOffsetsRequest__Output } from '../../../samsa/broker/v1/ListOffsetsRequest';
import type { ListOffsetsResponse as _samsa_broker_v1_ListOffsetsResponse, ListOffsetsResponse__Output as _samsa_broker_v1_ListOffsetsResponse__Output } from '../../../samsa/broker/v1/ListOffsetsResponse';
import type { ListPartitionReassignmentsRequest as _samsa_controller_v1_ListPartitionReassignmentsRequest, ListPartitionReassignmentsRequest__Output as _samsa_controller_v1_ListPartitionReassignmentsRequest__Output } from '../../../samsa/controller/v1/ListPartitionReassignmentsRequest';
import type { ListPartitionReassignmentsResponse as _samsa_controller_v1_ListPartitionReassignmentsResponse, ListPartitionReassignmentsResponse__Output as _samsa_controller_v1_ListPartitionReassignmentsResponse__Output } from '../../../samsa/controller/v1/ListPartitionReassignmentsResponse';
import type { MetadataRequest as _samsa_broker_v1_MetadataRequest, MetadataRequest__Output as _samsa_broker_v1_MetadataRequest__Output } from '../../../samsa/broker/v1/MetadataRequest';
import type { MetadataResponse as _samsa_broker_v1_MetadataResponse, MetadataResponse__Output as _samsa_broker_v1_MetadataResponse__Output } from '../../../samsa/broker/v1/MetadataResponse';
import type { ProduceRequest as _samsa_broker_v1_ProduceRequest, ProduceRequest__Output as _samsa_broker_v1_ProduceRequest__Output } from '../../../samsa/broker/v1/ProduceRequest';
import type { ProduceResponse as _samsa_broker_v1_ProduceResponse, ProduceResponse__Output as _samsa_broker_v1_ProduceResponse__Output } from '../../../samsa/broker/v1/ProduceResponse';

export interface BrokerClient extends grpc.Client {
  AlterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  AlterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  AlterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  AlterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  alterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  alterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  alterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  alterConfigs(argument: _samsa_controller_v1_AlterConfigsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  
  AlterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _samsa_controller_v1_AlterPartitionReassignmentsRequest, callback: grpc.requestCallback<_samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  
  CreatePartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _samsa_controller_v1_CreatePartitionsRequest, callback: grpc.requestCallback<_samsa_controller_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Admin calls: any broker forwards them to the active controller.
   */
  CreateTopics(argument: _samsa_controller_v1_CreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _samsa_controller_v1_CreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _samsa_controller_v1_CreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _samsa_controller_v1_CreateTopicsRequest, callback: grpc.requestCallback<_samsa_controller_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Admin calls: any broker forwards them to the active controller.
   */
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
   * Long-poll: answers when min_bytes are ready or max_wait_ms passed.
   */
  Fetch(argument: _samsa_broker_v1_FetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  Fetch(argument: _samsa_broker_v1_FetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  Fetch(argument: _samsa_broker_v1_FetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  Fetch(argument: _samsa_broker_v1_FetchRequest, callback: grpc.requestCallback<_samsa_broker_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Long-poll: answers when min_bytes are ready or max_wait_ms passed.
   */
  fetch(argument: _samsa_broker_v1_FetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  fetch(argument: _samsa_broker_v1_FetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  fetch(argument: _samsa_broker_v1_FetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  fetch(argument: _samsa_broker_v1_FetchRequest, callback: grpc.requestCallback<_samsa_broker_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  
  InitProducerId(argument: _samsa_broker_v1_InitProducerIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _samsa_broker_v1_InitProducerIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _samsa_broker_v1_InitProducerIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _samsa_broker_v1_InitProducerIdRequest, callback: grpc.requestCallback<_samsa_broker_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _samsa_broker_v1_InitProducerIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _samsa_broker_v1_InitProducerIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _samsa_broker_v1_InitProducerIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _samsa_broker_v1_InitProducerIdRequest, callback: grpc.requestCallback<_samsa_broker_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  
  ListOffsets(argument: _samsa_broker_v1_ListOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _samsa_broker_v1_ListOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _samsa_broker_v1_ListOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _samsa_broker_v1_ListOffsetsRequest, callback: grpc.requestCallback<_samsa_broker_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _samsa_broker_v1_ListOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _samsa_broker_v1_ListOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _samsa_broker_v1_ListOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _samsa_broker_v1_ListOffsetsRequest, callback: grpc.requestCallback<_samsa_broker_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  
  ListPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _samsa_controller_v1_ListPartitionReassignmentsRequest, callback: grpc.requestCallback<_samsa_controller_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  
  Metadata(argument: _samsa_broker_v1_MetadataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _samsa_broker_v1_MetadataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _samsa_broker_v1_MetadataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _samsa_broker_v1_MetadataRequest, callback: grpc.requestCallback<_samsa_broker_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _samsa_broker_v1_MetadataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _samsa_broker_v1_MetadataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _samsa_broker_v1_MetadataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _samsa_broker_v1_MetadataRequest, callback: grpc.requestCallback<_samsa_broker_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  
  Produce(argument: _samsa_broker_v1_ProduceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  Produce(argument: _samsa_broker_v1_ProduceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  Produce(argument: _samsa_broker_v1_ProduceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  Produce(argument: _samsa_broker_v1_ProduceRequest, callback: grpc.requestCallback<_samsa_broker_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  produce(argument: _samsa_broker_v1_ProduceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  produce(argument: _samsa_broker_v1_ProduceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_broker_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  produce(argument: _samsa_broker_v1_ProduceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_broker_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  produce(argument: _samsa_broker_v1_ProduceRequest, callback: grpc.requestCallback<_samsa_broker_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BrokerHandlers extends grpc.UntypedServiceImplementation {
  AlterConfigs: grpc.handleUnaryCall<_samsa_controller_v1_AlterConfigsRequest__Output, _samsa_controller_v1_AlterConfigsResponse>;
  
  AlterPartitionReassignments: grpc.handleUnaryCall<_samsa_controller_v1_AlterPartitionReassignmentsRequest__Output, _samsa_controller_v1_AlterPartitionReassignmentsResponse>;
  
  CreatePartitions: grpc.handleUnaryCall<_samsa_controller_v1_CreatePartitionsRequest__Output, _samsa_controller_v1_CreatePartitionsResponse>;
  
  /**
   * Admin calls: any broker forwards them to the active controller.
   */
  CreateTopics: grpc.handleUnaryCall<_samsa_controller_v1_CreateTopicsRequest__Output, _samsa_controller_v1_CreateTopicsResponse>;
  
  DeleteTopics: grpc.handleUnaryCall<_samsa_controller_v1_DeleteTopicsRequest__Output, _samsa_controller_v1_DeleteTopicsResponse>;
  
  DescribeCluster: grpc.handleUnaryCall<_samsa_controller_v1_DescribeClusterRequest__Output, _samsa_controller_v1_DescribeClusterResponse>;
  
  DescribeTopics: grpc.handleUnaryCall<_samsa_controller_v1_DescribeTopicsRequest__Output, _samsa_controller_v1_DescribeTopicsResponse>;
  
  /**
   * Long-poll: answers when min_bytes are ready or max_wait_ms passed.
   */
  Fetch: grpc.handleUnaryCall<_samsa_broker_v1_FetchRequest__Output, _samsa_broker_v1_FetchResponse>;
  
  InitProducerId: grpc.handleUnaryCall<_samsa_broker_v1_InitProducerIdRequest__Output, _samsa_broker_v1_InitProducerIdResponse>;
  
  ListOffsets: grpc.handleUnaryCall<_samsa_broker_v1_ListOffsetsRequest__Output, _samsa_broker_v1_ListOffsetsResponse>;
  
  ListPartitionReassignments: grpc.handleUnaryCall<_samsa_controller_v1_ListPartitionReassignmentsRequest__Output, _samsa_controller_v1_ListPartitionReassignmentsResponse>;
  
  Metadata: grpc.handleUnaryCall<_samsa_broker_v1_MetadataRequest__Output, _samsa_broker_v1_MetadataResponse>;
  
  Produce: grpc.handleUnaryCall<_samsa_broker_v1_ProduceRequest__Output, _samsa_broker_v1_ProduceResponse>;
  
}

export interface BrokerDefinition extends grpc.ServiceDefinition {
  AlterConfigs: MethodDefinition<_samsa_controller_v1_AlterConfigsRequest, _samsa_controller_v1_AlterConfigsResponse, _samsa_controller_v1_AlterConfigsRequest__Output, _samsa_controller_v1_AlterConfigsResponse__Output>
  AlterPartitionReassignments: MethodDefinition<_samsa_controller_v1_AlterPartitionReassignmentsRequest, _samsa_controller_v1_AlterPartitionReassignmentsResponse, _samsa_controller_v1_AlterPartitionReassignmentsRequest__Output, _samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>
  CreatePartitions: MethodDefinition<_samsa_controller_v1_CreatePartitionsRequest, _samsa_controller_v1_CreatePartitionsResponse, _samsa_controller_v1_CreatePartitionsRequest__Output, _samsa_controller_v1_CreatePartitionsResponse__Output>
  CreateTopics: MethodDefinition<_samsa_controller_v1_CreateTopicsRequest, _samsa_controller_v1_CreateTopicsResponse, _samsa_controller_v1_CreateTopicsRequest__Output, _samsa_controller_v1_CreateTopicsResponse__Output>
  DeleteTopics: MethodDefinition<_samsa_controller_v1_DeleteTopicsRequest, _samsa_controller_v1_DeleteTopicsResponse, _samsa_controller_v1_DeleteTopicsRequest__Output, _samsa_controller_v1_DeleteTopicsResponse__Output>
  DescribeCluster: MethodDefinition<_samsa_controller_v1_DescribeClusterRequest, _samsa_controller_v1_DescribeClusterResponse, _samsa_controller_v1_DescribeClusterRequest__Output, _samsa_controller_v1_DescribeClusterResponse__Output>
  DescribeTopics: MethodDefinition<_samsa_controller_v1_DescribeTopicsRequest, _samsa_controller_v1_DescribeTopicsResponse, _samsa_controller_v1_DescribeTopicsRequest__Output, _samsa_controller_v1_DescribeTopicsResponse__Output>
  Fetch: MethodDefinition<_samsa_broker_v1_FetchRequest, _samsa_broker_v1_FetchResponse, _samsa_broker_v1_FetchRequest__Output, _samsa_broker_v1_FetchResponse__Output>
  InitProducerId: MethodDefinition<_samsa_broker_v1_InitProducerIdRequest, _samsa_broker_v1_InitProducerIdResponse, _samsa_broker_v1_InitProducerIdRequest__Output, _samsa_broker_v1_InitProducerIdResponse__Output>
  ListOffsets: MethodDefinition<_samsa_broker_v1_ListOffsetsRequest, _samsa_broker_v1_ListOffsetsResponse, _samsa_broker_v1_ListOffsetsRequest__Output, _samsa_broker_v1_ListOffsetsResponse__Output>
  ListPartitionReassignments: MethodDefinition<_samsa_controller_v1_ListPartitionReassignmentsRequest, _samsa_controller_v1_ListPartitionReassignmentsResponse, _samsa_controller_v1_ListPartitionReassignmentsRequest__Output, _samsa_controller_v1_ListPartitionReassignmentsResponse__Output>
  Metadata: MethodDefinition<_samsa_broker_v1_MetadataRequest, _samsa_broker_v1_MetadataResponse, _samsa_broker_v1_MetadataRequest__Output, _samsa_broker_v1_MetadataResponse__Output>
  Produce: MethodDefinition<_samsa_broker_v1_ProduceRequest, _samsa_broker_v1_ProduceResponse, _samsa_broker_v1_ProduceRequest__Output, _samsa_broker_v1_ProduceResponse__Output>
}
