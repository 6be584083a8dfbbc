// Original file: proto/samsa/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface ListOffsetsPartition {
  'partition'?: (number);
  /**
   * -1: the latest offset (high watermark); -2: the earliest; otherwise a timestamp in ms.
   */
  'timestamp'?: (number | string | Long);
  'currentLeaderEpoch'?: (number);
}

export interface ListOffsetsPartition__Output {
  'partition': (number);
  /**
   * -1: the latest offset (high watermark); -2: the earliest; otherwise a timestamp in ms.
   */
  'timestamp': (number);
  'currentLeaderEpoch': (number);
}
