// Original file: proto/samsa/v1/group.proto

import type { CommittedTopic as _samsa_group_v1_CommittedTopic, CommittedTopic__Output as _samsa_group_v1_CommittedTopic__Output } from '../../../samsa/group/v1/CommittedTopic';

export interface OffsetFetchResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'topics'?: (_samsa_group_v1_CommittedTopic)[];
}

export interface OffsetFetchResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'topics': (_samsa_group_v1_CommittedTopic__Output)[];
}
