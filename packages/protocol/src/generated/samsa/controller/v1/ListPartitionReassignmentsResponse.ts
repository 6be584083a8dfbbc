// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { OngoingReassignment as _samsa_controller_v1_OngoingReassignment, OngoingReassignment__Output as _samsa_controller_v1_OngoingReassignment__Output } from '../../../samsa/controller/v1/OngoingReassignment';

export interface ListPartitionReassignmentsResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'reassignments'?: (_samsa_controller_v1_OngoingReassignment)[];
}

export interface ListPartitionReassignmentsResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'reassignments': (_samsa_controller_v1_OngoingReassignment__Output)[];
}
