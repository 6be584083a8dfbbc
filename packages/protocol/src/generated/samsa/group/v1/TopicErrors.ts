// Original file: proto/samsa/v1/group.proto

import type { PartitionError as _samsa_group_v1_PartitionError, PartitionError__Output as _samsa_group_v1_PartitionError__Output } from '../../../samsa/group/v1/PartitionError';

export interface TopicErrors {
  'topic'?: (string);
  'partitions'?: (_samsa_group_v1_PartitionError)[];
}

export interface TopicErrors__Output {
  'topic': (string);
  'partitions': (_samsa_group_v1_PartitionError__Output)[];
}
