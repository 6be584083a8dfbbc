// Original file: proto/samsa/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface FetchPartition {
  'partition'?: (number);
  'fetchOffset'?: (number | string | Long);
  'partitionMaxBytes'?: (number);
  /**
   * -1: no check.
   */
  'currentLeaderEpoch'?: (number);
}

export interface FetchPartition__Output {
  'partition': (number);
  'fetchOffset': (number);
  'partitionMaxBytes': (number);
  /**
   * -1: no check.
   */
  'currentLeaderEpoch': (number);
}
