// Original file: proto/samsa/v1/group.proto

import type { GroupMember as _samsa_group_v1_GroupMember, GroupMember__Output as _samsa_group_v1_GroupMember__Output } from '../../../samsa/group/v1/GroupMember';

export interface GroupDescription {
  'groupId'?: (string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'state'?: (string);
  'groupEpoch'?: (number);
  'assignmentEpoch'?: (number);
  'assignor'?: (string);
  'members'?: (_samsa_group_v1_GroupMember)[];
}

export interface GroupDescription__Output {
  'groupId': (string);
  'errorCode': (number);
  'errorMessage': (string);
  'state': (string);
  'groupEpoch': (number);
  'assignmentEpoch': (number);
  'assignor': (string);
  'members': (_samsa_group_v1_GroupMember__Output)[];
}
