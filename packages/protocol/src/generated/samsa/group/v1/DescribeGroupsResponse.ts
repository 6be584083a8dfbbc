// Original file: proto/samsa/v1/group.proto

import type { GroupDescription as _samsa_group_v1_GroupDescription, GroupDescription__Output as _samsa_group_v1_GroupDescription__Output } from '../../../samsa/group/v1/GroupDescription';

export interface DescribeGroupsResponse {
  'groups'?: (_samsa_group_v1_GroupDescription)[];
}

export interface DescribeGroupsResponse__Output {
  'groups': (_samsa_group_v1_GroupDescription__Output)[];
}
