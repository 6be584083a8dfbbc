// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { PartitionState as _samsa_controller_v1_PartitionState, PartitionState__Output as _samsa_controller_v1_PartitionState__Output } from '../../../samsa/controller/v1/PartitionState';

export interface AlterPartitionResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'partition'?: (_samsa_controller_v1_PartitionState | null);
}

export interface AlterPartitionResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'partition': (_samsa_controller_v1_PartitionState__Output | null);
}
