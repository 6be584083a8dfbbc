// Original file: proto/samsa/v1/broker.proto

import type { PartitionProduceResponse as _samsa_broker_v1_PartitionProduceResponse, PartitionProduceResponse__Output as _samsa_broker_v1_PartitionProduceResponse__Output } from '../../../samsa/broker/v1/PartitionProduceResponse';

export interface TopicProduceResponse {
  'name'?: (string);
  'partitions'?: (_samsa_broker_v1_PartitionProduceResponse)[];
}

export interface TopicProduceResponse__Output {
  'name': (string);
  'partitions': (_samsa_broker_v1_PartitionProduceResponse__Output)[];
}
