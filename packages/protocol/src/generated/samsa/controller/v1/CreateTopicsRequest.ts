// Original file: proto/samsa/v1/controller.proto

import type { CreatableTopic as _samsa_controller_v1_CreatableTopic, CreatableTopic__Output as _samsa_controller_v1_CreatableTopic__Output } from '../../../samsa/controller/v1/CreatableTopic';

export interface CreateTopicsRequest {
  'topics'?: (_samsa_controller_v1_CreatableTopic)[];
}

export interface CreateTopicsRequest__Output {
  'topics': (_samsa_controller_v1_CreatableTopic__Output)[];
}
