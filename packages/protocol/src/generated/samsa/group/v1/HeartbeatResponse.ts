// Original file: proto/samsa/v1/group.proto

import type { TopicPartitions as _samsa_group_v1_TopicPartitions, TopicPartitions__Output as _samsa_group_v1_TopicPartitions__Output } from '../../../samsa/group/v1/TopicPartitions';

export interface HeartbeatResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'memberId'?: (string);
  /**
   * The epoch of `assignment`; the member sends it back once it owns exactly that.
   */
  'memberEpoch'?: (number);
  'heartbeatIntervalMs'?: (number);
  /**
   * What the member may own now: partitions it keeps or newly gets. A partition it owns
   * and does not find here is to be let go of (commit first, then drop it).
   */
  'assignment'?: (_samsa_group_v1_TopicPartitions)[];
}

export interface HeartbeatResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'memberId': (string);
  /**
   * The epoch of `assignment`; the member sends it back once it owns exactly that.
   */
  'memberEpoch': (number);
  'heartbeatIntervalMs': (number);
  /**
   * What the member may own now: partitions it keeps or newly gets. A partition it owns
   * and does not find here is to be let go of (commit first, then drop it).
   */
  'assignment': (_samsa_group_v1_TopicPartitions__Output)[];
}
