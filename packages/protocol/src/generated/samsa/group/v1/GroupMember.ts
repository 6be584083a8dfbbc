// Original file: proto/samsa/v1/group.proto

import type { TopicPartitions as _samsa_group_v1_TopicPartitions, TopicPartitions__Output as _samsa_group_v1_TopicPartitions__Output } from '../../../samsa/group/v1/TopicPartitions';

export interface GroupMember {
  'memberId'?: (string);
  'instanceId'?: (string);
  'clientId'?: (string);
  'clientHost'?: (string);
  'rackId'?: (string);
  'memberEpoch'?: (number);
  'subscribedTopicNames'?: (string)[];
  'subscribedTopicRegex'?: (string);
  /**
   * What it owns now, and what the coordinator means it to own when reconciled.
   */
  'assignment'?: (_samsa_group_v1_TopicPartitions)[];
  'targetAssignment'?: (_samsa_group_v1_TopicPartitions)[];
}

export interface GroupMember__Output {
  'memberId': (string);
  'instanceId': (string);
  'clientId': (string);
  'clientHost': (string);
  'rackId': (string);
  'memberEpoch': (number);
  'subscribedTopicNames': (string)[];
  'subscribedTopicRegex': (string);
  /**
   * What it owns now, and what the coordinator means it to own when reconciled.
   */
  'assignment': (_samsa_group_v1_TopicPartitions__Output)[];
  'targetAssignment': (_samsa_group_v1_TopicPartitions__Output)[];
}
