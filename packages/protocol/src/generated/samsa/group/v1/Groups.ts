// Original file: proto/samsa/v1/group.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AlterOffsetsRequest as _samsa_group_v1_AlterOffsetsRequest, AlterOffsetsRequest__Output as _samsa_group_v1_AlterOffsetsRequest__Output } from '../../../samsa/group/v1/AlterOffsetsRequest';
import type { AlterOffsetsResponse as _samsa_group_v1_AlterOffsetsResponse, AlterOffsetsResponse__Output as _samsa_group_v1_AlterOffsetsResponse__Output } from '../../../samsa/group/v1/AlterOffsetsResponse';
import type { DeleteGroupsRequest as _samsa_group_v1_DeleteGroupsRequest, DeleteGroupsRequest__Output as _samsa_group_v1_DeleteGroupsRequest__Output } from '../../../samsa/group/v1/DeleteGroupsRequest';
import type { DeleteGroupsResponse as _samsa_group_v1_DeleteGroupsResponse, DeleteGroupsResponse__Output as _samsa_group_v1_DeleteGroupsResponse__Output } from '../../../samsa/group/v1/DeleteGroupsResponse';
import type { DescribeGroupsRequest as _samsa_group_v1_DescribeGroupsRequest, DescribeGroupsRequest__Output as _samsa_group_v1_DescribeGroupsRequest__Output } from '../../../samsa/group/v1/DescribeGroupsRequest';
import type { DescribeGroupsResponse as _samsa_group_v1_DescribeGroupsResponse, DescribeGroupsResponse__Output as _samsa_group_v1_DescribeGroupsResponse__Output } from '../../../samsa/group/v1/DescribeGroupsResponse';
import type { FindCoordinatorRequest as _samsa_group_v1_FindCoordinatorRequest, FindCoordinatorRequest__Output as _samsa_group_v1_FindCoordinatorRequest__Output } from '../../../samsa/group/v1/FindCoordinatorRequest';
import type { FindCoordinatorResponse as _samsa_group_v1_FindCoordinatorResponse, FindCoordinatorResponse__Output as _samsa_group_v1_FindCoordinatorResponse__Output } from '../../../samsa/group/v1/FindCoordinatorResponse';
import type { HeartbeatRequest as _samsa_group_v1_HeartbeatRequest, HeartbeatRequest__Output as _samsa_group_v1_HeartbeatRequest__Output } from '../../../samsa/group/v1/HeartbeatRequest';
import type { HeartbeatResponse as _samsa_group_v1_HeartbeatResponse, HeartbeatResponse__Output as _samsa_group_v1_HeartbeatResponse__Output } from '../../../samsa/group/v1/HeartbeatResponse';
import type { ListGroupsRequest as _samsa_group_v1_ListGroupsRequest, ListGroupsRequest__Output as _samsa_group_v1_ListGroupsRequest__Output } from '../../../samsa/group/v1/ListGroupsRequest';
import type { ListGroupsResponse as _samsa_group_v1_ListGroupsResponse, ListGroupsResponse__Output as _samsa_group_v1_ListGroupsResponse__Output } from '../../../samsa/group/v1/ListGroupsResponse';
import type { OffsetCommitRequest as _samsa_group_v1_OffsetCommitRequest, OffsetCommitRequest__Output as _samsa_group_v1_OffsetCommitRequest__Output } from '../../../samsa/group/v1/OffsetCommitRequest';
import type { OffsetCommitResponse as _samsa_group_v1_OffsetCommitResponse, OffsetCommitResponse__Output as _samsa_group_v1_OffsetCommitResponse__Output } from '../../../samsa/group/v1/OffsetCommitResponse';
import type { OffsetFetchRequest as _samsa_group_v1_OffsetFetchRequest, OffsetFetchRequest__Output as _samsa_group_v1_OffsetFetchRequest__Output } from '../../../samsa/group/v1/OffsetFetchRequest';
import type { OffsetFetchResponse as _samsa_group_v1_OffsetFetchResponse, OffsetFetchResponse__Output as _samsa_group_v1_OffsetFetchResponse__Output } from '../../../samsa/group/v1/OffsetFetchResponse';

