// Original file: proto/samsa/v1/broker.proto


export interface ForgottenPartition {
  'topicId'?: (string);
  'partition'?: (number);
}

export interface ForgottenPartition__Output {
  'topicId': (string);
  'partition': (number);
}
