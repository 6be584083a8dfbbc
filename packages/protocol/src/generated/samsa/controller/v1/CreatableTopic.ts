// Original file: proto/samsa/v1/controller.proto

import type { TopicConfig as _samsa_controller_v1_TopicConfig, TopicConfig__Output as _samsa_controller_v1_TopicConfig__Output } from '../../../samsa/controller/v1/TopicConfig';

export interface CreatableTopic {
  'name'?: (string);
  'partitions'?: (number);
  'replicationFactor'?: (number);
  'configs'?: (_samsa_controller_v1_TopicConfig)[];
}

export interface CreatableTopic__Output {
  'name': (string);
  'partitions': (number);
  'replicationFactor': (number);
  'configs': (_samsa_controller_v1_TopicConfig__Output)[];
}
