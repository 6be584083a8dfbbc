// Original file: proto/samsa/v1/group.proto

import type { OffsetFetchTopic as _samsa_group_v1_OffsetFetchTopic, OffsetFetchTopic__Output as _samsa_group_v1_OffsetFetchTopic__Output } from '../../../samsa/group/v1/OffsetFetchTopic';

export interface OffsetFetchRequest {
  'groupId'?: (string);
  /**
   * Empty: every topic with a committed offset.
   */
  'topics'?: (_samsa_group_v1_OffsetFetchTopic)[];
}

export interface OffsetFetchRequest__Output {
  'groupId': (string);
  /**
   * Empty: every topic with a committed offset.
   */
  'topics': (_samsa_group_v1_OffsetFetchTopic__Output)[];
}
