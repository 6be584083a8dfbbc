// Original file: proto/samsa/v1/controller.proto

import type { ReassignablePartition as _samsa_controller_v1_ReassignablePartition, ReassignablePartition__Output as _samsa_controller_v1_ReassignablePartition__Output } from '../../../samsa/controller/v1/ReassignablePartition';

export interface AlterPartitionReassignmentsRequest {
  'partitions'?: (_samsa_controller_v1_ReassignablePartition)[];
}

export interface AlterPartitionReassignmentsRequest__Output {
  'partitions': (_samsa_controller_v1_ReassignablePartition__Output)[];
}
