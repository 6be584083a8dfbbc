// Original file: proto/samsa/v1/broker.proto

import type { ReplicaFetchPartition as _samsa_broker_v1_ReplicaFetchPartition, ReplicaFetchPartition__Output as _samsa_broker_v1_ReplicaFetchPartition__Output } from '../../../samsa/broker/v1/ReplicaFetchPartition';
import type { Long } from '@grpc/proto-loader';

export interface ReplicaFetchRequest {
  'replicaId'?: (number);
  'brokerEpoch'?: (number | string | Long);
  'maxWaitMs'?: (number);
  'minBytes'?: (number);
  'maxBytes'?: (number);
  'partitions'?: (_samsa_broker_v1_ReplicaFetchPartition)[];
}

export interface ReplicaFetchRequest__Output {
  'replicaId': (number);
  'brokerEpoch': (number);
  'maxWaitMs': (number);
  'minBytes': (number);
  'maxBytes': (number);
  'partitions': (_samsa_broker_v1_ReplicaFetchPartition__Output)[];
}
