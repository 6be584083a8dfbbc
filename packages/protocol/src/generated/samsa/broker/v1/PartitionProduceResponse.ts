// Original file: proto/samsa/v1/broker.proto

import type { LeaderHint as _samsa_broker_v1_LeaderHint, LeaderHint__Output as _samsa_broker_v1_LeaderHint__Output } from '../../../samsa/broker/v1/LeaderHint';
import type { Long } from '@grpc/proto-loader';

export interface PartitionProduceResponse {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'baseOffset'?: (number | string | Long);
  'logAppendTimeMs'?: (number | string | Long);
  'logStartOffset'?: (number | string | Long);
  'currentLeader'?: (_samsa_broker_v1_LeaderHint | null);
}

export interface PartitionProduceResponse__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'baseOffset': (number);
  'logAppendTimeMs': (number);
  'logStartOffset': (number);
  'currentLeader': (_samsa_broker_v1_LeaderHint__Output | null);
}
