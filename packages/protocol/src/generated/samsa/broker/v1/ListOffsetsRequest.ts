// Original file: proto/samsa/v1/broker.proto

import type { ListOffsetsTopic as _samsa_broker_v1_ListOffsetsTopic, ListOffsetsTopic__Output as _samsa_broker_v1_ListOffsetsTopic__Output } from '../../../samsa/broker/v1/ListOffsetsTopic';

export interface ListOffsetsRequest {
  'isolationLevel'?: (number);
  'topics'?: (_samsa_broker_v1_ListOffsetsTopic)[];
}

export interface ListOffsetsRequest__Output {
  'isolationLevel': (number);
  'topics': (_samsa_broker_v1_ListOffsetsTopic__Output)[];
}
