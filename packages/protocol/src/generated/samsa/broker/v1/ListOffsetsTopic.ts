// Original file: proto/samsa/v1/broker.proto

import type { ListOffsetsPartition as _samsa_broker_v1_ListOffsetsPartition, ListOffsetsPartition__Output as _samsa_broker_v1_ListOffsetsPartition__Output } from '../../../samsa/broker/v1/ListOffsetsPartition';

export interface ListOffsetsTopic {
  'name'?: (string);
  'partitions'?: (_samsa_broker_v1_ListOffsetsPartition)[];
}

export interface ListOffsetsTopic__Output {
  'name': (string);
  'partitions': (_samsa_broker_v1_ListOffsetsPartition__Output)[];
}
