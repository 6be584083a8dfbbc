// Original file: proto/samsa/v1/broker.proto

import type { FetchPartition as _samsa_broker_v1_FetchPartition, FetchPartition__Output as _samsa_broker_v1_FetchPartition__Output } from '../../../samsa/broker/v1/FetchPartition';

export interface FetchTopic {
  'name'?: (string);
  'partitions'?: (_samsa_broker_v1_FetchPartition)[];
}

export interface FetchTopic__Output {
  'name': (string);
  'partitions': (_samsa_broker_v1_FetchPartition__Output)[];
}
