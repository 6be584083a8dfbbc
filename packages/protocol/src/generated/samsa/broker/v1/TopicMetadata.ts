// Original file: proto/samsa/v1/broker.proto

import type { PartitionMetadata as _samsa_broker_v1_PartitionMetadata, PartitionMetadata__Output as _samsa_broker_v1_PartitionMetadata__Output } from '../../../samsa/broker/v1/PartitionMetadata';

export interface TopicMetadata {
  'errorCode'?: (number);
  'name'?: (string);
  'topicId'?: (string);
  'partitions'?: (_samsa_broker_v1_PartitionMetadata)[];
}

export interface TopicMetadata__Output {
  'errorCode': (number);
  'name': (string);
  'topicId': (string);
  'partitions': (_samsa_broker_v1_PartitionMetadata__Output)[];
}
