// Original file: proto/samsa/v1/broker.proto

import type { ListOffsetsTopicResponse as _samsa_broker_v1_ListOffsetsTopicResponse, ListOffsetsTopicResponse__Output as _samsa_broker_v1_ListOffsetsTopicResponse__Output } from '../../../samsa/broker/v1/ListOffsetsTopicResponse';

export interface ListOffsetsResponse {
  'topics'?: (_samsa_broker_v1_ListOffsetsTopicResponse)[];
}

export interface ListOffsetsResponse__Output {
  'topics': (_samsa_broker_v1_ListOffsetsTopicResponse__Output)[];
}
