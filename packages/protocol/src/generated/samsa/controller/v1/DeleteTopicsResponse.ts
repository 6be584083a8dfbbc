// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { TopicResult as _samsa_controller_v1_TopicResult, TopicResult__Output as _samsa_controller_v1_TopicResult__Output } from '../../../samsa/controller/v1/TopicResult';

export interface DeleteTopicsResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'topics'?: (_samsa_controller_v1_TopicResult)[];
}

export interface DeleteTopicsResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'topics': (_samsa_controller_v1_TopicResult__Output)[];
}
