// Original file: proto/samsa/v1/broker.proto

import type { PartitionProduceData as _samsa_broker_v1_PartitionProduceData, PartitionProduceData__Output as _samsa_broker_v1_PartitionProduceData__Output } from '../../../samsa/broker/v1/PartitionProduceData';

export interface TopicProduceData {
  'name'?: (string);
  'partitions'?: (_samsa_broker_v1_PartitionProduceData)[];
}

export interface TopicProduceData__Output {
  'name': (string);
  'partitions': (_samsa_broker_v1_PartitionProduceData__Output)[];
}
