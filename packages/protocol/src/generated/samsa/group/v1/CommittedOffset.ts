// Original file: proto/samsa/v1/group.proto

import type { Long } from '@grpc/proto-loader';

export interface CommittedOffset {
  'partition'?: (number);
  /**
   * -1 when nothing is committed.
   */
  'offset'?: (number | string | Long);
  'leaderEpoch'?: (number);
  'metadata'?: (string);
  'errorCode'?: (number);
}

export interface CommittedOffset__Output {
  'partition': (number);
  /**
   * -1 when nothing is committed.
   */
  'offset': (number);
  'leaderEpoch': (number);
  'metadata': (string);
  'errorCode': (number);
}