export interface GroupsClient extends grpc.Client {
  /**
   * Committed offsets set by an operator (reset-offsets); refused while the group has members.
   */
  AlterOffsets(argument: _samsa_group_v1_AlterOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_AlterOffsetsResponse__Output>): grpc.ClientUnaryCall;
  AlterOffsets(argument: _samsa_group_v1_AlterOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_AlterOffsetsResponse__Output>): grpc.ClientUnaryCall;
  AlterOffsets(argument: _samsa_group_v1_AlterOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_AlterOffsetsResponse__Output>): grpc.ClientUnaryCall;
  AlterOffsets(argument: _samsa_group_v1_AlterOffsetsRequest, callback: grpc.requestCallback<_samsa_group_v1_AlterOffsetsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Committed offsets set by an operator (reset-offsets); refused while the group has members.
   */
  alterOffsets(argument: _samsa_group_v1_AlterOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_AlterOffsetsResponse__Output>): grpc.ClientUnaryCall;
  alterOffsets(argument: _samsa_group_v1_AlterOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_AlterOffsetsResponse__Output>): grpc.ClientUnaryCall;
  alterOffsets(argument: _samsa_group_v1_AlterOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_AlterOffsetsResponse__Output>): grpc.ClientUnaryCall;
  alterOffsets(argument: _samsa_group_v1_AlterOffsetsRequest, callback: grpc.requestCallback<_samsa_group_v1_AlterOffsetsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Refused (NON_EMPTY_GROUP) while the group has members.
   */
  DeleteGroups(argument: _samsa_group_v1_DeleteGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  DeleteGroups(argument: _samsa_group_v1_DeleteGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  DeleteGroups(argument: _samsa_group_v1_DeleteGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  DeleteGroups(argument: _samsa_group_v1_DeleteGroupsRequest, callback: grpc.requestCallback<_samsa_group_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Refused (NON_EMPTY_GROUP) while the group has members.
   */
  deleteGroups(argument: _samsa_group_v1_DeleteGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  deleteGroups(argument: _samsa_group_v1_DeleteGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  deleteGroups(argument: _samsa_group_v1_DeleteGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  deleteGroups(argument: _samsa_group_v1_DeleteGroupsRequest, callback: grpc.requestCallback<_samsa_group_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeGroups(argument: _samsa_group_v1_DescribeGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  DescribeGroups(argument: _samsa_group_v1_DescribeGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  DescribeGroups(argument: _samsa_group_v1_DescribeGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  DescribeGroups(argument: _samsa_group_v1_DescribeGroupsRequest, callback: grpc.requestCallback<_samsa_group_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  describeGroups(argument: _samsa_group_v1_DescribeGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  describeGroups(argument: _samsa_group_v1_DescribeGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  describeGroups(argument: _samsa_group_v1_DescribeGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  describeGroups(argument: _samsa_group_v1_DescribeGroupsRequest, callback: grpc.requestCallback<_samsa_group_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Where each group's coordinator listens.
   */
  FindCoordinator(argument: _samsa_group_v1_FindCoordinatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  FindCoordinator(argument: _samsa_group_v1_FindCoordinatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  FindCoordinator(argument: _samsa_group_v1_FindCoordinatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  FindCoordinator(argument: _samsa_group_v1_FindCoordinatorRequest, callback: grpc.requestCallback<_samsa_group_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Where each group's coordinator listens.
   */
  findCoordinator(argument: _samsa_group_v1_FindCoordinatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  findCoordinator(argument: _samsa_group_v1_FindCoordinatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  findCoordinator(argument: _samsa_group_v1_FindCoordinatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  findCoordinator(argument: _samsa_group_v1_FindCoordinatorRequest, callback: grpc.requestCallback<_samsa_group_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Join (member_epoch 0), stay and acknowledge (the epoch held), leave (-1).
   */
  Heartbeat(argument: _samsa_group_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _samsa_group_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _samsa_group_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _samsa_group_v1_HeartbeatRequest, callback: grpc.requestCallback<_samsa_group_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Join (member_epoch 0), stay and acknowledge (the epoch held), leave (-1).
   */
  heartbeat(argument: _samsa_group_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _samsa_group_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _samsa_group_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _samsa_group_v1_HeartbeatRequest, callback: grpc.requestCallback<_samsa_group_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  ListGroups(argument: _samsa_group_v1_ListGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _samsa_group_v1_ListGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _samsa_group_v1_ListGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _samsa_group_v1_ListGroupsRequest, callback: grpc.requestCallback<_samsa_group_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _samsa_group_v1_ListGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _samsa_group_v1_ListGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _samsa_group_v1_ListGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _samsa_group_v1_ListGroupsRequest, callback: grpc.requestCallback<_samsa_group_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  OffsetCommit(argument: _samsa_group_v1_OffsetCommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  OffsetCommit(argument: _samsa_group_v1_OffsetCommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  OffsetCommit(argument: _samsa_group_v1_OffsetCommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  OffsetCommit(argument: _samsa_group_v1_OffsetCommitRequest, callback: grpc.requestCallback<_samsa_group_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  offsetCommit(argument: _samsa_group_v1_OffsetCommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  offsetCommit(argument: _samsa_group_v1_OffsetCommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  offsetCommit(argument: _samsa_group_v1_OffsetCommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  offsetCommit(argument: _samsa_group_v1_OffsetCommitRequest, callback: grpc.requestCallback<_samsa_group_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  
  OffsetFetch(argument: _samsa_group_v1_OffsetFetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  OffsetFetch(argument: _samsa_group_v1_OffsetFetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  OffsetFetch(argument: _samsa_group_v1_OffsetFetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  OffsetFetch(argument: _samsa_group_v1_OffsetFetchRequest, callback: grpc.requestCallback<_samsa_group_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  offsetFetch(argument: _samsa_group_v1_OffsetFetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  offsetFetch(argument: _samsa_group_v1_OffsetFetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_samsa_group_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  offsetFetch(argument: _samsa_group_v1_OffsetFetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_samsa_group_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  offsetFetch(argument: _samsa_group_v1_OffsetFetchRequest, callback: grpc.requestCallback<_samsa_group_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface GroupsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Committed offsets set by an operator (reset-offsets); refused while the group has members.
   */
  AlterOffsets: grpc.handleUnaryCall<_samsa_group_v1_AlterOffsetsRequest__Output, _samsa_group_v1_AlterOffsetsResponse>;
  
  /**
   * Refused (NON_EMPTY_GROUP) while the group has members.
   */
  DeleteGroups: grpc.handleUnaryCall<_samsa_group_v1_DeleteGroupsRequest__Output, _samsa_group_v1_DeleteGroupsResponse>;
  
  DescribeGroups: grpc.handleUnaryCall<_samsa_group_v1_DescribeGroupsRequest__Output, _samsa_group_v1_DescribeGroupsResponse>;
  
  /**
   * Where each group's coordinator listens.
   */
  FindCoordinator: grpc.handleUnaryCall<_samsa_group_v1_FindCoordinatorRequest__Output, _samsa_group_v1_FindCoordinatorResponse>;
  
  /**
   * Join (member_epoch 0), stay and acknowledge (the epoch held), leave (-1).
   */
  Heartbeat: grpc.handleUnaryCall<_samsa_group_v1_HeartbeatRequest__Output, _samsa_group_v1_HeartbeatResponse>;
  
  ListGroups: grpc.handleUnaryCall<_samsa_group_v1_ListGroupsRequest__Output, _samsa_group_v1_ListGroupsResponse>;
  
  OffsetCommit: grpc.handleUnaryCall<_samsa_group_v1_OffsetCommitRequest__Output, _samsa_group_v1_OffsetCommitResponse>;
  
  OffsetFetch: grpc.handleUnaryCall<_samsa_group_v1_OffsetFetchRequest__Output, _samsa_group_v1_OffsetFetchResponse>;
  
}

export interface GroupsDefinition extends grpc.ServiceDefinition {
  AlterOffsets: MethodDefinition<_samsa_group_v1_AlterOffsetsRequest, _samsa_group_v1_AlterOffsetsResponse, _samsa_group_v1_AlterOffsetsRequest__Output, _samsa_group_v1_AlterOffsetsResponse__Output>
  DeleteGroups: MethodDefinition<_samsa_group_v1_DeleteGroupsRequest, _samsa_group_v1_DeleteGroupsResponse, _samsa_group_v1_DeleteGroupsRequest__Output, _samsa_group_v1_DeleteGroupsResponse__Output>
  DescribeGroups: MethodDefinition<_samsa_group_v1_DescribeGroupsRequest, _samsa_group_v1_DescribeGroupsResponse, _samsa_group_v1_DescribeGroupsRequest__Output, _samsa_group_v1_DescribeGroupsResponse__Output>
  FindCoordinator: MethodDefinition<_samsa_group_v1_FindCoordinatorRequest, _samsa_group_v1_FindCoordinatorResponse, _samsa_group_v1_FindCoordinatorRequest__Output, _samsa_group_v1_FindCoordinatorResponse__Output>
  Heartbeat: MethodDefinition<_samsa_group_v1_HeartbeatRequest, _samsa_group_v1_HeartbeatResponse, _samsa_group_v1_HeartbeatRequest__Output, _samsa_group_v1_HeartbeatResponse__Output>
  ListGroups: MethodDefinition<_samsa_group_v1_ListGroupsRequest, _samsa_group_v1_ListGroupsResponse, _samsa_group_v1_ListGroupsRequest__Output, _samsa_group_v1_ListGroupsResponse__Output>
  OffsetCommit: MethodDefinition<_samsa_group_v1_OffsetCommitRequest, _samsa_group_v1_OffsetCommitResponse, _samsa_group_v1_OffsetCommitRequest__Output, _samsa_group_v1_OffsetCommitResponse__Output>
  OffsetFetch: MethodDefinition<_samsa_group_v1_OffsetFetchRequest, _samsa_group_v1_OffsetFetchResponse, _samsa_group_v1_OffsetFetchRequest__Output, _samsa_group_v1_OffsetFetchResponse__Output>
}
