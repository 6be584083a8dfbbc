// Original file: proto/samsa/v1/group.proto

import type { GroupResult as _samsa_group_v1_GroupResult, GroupResult__Output as _samsa_group_v1_GroupResult__Output } from '../../../samsa/group/v1/GroupResult';

export interface DeleteGroupsResponse {
  'groups'?: (_samsa_group_v1_GroupResult)[];
}

export interface DeleteGroupsResponse__Output {
  'groups': (_samsa_group_v1_GroupResult__Output)[];
}
