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
}
