import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BrokerClient as _samsa_broker_v1_BrokerClient, BrokerDefinition as _samsa_broker_v1_BrokerDefinition } from './samsa/broker/v1/Broker';
import type { BrokerNode as _samsa_broker_v1_BrokerNode, BrokerNode__Output as _samsa_broker_v1_BrokerNode__Output } from './samsa/broker/v1/BrokerNode';
import type { EpochEndOffset as _samsa_broker_v1_EpochEndOffset, EpochEndOffset__Output as _samsa_broker_v1_EpochEndOffset__Output } from './samsa/broker/v1/EpochEndOffset';
import type { FetchPartition as _samsa_broker_v1_FetchPartition, FetchPartition__Output as _samsa_broker_v1_FetchPartition__Output } from './samsa/broker/v1/FetchPartition';
import type { FetchRequest as _samsa_broker_v1_FetchRequest, FetchRequest__Output as _samsa_broker_v1_FetchRequest__Output } from './samsa/broker/v1/FetchRequest';
import type { FetchResponse as _samsa_broker_v1_FetchResponse, FetchResponse__Output as _samsa_broker_v1_FetchResponse__Output } from './samsa/broker/v1/FetchResponse';
import type { FetchTopic as _samsa_broker_v1_FetchTopic, FetchTopic__Output as _samsa_broker_v1_FetchTopic__Output } from './samsa/broker/v1/FetchTopic';
import type { FetchableTopicResponse as _samsa_broker_v1_FetchableTopicResponse, FetchableTopicResponse__Output as _samsa_broker_v1_FetchableTopicResponse__Output } from './samsa/broker/v1/FetchableTopicResponse';
import type { ForgottenPartition as _samsa_broker_v1_ForgottenPartition, ForgottenPartition__Output as _samsa_broker_v1_ForgottenPartition__Output } from './samsa/broker/v1/ForgottenPartition';
import type { InitProducerIdRequest as _samsa_broker_v1_InitProducerIdRequest, InitProducerIdRequest__Output as _samsa_broker_v1_InitProducerIdRequest__Output } from './samsa/broker/v1/InitProducerIdRequest';
import type { InitProducerIdResponse as _samsa_broker_v1_InitProducerIdResponse, InitProducerIdResponse__Output as _samsa_broker_v1_InitProducerIdResponse__Output } from './samsa/broker/v1/InitProducerIdResponse';
import type { LeaderHint as _samsa_broker_v1_LeaderHint, LeaderHint__Output as _samsa_broker_v1_LeaderHint__Output } from './samsa/broker/v1/LeaderHint';
import type { ListOffsetsPartition as _samsa_broker_v1_ListOffsetsPartition, ListOffsetsPartition__Output as _samsa_broker_v1_ListOffsetsPartition__Output } from './samsa/broker/v1/ListOffsetsPartition';
import type { ListOffsetsPartitionResponse as _samsa_broker_v1_ListOffsetsPartitionResponse, ListOffsetsPartitionResponse__Output as _samsa_broker_v1_ListOffsetsPartitionResponse__Output } from './samsa/broker/v1/ListOffsetsPartitionResponse';
import type { ListOffsetsRequest as _samsa_broker_v1_ListOffsetsRequest, ListOffsetsRequest__Output as _samsa_broker_v1_ListOffsetsRequest__Output } from './samsa/broker/v1/ListOffsetsRequest';
import type { ListOffsetsResponse as _samsa_broker_v1_ListOffsetsResponse, ListOffsetsResponse__Output as _samsa_broker_v1_ListOffsetsResponse__Output } from './samsa/broker/v1/ListOffsetsResponse';
import type { ListOffsetsTopic as _samsa_broker_v1_ListOffsetsTopic, ListOffsetsTopic__Output as _samsa_broker_v1_ListOffsetsTopic__Output } from './samsa/broker/v1/ListOffsetsTopic';
import type { ListOffsetsTopicResponse as _samsa_broker_v1_ListOffsetsTopicResponse, ListOffsetsTopicResponse__Output as _samsa_broker_v1_ListOffsetsTopicResponse__Output } from './samsa/broker/v1/ListOffsetsTopicResponse';
import type { MetadataRequest as _samsa_broker_v1_MetadataRequest, MetadataRequest__Output as _samsa_broker_v1_MetadataRequest__Output } from './samsa/broker/v1/MetadataRequest';
import type { MetadataResponse as _samsa_broker_v1_MetadataResponse, MetadataResponse__Output as _samsa_broker_v1_MetadataResponse__Output } from './samsa/broker/v1/MetadataResponse';
import type { PartitionData as _samsa_broker_v1_PartitionData, PartitionData__Output as _samsa_broker_v1_PartitionData__Output } from './samsa/broker/v1/PartitionData';
import type { PartitionMetadata as _samsa_broker_v1_PartitionMetadata, PartitionMetadata__Output as _samsa_broker_v1_PartitionMetadata__Output } from './samsa/broker/v1/PartitionMetadata';
import type { PartitionProduceData as _samsa_broker_v1_PartitionProduceData, PartitionProduceData__Output as _samsa_broker_v1_PartitionProduceData__Output } from './samsa/broker/v1/PartitionProduceData';
import type { PartitionProduceResponse as _samsa_broker_v1_PartitionProduceResponse, PartitionProduceResponse__Output as _samsa_broker_v1_PartitionProduceResponse__Output } from './samsa/broker/v1/PartitionProduceResponse';
import type { ProduceRequest as _samsa_broker_v1_ProduceRequest, ProduceRequest__Output as _samsa_broker_v1_ProduceRequest__Output } from './samsa/broker/v1/ProduceRequest';
import type { ProduceResponse as _samsa_broker_v1_ProduceResponse, ProduceResponse__Output as _samsa_broker_v1_ProduceResponse__Output } from './samsa/broker/v1/ProduceResponse';
import type { ReplicaFetchPartition as _samsa_broker_v1_ReplicaFetchPartition, ReplicaFetchPartition__Output as _samsa_broker_v1_ReplicaFetchPartition__Output } from './samsa/broker/v1/ReplicaFetchPartition';
import type { ReplicaFetchRequest as _samsa_broker_v1_ReplicaFetchRequest, ReplicaFetchRequest__Output as _samsa_broker_v1_ReplicaFetchRequest__Output } from './samsa/broker/v1/ReplicaFetchRequest';
import type { ReplicaFetchResponse as _samsa_broker_v1_ReplicaFetchResponse, ReplicaFetchResponse__Output as _samsa_broker_v1_ReplicaFetchResponse__Output } from './samsa/broker/v1/ReplicaFetchResponse';
import type { ReplicaPartitionData as _samsa_broker_v1_ReplicaPartitionData, ReplicaPartitionData__Output as _samsa_broker_v1_ReplicaPartitionData__Output } from './samsa/broker/v1/ReplicaPartitionData';
import type { ReplicationClient as _samsa_broker_v1_ReplicationClient, ReplicationDefinition as _samsa_broker_v1_ReplicationDefinition } from './samsa/broker/v1/Replication';
import type { TopicMetadata as _samsa_broker_v1_TopicMetadata, TopicMetadata__Output as _samsa_broker_v1_TopicMetadata__Output } from './samsa/broker/v1/TopicMetadata';
import type { TopicProduceData as _samsa_broker_v1_TopicProduceData, TopicProduceData__Output as _samsa_broker_v1_TopicProduceData__Output } from './samsa/broker/v1/TopicProduceData';
import type { TopicProduceResponse as _samsa_broker_v1_TopicProduceResponse, TopicProduceResponse__Output as _samsa_broker_v1_TopicProduceResponse__Output } from './samsa/broker/v1/TopicProduceResponse';
import type { AllocateProducerIdsRequest as _samsa_controller_v1_AllocateProducerIdsRequest, AllocateProducerIdsRequest__Output as _samsa_controller_v1_AllocateProducerIdsRequest__Output } from './samsa/controller/v1/AllocateProducerIdsRequest';
import type { AllocateProducerIdsResponse as _samsa_controller_v1_AllocateProducerIdsResponse, AllocateProducerIdsResponse__Output as _samsa_controller_v1_AllocateProducerIdsResponse__Output } from './samsa/controller/v1/AllocateProducerIdsResponse';
import type { AlterConfigsRequest as _samsa_controller_v1_AlterConfigsRequest, AlterConfigsRequest__Output as _samsa_controller_v1_AlterConfigsRequest__Output } from './samsa/controller/v1/AlterConfigsRequest';
import type { AlterConfigsResponse as _samsa_controller_v1_AlterConfigsResponse, AlterConfigsResponse__Output as _samsa_controller_v1_AlterConfigsResponse__Output } from './samsa/controller/v1/AlterConfigsResponse';
import type { AlterPartitionReassignmentsRequest as _samsa_controller_v1_AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsRequest__Output as _samsa_controller_v1_AlterPartitionReassignmentsRequest__Output } from './samsa/controller/v1/AlterPartitionReassignmentsRequest';
import type { AlterPartitionReassignmentsResponse as _samsa_controller_v1_AlterPartitionReassignmentsResponse, AlterPartitionReassignmentsResponse__Output as _samsa_controller_v1_AlterPartitionReassignmentsResponse__Output } from './samsa/controller/v1/AlterPartitionReassignmentsResponse';
import type { AlterPartitionRequest as _samsa_controller_v1_AlterPartitionRequest, AlterPartitionRequest__Output as _samsa_controller_v1_AlterPartitionRequest__Output } from './samsa/controller/v1/AlterPartitionRequest';
import type { AlterPartitionResponse as _samsa_controller_v1_AlterPartitionResponse, AlterPartitionResponse__Output as _samsa_controller_v1_AlterPartitionResponse__Output } from './samsa/controller/v1/AlterPartitionResponse';
import type { BrokerHeartbeatRequest as _samsa_controller_v1_BrokerHeartbeatRequest, BrokerHeartbeatRequest__Output as _samsa_controller_v1_BrokerHeartbeatRequest__Output } from './samsa/controller/v1/BrokerHeartbeatRequest';
import type { BrokerHeartbeatResponse as _samsa_controller_v1_BrokerHeartbeatResponse, BrokerHeartbeatResponse__Output as _samsa_controller_v1_BrokerHeartbeatResponse__Output } from './samsa/controller/v1/BrokerHeartbeatResponse';
import type { BrokerInfo as _samsa_controller_v1_BrokerInfo, BrokerInfo__Output as _samsa_controller_v1_BrokerInfo__Output } from './samsa/controller/v1/BrokerInfo';
import type { BrokerState as _samsa_controller_v1_BrokerState, BrokerState__Output as _samsa_controller_v1_BrokerState__Output } from './samsa/controller/v1/BrokerState';
import type { ConfigChange as _samsa_controller_v1_ConfigChange, ConfigChange__Output as _samsa_controller_v1_ConfigChange__Output } from './samsa/controller/v1/ConfigChange';
import type { ControllerClient as _samsa_controller_v1_ControllerClient, ControllerDefinition as _samsa_controller_v1_ControllerDefinition } from './samsa/controller/v1/Controller';
import type { ControllerInfo as _samsa_controller_v1_ControllerInfo, ControllerInfo__Output as _samsa_controller_v1_ControllerInfo__Output } from './samsa/controller/v1/ControllerInfo';
import type { CreatableTopic as _samsa_controller_v1_CreatableTopic, CreatableTopic__Output as _samsa_controller_v1_CreatableTopic__Output } from './samsa/controller/v1/CreatableTopic';
import type { CreatePartitionsRequest as _samsa_controller_v1_CreatePartitionsRequest, CreatePartitionsRequest__Output as _samsa_controller_v1_CreatePartitionsRequest__Output } from './samsa/controller/v1/CreatePartitionsRequest';
import type { CreatePartitionsResponse as _samsa_controller_v1_CreatePartitionsResponse, CreatePartitionsResponse__Output as _samsa_controller_v1_CreatePartitionsResponse__Output } from './samsa/controller/v1/CreatePartitionsResponse';
import type { CreateTopicResult as _samsa_controller_v1_CreateTopicResult, CreateTopicResult__Output as _samsa_controller_v1_CreateTopicResult__Output } from './samsa/controller/v1/CreateTopicResult';
import type { CreateTopicsRequest as _samsa_controller_v1_CreateTopicsRequest, CreateTopicsRequest__Output as _samsa_controller_v1_CreateTopicsRequest__Output } from './samsa/controller/v1/CreateTopicsRequest';
import type { CreateTopicsResponse as _samsa_controller_v1_CreateTopicsResponse, CreateTopicsResponse__Output as _samsa_controller_v1_CreateTopicsResponse__Output } from './samsa/controller/v1/CreateTopicsResponse';
import type { DeleteTopicsRequest as _samsa_controller_v1_DeleteTopicsRequest, DeleteTopicsRequest__Output as _samsa_controller_v1_DeleteTopicsRequest__Output } from './samsa/controller/v1/DeleteTopicsRequest';
import type { DeleteTopicsResponse as _samsa_controller_v1_DeleteTopicsResponse, DeleteTopicsResponse__Output as _samsa_controller_v1_DeleteTopicsResponse__Output } from './samsa/controller/v1/DeleteTopicsResponse';
import type { DescribeClusterRequest as _samsa_controller_v1_DescribeClusterRequest, DescribeClusterRequest__Output as _samsa_controller_v1_DescribeClusterRequest__Output } from './samsa/controller/v1/DescribeClusterRequest';
import type { DescribeClusterResponse as _samsa_controller_v1_DescribeClusterResponse, DescribeClusterResponse__Output as _samsa_controller_v1_DescribeClusterResponse__Output } from './samsa/controller/v1/DescribeClusterResponse';
import type { DescribeTopicsRequest as _samsa_controller_v1_DescribeTopicsRequest, DescribeTopicsRequest__Output as _samsa_controller_v1_DescribeTopicsRequest__Output } from './samsa/controller/v1/DescribeTopicsRequest';
import type { DescribeTopicsResponse as _samsa_controller_v1_DescribeTopicsResponse, DescribeTopicsResponse__Output as _samsa_controller_v1_DescribeTopicsResponse__Output } from './samsa/controller/v1/DescribeTopicsResponse';
import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from './samsa/controller/v1/Error';
import type { FetchMetadataRequest as _samsa_controller_v1_FetchMetadataRequest, FetchMetadataRequest__Output as _samsa_controller_v1_FetchMetadataRequest__Output } from './samsa/controller/v1/FetchMetadataRequest';
import type { FetchMetadataResponse as _samsa_controller_v1_FetchMetadataResponse, FetchMetadataResponse__Output as _samsa_controller_v1_FetchMetadataResponse__Output } from './samsa/controller/v1/FetchMetadataResponse';
import type { ListPartitionReassignmentsRequest as _samsa_controller_v1_ListPartitionReassignmentsRequest, ListPartitionReassignmentsRequest__Output as _samsa_controller_v1_ListPartitionReassignmentsRequest__Output } from './samsa/controller/v1/ListPartitionReassignmentsRequest';
import type { ListPartitionReassignmentsResponse as _samsa_controller_v1_ListPartitionReassignmentsResponse, ListPartitionReassignmentsResponse__Output as _samsa_controller_v1_ListPartitionReassignmentsResponse__Output } from './samsa/controller/v1/ListPartitionReassignmentsResponse';
import type { Listener as _samsa_controller_v1_Listener, Listener__Output as _samsa_controller_v1_Listener__Output } from './samsa/controller/v1/Listener';
import type { MetadataEntry as _samsa_controller_v1_MetadataEntry, MetadataEntry__Output as _samsa_controller_v1_MetadataEntry__Output } from './samsa/controller/v1/MetadataEntry';
import type { NodeAddress as _samsa_controller_v1_NodeAddress, NodeAddress__Output as _samsa_controller_v1_NodeAddress__Output } from './samsa/controller/v1/NodeAddress';
import type { OngoingReassignment as _samsa_controller_v1_OngoingReassignment, OngoingReassignment__Output as _samsa_controller_v1_OngoingReassignment__Output } from './samsa/controller/v1/OngoingReassignment';
import type { PartitionIsrChange as _samsa_controller_v1_PartitionIsrChange, PartitionIsrChange__Output as _samsa_controller_v1_PartitionIsrChange__Output } from './samsa/controller/v1/PartitionIsrChange';
import type { PartitionIsrResult as _samsa_controller_v1_PartitionIsrResult, PartitionIsrResult__Output as _samsa_controller_v1_PartitionIsrResult__Output } from './samsa/controller/v1/PartitionIsrResult';
import type { PartitionState as _samsa_controller_v1_PartitionState, PartitionState__Output as _samsa_controller_v1_PartitionState__Output } from './samsa/controller/v1/PartitionState';
import type { ReassignablePartition as _samsa_controller_v1_ReassignablePartition, ReassignablePartition__Output as _samsa_controller_v1_ReassignablePartition__Output } from './samsa/controller/v1/ReassignablePartition';
import type { ReassignmentResult as _samsa_controller_v1_ReassignmentResult, ReassignmentResult__Output as _samsa_controller_v1_ReassignmentResult__Output } from './samsa/controller/v1/ReassignmentResult';
import type { RegisterBrokerRequest as _samsa_controller_v1_RegisterBrokerRequest, RegisterBrokerRequest__Output as _samsa_controller_v1_RegisterBrokerRequest__Output } from './samsa/controller/v1/RegisterBrokerRequest';
import type { RegisterBrokerResponse as _samsa_controller_v1_RegisterBrokerResponse, RegisterBrokerResponse__Output as _samsa_controller_v1_RegisterBrokerResponse__Output } from './samsa/controller/v1/RegisterBrokerResponse';
import type { ReplicaLogState as _samsa_controller_v1_ReplicaLogState, ReplicaLogState__Output as _samsa_controller_v1_ReplicaLogState__Output } from './samsa/controller/v1/ReplicaLogState';
import type { TopicConfig as _samsa_controller_v1_TopicConfig, TopicConfig__Output as _samsa_controller_v1_TopicConfig__Output } from './samsa/controller/v1/TopicConfig';
import type { TopicDescription as _samsa_controller_v1_TopicDescription, TopicDescription__Output as _samsa_controller_v1_TopicDescription__Output } from './samsa/controller/v1/TopicDescription';
import type { TopicResult as _samsa_controller_v1_TopicResult, TopicResult__Output as _samsa_controller_v1_TopicResult__Output } from './samsa/controller/v1/TopicResult';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  samsa: {
    broker: {
      v1: {
        Broker: SubtypeConstructor<typeof grpc.Client, _samsa_broker_v1_BrokerClient> & { service: _samsa_broker_v1_BrokerDefinition }
        BrokerNode: MessageTypeDefinition<_samsa_broker_v1_BrokerNode, _samsa_broker_v1_BrokerNode__Output>
        EpochEndOffset: MessageTypeDefinition<_samsa_broker_v1_EpochEndOffset, _samsa_broker_v1_EpochEndOffset__Output>
        FetchPartition: MessageTypeDefinition<_samsa_broker_v1_FetchPartition, _samsa_broker_v1_FetchPartition__Output>
        FetchRequest: MessageTypeDefinition<_samsa_broker_v1_FetchRequest, _samsa_broker_v1_FetchRequest__Output>
        FetchResponse: MessageTypeDefinition<_samsa_broker_v1_FetchResponse, _samsa_broker_v1_FetchResponse__Output>
        FetchTopic: MessageTypeDefinition<_samsa_broker_v1_FetchTopic, _samsa_broker_v1_FetchTopic__Output>
        FetchableTopicResponse: MessageTypeDefinition<_samsa_broker_v1_FetchableTopicResponse, _samsa_broker_v1_FetchableTopicResponse__Output>
        ForgottenPartition: MessageTypeDefinition<_samsa_broker_v1_ForgottenPartition, _samsa_broker_v1_ForgottenPartition__Output>
        InitProducerIdRequest: MessageTypeDefinition<_samsa_broker_v1_InitProducerIdRequest, _samsa_broker_v1_InitProducerIdRequest__Output>
        InitProducerIdResponse: MessageTypeDefinition<_samsa_broker_v1_InitProducerIdResponse, _samsa_broker_v1_InitProducerIdResponse__Output>
        LeaderHint: MessageTypeDefinition<_samsa_broker_v1_LeaderHint, _samsa_broker_v1_LeaderHint__Output>
        ListOffsetsPartition: MessageTypeDefinition<_samsa_broker_v1_ListOffsetsPartition, _samsa_broker_v1_ListOffsetsPartition__Output>
        ListOffsetsPartitionResponse: MessageTypeDefinition<_samsa_broker_v1_ListOffsetsPartitionResponse, _samsa_broker_v1_ListOffsetsPartitionResponse__Output>
        ListOffsetsRequest: MessageTypeDefinition<_samsa_broker_v1_ListOffsetsRequest, _samsa_broker_v1_ListOffsetsRequest__Output>
        ListOffsetsResponse: MessageTypeDefinition<_samsa_broker_v1_ListOffsetsResponse, _samsa_broker_v1_ListOffsetsResponse__Output>
        ListOffsetsTopic: MessageTypeDefinition<_samsa_broker_v1_ListOffsetsTopic, _samsa_broker_v1_ListOffsetsTopic__Output>
        ListOffsetsTopicResponse: MessageTypeDefinition<_samsa_broker_v1_ListOffsetsTopicResponse, _samsa_broker_v1_ListOffsetsTopicResponse__Output>
        MetadataRequest: MessageTypeDefinition<_samsa_broker_v1_MetadataRequest, _samsa_broker_v1_MetadataRequest__Output>
        MetadataResponse: MessageTypeDefinition<_samsa_broker_v1_MetadataResponse, _samsa_broker_v1_MetadataResponse__Output>
        PartitionData: MessageTypeDefinition<_samsa_broker_v1_PartitionData, _samsa_broker_v1_PartitionData__Output>
        PartitionMetadata: MessageTypeDefinition<_samsa_broker_v1_PartitionMetadata, _samsa_broker_v1_PartitionMetadata__Output>
        PartitionProduceData: MessageTypeDefinition<_samsa_broker_v1_PartitionProduceData, _samsa_broker_v1_PartitionProduceData__Output>
        PartitionProduceResponse: MessageTypeDefinition<_samsa_broker_v1_PartitionProduceResponse, _samsa_broker_v1_PartitionProduceResponse__Output>
        ProduceRequest: MessageTypeDefinition<_samsa_broker_v1_ProduceRequest, _samsa_broker_v1_ProduceRequest__Output>
        ProduceResponse: MessageTypeDefinition<_samsa_broker_v1_ProduceResponse, _samsa_broker_v1_ProduceResponse__Output>
        ReplicaFetchPartition: MessageTypeDefinition<_samsa_broker_v1_ReplicaFetchPartition, _samsa_broker_v1_ReplicaFetchPartition__Output>
        ReplicaFetchRequest: MessageTypeDefinition<_samsa_broker_v1_ReplicaFetchRequest, _samsa_broker_v1_ReplicaFetchRequest__Output>
        ReplicaFetchResponse: MessageTypeDefinition<_samsa_broker_v1_ReplicaFetchResponse, _samsa_broker_v1_ReplicaFetchResponse__Output>
        ReplicaPartitionData: MessageTypeDefinition<_samsa_broker_v1_ReplicaPartitionData, _samsa_broker_v1_ReplicaPartitionData__Output>
        Replication: SubtypeConstructor<typeof grpc.Client, _samsa_broker_v1_ReplicationClient> & { service: _samsa_broker_v1_ReplicationDefinition }
        TopicMetadata: MessageTypeDefinition<_samsa_broker_v1_TopicMetadata, _samsa_broker_v1_TopicMetadata__Output>
        TopicProduceData: MessageTypeDefinition<_samsa_broker_v1_TopicProduceData, _samsa_broker_v1_TopicProduceData__Output>
        TopicProduceResponse: MessageTypeDefinition<_samsa_broker_v1_TopicProduceResponse, _samsa_broker_v1_TopicProduceResponse__Output>
      }
    }
    controller: {
      v1: {
        AllocateProducerIdsRequest: MessageTypeDefinition<_samsa_controller_v1_AllocateProducerIdsRequest, _samsa_controller_v1_AllocateProducerIdsRequest__Output>
        AllocateProducerIdsResponse: MessageTypeDefinition<_samsa_controller_v1_AllocateProducerIdsResponse, _samsa_controller_v1_AllocateProducerIdsResponse__Output>
        AlterConfigsRequest: MessageTypeDefinition<_samsa_controller_v1_AlterConfigsRequest, _samsa_controller_v1_AlterConfigsRequest__Output>
        AlterConfigsResponse: MessageTypeDefinition<_samsa_controller_v1_AlterConfigsResponse, _samsa_controller_v1_AlterConfigsResponse__Output>
        AlterPartitionReassignmentsRequest: MessageTypeDefinition<_samsa_controller_v1_AlterPartitionReassignmentsRequest, _samsa_controller_v1_AlterPartitionReassignmentsRequest__Output>
        AlterPartitionReassignmentsResponse: MessageTypeDefinition<_samsa_controller_v1_AlterPartitionReassignmentsResponse, _samsa_controller_v1_AlterPartitionReassignmentsResponse__Output>
        AlterPartitionRequest: MessageTypeDefinition<_samsa_controller_v1_AlterPartitionRequest, _samsa_controller_v1_AlterPartitionRequest__Output>
        AlterPartitionResponse: MessageTypeDefinition<_samsa_controller_v1_AlterPartitionResponse, _samsa_controller_v1_AlterPartitionResponse__Output>
        BrokerHeartbeatRequest: MessageTypeDefinition<_samsa_controller_v1_BrokerHeartbeatRequest, _samsa_controller_v1_BrokerHeartbeatRequest__Output>
        BrokerHeartbeatResponse: MessageTypeDefinition<_samsa_controller_v1_BrokerHeartbeatResponse, _samsa_controller_v1_BrokerHeartbeatResponse__Output>
        BrokerInfo: MessageTypeDefinition<_samsa_controller_v1_BrokerInfo, _samsa_controller_v1_BrokerInfo__Output>
        BrokerState: MessageTypeDefinition<_samsa_controller_v1_BrokerState, _samsa_controller_v1_BrokerState__Output>
        ConfigChange: MessageTypeDefinition<_samsa_controller_v1_ConfigChange, _samsa_controller_v1_ConfigChange__Output>
        Controller: SubtypeConstructor<typeof grpc.Client, _samsa_controller_v1_ControllerClient> & { service: _samsa_controller_v1_ControllerDefinition }
        ControllerInfo: MessageTypeDefinition<_samsa_controller_v1_ControllerInfo, _samsa_controller_v1_ControllerInfo__Output>
        CreatableTopic: MessageTypeDefinition<_samsa_controller_v1_CreatableTopic, _samsa_controller_v1_CreatableTopic__Output>
        CreatePartitionsRequest: MessageTypeDefinition<_samsa_controller_v1_CreatePartitionsRequest, _samsa_controller_v1_CreatePartitionsRequest__Output>
        CreatePartitionsResponse: MessageTypeDefinition<_samsa_controller_v1_CreatePartitionsResponse, _samsa_controller_v1_CreatePartitionsResponse__Output>
        CreateTopicResult: MessageTypeDefinition<_samsa_controller_v1_CreateTopicResult, _samsa_controller_v1_CreateTopicResult__Output>
        CreateTopicsRequest: MessageTypeDefinition<_samsa_controller_v1_CreateTopicsRequest, _samsa_controller_v1_CreateTopicsRequest__Output>
        CreateTopicsResponse: MessageTypeDefinition<_samsa_controller_v1_CreateTopicsResponse, _samsa_controller_v1_CreateTopicsResponse__Output>
        DeleteTopicsRequest: MessageTypeDefinition<_samsa_controller_v1_DeleteTopicsRequest, _samsa_controller_v1_DeleteTopicsRequest__Output>
        DeleteTopicsResponse: MessageTypeDefinition<_samsa_controller_v1_DeleteTopicsResponse, _samsa_controller_v1_DeleteTopicsResponse__Output>
        DescribeClusterRequest: MessageTypeDefinition<_samsa_controller_v1_DescribeClusterRequest, _samsa_controller_v1_DescribeClusterRequest__Output>
        DescribeClusterResponse: MessageTypeDefinition<_samsa_controller_v1_DescribeClusterResponse, _samsa_controller_v1_DescribeClusterResponse__Output>
        DescribeTopicsRequest: MessageTypeDefinition<_samsa_controller_v1_DescribeTopicsRequest, _samsa_controller_v1_DescribeTopicsRequest__Output>
        DescribeTopicsResponse: MessageTypeDefinition<_samsa_controller_v1_DescribeTopicsResponse, _samsa_controller_v1_DescribeTopicsResponse__Output>
        Error: MessageTypeDefinition<_samsa_controller_v1_Error, _samsa_controller_v1_Error__Output>
        FetchMetadataRequest: MessageTypeDefinition<_samsa_controller_v1_FetchMetadataRequest, _samsa_controller_v1_FetchMetadataRequest__Output>
        FetchMetadataResponse: MessageTypeDefinition<_samsa_controller_v1_FetchMetadataResponse, _samsa_controller_v1_FetchMetadataResponse__Output>
        ListPartitionReassignmentsRequest: MessageTypeDefinition<_samsa_controller_v1_ListPartitionReassignmentsRequest, _samsa_controller_v1_ListPartitionReassignmentsRequest__Output>
        ListPartitionReassignmentsResponse: MessageTypeDefinition<_samsa_controller_v1_ListPartitionReassignmentsResponse, _samsa_controller_v1_ListPartitionReassignmentsResponse__Output>
        Listener: MessageTypeDefinition<_samsa_controller_v1_Listener, _samsa_controller_v1_Listener__Output>
        MetadataEntry: MessageTypeDefinition<_samsa_controller_v1_MetadataEntry, _samsa_controller_v1_MetadataEntry__Output>
        NodeAddress: MessageTypeDefinition<_samsa_controller_v1_NodeAddress, _samsa_controller_v1_NodeAddress__Output>
        OngoingReassignment: MessageTypeDefinition<_samsa_controller_v1_OngoingReassignment, _samsa_controller_v1_OngoingReassignment__Output>
        PartitionIsrChange: MessageTypeDefinition<_samsa_controller_v1_PartitionIsrChange, _samsa_controller_v1_PartitionIsrChange__Output>
        PartitionIsrResult: MessageTypeDefinition<_samsa_controller_v1_PartitionIsrResult, _samsa_controller_v1_PartitionIsrResult__Output>
        PartitionState: MessageTypeDefinition<_samsa_controller_v1_PartitionState, _samsa_controller_v1_PartitionState__Output>
        ReassignablePartition: MessageTypeDefinition<_samsa_controller_v1_ReassignablePartition, _samsa_controller_v1_ReassignablePartition__Output>
        ReassignmentResult: MessageTypeDefinition<_samsa_controller_v1_ReassignmentResult, _samsa_controller_v1_ReassignmentResult__Output>
        RegisterBrokerRequest: MessageTypeDefinition<_samsa_controller_v1_RegisterBrokerRequest, _samsa_controller_v1_RegisterBrokerRequest__Output>
        RegisterBrokerResponse: MessageTypeDefinition<_samsa_controller_v1_RegisterBrokerResponse, _samsa_controller_v1_RegisterBrokerResponse__Output>
        ReplicaLogState: MessageTypeDefinition<_samsa_controller_v1_ReplicaLogState, _samsa_controller_v1_ReplicaLogState__Output>
        TopicConfig: MessageTypeDefinition<_samsa_controller_v1_TopicConfig, _samsa_controller_v1_TopicConfig__Output>
        TopicDescription: MessageTypeDefinition<_samsa_controller_v1_TopicDescription, _samsa_controller_v1_TopicDescription__Output>
        TopicResult: MessageTypeDefinition<_samsa_controller_v1_TopicResult, _samsa_controller_v1_TopicResult__Output>
      }
    }
  }
}

