// Original file: proto/samsa/v1/broker.proto

import type { PartitionData as _samsa_broker_v1_PartitionData, PartitionData__Output as _samsa_broker_v1_PartitionData__Output } from '../../../samsa/broker/v1/PartitionData';

export interface FetchableTopicResponse {
  'name'?: (string);
  'partitions'?: (_samsa_broker_v1_PartitionData)[];
}

export interface FetchableTopicResponse__Output {
  'name': (string);
  'partitions': (_samsa_broker_v1_PartitionData__Output)[];
}
