// Original file: proto/samsa/v1/controller.proto


export interface ReassignablePartition {
  'topic'?: (string);
  'partition'?: (number);
  /**
   * Empty cancels an ongoing reassignment.
   */
  'replicas'?: (number)[];
}

export interface ReassignablePartition__Output {
  'topic': (string);
  'partition': (number);
  /**
   * Empty cancels an ongoing reassignment.
   */
  'replicas': (number)[];
}
