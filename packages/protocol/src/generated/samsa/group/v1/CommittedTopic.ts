// Original file: proto/samsa/v1/group.proto

import type { CommittedOffset as _samsa_group_v1_CommittedOffset, CommittedOffset__Output as _samsa_group_v1_CommittedOffset__Output } from '../../../samsa/group/v1/CommittedOffset';

export interface CommittedTopic {
  'topic'?: (string);
  'partitions'?: (_samsa_group_v1_CommittedOffset)[];
}

export interface CommittedTopic__Output {
  'topic': (string);
  'partitions': (_samsa_group_v1_CommittedOffset__Output)[];
}
