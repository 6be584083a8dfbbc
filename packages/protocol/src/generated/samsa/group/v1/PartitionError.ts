// Original file: proto/samsa/v1/group.proto


export interface PartitionError {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface PartitionError__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
}
