// Original file: proto/samsa/v1/group.proto

import type { GroupListing as _samsa_group_v1_GroupListing, GroupListing__Output as _samsa_group_v1_GroupListing__Output } from '../../../samsa/group/v1/GroupListing';

export interface ListGroupsResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'groups'?: (_samsa_group_v1_GroupListing)[];
}

export interface ListGroupsResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'groups': (_samsa_group_v1_GroupListing__Output)[];
}
