// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';

export interface CreateTopicResult {
  'name'?: (string);
  'topicId'?: (string);
  'error'?: (_samsa_controller_v1_Error | null);
}

export interface CreateTopicResult__Output {
  'name': (string);
  'topicId': (string);
  'error': (_samsa_controller_v1_Error__Output | null);
}
