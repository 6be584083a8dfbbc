// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { ReassignmentResult as _samsa_controller_v1_ReassignmentResult, ReassignmentResult__Output as _samsa_controller_v1_ReassignmentResult__Output } from '../../../samsa/controller/v1/ReassignmentResult';

export interface AlterPartitionReassignmentsResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'partitions'?: (_samsa_controller_v1_ReassignmentResult)[];
}

export interface AlterPartitionReassignmentsResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'partitions': (_samsa_controller_v1_ReassignmentResult__Output)[];
}
