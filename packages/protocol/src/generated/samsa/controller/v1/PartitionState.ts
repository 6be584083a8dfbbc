// Original file: proto/samsa/v1/controller.proto


export interface PartitionState {
  'topic'?: (string);
  'topicId'?: (string);
  'partition'?: (number);
  'leader'?: (number);
  'leaderEpoch'?: (number);
  'partitionEpoch'?: (number);
  'replicas'?: (number)[];
  'isr'?: (number)[];
  'addingReplicas'?: (number)[];
  'removingReplicas'?: (number)[];
  /**
   * KIP-966: eligible leader replicas and the last known ELR (see @samsa/metadata's records).
   */
  'elr'?: (number)[];
  'lastKnownElr'?: (number)[];
}

export interface PartitionState__Output {
  'topic': (string);
  'topicId': (string);
  'partition': (number);
  'leader': (number);
  'leaderEpoch': (number);
  'partitionEpoch': (number);
  'replicas': (number)[];
  'isr': (number)[];
  'addingReplicas': (number)[];
  'removingReplicas': (number)[];
  /**
   * KIP-966: eligible leader replicas and the last known ELR (see @samsa/metadata's records).
   */
  'elr': (number)[];
  'lastKnownElr': (number)[];
}
