// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';

export interface AlterConfigsResponse {
  'error'?: (_samsa_controller_v1_Error | null);
}

export interface AlterConfigsResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
}
