// Original file: proto/samsa/v1/broker.proto

import type { ListOffsetsPartitionResponse as _samsa_broker_v1_ListOffsetsPartitionResponse, ListOffsetsPartitionResponse__Output as _samsa_broker_v1_ListOffsetsPartitionResponse__Output } from '../../../samsa/broker/v1/ListOffsetsPartitionResponse';

export interface ListOffsetsTopicResponse {
  'name'?: (string);
  'partitions'?: (_samsa_broker_v1_ListOffsetsPartitionResponse)[];
}

export interface ListOffsetsTopicResponse__Output {
  'name': (string);
  'partitions': (_samsa_broker_v1_ListOffsetsPartitionResponse__Output)[];
}
