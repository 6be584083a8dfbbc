// Original file: proto/samsa/v1/group.proto

import type { Long } from '@grpc/proto-loader';

export interface OffsetCommitPartition {
  'partition'?: (number);
  /**
   * The next offset to consume.
   */
  'offset'?: (number | string | Long);
  /**
   * The leader epoch of the record before `offset`, -1 if unknown (KIP-320).
   */
  'leaderEpoch'?: (number);
  'metadata'?: (string);
}

export interface OffsetCommitPartition__Output {
  'partition': (number);
  /**
   * The next offset to consume.
   */
  'offset': (number);
  /**
   * The leader epoch of the record before `offset`, -1 if unknown (KIP-320).
   */
  'leaderEpoch': (number);
  'metadata': (string);
}
