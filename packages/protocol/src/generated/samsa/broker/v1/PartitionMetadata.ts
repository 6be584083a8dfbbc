// Original file: proto/samsa/v1/broker.proto


export interface PartitionMetadata {
  'errorCode'?: (number);
  'partition'?: (number);
  /**
   * -1 when offline.
   */
  'leader'?: (number);
  'leaderEpoch'?: (number);
  'replicas'?: (number)[];
  'isr'?: (number)[];
}

export interface PartitionMetadata__Output {
  'errorCode': (number);
  'partition': (number);
  /**
   * -1 when offline.
   */
  'leader': (number);
  'leaderEpoch': (number);
  'replicas': (number)[];
  'isr': (number)[];
}
