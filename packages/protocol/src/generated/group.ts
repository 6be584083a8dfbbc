import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AlterOffsetsRequest as _samsa_group_v1_AlterOffsetsRequest, AlterOffsetsRequest__Output as _samsa_group_v1_AlterOffsetsRequest__Output } from './samsa/group/v1/AlterOffsetsRequest';
import type { AlterOffsetsResponse as _samsa_group_v1_AlterOffsetsResponse, AlterOffsetsResponse__Output as _samsa_group_v1_AlterOffsetsResponse__Output } from './samsa/group/v1/AlterOffsetsResponse';
import type { CommittedOffset as _samsa_group_v1_CommittedOffset, CommittedOffset__Output as _samsa_group_v1_CommittedOffset__Output } from './samsa/group/v1/CommittedOffset';
import type { CommittedTopic as _samsa_group_v1_CommittedTopic, CommittedTopic__Output as _samsa_group_v1_CommittedTopic__Output } from './samsa/group/v1/CommittedTopic';
import type { Coordinator as _samsa_group_v1_Coordinator, Coordinator__Output as _samsa_group_v1_Coordinator__Output } from './samsa/group/v1/Coordinator';
import type { DeleteGroupsRequest as _samsa_group_v1_DeleteGroupsRequest, DeleteGroupsRequest__Output as _samsa_group_v1_DeleteGroupsRequest__Output } from './samsa/group/v1/DeleteGroupsRequest';
import type { DeleteGroupsResponse as _samsa_group_v1_DeleteGroupsResponse, DeleteGroupsResponse__Output as _samsa_group_v1_DeleteGroupsResponse__Output } from './samsa/group/v1/DeleteGroupsResponse';
import type { DescribeGroupsRequest as _samsa_group_v1_DescribeGroupsRequest, DescribeGroupsRequest__Output as _samsa_group_v1_DescribeGroupsRequest__Output } from './samsa/group/v1/DescribeGroupsRequest';
import type { DescribeGroupsResponse as _samsa_group_v1_DescribeGroupsResponse, DescribeGroupsResponse__Output as _samsa_group_v1_DescribeGroupsResponse__Output } from './samsa/group/v1/DescribeGroupsResponse';
import type { FindCoordinatorRequest as _samsa_group_v1_FindCoordinatorRequest, FindCoordinatorRequest__Output as _samsa_group_v1_FindCoordinatorRequest__Output } from './samsa/group/v1/FindCoordinatorRequest';
import type { FindCoordinatorResponse as _samsa_group_v1_FindCoordinatorResponse, FindCoordinatorResponse__Output as _samsa_group_v1_FindCoordinatorResponse__Output } from './samsa/group/v1/FindCoordinatorResponse';
import type { GroupDescription as _samsa_group_v1_GroupDescription, GroupDescription__Output as _samsa_group_v1_GroupDescription__Output } from './samsa/group/v1/GroupDescription';
import type { GroupListing as _samsa_group_v1_GroupListing, GroupListing__Output as _samsa_group_v1_GroupListing__Output } from './samsa/group/v1/GroupListing';
import type { GroupMember as _samsa_group_v1_GroupMember, GroupMember__Output as _samsa_group_v1_GroupMember__Output } from './samsa/group/v1/GroupMember';
import type { GroupResult as _samsa_group_v1_GroupResult, GroupResult__Output as _samsa_group_v1_GroupResult__Output } from './samsa/group/v1/GroupResult';
import type { GroupsClient as _samsa_group_v1_GroupsClient, GroupsDefinition as _samsa_group_v1_GroupsDefinition } from './samsa/group/v1/Groups';
import type { HeartbeatRequest as _samsa_group_v1_HeartbeatRequest, HeartbeatRequest__Output as _samsa_group_v1_HeartbeatRequest__Output } from './samsa/group/v1/HeartbeatRequest';
import type { HeartbeatResponse as _samsa_group_v1_HeartbeatResponse, HeartbeatResponse__Output as _samsa_group_v1_HeartbeatResponse__Output } from './samsa/group/v1/HeartbeatResponse';
import type { ListGroupsRequest as _samsa_group_v1_ListGroupsRequest, ListGroupsRequest__Output as _samsa_group_v1_ListGroupsRequest__Output } from './samsa/group/v1/ListGroupsRequest';
import type { ListGroupsResponse as _samsa_group_v1_ListGroupsResponse, ListGroupsResponse__Output as _samsa_group_v1_ListGroupsResponse__Output } from './samsa/group/v1/ListGroupsResponse';
import type { OffsetCommitPartition as _samsa_group_v1_OffsetCommitPartition, OffsetCommitPartition__Output as _samsa_group_v1_OffsetCommitPartition__Output } from './samsa/group/v1/OffsetCommitPartition';
import type { OffsetCommitRequest as _samsa_group_v1_OffsetCommitRequest, OffsetCommitRequest__Output as _samsa_group_v1_OffsetCommitRequest__Output } from './samsa/group/v1/OffsetCommitRequest';
import type { OffsetCommitResponse as _samsa_group_v1_OffsetCommitResponse, OffsetCommitResponse__Output as _samsa_group_v1_OffsetCommitResponse__Output } from './samsa/group/v1/OffsetCommitResponse';
import type { OffsetCommitTopic as _samsa_group_v1_OffsetCommitTopic, OffsetCommitTopic__Output as _samsa_group_v1_OffsetCommitTopic__Output } from './samsa/group/v1/OffsetCommitTopic';
import type { OffsetFetchRequest as _samsa_group_v1_OffsetFetchRequest, OffsetFetchRequest__Output as _samsa_group_v1_OffsetFetchRequest__Output } from './samsa/group/v1/OffsetFetchRequest';
import type { OffsetFetchResponse as _samsa_group_v1_OffsetFetchResponse, OffsetFetchResponse__Output as _samsa_group_v1_OffsetFetchResponse__Output } from './samsa/group/v1/OffsetFetchResponse';
import type { OffsetFetchTopic as _samsa_group_v1_OffsetFetchTopic, OffsetFetchTopic__Output as _samsa_group_v1_OffsetFetchTopic__Output } from './samsa/group/v1/OffsetFetchTopic';
import type { PartitionError as _samsa_group_v1_PartitionError, PartitionError__Output as _samsa_group_v1_PartitionError__Output } from './samsa/group/v1/PartitionError';
import type { TopicErrors as _samsa_group_v1_TopicErrors, TopicErrors__Output as _samsa_group_v1_TopicErrors__Output } from './samsa/group/v1/TopicErrors';
import type { TopicPartitions as _samsa_group_v1_TopicPartitions, TopicPartitions__Output as _samsa_group_v1_TopicPartitions__Output } from './samsa/group/v1/TopicPartitions';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  samsa: {
    group: {
      v1: {
        AlterOffsetsRequest: MessageTypeDefinition<_samsa_group_v1_AlterOffsetsRequest, _samsa_group_v1_AlterOffsetsRequest__Output>
        AlterOffsetsResponse: MessageTypeDefinition<_samsa_group_v1_AlterOffsetsResponse, _samsa_group_v1_AlterOffsetsResponse__Output>
        CommittedOffset: MessageTypeDefinition<_samsa_group_v1_CommittedOffset, _samsa_group_v1_CommittedOffset__Output>
        CommittedTopic: MessageTypeDefinition<_samsa_group_v1_CommittedTopic, _samsa_group_v1_CommittedTopic__Output>
        Coordinator: MessageTypeDefinition<_samsa_group_v1_Coordinator, _samsa_group_v1_Coordinator__Output>
        DeleteGroupsRequest: MessageTypeDefinition<_samsa_group_v1_DeleteGroupsRequest, _samsa_group_v1_DeleteGroupsRequest__Output>
        DeleteGroupsResponse: MessageTypeDefinition<_samsa_group_v1_DeleteGroupsResponse, _samsa_group_v1_DeleteGroupsResponse__Output>
        DescribeGroupsRequest: MessageTypeDefinition<_samsa_group_v1_DescribeGroupsRequest, _samsa_group_v1_DescribeGroupsRequest__Output>
        DescribeGroupsResponse: MessageTypeDefinition<_samsa_group_v1_DescribeGroupsResponse, _samsa_group_v1_DescribeGroupsResponse__Output>
        FindCoordinatorRequest: MessageTypeDefinition<_samsa_group_v1_FindCoordinatorRequest, _samsa_group_v1_FindCoordinatorRequest__Output>
        FindCoordinatorResponse: MessageTypeDefinition<_samsa_group_v1_FindCoordinatorResponse, _samsa_group_v1_FindCoordinatorResponse__Output>
        GroupDescription: MessageTypeDefinition<_samsa_group_v1_GroupDescription, _samsa_group_v1_GroupDescription__Output>
        GroupListing: MessageTypeDefinition<_samsa_group_v1_GroupListing, _samsa_group_v1_GroupListing__Output>
        GroupMember: MessageTypeDefinition<_samsa_group_v1_GroupMember, _samsa_group_v1_GroupMember__Output>
        GroupResult: MessageTypeDefinition<_samsa_group_v1_GroupResult, _samsa_group_v1_GroupResult__Output>
        Groups: SubtypeConstructor<typeof grpc.Client, _samsa_group_v1_GroupsClient> & { service: _samsa_group_v1_GroupsDefinition }
        HeartbeatRequest: MessageTypeDefinition<_samsa_group_v1_HeartbeatRequest, _samsa_group_v1_HeartbeatRequest__Output>
        HeartbeatResponse: MessageTypeDefinition<_samsa_group_v1_HeartbeatResponse, _samsa_group_v1_HeartbeatResponse__Output>
        ListGroupsRequest: MessageTypeDefinition<_samsa_group_v1_ListGroupsRequest, _samsa_group_v1_ListGroupsRequest__Output>
        ListGroupsResponse: MessageTypeDefinition<_samsa_group_v1_ListGroupsResponse, _samsa_group_v1_ListGroupsResponse__Output>
        OffsetCommitPartition: MessageTypeDefinition<_samsa_group_v1_OffsetCommitPartition, _samsa_group_v1_OffsetCommitPartition__Output>
        OffsetCommitRequest: MessageTypeDefinition<_samsa_group_v1_OffsetCommitRequest, _samsa_group_v1_OffsetCommitRequest__Output>
        OffsetCommitResponse: MessageTypeDefinition<_samsa_group_v1_OffsetCommitResponse, _samsa_group_v1_OffsetCommitResponse__Output>
        OffsetCommitTopic: MessageTypeDefinition<_samsa_group_v1_OffsetCommitTopic, _samsa_group_v1_OffsetCommitTopic__Output>
        OffsetFetchRequest: MessageTypeDefinition<_samsa_group_v1_OffsetFetchRequest, _samsa_group_v1_OffsetFetchRequest__Output>
        OffsetFetchResponse: MessageTypeDefinition<_samsa_group_v1_OffsetFetchResponse, _samsa_group_v1_OffsetFetchResponse__Output>
        OffsetFetchTopic: MessageTypeDefinition<_samsa_group_v1_OffsetFetchTopic, _samsa_group_v1_OffsetFetchTopic__Output>
        PartitionError: MessageTypeDefinition<_samsa_group_v1_PartitionError, _samsa_group_v1_PartitionError__Output>
        TopicErrors: MessageTypeDefinition<_samsa_group_v1_TopicErrors, _samsa_group_v1_TopicErrors__Output>
        TopicPartitions: MessageTypeDefinition<_samsa_group_v1_TopicPartitions, _samsa_group_v1_TopicPartitions__Output>
      }
    }
  }
}

