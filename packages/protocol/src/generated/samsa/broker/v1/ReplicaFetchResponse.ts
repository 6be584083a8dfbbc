// Original file: proto/samsa/v1/broker.proto

import type { ReplicaPartitionData as _samsa_broker_v1_ReplicaPartitionData, ReplicaPartitionData__Output as _samsa_broker_v1_ReplicaPartitionData__Output } from '../../../samsa/broker/v1/ReplicaPartitionData';

export interface ReplicaFetchResponse {
  'errorCode'?: (number);
  'partitions'?: (_samsa_broker_v1_ReplicaPartitionData)[];
}

export interface ReplicaFetchResponse__Output {
  'errorCode': (number);
  'partitions': (_samsa_broker_v1_ReplicaPartitionData__Output)[];
}
