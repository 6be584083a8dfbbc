// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';

export interface ReassignmentResult {
  'topic'?: (string);
  'partition'?: (number);
  'error'?: (_samsa_controller_v1_Error | null);
}

export interface ReassignmentResult__Output {
  'topic': (string);
  'partition': (number);
  'error': (_samsa_controller_v1_Error__Output | null);
}
