// Original file: proto/samsa/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface ReplicaFetchPartition {
  'topicId'?: (string);
  'partition'?: (number);
  'currentLeaderEpoch'?: (number);
  'fetchOffset'?: (number | string | Long);
  /**
   * The epoch of the last batch the follower holds (KIP-595/KIP-279 divergence check); -1: none.
   */
  'lastFetchedEpoch'?: (number);
  'logStartOffset'?: (number | string | Long);
  'partitionMaxBytes'?: (number);
}

export interface ReplicaFetchPartition__Output {
  'topicId': (string);
  'partition': (number);
  'currentLeaderEpoch': (number);
  'fetchOffset': (number);
  /**
   * The epoch of the last batch the follower holds (KIP-595/KIP-279 divergence check); -1: none.
   */
  'lastFetchedEpoch': (number);
  'logStartOffset': (number);
  'partitionMaxBytes': (number);
}
