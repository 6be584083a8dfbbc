// Original file: proto/samsa/v1/broker.proto

import type { LeaderHint as _samsa_broker_v1_LeaderHint, LeaderHint__Output as _samsa_broker_v1_LeaderHint__Output } from '../../../samsa/broker/v1/LeaderHint';
import type { Long } from '@grpc/proto-loader';

export interface PartitionData {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'highWatermark'?: (number | string | Long);
  'lastStableOffset'?: (number | string | Long);
  'logStartOffset'?: (number | string | Long);
  /**
   * Whole batches, raw bytes from the segment files.
   */
  'records'?: (Buffer | Uint8Array | string);
  'currentLeader'?: (_samsa_broker_v1_LeaderHint | null);
}

export interface PartitionData__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'highWatermark': (number);
  'lastStableOffset': (number);
  'logStartOffset': (number);
  /**
   * Whole batches, raw bytes from the segment files.
   */
  'records': (Buffer);
  'currentLeader': (_samsa_broker_v1_LeaderHint__Output | null);
}
