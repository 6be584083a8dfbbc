// Original file: proto/samsa/v1/group.proto

import type { OffsetCommitTopic as _samsa_group_v1_OffsetCommitTopic, OffsetCommitTopic__Output as _samsa_group_v1_OffsetCommitTopic__Output } from '../../../samsa/group/v1/OffsetCommitTopic';

export interface OffsetCommitRequest {
  'groupId'?: (string);
  /**
   * The committing member and the epoch it holds. A commit for a partition it does not own
   * at that epoch is refused (STALE_MEMBER_EPOCH / FENCED_MEMBER_EPOCH / UNKNOWN_MEMBER_ID).
   */
  'memberId'?: (string);
  'memberEpoch'?: (number);
  'topics'?: (_samsa_group_v1_OffsetCommitTopic)[];
}

export interface OffsetCommitRequest__Output {
  'groupId': (string);
  /**
   * The committing member and the epoch it holds. A commit for a partition it does not own
   * at that epoch is refused (STALE_MEMBER_EPOCH / FENCED_MEMBER_EPOCH / UNKNOWN_MEMBER_ID).
   */
  'memberId': (string);
  'memberEpoch': (number);
  'topics': (_samsa_group_v1_OffsetCommitTopic__Output)[];
}
