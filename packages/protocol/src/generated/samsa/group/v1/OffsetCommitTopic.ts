// Original file: proto/samsa/v1/group.proto

import type { OffsetCommitPartition as _samsa_group_v1_OffsetCommitPartition, OffsetCommitPartition__Output as _samsa_group_v1_OffsetCommitPartition__Output } from '../../../samsa/group/v1/OffsetCommitPartition';

export interface OffsetCommitTopic {
  'topic'?: (string);
  'partitions'?: (_samsa_group_v1_OffsetCommitPartition)[];
}

export interface OffsetCommitTopic__Output {
  'topic': (string);
  'partitions': (_samsa_group_v1_OffsetCommitPartition__Output)[];
}
