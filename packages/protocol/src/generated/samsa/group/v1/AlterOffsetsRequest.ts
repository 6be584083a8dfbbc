// Original file: proto/samsa/v1/group.proto

import type { OffsetCommitTopic as _samsa_group_v1_OffsetCommitTopic, OffsetCommitTopic__Output as _samsa_group_v1_OffsetCommitTopic__Output } from '../../../samsa/group/v1/OffsetCommitTopic';

export interface AlterOffsetsRequest {
  'groupId'?: (string);
  'topics'?: (_samsa_group_v1_OffsetCommitTopic)[];
}

export interface AlterOffsetsRequest__Output {
  'groupId': (string);
  'topics': (_samsa_group_v1_OffsetCommitTopic__Output)[];
}
