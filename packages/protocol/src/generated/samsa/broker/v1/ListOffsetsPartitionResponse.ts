// Original file: proto/samsa/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface ListOffsetsPartitionResponse {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'timestamp'?: (number | string | Long);
  /**
   * -1 when no record has a timestamp at or after the one asked.
   */
  'offset'?: (number | string | Long);
  'leaderEpoch'?: (number);
}

export interface ListOffsetsPartitionResponse__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'timestamp': (number);
  /**
   * -1 when no record has a timestamp at or after the one asked.
   */
  'offset': (number);
  'leaderEpoch': (number);
}
