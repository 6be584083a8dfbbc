// Original file: proto/samsa/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface AlterPartitionRequest {
  'brokerId'?: (number);
  'brokerEpoch'?: (number | string | Long);
  'topicId'?: (string);
  'partition'?: (number);
  'leaderEpoch'?: (number);
  'partitionEpoch'?: (number);
  'newIsr'?: (number)[];
}

export interface AlterPartitionRequest__Output {
  'brokerId': (number);
  'brokerEpoch': (number);
  'topicId': (string);
  'partition': (number);
  'leaderEpoch': (number);
  'partitionEpoch': (number);
  'newIsr': (number)[];
}
