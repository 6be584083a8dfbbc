// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { PartitionState as _samsa_controller_v1_PartitionState, PartitionState__Output as _samsa_controller_v1_PartitionState__Output } from '../../../samsa/controller/v1/PartitionState';

/**
 * One partition's outcome, in the order of the request: `error` unset and the partition as
 * committed, or the error that refused it.
 */
export interface PartitionIsrResult {
  'topicId'?: (string);
  'partition'?: (number);
  'error'?: (_samsa_controller_v1_Error | null);
  'state'?: (_samsa_controller_v1_PartitionState | null);
}

/**
 * One partition's outcome, in the order of the request: `error` unset and the partition as
 * committed, or the error that refused it.
 */
export interface PartitionIsrResult__Output {
  'topicId': (string);
  'partition': (number);
  'error': (_samsa_controller_v1_Error__Output | null);
  'state': (_samsa_controller_v1_PartitionState__Output | null);
}
