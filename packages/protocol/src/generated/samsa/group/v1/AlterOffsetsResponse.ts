// Original file: proto/samsa/v1/group.proto

import type { TopicErrors as _samsa_group_v1_TopicErrors, TopicErrors__Output as _samsa_group_v1_TopicErrors__Output } from '../../../samsa/group/v1/TopicErrors';

export interface AlterOffsetsResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'topics'?: (_samsa_group_v1_TopicErrors)[];
}

export interface AlterOffsetsResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'topics': (_samsa_group_v1_TopicErrors__Output)[];
}
