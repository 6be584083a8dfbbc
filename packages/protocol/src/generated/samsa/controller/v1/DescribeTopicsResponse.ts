// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { TopicDescription as _samsa_controller_v1_TopicDescription, TopicDescription__Output as _samsa_controller_v1_TopicDescription__Output } from '../../../samsa/controller/v1/TopicDescription';

export interface DescribeTopicsResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'topics'?: (_samsa_controller_v1_TopicDescription)[];
}

export interface DescribeTopicsResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'topics': (_samsa_controller_v1_TopicDescription__Output)[];
}
