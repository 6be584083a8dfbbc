// Original file: proto/samsa/v1/group.proto

import type { TopicPartitions as _samsa_group_v1_TopicPartitions, TopicPartitions__Output as _samsa_group_v1_TopicPartitions__Output } from '../../../samsa/group/v1/TopicPartitions';

export interface HeartbeatRequest {
  'groupId'?: (string);
  /**
   * Empty when joining: the coordinator names the member.
   */
  'memberId'?: (string);
  /**
   * 0: join. -1: leave. -2: a static member leaving for a restart (keeps its place for the
   * session timeout). Otherwise the epoch of the assignment the member holds.
   */
  'memberEpoch'?: (number);
  /**
   * Static membership (Kafka's group.instance.id); empty for none.
   */
  'instanceId'?: (string);
  'rackId'?: (string);
  'clientId'?: (string);
  /**
   * How long the member may take to let go of a partition before it is removed.
   */
  'rebalanceTimeoutMs'?: (number);
  /**
   * The subscription, sent whole with every heartbeat: topic names, or a regular expression
   * (RE2-like, matched against whole names) when subscribed_topic_regex is set.
   */
  'subscribedTopicNames'?: (string)[];
  'subscribedTopicRegex'?: (string);
  /**
   * "uniform" (sticky and balanced, the default), "range" or "round-robin".
   */
  'serverAssignor'?: (string);
  /**
   * The partitions the member owns now, after letting go of what it was asked to.
   */
  'owned'?: (_samsa_group_v1_TopicPartitions)[];
}

export interface HeartbeatRequest__Output {
  'groupId': (string);
  /**
   * Empty when joining: the coordinator names the member.
   */
  'memberId': (string);
  /**
   * 0: join. -1: leave. -2: a static member leaving for a restart (keeps its place for the
   * session timeout). Otherwise the epoch of the assignment the member holds.
   */
  'memberEpoch': (number);
  /**
   * Static membership (Kafka's group.instance.id); empty for none.
   */
  'instanceId': (string);
  'rackId': (string);
  'clientId': (string);
  /**
   * How long the member may take to let go of a partition before it is removed.
   */
  'rebalanceTimeoutMs': (number);
  /**
   * The subscription, sent whole with every heartbeat: topic names, or a regular expression
   * (RE2-like, matched against whole names) when subscribed_topic_regex is set.
   */
  'subscribedTopicNames': (string)[];
  'subscribedTopicRegex': (string);
  /**
   * "uniform" (sticky and balanced, the default), "range" or "round-robin".
   */
  'serverAssignor': (string);
  /**
   * The partitions the member owns now, after letting go of what it was asked to.
   */
  'owned': (_samsa_group_v1_TopicPartitions__Output)[];
}
