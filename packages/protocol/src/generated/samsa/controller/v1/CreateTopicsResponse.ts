// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { CreateTopicResult as _samsa_controller_v1_CreateTopicResult, CreateTopicResult__Output as _samsa_controller_v1_CreateTopicResult__Output } from '../../../samsa/controller/v1/CreateTopicResult';

export interface CreateTopicsResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'topics'?: (_samsa_controller_v1_CreateTopicResult)[];
}

export interface CreateTopicsResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'topics': (_samsa_controller_v1_CreateTopicResult__Output)[];
}
