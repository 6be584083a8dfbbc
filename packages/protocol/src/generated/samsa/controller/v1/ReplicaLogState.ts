// Original file: proto/samsa/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface ReplicaLogState {
  'topicId'?: (string);
  'partition'?: (number);
  /**
   * The latest leader epoch in the replica's epoch cache; -1 when it has none.
   */
  'lastEpoch'?: (number);
  'logEndOffset'?: (number | string | Long);
}

export interface ReplicaLogState__Output {
  'topicId': (string);
  'partition': (number);
  /**
   * The latest leader epoch in the replica's epoch cache; -1 when it has none.
   */
  'lastEpoch': (number);
  'logEndOffset': (number);
}
