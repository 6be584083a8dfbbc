// Original file: proto/samsa/v1/group.proto

import type { TopicErrors as _samsa_group_v1_TopicErrors, TopicErrors__Output as _samsa_group_v1_TopicErrors__Output } from '../../../samsa/group/v1/TopicErrors';

export interface OffsetCommitResponse {
  /**
   * Set when the whole request failed (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, ...).
   */
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'topics'?: (_samsa_group_v1_TopicErrors)[];
}

export interface OffsetCommitResponse__Output {
  /**
   * Set when the whole request failed (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, ...).
   */
  'errorCode': (number);
  'errorMessage': (string);
  'topics': (_samsa_group_v1_TopicErrors__Output)[];
}
