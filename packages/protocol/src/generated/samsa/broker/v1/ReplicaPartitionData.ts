// Original file: proto/samsa/v1/broker.proto

import type { EpochEndOffset as _samsa_broker_v1_EpochEndOffset, EpochEndOffset__Output as _samsa_broker_v1_EpochEndOffset__Output } from '../../../samsa/broker/v1/EpochEndOffset';
import type { Long } from '@grpc/proto-loader';

export interface ReplicaPartitionData {
  'topicId'?: (string);
  'partition'?: (number);
  'errorCode'?: (number);
  'highWatermark'?: (number | string | Long);
  'logStartOffset'?: (number | string | Long);
  /**
   * Set when the follower's log diverged: truncate to end_offset, then fetch again.
   */
  'divergingEpoch'?: (_samsa_broker_v1_EpochEndOffset | null);
  'records'?: (Buffer | Uint8Array | string);
}

export interface ReplicaPartitionData__Output {
  'topicId': (string);
  'partition': (number);
  'errorCode': (number);
  'highWatermark': (number);
  'logStartOffset': (number);
  /**
   * Set when the follower's log diverged: truncate to end_offset, then fetch again.
   */
  'divergingEpoch': (_samsa_broker_v1_EpochEndOffset__Output | null);
  'records': (Buffer);
}
